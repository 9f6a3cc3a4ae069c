"""Land far from the story: Natural Earth 1:110m, coarser the farther it lies.

Each band of the world (geo.region.COARSE_LAND_BANDS) is simplified and
rounded on its own, so bytes go where the reader looks most. build.py joins
it to the 1:10m land near the story.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.region import COARSE_LAND_BANDS, LandBand


def _coarse(land: BaseGeometry, band: LandBand) -> BaseGeometry:
    simplified = land.intersection(band.area).simplify(band.tolerance)
    return shapely.make_valid(shapely.transform(simplified, lambda xy: np.round(xy, band.decimals)))


def world_land(land: BaseGeometry) -> BaseGeometry:
    """``land`` (valid, 1:110m) within the map's reach, each band simplified and rounded as it says."""
    return shapely.union_all([_coarse(land, band) for band in COARSE_LAND_BANDS])
