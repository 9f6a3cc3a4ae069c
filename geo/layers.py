"""The layer registry: what each layer is called and how it is drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

# Bottom to top: later layers are drawn over earlier ones and take the click
LAYER_ORDER = ("land", "countries", "regions", "corridor", "towns")
PROVENANCE_KEYS = ("title", "source", "version", "licence", "retrieved", "command", "method")


@dataclass(frozen=True)
class Style:
    """How a layer looks on the map."""

    color: str
    fill_opacity: float = 0.0
    weight: float = 2.0
    dash: str | None = None
    radius: float = 7.0
    interactive: bool = True
    # one colour per feature, in order, instead of ``color`` for all
    palette: tuple[str, ...] = ()


STYLES = {
    "land": Style(color="#e6e1d3", fill_opacity=1.0, weight=0.0, interactive=False),
    "countries": Style(
        color="#3b5b7a",
        fill_opacity=0.22,
        weight=1.2,
        # ColorBrewer's Dark2, darkened to stand out 3:1 from the land and the sea (WCAG 1.4.11)
        palette=("#137a5c", "#b54f00", "#6b63ad", "#c71f76", "#4d7d12", "#8f6418"),
    ),
    "regions": Style(color="#7a4b94", fill_opacity=0.08, weight=2.0, dash="2 6"),
    "corridor": Style(color="#b3261e", weight=4.0, dash="10 8"),
    "towns": Style(color="#1a1a1a", fill_opacity=0.9, weight=2.0, radius=7.0),
}
DEFAULT_STYLE = Style(color="#2f6f4f", fill_opacity=0.15)


@dataclass(frozen=True)
class Layer:
    """One GeoJSON layer, its places, and where it came from."""

    id: str
    frame: gpd.GeoDataFrame
    provenance: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None  # the file it was read from

    @property
    def title(self) -> str:
        return str(self.provenance.get("title") or self.id)

    @property
    def style(self) -> Style:
        return STYLES.get(self.id, DEFAULT_STYLE)

    @property
    def is_context(self) -> bool:
        """A backdrop (land) rather than places the article talks about."""
        return not self.style.interactive


def sort_layers(layers: list[Layer]) -> list[Layer]:
    """Known layers in drawing order, then any others by id."""

    def rank(layer: Layer) -> tuple[int, str]:
        known = layer.id in LAYER_ORDER
        return (LAYER_ORDER.index(layer.id) if known else len(LAYER_ORDER), layer.id)

    return sorted(layers, key=rank)
