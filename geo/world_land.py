"""Land far from the story: Natural Earth 1:110m, coarser the farther it lies.

A report may name any city of the gazetteer (Washington, London, Sydney), so
the map reaches the whole world; land far from the story is drawn only so
that such a place is not framed in an empty sea. Each band of the world is
simplified (Douglas-Peucker, in degrees) and rounded on its own, so bytes go
where the reader looks most. geo/build.py joins it to the 1:10m land near
the story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

# Wherever the map lets the reader go (geo.maps.MAP_BOUNDS): the inhabited world, no Antarctica
WORLD = box(-180, -60, 180, 84)


@dataclass(frozen=True)
class Band:
    """Part of the world and how coarsely its land is drawn there."""

    area: Polygon
    tolerance: float
    decimals: int


# Europe to Central Asia, around the story and where its reports are written (Brussels, London,
# Dublin): a tenth of a degree. Farther away, whole degrees.
NEAR_STORY = box(-12, 20, 70, 70)
BANDS = (
    Band(NEAR_STORY, tolerance=0.3, decimals=1),
    Band(WORLD.difference(NEAR_STORY), tolerance=1.5, decimals=0),
)


def _coarse(land: BaseGeometry, band: Band) -> BaseGeometry:
    simplified = land.intersection(band.area).simplify(band.tolerance)
    return shapely.make_valid(shapely.transform(simplified, lambda xy: np.round(xy, band.decimals)))


def world_land(land: BaseGeometry) -> BaseGeometry:
    """``land`` (valid, 1:110m) within ``WORLD``, each band simplified and rounded as it says."""
    return shapely.union_all([_coarse(land, band) for band in BANDS])


def method() -> str:
    """How the far land was made, for the layer's provenance record."""
    near, far = BANDS
    return (
        f"the 1:110m land, simplified (Douglas-Peucker) by {near.tolerance} degrees and rounded to "
        f"{near.decimals} decimal within {extent(near.area)}, by {far.tolerance} degrees and rounded to "
        f"whole degrees farther away"
    )


def extent(area: Polygon) -> str:
    """The bounds of ``area`` as a reader writes them: 180 W-180 E, 60 S-84 N."""
    west, south, east, north = area.bounds
    longitudes = f"{_degrees(west, 'E', 'W')}-{_degrees(east, 'E', 'W')}"
    return f"{longitudes}, {_degrees(south, 'N', 'S')}-{_degrees(north, 'N', 'S')}"


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):g} {positive if value >= 0 else negative}"
