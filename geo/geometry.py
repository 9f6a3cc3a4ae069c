"""Geometry helpers: repair, geodesic measures and checks.

Measures use the WGS84 ellipsoid through ``pyproj.Geod``, so lengths
are in true kilometres whatever the map projection.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

ELLIPSOID = Geod(ellps="WGS84")
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


def _local_km(geometry: BaseGeometry, centre: Point) -> BaseGeometry:
    """``geometry`` in kilometres of an equidistant projection centred on ``centre``."""
    local = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +units=km", always_xy=True
    )
    return shapely.transform(geometry, lambda xy: np.column_stack(local.transform(xy[:, 0], xy[:, 1])))


def _farthest_km(source: BaseGeometry, target: BaseGeometry, centre: Point) -> float:
    """How far any point along ``source`` lies from ``target``, in kilometres."""
    if source.is_empty:
        return 0.0
    if target.is_empty:
        return math.inf
    points = shapely.points(shapely.get_coordinates(shapely.segmentize(_local_km(source, centre), 0.25)))
    return float(shapely.distance(points, _local_km(target, centre)).max())


def boundary_deviation_km(
    source: BaseGeometry, simplified: BaseGeometry, region: BaseGeometry, *, tile_deg: float = 5
) -> float:
    """The Hausdorff distance between two outlines within ``region``, in kilometres.

    Measured both ways, in tiles of ``tile_deg`` degrees each with its own
    equidistant projection, so that distances are true on the ground even for
    a country as wide as Russia. A margin around each tile lets a border that
    moved across the tile's edge still find its counterpart.
    """
    worst = 0.0
    minx, miny, maxx, maxy = source.bounds
    for x in np.arange(math.floor(minx / tile_deg) * tile_deg, maxx, tile_deg):
        for y in np.arange(math.floor(miny / tile_deg) * tile_deg, maxy, tile_deg):
            tile = box(x, y, x + tile_deg, y + tile_deg).intersection(region)
            if tile.is_empty:
                continue
            near, centre = tile.buffer(0.5), tile.centroid
            for one, other in ((source, simplified), (simplified, source)):
                inside, around = one.boundary.intersection(tile), other.boundary.intersection(near)
                worst = max(worst, _farthest_km(inside, around, centre))
    return worst
