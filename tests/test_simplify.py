"""Arc-by-arc simplification: bounded deviation, kept islets, shared borders."""

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, box

from bench.deviation import boundary_deviation_km
from geo.region import Detail
from geo.sources.simplify import arc_indexes, douglas_peucker_km, simplify_arc, simplify_arcs
from geo.sources.topojson import to_shape

# one kilometre is about 0.009 degrees of latitude
KM = 1 / 111.2


def zigzag(start: float, end: float, teeth: int, height_km: float) -> np.ndarray:
    x = np.linspace(start, end, teeth * 2 + 1)
    y = 40 + np.where(np.arange(len(x)) % 2, height_km * KM, 0)
    return np.column_stack([x, y])


DETAIL = Detail(focus=box(44, 30, 46, 50), fine_km=0.2, coarse_km=5, fine_decimals=4, coarse_decimals=2)


def test_douglas_peucker_keeps_only_what_the_tolerance_needs():
    teeth = zigzag(44, 45, 50, height_km=1)
    assert len(douglas_peucker_km(teeth, 0.2)) == len(teeth), "1 km teeth survive 0.2 km"
    assert len(douglas_peucker_km(teeth, 2)) == 2, "and vanish at 2 km"


def test_detail_is_fine_in_the_focus_and_coarse_outside():
    arc = zigzag(44, 48, 200, height_km=1)  # half inside the focus (44-46 E)
    simplified = simplify_arc(arc, DETAIL)
    assert (simplified[0] == arc[0]).all()
    assert np.allclose(simplified[-1], arc[-1], atol=0.005)
    inside = simplified[simplified[:, 0] < 46]
    outside = simplified[simplified[:, 0] > 46.1]
    assert len(inside) > 150
    assert len(outside) <= 2
    line, source = LineString(simplified), LineString(arc)
    region_in, region_out = box(44, 39, 46, 41), box(46.5, 39, 48, 41)
    assert boundary_deviation_km(source.buffer(1e-9), line.buffer(1e-9), region_in) < 0.2 + 0.02
    assert boundary_deviation_km(source.buffer(1e-9), line.buffer(1e-9), region_out) < 5 + 0.8


def test_an_islet_keeps_a_ring():
    islet = np.array([[47.0, 40.0], [47.001, 40.0], [47.001, 40.001], [47.0, 40.001], [47.0, 40.0]])
    ring = simplify_arc(islet, DETAIL)
    assert len(ring) == 4
    assert (ring[0] == ring[-1]).all()


def test_positions_are_rounded_by_where_they_lie():
    arc = np.array([[45.123456, 40.123456], [47.123456, 40.123456]])
    assert simplify_arc(arc, DETAIL).tolist() == [[45.1235, 40.1235], [47.12, 40.12]]


def test_neighbours_keep_one_shared_border():
    # two squares sharing a wiggly border arc 0; arcs 1 and 2 close each square
    border = zigzag(46.5, 47.5, 20, height_km=0.3)[:, ::-1] - [40 - 46.5, 46.5 - 40]
    left = np.array([border[-1], [46.0, border[-1][1]], [46.0, border[0][1]], border[0]])
    right = np.array([border[-1], [48.0, border[-1][1]], [48.0, border[0][1]], border[0]])
    arcs = simplify_arcs([border, left, right], [0, 1, 2], DETAIL)
    west = to_shape({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    east = to_shape({"type": "Polygon", "arcs": [[0, 2]]}, arcs)
    assert shapely.coverage_is_valid([west, east])
    assert west.intersection(east).length == pytest.approx(LineString(arcs[0]).length)


def test_arc_indexes_undo_reversed_arcs():
    assert arc_indexes({"type": "MultiPolygon", "arcs": [[[0, ~1]], [[2]]]}) == {0, 1, 2}
    assert arc_indexes({"type": "Polygon", "arcs": [[~3, 4]]}) == {3, 4}
