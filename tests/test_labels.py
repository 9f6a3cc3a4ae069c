"""Label points and the order in which labels give way."""

import pytest
from shapely.geometry import Point

from geo import io
from geo.geometry import LINES, POINTS
from geo.labels import AREA, BANDS, LINE, POINT, label_kind, labels, labels_data
from geo.region import STORY_REGION
from tests.inputs import EVERY_GEOMETRY, many_points, shape_id, write_layer


@pytest.fixture(scope="module")
def by_id(story):
    return {label.place_id: label for label in labels(story)}


def at(label, band):
    lat, lon = label.points[band][0]
    return Point(lon, lat)


@pytest.mark.parametrize("place_id", ["armenia", "azerbaijan", "georgia", "karabakh", "nakhchivan"])
def test_an_areas_label_is_inside_it_in_every_band(story, by_id, place_id):
    area = story.places[place_id].geometry.buffer(0.01)
    assert all(area.contains(at(by_id[place_id], band)) for band in range(len(BANDS)))


def test_a_regions_name_keeps_out_of_the_countries_it_holds(story, by_id):
    # "Caucasus" inside Armenia would read as Armenia's name: it is written in
    # the part of the region no country of it holds (the North Caucasus), or not at all
    held = [story.places[country].geometry for country in ("armenia", "azerbaijan", "georgia")]
    caucasus = story.places["caucasus"].geometry.buffer(0.01)
    points = [Point(lon, lat) for band in by_id["caucasus"].points for lat, lon in band]
    assert by_id["caucasus"].points[0], "named at the first view"
    assert all(caucasus.contains(point) for point in points)
    assert not [point for point in points if any(country.contains(point) for country in held)]


def test_a_country_is_named_in_every_band_outside_the_regions_it_holds(story, by_id):
    held = [story.places[region].geometry for region in ("karabakh", "nakhchivan")]
    bands = by_id["azerbaijan"].points
    assert all(bands), "Azerbaijan is named at every zoom"
    assert not [p for band in bands for p in band if any(r.contains(Point(p[1], p[0])) for r in held)]


@pytest.mark.parametrize("place_id", ["russia", "turkey", "iran"])
def test_a_big_countrys_label_is_in_the_part_the_view_shows(story, by_id, place_id):
    country = story.places[place_id].geometry.buffer(0.01)
    for band, zoom_band in enumerate(BANDS):
        point = at(by_id[place_id], band)
        assert country.contains(point)
        assert zoom_band.view.contains(point), f"{place_id} in band {band}"
    assert STORY_REGION.contains(at(by_id[place_id], len(BANDS) - 1))


def test_russia_is_named_in_the_north_caucasus_and_turkey_in_eastern_anatolia(by_id):
    russia, turkey = at(by_id["russia"], 0), at(by_id["turkey"], 0)
    assert 41 < russia.y < 45, "between the Caucasus ridge and Stavropol, not in Siberia"
    assert turkey.x > 38, "east of the middle of Anatolia"


def test_towns_are_named_at_their_dot_and_lines_on_their_path(story, by_id):
    assert at(by_id["shusha"], 0).equals_exact(story.places["shusha"].geometry, 0.001)
    corridor = story.places["zangezur-corridor"].geometry
    assert corridor.distance(at(by_id["zangezur-corridor"], 0)) < 0.001
    assert by_id["shusha"].kind == POINT
    assert by_id["zangezur-corridor"].kind == LINE
    assert by_id["armenia"].kind == AREA


def test_every_point_to_try_is_inside_the_area_or_on_the_line(story, by_id):
    for place_id in ("russia", "armenia", "zangezur-corridor"):
        shape = story.places[place_id].geometry.buffer(0.01)
        points = [Point(lon, lat) for band in by_id[place_id].points for lat, lon in band]
        assert len(points) > len(BANDS), "more than one point to try"
        assert all(shape.contains(point) for point in points), place_id


def test_a_sea_is_a_name_without_a_dot(story, by_id):
    assert label_kind(story.places["caspian-sea"]) == AREA
    assert by_id["caspian-sea"].water
    assert not by_id["baku"].water


def test_labels_give_way_in_the_issues_order(by_id):
    rank = {place_id: label.rank for place_id, label in by_id.items()}
    articles = max(rank[p] for p in ("shusha", "fizuli", "kars", "zangezur-corridor", "karabakh"))
    countries = [rank[p] for p in ("armenia", "azerbaijan", "georgia", "iran", "russia", "turkey")]
    reference = [rank[p] for p in ("baku", "yerevan", "tbilisi", "nakhchivan", "meghri", "black-sea")]
    assert articles < min(countries)
    assert max(countries) < min(reference)
    assert rank["azerbaijan"] < rank["georgia"], "the more often named first"


def test_an_unknown_layers_places_come_after_the_reference_places(inputs):
    seeds, layers = inputs
    write_layer(layers, "found", many_points(3))
    ranked = labels(io.load_story(seeds, layers))
    found = [label.rank for label in ranked if label.layer_id == "found"]
    reference = [label.rank for label in ranked if label.layer_id == "reference"]
    assert len(found) == 3
    assert min(found) > max(reference)


def test_the_data_is_small_and_plain(story):
    data = labels_data(story)
    assert data["bands"] == [band.up_to_zoom for band in BANDS]
    first = data["labels"][0]
    assert set(first) == {"id", "layer", "text", "kind", "water", "at"}
    values = [value for label in data["labels"] for band in label["at"] for p in band for value in p]
    assert all(round(value, 3) == value for value in values)
    assert len(first["at"]) == 1, "a town's points are the same in every band"


@pytest.mark.parametrize("kind", EVERY_GEOMETRY)
def test_every_geometry_type_is_named_on_itself(every_geometry_story, kind):
    place = every_geometry_story.places[shape_id(kind)]
    expected = POINT if kind in POINTS else LINE if kind in LINES else AREA
    assert label_kind(place) == expected
    (label,) = [label for label in labels(every_geometry_story) if label.place_id == place.id]
    for band in label.points:
        assert band, "a point to try in every band"
        for lat, lon in band:
            assert Point(lon, lat).distance(place.geometry) < 1e-3, "on the place, but for rounding"
