"""The reports, the layers and the gazetteer joined: every place with what the reports say."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any

import geopandas as gpd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.article import Article, Quote, Segment
from geo.corrections import Correction, corrected, targets_of
from geo.errors import InputError
from geo.gazetteer import Gazetteer
from geo.layers import FOUND, Layer, found_provenance, sort_layers
from geo.mentions import LayerPlace, Matcher, build_matcher, nearest_place
from geo.reports import Report, parse_report, sort_key


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


# the collection's title when its folder has no collection.toml (geo.io.read_collection_title)
DEFAULT_TITLE = "The reports, on a map"


@dataclass(frozen=True)
class Story:
    """The collection of reports: the layers, every place with every report's quotes, the reports.

    Shared by every session of the app (``st.cache_resource``): nothing in
    it can be changed. ``reports`` are oldest first, undated last. What one
    report shows (its text, its places) is a ``ReportView``: ``view``.
    """

    layers: tuple[Layer, ...]
    places: Mapping[str, Place]
    problems: tuple[InputError, ...] = ()
    reports: tuple[Report, ...] = ()
    # the collection's title, from the editor's collection.toml beside the reports
    title: str = DEFAULT_TITLE

    @cached_property
    def _reports_by_source(self) -> Mapping[str, Report]:
        return MappingProxyType({report.source: report for report in self.reports})

    def has_report(self, source: object) -> bool:
        """Whether a report was read from the file ``source``."""
        return source in self._reports_by_source

    def report(self, source: str) -> Report:
        """The report read from the file ``source``; KeyError if there is none."""
        return self._reports_by_source[source]

    def find_report(self, wanted: str) -> Report | None:
        """The report whose id (file name without ``.txt``) or file name is ``wanted``, in any case."""
        folded = wanted.strip().casefold()
        for report in self.reports:
            if folded in (report.stem.casefold(), report.source.casefold()):
                return report
        return None

    @property
    def newest(self) -> Report | None:
        """The report dated last; the first undated one when none has a date."""
        return self.newest_first[0] if self.reports else None

    @property
    def newest_first(self) -> tuple[Report, ...]:
        """The dated reports newest first, then the undated ones, as the picker lists them."""
        dated = [report for report in self.reports if report.date is not None]
        return (*reversed(dated), *(report for report in self.reports if report.date is None))

    @cached_property
    def _named(self) -> Mapping[str, frozenset[str]]:
        return MappingProxyType(
            {report.source: frozenset(m.place_id for m in report.mentions) for report in self.reports}
        )

    def named_in(self, source: str) -> frozenset[str]:
        """The ids of the places the report ``source`` names."""
        return self._named[source]

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

    def view(self, source: str | None = None, *, every_report: bool = False) -> ReportView:
        """The view of the report ``source`` (the newest for None or an unknown file).

        ``every_report`` draws every report's places with all their quotes;
        otherwise only the places the report names (and those for
        orientation), each with that report's quotes. With one report the
        two are the same: everything is drawn, as it always was.
        """
        report = self.report(source) if self.has_report(source) else self.newest
        every_report = every_report or len(self.reports) < 2 or report is None
        if every_report:
            return ReportView(self, report, self.places, every_report=True)
        quotes, named = report.quotes, self.named_in(report.source)
        places = {
            place_id: dataclasses.replace(place, quotes=quotes.get(place_id, ()))
            for place_id, place in self.places.items()
            if place_id in named or self.layer(place.layer).kind.orientation
        }
        return ReportView(self, report, MappingProxyType(places), every_report=False)


@dataclass(frozen=True)
class ReportView:
    """One report as the page shows it: its text, and the places drawn beside it.

    ``places`` are the ones drawn: the report's own (``every_report`` False,
    each with this report's quotes) or every report's (each with all its
    quotes). The map, the panel, the reading, the export and the offline
    file are built from a view. Made by ``Story.view``.
    """

    story: Story
    report: Report | None
    places: Mapping[str, Place]
    every_report: bool

    @property
    def key(self) -> tuple[str | None, bool]:
        """What tells this view from another of the same story: the report shown, and the scope."""
        return (self.report.source if self.report else None, self.every_report)

    @property
    def article(self) -> Article | None:
        return self.report.article if self.report else None

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.report.segments if self.report else ()

    @property
    def reports(self) -> tuple[Report, ...]:
        return self.story.reports

    @property
    def problems(self) -> tuple[InputError, ...]:
        return self.story.problems

    @property
    def several_reports(self) -> bool:
        return len(self.story.reports) > 1

    @cached_property
    def layers(self) -> tuple[Layer, ...]:
        """The story's layers that have a place drawn, and the backdrop."""
        return tuple(layer for layer in self.story.layers if layer.is_backdrop or self.places_in(layer.id))

    @cached_property
    def _places_by_layer(self) -> Mapping[str, tuple[Place, ...]]:
        by_layer: dict[str, list[Place]] = {}
        for place in self.places.values():
            by_layer.setdefault(place.layer, []).append(place)
        return MappingProxyType({layer_id: tuple(places) for layer_id, places in by_layer.items()})

    def places_in(self, layer_id: str) -> tuple[Place, ...]:
        """The places of one layer drawn in this view, in the order of its file."""
        return self._places_by_layer.get(layer_id, ())

    def layer(self, layer_id: str) -> Layer:
        return self.story.layer(layer_id)

    def layer_title(self, layer_id: str) -> str:
        """The layer's name as the reader sees it: "in the reports" when there are several."""
        layer = self.story.layer(layer_id)
        # a title of the layer file's own making stays as it is
        if self.several_reports and layer.kind.reports_title and layer.title == layer.kind.title:
            return layer.kind.reports_title
        return layer.title

    @property
    def quotes(self) -> Mapping[str, tuple[Quote, ...]]:
        """The shown report's own quotes by place id: offsets into its text."""
        return self.report.quotes if self.report else MappingProxyType({})

    @property
    def named(self) -> tuple[Place, ...]:
        """The drawn places the shown report names."""
        return tuple(place for place_id, place in self.places.items() if place_id in self.quotes)

    @property
    def framed(self) -> tuple[Place, ...]:
        """What the map opens on: the towns the report names, or all it names if it names none.

        A report that names Russia and Shusha is about Shusha: framing Russia would
        shrink every town to a dot.
        """
        towns = tuple(place for place in self.named if place.geometry.geom_type == "Point")
        return towns or self.named


