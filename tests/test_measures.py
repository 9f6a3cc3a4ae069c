"""Measures checked against independent computations, not against typed-in figures."""

import math

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from geo.export import feature_collection
from geo.geometry import AREAS, LINES, geodesic_area_km2, geodesic_length_km
from geo.measures import measure, size_of
from tests.inputs import EVERY_GEOMETRY, shape_id

EARTH_RADIUS_KM = 6371.0088  # the mean radius, for a great-circle check


def _equal_area_km2(geometry) -> float:
    """Area in a Lambert azimuthal equal-area projection centred on the shape."""
    centre = geometry.representative_point()
    to_laea = Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={centre.y} +lon_0={centre.x} +units=km", always_xy=True
    )
    return shapely.transform(geometry, lambda xy: np.column_stack(to_laea.transform(*xy.T))).area


def _great_circle_km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.y, a.x, b.y, b.x))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@pytest.mark.parametrize("place_id", ["armenia", "azerbaijan", "georgia", "turkey", "karabakh"])
def test_area_agrees_with_an_equal_area_projection(story, place_id):
    place = story.places[place_id]
    assert size_of(place).area_km2 == pytest.approx(_equal_area_km2(place.geometry), rel=0.005)


def test_distance_shusha_fizuli_agrees_with_the_great_circle(story):
    shusha, fizuli = story.places["shusha"], story.places["fizuli"]
    distances = measure(shusha, story).distances_km
    # keyed by id (issue 9: two towns may share a name), named for the panel
    assert next(iter(distances)) == "fizuli", "the nearest town comes first"
    assert measure(shusha, story).names["fizuli"] == "Fizuli"
    assert distances["fizuli"] == pytest.approx(_great_circle_km(shusha.geometry, fizuli.geometry), rel=0.005)


def test_corridor_parts_add_up_to_its_length(story):
    corridor = measure(story.places["zangezur-corridor"], story)
    assert set(corridor.length_by_country_km) == {"azerbaijan", "armenia"}, "it never enters Iran"
    assert sum(corridor.length_by_country_km.values()) == pytest.approx(corridor.length_km, rel=0.001)
    assert list(corridor.length_by_country_km) == ["azerbaijan", "armenia"], "longest part first"


def test_export_carries_length_on_lines_and_area_on_polygons(story):
    for feature in feature_collection(story.view())["features"]:
        kind, properties = feature["geometry"]["type"], feature["properties"]
        geometry = shape(feature["geometry"])
        if kind.endswith("LineString"):
            assert "area_km2" not in properties
            assert properties["length_km"] == pytest.approx(
                size_of(story.places[feature["id"]]).length_km, abs=0.05
            )
            assert properties["length_km"] > geometry.length * 80, "kilometres, not degrees"
        elif kind.endswith("Polygon"):
            assert "length_km" not in properties
            assert properties["area_km2"] == pytest.approx(_equal_area_km2(geometry), rel=0.01)
        else:
            assert "length_km" not in properties
            assert "area_km2" not in properties


def test_every_geometry_type_is_measured_as_what_it_draws(every_geometry_story):
    for kind, geometry in EVERY_GEOMETRY.items():
        found = measure(every_geometry_story.places[shape_id(kind)], every_geometry_story)
        if kind in LINES:
            assert found.length_km == pytest.approx(geodesic_length_km(geometry))
            assert found.length_by_country_km, f"a {kind} in the Caucasus crosses countries"
            # wholly within the six countries: the pieces add up to the whole (cut points sit on the
            # straight lon/lat segment, not the geodesic, hence a tolerance)
            assert sum(found.length_by_country_km.values()) == pytest.approx(found.length_km, rel=1e-3)
        else:
            assert found.length_km is None
        if kind in AREAS:
            assert found.area_km2 == pytest.approx(geodesic_area_km2(geometry))
            assert found.area_km2 > 0
        else:
            assert found.area_km2 is None


def test_a_river_along_a_border_is_measured_along_it_and_its_parts_add_up(story):
    araz = measure(story.places["araz"], story)
    assert araz.length_by_country_km == {}, "it runs between countries, not inside any"
    assert list(araz.length_along_border_km) == [("azerbaijan", "iran"), ("armenia", "iran")]
    assert sum(araz.length_along_border_km.values()) == pytest.approx(araz.length_km, abs=1.0)
    assert "turkey" not in araz.names, "no 0.0 km part at the tripoint"


def test_a_line_crossing_borders_is_not_along_them(story):
    for line_id in ("zangezur-corridor", "kars-nakhchivan-railway"):
        assert measure(story.places[line_id], story).length_along_border_km == {}


def test_a_sea_s_label_point_measures_no_distance_and_is_none_s_neighbour(story):
    assert measure(story.places["caspian-sea"], story).distances_km == {}
    assert "caspian-sea" not in measure(story.places["baku"], story).distances_km
