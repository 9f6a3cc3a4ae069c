"""How far a simplified outline strays from its source, in kilometres on the ground.

Only the fidelity bench (bench/fidelity.py) measures this; the layers' build
bounds it by construction (geo.sources.simplify), so the app has no use for it.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry


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
