"""What the panel and the export say of a place's size: measured, never typed in.

Lengths, areas and distances are geodesics on the WGS84 ellipsoid
(``geo.geometry``), taken from the geometries the map draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geometry import (
    AREAS,
    LINES,
    geodesic_area_km2,
    geodesic_distance_km,
    geodesic_length_km,
    length_by_area_km,
)
from geo.labels import is_label_only
from geo.story import Place, ReportView, Story

# how many of the nearest other points a point's panel lists
NEAREST = 5
# a line this close to the border two areas share runs along it (about 100 m: the
# line and the borders were simplified and rounded apart, as the Araz was)
ALONG_BORDER_DEG = 0.001
# a stretch along a border this long at least: a line crossing the border runs
# near it for a few hundred metres, and does not run along it
ALONG_LEAST_KM = 2.0
# shorter parts are not worth a mention ("Turkey 0.0 km" at the Araz's tripoint)
LEAST_PART_KM = 0.5


@dataclass(frozen=True)
class Measures:
    """A place's length (lines), area (polygons) or distances to other points."""

    length_km: float | None = None
    # the part of the line inside each country it crosses, by the country's id
    length_by_country_km: dict[str, float] = field(default_factory=dict)
    # the part that runs along the border of two countries (the Araz), by their ids
    length_along_border_km: dict[tuple[str, str], float] = field(default_factory=dict)
    area_km2: float | None = None
    # the nearest other points of the same layer, by id, nearest first
    distances_km: dict[str, float] = field(default_factory=dict)
    # the name to show for each id above: ids, as two towns may share a name (two Julfas)
    names: dict[str, str] = field(default_factory=dict)


def size_of(place: Place) -> Measures:
    """A line's length or a polygon's area: what the export carries."""
    kind = place.geometry.geom_type
    if kind in LINES:
        return Measures(length_km=geodesic_length_km(place.geometry))
    if kind in AREAS:
        return Measures(area_km2=geodesic_area_km2(place.geometry))
    return Measures()


def measure(place: Place, story: Story | ReportView) -> Measures:
    """Everything the context panel shows of a place's size and position."""
    size = size_of(place)
    if size.length_km is not None:
        areas = _measured_areas(story)
        along = _stretches_along_borders(place.geometry, areas)
        rest = place.geometry.difference(shapely.union_all(list(along.values())).buffer(1e-9))
        inside = length_by_area_km(rest, areas, key="id")
        lengths = _longest_first({area: km for area, km in inside.items() if km >= LEAST_PART_KM})
        along_km = _longest_first({pair: geodesic_length_km(part) for pair, part in along.items()})
        named = [*lengths, *(area for pair in along for area in pair)]
        return Measures(
            length_km=size.length_km,
            length_by_country_km=lengths,
            length_along_border_km=along_km,
            names=_names(dict.fromkeys(named, 0.0), story),
        )
    # a sea's point only places its name: a distance from it would mean nothing
    if place.geometry.geom_type == "Point" and not is_label_only(place):
        distances = _nearest(place, story)
        return Measures(distances_km=distances, names=_names(distances, story))
    return size


def _names(by_id: dict[str, float], story: Story | ReportView) -> dict[str, str]:
    return {place_id: story.places[place_id].name for place_id in by_id}


def _measured_areas(story: Story | ReportView) -> gpd.GeoDataFrame:
    """The areas a line is measured across (the countries), those the story has."""
    frames = []
    for layer in story.layers:
        if layer.kind.measured_across:
            ids = [p.id for p in story.places_in(layer.id)]
            frames.append(layer.frame[layer.frame["id"].isin(ids)][["id", "geometry"]])
    return gpd.GeoDataFrame(pd.concat(frames), geometry="geometry", crs="EPSG:4326")


def _shared_border(areas: gpd.GeoDataFrame, pair: tuple[str, str]) -> BaseGeometry:
    by_id = areas.set_index("id").geometry
    return by_id[pair[0]].boundary.intersection(by_id[pair[1]].boundary)


def _stretches_along_borders(
    line: BaseGeometry, areas: gpd.GeoDataFrame
) -> dict[tuple[str, str], BaseGeometry]:
    """The stretches of ``line`` that run along a border two of ``areas`` share, by their ids."""
    near = [row for row in areas.itertuples() if line.distance(row.geometry.boundary) <= ALONG_BORDER_DEG]
    stretches = {}
    for first, second in combinations(sorted(near, key=lambda row: row.id), 2):
        border = _shared_border(areas, (first.id, second.id))
        pieces = line.intersection(border.buffer(ALONG_BORDER_DEG)) if not border.is_empty else border
        long_ones = [
            piece
            for piece in getattr(pieces, "geoms", [pieces])
            if not piece.is_empty and geodesic_length_km(piece) >= ALONG_LEAST_KM
        ]
        if long_ones:
            stretches[(first.id, second.id)] = shapely.union_all(long_ones)
    return _apart(stretches)


def _apart(stretches: dict[tuple[str, str], BaseGeometry]) -> dict[tuple[str, str], BaseGeometry]:
    """The stretches, longest first, each without what a longer one took (near a tripoint both reach)."""
    apart, taken = {}, shapely.GeometryCollection()
    for pair, stretch in sorted(stretches.items(), key=lambda item: -item[1].length):
        apart[pair] = stretch.difference(taken.buffer(1e-9))
        taken = taken.union(stretch)
    return apart


def _longest_first(lengths: dict) -> dict:
    return dict(sorted(lengths.items(), key=lambda item: -item[1]))


def _nearest(point: Place, story: Story | ReportView) -> dict[str, float]:
    others = [
        p
        for p in story.places_in(point.layer)
        if p.id != point.id and p.geometry.geom_type == "Point" and not is_label_only(p)
    ]
    distances = sorted((geodesic_distance_km(point.geometry, p.geometry), p.id) for p in others)
    return {place_id: km for km, place_id in distances[:NEAREST]}