_CORE = {"id", "name", "aliases", "note", "approximate", "geometry"}


def _extra(row: dict[str, Any]) -> Mapping[str, Any]:
    # a column that only some features of a layer have is NaN for the others
    extra = {key: value for key, value in row.items() if key not in _CORE and not _missing(value)}
    return MappingProxyType(extra)


def _missing(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _layer_places(layer: Layer) -> list[Place]:
    return [
        Place(
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
        for row in layer.frame.to_dict("records")
    ]


def _placed(layers: list[Layer], problems: list[InputError]) -> dict[str, Place]:
    """Every place of every layer by id; a place whose id is taken is dropped, with a problem."""
    places: dict[str, Place] = {}
    for layer in sort_layers(layers):
        if layer.is_backdrop:
            continue
        for place in _layer_places(layer):
            if place.id in places:
                problems.append(
                    InputError(
                        layer.path or layer.id,
                        f"feature id {place.id!r} is already used in layer {places[place.id].layer!r}",
                    )
                )
                continue
            places[place.id] = place
    return places


def _matcher_key(places: dict[str, Place]) -> tuple[LayerPlace, ...]:
    keys = []
    for place in places.values():
        point = place.geometry.representative_point()
        geonameid = place.extra.get("geonameid")
        keys.append(
            LayerPlace(
                place.id,
                place.names,
                point.y,
                point.x,
                int(geonameid) if geonameid else None,
                is_point=place.geometry.geom_type == "Point",
                iso_a3=place.extra.get("iso_a3"),
            )
        )
    return tuple(keys)


@lru_cache(maxsize=8)
def _matcher(layer_places: tuple[LayerPlace, ...], gazetteer: Gazetteer | None) -> Matcher:
    """One matcher per set of layer names and gazetteer, so that parsed reports stay cached."""
    return build_matcher(layer_places, gazetteer.towns if gazetteer else ())


def _found_place(
    town_id: str, matcher: Matcher, used_names: list[str], story_towns: Sequence[LayerPlace]
) -> Place:
    town = matcher.towns[town_id]
    names = list(dict.fromkeys([*used_names, town.name]))
    extra: dict[str, Any] = {
        "geonameid": town.geonameid,
        "country": town.country,
        "population": town.population,
    }
    away = ""
    if near := nearest_place(story_towns, town.latitude, town.longitude):
        extra |= {"story_km": round(near[1]), "story_town": near[0].names[0]}
        away = f", {extra['story_km']:,} km from {extra['story_town']}"
    matched = ", ".join(f"“{name}”" for name in used_names)
    return Place(
        id=town_id,
        name=names[0],
        aliases=tuple(names[1:]),
        layer=FOUND.id,
        # a reader should see that only a name matched, not an editor's choice
        note=(
            f"Found by name in the GeoNames gazetteer: matched {matched}{away}. GeoNames feature "
            f"{town.geonameid}: {town.name}, country {town.country}, population {town.population:,}."
        ),
        approximate=False,
        geometry=Point(town.longitude, town.latitude),
        quotes=(),
        extra=MappingProxyType(extra),
    )


def _found(reports: list[Report], matcher: Matcher, story_towns: Sequence[LayerPlace]) -> list[Place]:
    """The towns only the gazetteer knows, in the order the reports first name them, each with
    its distance from the nearest of the story's towns (the layers' towns with a GeoNames id)."""
    used: dict[str, list[str]] = {}
    for report in reports:
        for mention in report.mentions:
            if mention.place_id in matcher.towns:
                name = report.article.text[mention.start : mention.end]
                used.setdefault(mention.place_id, [])
                if name not in used[mention.place_id]:
                    used[mention.place_id].append(name)
    return [_found_place(town_id, matcher, names, story_towns) for town_id, names in used.items()]


def _found_layer(places: list[Place], gazetteer: Gazetteer | None) -> Layer:
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "aliases": list(p.aliases),
            "note": p.note,
            "approximate": False,
            **p.extra,
            "geometry": p.geometry,
        }
        for p in places
    ]
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return Layer(
        id=FOUND.id, frame=frame, provenance=found_provenance(gazetteer.provenance if gazetteer else {})
    )


