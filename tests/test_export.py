from shapely.geometry import shape
from shapely.geometry.polygon import orient

from geo.export import feature_collection
from geo.geometry import AREAS, LINES
from tests.inputs import EVERY_GEOMETRY, shape_id


def test_export_holds_every_place_with_verbatim_quotes(story):
    collection = feature_collection(story.view())
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["properties"]["id"] for f in features] == list(story.places)
    text = story.reports[0].article.text
    for feature in features:
        properties = feature["properties"]
        assert feature["id"] == properties["id"]
        assert {"name", "aliases", "layer", "quotes"} <= set(properties)
        for quote in properties["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]


def test_export_geometry_follows_rfc_7946(story):
    for feature in feature_collection(story.view())["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.geom_type == "Polygon":
                # exterior rings counter-clockwise, holes clockwise
                assert orient(polygon, sign=1.0).equals_exact(polygon, 0)


def test_export_marks_the_corridor_proposed(story):
    features = {f["id"]: f["properties"] for f in feature_collection(story.view())["features"]}
    corridor = features["zangezur-corridor"]
    assert corridor["approximate"] is True
    assert corridor["layer"] == "corridor"
    assert "Proposed" in corridor["note"]


def test_every_geometry_type_is_exported_with_its_size(every_geometry_story):
    features = {f["id"]: f for f in feature_collection(every_geometry_story.view())["features"]}
    for kind in EVERY_GEOMETRY:
        feature = features[shape_id(kind)]
        assert feature["geometry"]["type"] == kind
        assert shape(feature["geometry"]).equals(EVERY_GEOMETRY[kind])
        size = {key for key in ("length_km", "area_km2") if key in feature["properties"]}
        assert size == ({"length_km"} if kind in LINES else {"area_km2"} if kind in AREAS else set()), kind
