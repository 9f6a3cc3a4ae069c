import pytest

from geo.geometry import GEOMETRY_TYPES
from geo.validate import NESTING, feature_collection_problems, provenance_problems
from tests.inputs import every_geometry_layer, point_layer, provenance


def with_geometry(geometry):
    data = point_layer()
    data["features"][0]["geometry"] = geometry
    return data


def test_a_good_layer_has_no_problems():
    assert feature_collection_problems(point_layer()) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], "not a GeoJSON FeatureCollection"),
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection"}, "no list of features"),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (with_geometry(None), "has no geometry"),
        (with_geometry({"type": "Circle", "coordinates": [0, 0]}), "unsupported geometry type 'Circle'"),
        (with_geometry({"type": "Point", "coordinates": ["a", "b"]}), "malformed coordinates"),
        (with_geometry({"type": "Point", "coordinates": [500000, 4400000]}), "outside longitude/latitude"),
        (
            with_geometry({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}),
            "invalid geometry: Self-intersection",
        ),
        (point_layer(place_id="Not A Slug"), "expected a slug"),
        (point_layer(name=""), "has name ''"),
        (point_layer(name=" Shusha "), "without edge spaces"),
        (point_layer(aliases="Shushi"), "expected a list of names"),
        (point_layer(aliases=["Shushi", 5]), "expected a list of names"),
        (point_layer(note=5), "has note 5; expected text"),
        (point_layer(approximate="no"), "expected true or false"),
    ],
)
def test_each_problem_is_named(data, reason):
    problems = feature_collection_problems(data)
    assert any(reason in problem for problem in problems), problems


def test_every_problem_is_reported_at_once():
    data = point_layer()
    data["features"].append({"type": "Feature", "properties": {"id": "b"}, "geometry": None})
    problems = feature_collection_problems(data)
    assert problems == [
        "feature 'b' has name None; expected text without edge spaces",
        "feature 'b' has no geometry",
    ]


def test_provenance_lists_each_missing_key():
    record = provenance()
    del record["licence"], record["command"]
    assert provenance_problems(record) == ["has no 'licence'", "has no 'command'"]
    assert provenance_problems([]) == ["is not a JSON object"]


def test_validate_knows_how_deep_each_accepted_geometry_type_nests():
    assert set(NESTING) == set(GEOMETRY_TYPES)


def test_a_layer_of_every_geometry_type_is_accepted():
    layer = every_geometry_layer()
    assert sorted(f["geometry"]["type"] for f in layer["features"]) == sorted(GEOMETRY_TYPES)
    assert feature_collection_problems(layer) == []
