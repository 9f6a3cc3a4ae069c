"""The article and its layers joined: every place with what the article says."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from shapely.geometry.base import BaseGeometry

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
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Story:
    """Everything the map and the panel show, and every problem met on the way.

    Shared by every session of the app (``st.cache_resource``): nothing in
    it can be changed.
    """

    article: Article | None
    segments: tuple[Segment, ...]
    layers: tuple[Layer, ...]
    places: Mapping[str, Place]
    problems: tuple[InputError, ...] = ()

    @cached_property
    def _layers_by_id(self) -> Mapping[str, Layer]:
        return MappingProxyType({layer.id: layer for layer in self.layers})

    @cached_property
    def _places_by_layer(self) -> Mapping[str, tuple[Place, ...]]:
        return MappingProxyType(
            {layer.id: tuple(p for p in self.places.values() if p.layer == layer.id) for layer in self.layers}
        )

    def layer(self, layer_id: str) -> Layer:
        """The layer with this id; KeyError if there is none."""
        return self._layers_by_id[layer_id]

    def places_in(self, layer_id: str) -> tuple[Place, ...]:
        """The places of one layer, in the order of its file; none for a layer the story lacks."""
        return self._places_by_layer.get(layer_id, ())


_CORE = {"id", "name", "aliases", "note", "approximate", "geometry"}


def _extra(row: dict[str, Any]) -> Mapping[str, Any]:
    # a column that only some features of a layer have is NaN for the others
    extra = {key: value for key, value in row.items() if key not in _CORE and not _missing(value)}
    return MappingProxyType(extra)


def _missing(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _places(layer: Layer, article: Article | None, segments: tuple[Segment, ...]) -> list[Place]:
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
    segments = tuple(segment(article)) if article else ()
    places: dict[str, Place] = {}
    problems = list(problems)
    for layer in sort_layers(layers):
        if layer.is_context:
            continue
        for place in _places(layer, article, segments):
            if place.id in places:
                problems.append(
                    InputError(
                        layer.path or layer.id,
                        f"feature id {place.id!r} is already used in layer {places[place.id].layer!r}",
                    )
                )
                continue
            places[place.id] = place
    return Story(article, segments, tuple(sort_layers(layers)), MappingProxyType(places), tuple(problems))