def _corrected(
    reports: list[Report],
    corrections: Sequence[Correction],
    places: dict[str, Place],
    matcher: Matcher,
    problems: list[InputError],
) -> list[Report]:
    """The reports as the editor's corrections say; a correction that names nothing is a problem."""
    # a GeoNames id a layer place carries means that place; else the gazetteer's town
    by_geonameid = {town.geonameid: town_id for town_id, town in matcher.towns.items()}
    by_geonameid |= {int(p.extra["geonameid"]): pid for pid, p in places.items() if p.extra.get("geonameid")}
    targets, bad = targets_of(
        corrections,
        place_ids=set(places),
        town_by_geonameid=by_geonameid,
        reports={report.source for report in reports},
    )
    problems += bad
    return [corrected(report, targets) for report in reports]


def build_story(
    articles: Sequence[Article],
    layers: list[Layer],
    problems: list[InputError],
    *,
    gazetteer: Gazetteer | None = None,
    title: str = DEFAULT_TITLE,
    corrections: Sequence[Correction] = (),
) -> Story:
    """Join the reports, the layers and the gazetteer, as the editor's ``corrections`` say;
    a place whose id is taken is dropped."""
    problems = list(problems)
    places = _placed(layers, problems)
    layer_places = _matcher_key(places)
    matcher = _matcher(layer_places, gazetteer)
    reports = sorted((parse_report(article, matcher) for article in articles), key=sort_key)
    if corrections:
        reports = _corrected(reports, corrections, places, matcher, problems)
    quotes: dict[str, list[Quote]] = {}
    for report in reports:
        for place_id, place_quotes in report.quotes.items():
            quotes.setdefault(place_id, []).extend(place_quotes)
    found_places = _found(reports, matcher, [p for p in layer_places if p.is_point and p.geonameid])
    all_layers = sort_layers(
        [*layers, _found_layer(found_places, gazetteer)] if found_places else list(layers)
    )
    places.update((place.id, place) for place in found_places)
    places = {pid: dataclasses.replace(p, quotes=tuple(quotes.get(pid, ()))) for pid, p in places.items()}
    return Story(
        layers=tuple(all_layers),
        places=MappingProxyType(places),
        problems=tuple(problems),
        reports=tuple(reports),
        title=title,
    )
