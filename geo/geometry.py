"""Geometry helpers: repair, geodesic measures and checks.

Measures use the WGS84 ellipsoid through ``pyproj.Geod``, so lengths
are in true kilometres whatever the map projection.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

ELLIPSOID = Geod(ellps="WGS84")
# the GeoJSON geometry types a layer may hold (geo.validate), by what they draw
POINTS = ("Point", "MultiPoint")
LINES = ("LineString", "MultiLineString")
AREAS = ("Polygon", "MultiPolygon")
GEOMETRY_TYPES = POINTS + LINES + AREAS
_WORLD = box(-180, -90, 180, 90)


def polygons_of(geometry: BaseGeometry) -> list[Polygon]:
    """The polygons of a Polygon, MultiPolygon or GeometryCollection."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    return [part for child in getattr(geometry, "geoms", []) for part in polygons_of(child)]


def _unwrap_ring(coords: np.ndarray) -> np.ndarray:
    """A ring whose jumps of more than 180 degrees of longitude are undone.

    Only the points on the far side of the jump move, by whole turns, so the
    rest keep their exact coordinates and stay shared with their neighbours.
    """
    turns = np.round((np.unwrap(coords[:, 0], period=360) - coords[:, 0]) / 360)
    values, counts = np.unique(turns, return_counts=True)
    turns -= values[np.argmax(counts)]
    unwrapped = coords.copy()
    unwrapped[:, 0] += np.where(turns == 0, 0.0, 360 * turns)
    return unwrapped


def _unwrap_longitudes(polygon: Polygon) -> Polygon:
    return Polygon(
        _unwrap_ring(np.asarray(polygon.exterior.coords)),
        [_unwrap_ring(np.asarray(ring.coords)) for ring in polygon.interiors],
    )


def _fold_into_world(geometry: BaseGeometry) -> list[Polygon]:
    """``geometry`` cut at the antimeridian, parts beyond it moved back by 360."""
    inside = polygons_of(geometry.intersection(_WORLD))
    beyond = [
        part
        for shift in (-360, 360)
        for part in polygons_of(translate(geometry, xoff=shift).intersection(_WORLD))
    ]
    return inside + beyond


def repair(geometry: BaseGeometry) -> MultiPolygon:
    """A valid MultiPolygon of ``geometry``, split at the antimeridian.

    Rings that jump from 180 E to 180 W (as Russia's do in Natural Earth's
    TopoJSON) are unwrapped into one continuous ring, made valid, and cut
    back into the parts either side of the antimeridian. Coordinates away
    from the antimeridian are kept exactly, so shared borders stay shared.
    """
    pieces = []
    for polygon in polygons_of(geometry):
        unwrapped = _unwrap_longitudes(polygon)
        minx, _, maxx, _ = unwrapped.bounds
        if minx >= -180 and maxx <= 180:
            pieces.extend(polygons_of(shapely.make_valid(unwrapped)))
        else:
            pieces.extend(_fold_into_world(shapely.make_valid(unwrapped)))
    return MultiPolygon(polygons_of(shapely.make_valid(MultiPolygon(pieces))))


def geodesic_length_km(geometry: BaseGeometry) -> float:
    """Length of a line on the WGS84 ellipsoid, in kilometres."""
    return ELLIPSOID.geometry_length(geometry) / 1000


def geodesic_area_km2(geometry: BaseGeometry) -> float:
    """Area of a polygon on the WGS84 ellipsoid, in square kilometres."""
    area, _perimeter = ELLIPSOID.geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def geodesic_distance_km(start: Point, end: Point) -> float:
    """Distance between two points along the WGS84 ellipsoid, in kilometres."""
    _forward, _back, metres = ELLIPSOID.inv(start.x, start.y, end.x, end.y)
    return metres / 1000


def length_by_area_km(line: BaseGeometry, areas: gpd.GeoDataFrame, *, key: str) -> dict[str, float]:
    """Geodesic length of ``line`` inside each row of ``areas``, by ``areas[key]``."""
    lengths = {}
    for name, area in zip(areas[key], areas.geometry, strict=True):
        inside = line.intersection(area)
        if not inside.is_empty:
            lengths[name] = geodesic_length_km(inside)
    return lengths
