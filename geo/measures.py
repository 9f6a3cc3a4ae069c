"""What the panel and the export say of a place's size: measured, never typed in.

Lengths, areas and distances are geodesics on the WGS84 ellipsoid
(``geo.geometry``), taken from the geometries the map draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.geometry import (
    AREAS,
    LINES,
    geodesic_area_km2,
    geodesic_distance_km,
    geodesic_length_km,
    length_by_area_km,
)
from geo.story import Place, ReportView, Story

# how many of the nearest other points a point's panel lists
NEAREST = 5


@dataclass(frozen=True)
class Measures:
    """A place's length (lines), area (polygons) or distances to other points."""

    length_km: float | None = None
    # the part of the line inside each country it crosses, by the country's id
    length_by_country_km: dict[str, float] = field(default_factory=dict)
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
        lengths = _length_by_country(place, story)
        return Measures(length_km=size.length_km, length_by_country_km=lengths, names=_names(lengths, story))
    if place.geometry.geom_type == "Point":
        distances = _nearest(place, story)
        return Measures(distances_km=distances, names=_names(distances, story))
    return size


def _names(by_id: dict[str, float], story: Story | ReportView) -> dict[str, str]:
    return {place_id: story.places[place_id].name for place_id in by_id}


def _length_by_country(line: Place, story: Story | ReportView) -> dict[str, float]:
    lengths: dict[str, float] = {}
    for layer in story.layers:
        if not layer.kind.measured_across:
            continue
        ids = [p.id for p in story.places_in(layer.id)]
        areas = layer.frame[layer.frame["id"].isin(ids)]
        lengths.update(length_by_area_km(line.geometry, areas, key="id"))
    return dict(sorted(lengths.items(), key=lambda item: -item[1]))


def _nearest(point: Place, story: Story | ReportView) -> dict[str, float]:
    others = [p for p in story.places_in(point.layer) if p.id != point.id and p.geometry.geom_type == "Point"]
    distances = sorted((geodesic_distance_km(point.geometry, p.geometry), p.id) for p in others)
    return {place_id: km for km, place_id in distances[:NEAREST]}
