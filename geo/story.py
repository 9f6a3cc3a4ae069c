"""The article and its layers joined: every place with what the article says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


def _places(layer: Layer, article: Article | None, segments: list[Segment]) -> list[Place]:
    places = []
    for row in layer.frame.itertuples(index=False):
        aliases = tuple(row.aliases)
        quotes = find_quotes(article, segments, (row.name, *aliases)) if article else []
        places.append(
            Place(
                id=row.id,
                name=row.name,
                aliases=aliases,
                layer=layer.id,
                note=row.note or "",
                approximate=bool(row.approximate),
                geometry=row.geometry,
                quotes=tuple(quotes),
            )
        )
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
                        f"{layer.id}{io.LAYER_SUFFIX}",
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
