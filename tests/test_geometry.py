import geopandas as gpd
import pytest
from shapely.geometry import LineString, Polygon, box

from geo.geometry import geodesic_length_km, length_by_area_km, polygons_of, repair

# A ring as Natural Earth's TopoJSON stores Chukotka: it runs east past 180
# and continues at -180, which is invalid as a planar polygon.
ACROSS_ANTIMERIDIAN = Polygon([(178, 60), (180, 60), (-178, 60), (-178, 62), (180, 62), (178, 62)])


def test_repair_splits_rings_at_the_antimeridian():
    assert not ACROSS_ANTIMERIDIAN.is_valid
    repaired = repair(ACROSS_ANTIMERIDIAN)
    assert repaired.is_valid
    east, west = sorted(repaired.geoms, key=lambda part: -part.bounds[0])
    assert east.bounds == pytest.approx((178, 60, 180, 62))
    assert west.bounds == pytest.approx((-180, 60, -178, 62))


def test_repair_keeps_ordinary_polygons():
    square = box(44, 39, 45, 40)
    assert repair(square).equals(square)


def test_repair_mends_self_intersections():
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    repaired = repair(bowtie)
    assert repaired.is_valid
    assert repaired.area == pytest.approx(0.5)


def test_polygons_of_flattens_collections():
    mixed = box(0, 0, 1, 1).union(LineString([(2, 2), (3, 3)]))
    assert [p.area for p in polygons_of(mixed)] == [1.0]


def test_geodesic_length_of_a_degree_of_equator():
    # WGS84 equatorial radius 6378.137 km: 2*pi*r/360
    assert geodesic_length_km(LineString([(0, 0), (1, 0)])) == pytest.approx(111.319, abs=0.001)


def test_length_by_area_splits_a_line():
    areas = gpd.GeoDataFrame({"name": ["west", "east"]}, geometry=[box(0, -1, 1, 1), box(1, -1, 2, 1)])
    lengths = length_by_area_km(LineString([(0.5, 0), (1.5, 0)]), areas, key="name")
    assert lengths == pytest.approx({"west": 55.66, "east": 55.66}, abs=0.01)
