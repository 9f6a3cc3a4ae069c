"""bench.deviation: how far an outline strays, measured on the ground."""

import pytest
import shapely
from shapely.geometry import Polygon, box

from bench.deviation import boundary_deviation_km

# one kilometre is about 0.009 degrees of latitude
KM = 1 / 111.2


def test_deviation_is_measured_on_the_ground():
    square = box(46, 40, 47, 41)
    moved = shapely.affinity.translate(square, yoff=2 * KM)  # 2 km north
    assert boundary_deviation_km(square, moved, box(40, 35, 50, 45)) == pytest.approx(2, abs=0.05)
    assert boundary_deviation_km(square, Polygon(square.exterior), box(0, 0, 1, 1)) == 0
