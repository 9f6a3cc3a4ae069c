"""Land far from the story: coarse, but under every big city a report may name (issue 15)."""

from __future__ import annotations

import csv

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, box

from geo import io, maps
from geo.region import COARSE_LAND_BANDS, LAND_REACH, extent
from geo.sources.world_land import world_land

# a place framed alone is shown at geo.maps.POINT_ZOOM, about 4 degrees across on a
# desktop map: land this near is in the view
NEAR_ENOUGH_DEGREES = 1.0
BIG_CITY = 1_000_000


def test_each_band_is_rounded_as_it_says():
    # one square in Europe, one in south-east Asia
    land = world_land(box(20.04, 30.03, 30.07, 40.02).union(box(100.04, -10.03, 120.07, 10.02)))
    for band in COARSE_LAND_BANDS:
        corners = np.array([xy for xy in shapely.get_coordinates(land) if band.area.contains(Point(xy))])
        assert len(corners) == 5
        assert (corners.round(band.decimals) == corners).all(), band
    assert land.is_valid
    assert not world_land(box(0, 85, 10, 89)).area, "nothing beyond where the map can go"


def test_the_world_reaches_as_far_as_the_map():
    (south, west), (north, east) = maps.MAP_BOUNDS
    assert LAND_REACH.equals(box(west, south, east, north))
    assert extent(LAND_REACH) == "180 W-180 E, 60 S-84 N"


def gazetteer_places() -> list[tuple[str, int, Point]]:
    """Every place of the gazetteer: its name, population and position."""
    with io.GAZETTEER_FILE.open(encoding="utf-8") as lines:
        rows = csv.DictReader(lines, delimiter="\t")
        return [
            (row["name"], int(row["population"]), Point(float(row["longitude"]), float(row["latitude"])))
            for row in rows
        ]


@pytest.fixture(scope="module")
def land():
    return gpd.read_file(io.LAYERS_DIR / "land.geojson").geometry.union_all()


@pytest.mark.parametrize("name", ["Washington", "Brussels", "London", "Dublin", "Sydney", "Lagos"])
def test_a_far_city_stands_on_or_beside_the_land(land, name):
    (point,) = [point for city, _, point in gazetteer_places() if city == name]
    assert land.distance(point) < NEAR_ENOUGH_DEGREES


def test_no_city_of_a_million_is_framed_in_an_empty_sea(land):
    big = [(name, point) for name, population, point in gazetteer_places() if population >= BIG_CITY]
    assert len(big) > 500
    assert [name for name, point in big if land.distance(point) >= NEAR_ENOUGH_DEGREES] == []
