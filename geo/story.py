"""The article and its layers joined: every place with what the article says."""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo import io
from geo.article import Article, Quote, Segment, find_quotes, segment
from geo.errors import InputError
from geo.layers import Layer, sort_layers


@dataclass(frozen=True)
class Place:
    """One feature of one layer, with the article's sentences that name it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    layer: str
    note: str
    approximate: bool
    geometry: BaseGeometry
    quotes: tuple[Quote, ...]
    # anything else the layer file says of the place, such as iso_a3 or status
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Story:
    """Everything the map and the panel show, and every problem met on the way."""

    article: Article | None
    segments: list[Segment]
    layers: list[Layer]
    places: dict[str, Place]
    problems: list[InputError] = field(default_factory=list)

    def layer(self, layer_id: str) -> Layer:
        return next(layer for layer in self.layers if layer.id == layer_id)


_CORE = {"id", "name", "aliases", "note", "approximate", "geometry"}


def _extra(row: dict[str, Any]) -> dict[str, Any]:
    # a column that only some features of a layer have is NaN for the others
    return {key: value for key, value in row.items() if key not in _CORE and not _missing(value)}


def _missing(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _places(layer: Layer, article: Article | None, segments: list[Segment]) -> list[Place]:
    places = []
    for row in layer.frame.to_dict("records"):
        place = Place(
            id=row["id"],
            name=row["name"],
            aliases=tuple(row["aliases"]),
            layer=layer.id,
            note=row["note"] or "",
            approximate=bool(row["approximate"]),
            geometry=row["geometry"],
            quotes=(),
            extra=_extra(row),
        )
        quotes = find_quotes(article, segments, place.names) if article else []
        places.append(dataclasses.replace(place, quotes=tuple(quotes)))
    return places


def build_story(article: Article | None, layers: list[Layer], problems: list[InputError]) -> Story:
    """Join the article and the layers; a place whose id is taken is dropped."""
    segments = segment(article) if article else []
    places: dict[str, Place] = {}
    problems = list(problems)
    for layer in sort_layers(layers):
        if layer.is_context:
            continue
        for place in _places(layer, article, segments):
            if place.id in places:
                problems.append(
                    InputError(
                        layer.path or f"{layer.id}{io.LAYER_SUFFIX}",
                        f"feature id {place.id!r} is already used in layer {places[place.id].layer!r}",
                    )
                )
                continue
            places[place.id] = place
    return Story(article, segments, sort_layers(layers), places, problems)


def load_story(seeds_dir: Path = io.SEEDS_DIR, layers_dir: Path = io.LAYERS_DIR) -> Story:
    """Read the article and the layers, keeping whatever is good."""
    problems: list[InputError] = []
    try:
        article = io.read_article(seeds_dir)
    except InputError as problem:
        article, problems = None, [problem]
    layers, layer_problems = io.read_layers(layers_dir)
    return build_story(article, layers, problems + layer_problems)


# Letters with no accent to strip that readers type as Latin ones: Iğdır, Azərbaycan
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ə": "e"})


def _folded(text: str) -> str:
    """``text`` without case or accents: "Şuşa" and "susa", "Iğdır" and "igdir" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_PLAIN_LETTERS)


def find_places(story: Story, query: str) -> list[Place]:
    """The places with a name that contains ``query``, ignoring case and accents."""
    wanted = _folded(query.strip())
    return [place for place in story.places.values() if any(wanted in _folded(name) for name in place.names)]
