"""Where each place's name is written on the map, and which name gives way to which.

Pure: from a story's places to label records that geo/static/labels.js places
in the browser. A label point is computed once per zoom band, inside the part
of the place that the band's view shows (Russia's name in the North Caucasus,
not in Siberia); the browser only chooses a side and hides what collides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely.ops
from shapely.geometry import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.geometry import AREAS, LINES
from geo.layers import Layer
from geo.region import STORY_REGION
from geo.story import Place, ReportView, Story

# about what the first view (zoom 6, a map about 550 px wide on a desktop) shows
FIRST_VIEW = box(40.0, 36.5, 51.0, 44.5)


@dataclass(frozen=True)
class ZoomBand:
    """Zoom levels up to ``up_to_zoom`` and the part of the world they show."""

    up_to_zoom: int
    view: Polygon


BANDS = (ZoomBand(6, FIRST_VIEW), ZoomBand(99, STORY_REGION))
# how labels are drawn: beside a dot, along a line, or inside an area (a sea has no dot)
POINT, LINE, AREA = "point", "line", "area"
# places named as water: italic and blue
WATER_KINDS = {"sea", "river"}
# a label with no place to stand in the view is placed on the whole shape
POLYLABEL_TOLERANCE = 0.01
# where along a line its name may go, best first
LINE_SHARES = (0.5, 0.3, 0.7, 0.15, 0.85)
# about 100 m: enough for a label, and short in the page
DECIMALS = 3
# an area holds another when this share of the other lies inside it (Caucasus holds Armenia)
HELD_SHARE = 0.9


@dataclass(frozen=True)
class Label:
    """One place's name on the map.

    ``points`` holds, per band of ``BANDS``, the ``(lat, lon)`` points to try
    in turn, best first; ``rank`` orders the labels, 0 first: the first placed
    wins when two collide.
    """

    place_id: str
    layer_id: str
    text: str
    kind: str
    water: bool
    points: tuple[tuple[tuple[float, float], ...], ...]
    rank: int = 0

    def as_data(self) -> dict[str, Any]:
        """The record labels.js reads: short keys, plain text, rounded positions."""
        return {
            "id": self.place_id,
            "layer": self.layer_id,
            "text": self.text,
            "kind": self.kind,
            "water": self.water,
            # one band when every band has the same points
            "at": [
                [list(p) for p in band] for band in self.points[: 1 if len(set(self.points)) == 1 else None]
            ],
        }


def label_kind(place: Place) -> str:
    """How the place's name is drawn: beside its dot, along its line, or inside its area."""
    if is_label_only(place) or place.geometry.geom_type in AREAS:
        return AREA
    if place.geometry.geom_type in LINES:
        return LINE
    return POINT


def _largest(geometry: BaseGeometry) -> BaseGeometry:
    parts = getattr(geometry, "geoms", [geometry])
    return max(parts, key=lambda part: part.area or part.length)


def _in_view(geometry: BaseGeometry, view: Polygon) -> BaseGeometry:
    """The part of ``geometry`` in ``view``; all of it when none is."""
    inside = geometry.intersection(view)
    return geometry if inside.is_empty else inside


def _pole(area: BaseGeometry) -> Point:
    part = _largest(area)
    if not isinstance(part, Polygon):
        return part.representative_point()
    return shapely.ops.polylabel(part, tolerance=POLYLABEL_TOLERANCE)


def _halves(area: BaseGeometry) -> list[BaseGeometry]:
    """The west, east, south and north halves of ``area``."""
    west, south, east, north = area.bounds
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    boxes = [(west, south, middle_x, north), (middle_x, south, east, north)]
    boxes += [(west, south, east, middle_y), (west, middle_y, east, north)]
    return [area.intersection(box(*bounds)) for bounds in boxes]


def area_points(geometry: BaseGeometry, view: Polygon) -> list[Point]:
    """Where an area's name reads best in ``view``, best first.

    The pole of inaccessibility of its largest part there, then those of its
    halves, for when another name takes the first.
    """
    part = _largest(_in_view(geometry, view))
    return [_pole(part)] + [_pole(half) for half in _halves(part) if not half.is_empty]


def line_points(geometry: BaseGeometry, view: Polygon) -> list[Point]:
    """Points along a line's longest stretch in ``view``, its middle first."""
    part = _largest(_in_view(geometry, view))
    if not isinstance(part, LineString):
        return [part.representative_point()]
    return [part.interpolate(share, normalized=True) for share in LINE_SHARES]


def holds(outer: BaseGeometry, inner: BaseGeometry) -> bool:
    """Whether ``inner`` is a smaller area lying (almost) whole inside ``outer``."""
    if not outer.intersects(inner) or inner.area >= outer.area:
        return False
    return inner.intersection(outer).area >= HELD_SHARE * inner.area


def label_points(place: Place, band: ZoomBand, held: tuple[BaseGeometry, ...] = ()) -> list[Point]:
    """The points a place's name may be written at, or beside, in one zoom band, best first.

    An area's name keeps out of the ``held`` areas it holds: "Caucasus" inside
    Armenia would read as Armenia's name. A band with no such point names it not.
    """
    kind = label_kind(place)
    if kind == AREA and place.geometry.geom_type != "Point":
        points = area_points(place.geometry, band.view)
        return [point for point in points if not any(area.contains(point) for area in held)]
    if kind == LINE:
        return line_points(place.geometry, band.view)
    return [place.geometry.representative_point()]


def _rounded(point: Point) -> tuple[float, float]:
    return (round(point.y, DECIMALS), round(point.x, DECIMALS))


def _geometry_rank(place: Place) -> int:
    # a dot's name comes first, then a line's, then an area's
    return (POINT, LINE, AREA).index(label_kind(place))


def priority_key(place: Place, layer: Layer, position: int) -> tuple[int, int, int, int, str]:
    """Sorts labels most important first.

    By the layer's priority, dots before lines before areas (a town's name
    has one place to go, an area's many), how often the reports name the
    place, then its ``position`` in its layer file (a layer lists its places
    in order of importance).
    """
    return (-layer.kind.label_priority, _geometry_rank(place), -len(place.quotes), position, place.id)


def _held(place: Place, areas: list[BaseGeometry]) -> tuple[BaseGeometry, ...]:
    return tuple(area for area in areas if holds(place.geometry, area)) if place.geometry.area else ()


def labels(story: Story | ReportView) -> list[Label]:
    """Every place's label, most important first (``rank`` 0)."""
    places = [
        (place, layer, position)
        for layer in story.layers
        for position, place in enumerate(story.places_in(layer.id))
    ]
    ordered = sorted(places, key=lambda entry: priority_key(*entry))
    areas = [place.geometry for place, _layer, _position in places if place.geometry.area]
    return [
        Label(
            place_id=place.id,
            layer_id=place.layer,
            text=place.name,
            kind=label_kind(place),
            water=place.extra.get("kind") in WATER_KINDS,
            points=tuple(
                tuple(_rounded(point) for point in label_points(place, band, _held(place, areas)))
                for band in BANDS
            ),
            rank=rank,
        )
        for rank, (place, _layer, _position) in enumerate(ordered)
    ]


def labels_data(story: Story | ReportView) -> dict[str, Any]:
    """What labels.js needs: the zoom bands and every label, most important first."""
    return {
        "bands": [band.up_to_zoom for band in BANDS],
        "labels": [label.as_data() for label in labels(story)],
    }


def is_label_only(place: Place) -> bool:
    """A place drawn by its name alone (a sea): the map draws no dot for it."""
    return place.extra.get("kind") == "sea"
