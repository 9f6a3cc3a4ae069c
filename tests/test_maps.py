import json
import re

import folium
import pytest

from geo import assets, io
from geo.assets import STATIC_URL
from geo.escape import js_literal
from geo.maps import (
    SELECTION_CLASS,
    build_map,
    credits,
    frame_bounds,
    highlight_layer,
    packed_collection,
    packed_positions,
    swatch_html,
)
from tests.inputs import EVERY_GEOMETRY, EVERY_GEOMETRY_LAYER, OUTSIDE_URL, point_layer, shape_id, write_layer


def rendered(element) -> str:
    return element.get_root().render()


def test_storymap_js_learns_the_selection_class_from_python(story):
    """SELECTION_CLASS has one definition: the map hands it to storymap.js, which types none."""
    script = rendered(build_map(story.view(), static_url=STATIC_URL))
    handed = re.search(r"StoryMap\.followOverlays\([\s\S]*?, (\S+)\);", script)
    assert handed, "followOverlays is called"
    assert handed.group(1) == js_literal(SELECTION_CLASS)
    assert SELECTION_CLASS not in (assets.OUR_STATIC / "storymap.js").read_text(encoding="utf-8")


def test_map_loads_leaflet_from_our_server_only(story):
    """Leaflet is the one link; our own code is the caller's to carry (streamlit_map, geo.offline)."""
    fmap = build_map(story.view(), static_url=STATIC_URL)
    assert [url for _, url in fmap.default_js] == [f"{STATIC_URL}/leaflet/leaflet.js"]
    assert [url for _, url in fmap.default_css] == [f"{STATIC_URL}/leaflet/leaflet.css"]
    assert folium.Map.default_js[0][0] == "leaflet", "folium's own defaults are left alone"
    assert not OUTSIDE_URL.search(rendered(fmap))


def overlays_of(fmap) -> list[tuple[str, str, list[str]]]:
    """What the map hands to StoryMap.followOverlays: each layer's id, legend key and credits."""
    (element,) = [c for c in fmap._children.values() if type(c).__name__ == "_Overlays"]
    return [tuple(json.loads(part) for part in parts) for _layer, *parts in element.overlays]


def test_every_layer_of_places_is_switchable_with_its_legend_key(story):
    fmap = build_map(story.view(), static_url=STATIC_URL)
    rendered(fmap)
    (control,) = [c for c in fmap._children.values() if isinstance(c, folium.LayerControl)]
    layers = [layer for layer in story.layers if not layer.is_backdrop]
    assert list(control.overlays) == [layer.title for layer in layers]
    overlays = overlays_of(fmap)
    assert [layer_id for layer_id, _, _ in overlays] == [layer.id for layer in layers]
    for (_, legend, _), layer in zip(overlays, layers, strict=True):
        assert legend == f"{swatch_html(layer.style)} {layer.title}"


def test_layers_can_start_hidden(story):
    shown = rendered(build_map(story.view(), static_url=STATIC_URL))
    hidden = rendered(build_map(story.view(), static_url=STATIC_URL, hidden_layers={"corridor"}))
    added = re.compile(r"(geo_json_\w+)\.addTo\(map_\w+\)")
    assert len(added.findall(hidden)) == len(added.findall(shown)) - 1
    assert "Zangezur corridor (proposed, approximate)" in hidden, "still in the layer control"


def test_names_from_layer_files_reach_the_map_as_plain_text_and_the_script_escaped(tmp_path):
    # the data carried HTML-escaped names until issue 11; storymap.js now sets them as text
    hostile = "<img src=x onerror=alert(1)>`${alert(2)}`{{ 7 * 7 }}"
    write_layer(tmp_path, "towns", point_layer(name=hostile))
    fmap = build_map(io.load_story(io.SEEDS_DIR, tmp_path).view(), static_url=STATIC_URL)
    towns = next(child for child in fmap._children.values() if getattr(child, "data", None))
    assert towns.data["features"][0]["properties"]["name"] == hostile
    page = rendered(fmap)
    assert "${alert(2)}" not in page
    assert "<img" not in page
    assert "{{ 7" not in page
    assert js_literal(hostile) in page, "the script holds the name exactly, as a JavaScript string"


def test_areas_that_would_hide_others_are_outlines(story):
    fmap = build_map(story.view(), static_url=STATIC_URL)
    rendered(fmap)
    regions = next(c for c in fmap._children.values() if "Regions" in getattr(c, "layer_name", ""))
    styles = {f["properties"]["id"]: regions.style_function(f) for f in regions.data["features"]}
    assert styles["caucasus"]["fill"] is False, "the Caucasus would take every click on Armenia"
    assert styles["karabakh"]["fill"] is True
    order = [f["properties"]["id"] for f in regions.data["features"]]
    assert order.index("karabakh") > order.index("caucasus"), "smaller areas are drawn on top"


def test_each_layer_carries_its_sources_credits(story):
    fmap = build_map(story.view(), static_url=STATIC_URL)
    credits_by_layer = {layer_id: layer_credits for layer_id, _, layer_credits in overlays_of(fmap)}
    assert credits_by_layer["towns"] == ["GeoNames (CC BY 4.0)"]
    assert credits_by_layer["countries"] == ["Natural Earth (public domain)"]
    assert credits(story.layer("land")) == ["Natural Earth (public domain)"], "the backdrop's source too"


def test_only_ids_and_names_reach_the_map_data_and_the_rest_only_the_cards(story):
    # issue 17: the card shown on a click holds the note; the shapes' data still holds only id and name
    fmap = build_map(story.view(), static_url=STATIC_URL)
    layers = [child for child in fmap._children.values() if isinstance(child, folium.GeoJson)]
    keys = {key for layer in layers for f in layer.data["features"] for key in f["properties"]}
    assert keys == {"id", "name"}
    html = rendered(fmap)
    assert '"id":"shusha"' in html
    card = html[html.index('<template id="story-card-shusha">') :]
    assert "Armenian: Shushi" in card[: card.index("</template>")], "the note is in the card only"


@pytest.mark.parametrize("place_id", ["shusha", "zangezur-corridor", "armenia"])
def test_highlight_carries_the_geometry(story, place_id):
    group = highlight_layer([story.places[place_id]])
    assert group.control is False, "the selection is not a layer to switch"
    # beside it, the script that tells labels.js which places are selected
    (geojson,) = [child for child in group._children.values() if isinstance(child, folium.GeoJson)]
    assert geojson.data["features"][0]["geometry"]["type"] == story.places[place_id].geometry.geom_type


def test_the_selection_tells_the_labels_which_places_it_shows(story):
    group = highlight_layer([story.places["shusha"], story.places["kars"]])
    html = folium.Map().add_child(group).get_root().render()
    assert f'{group.get_name()}.storySelection = ["shusha","kars"];' in html


def test_every_place_is_named_on_the_map_as_plain_text_but_a_sea_is_not_drawn(story):
    script = rendered(build_map(story.view()))
    start = script.index("StoryLabels.show(")
    data = json.loads(script[script.index("{", start) : script.index(");", start)])
    assert {label["id"] for label in data["labels"]} == set(story.places)
    assert '"id":"caspian-sea"' not in script[:start], "a sea is a name, with no dot"


def test_many_points_are_clustered_with_local_assets(tmp_path):
    from folium.plugins import MarkerCluster

    from tests.inputs import many_points

    write_layer(tmp_path, "towns", point_layer())
    write_layer(tmp_path, "generated", many_points(60))
    # no gazetteer: with these layers it would find the seed's Fizuli as another unclustered point
    fmap = build_map(io.load_story(io.SEEDS_DIR, tmp_path, gazetteer_file=None).view(), static_url=STATIC_URL)
    (cluster,) = [c for c in fmap._children.values() if isinstance(c, MarkerCluster)]
    assert [url for _, url in cluster.default_js] == [f"{STATIC_URL}/markercluster/leaflet.markercluster.js"]
    (points,) = cluster._children.values()
    assert len(points.data["features"]) == 60
    assert cluster.control, "the cluster is the layer's switch"
    towns = [c for c in fmap._children.values() if isinstance(c, folium.GeoJson) and c.data["features"]]
    assert [t.data["features"][0]["properties"]["id"] for t in towns] == ["shusha"], "few points: no cluster"


def test_tooltips_are_storymaps_and_stick_to_the_mouse_except_in_clusters(tmp_path):
    from folium.plugins import MarkerCluster

    from tests.inputs import many_points

    write_layer(tmp_path, "towns", point_layer())
    write_layer(tmp_path, "generated", many_points(60))
    fmap = build_map(io.load_story(io.SEEDS_DIR, tmp_path, gazetteer_file=None).view(), static_url=STATIC_URL)
    page = rendered(fmap)
    assert "bindTooltip" not in page, "no folium tooltip, which would put names into innerHTML"
    (cluster,) = [c for c in fmap._children.values() if isinstance(c, MarkerCluster)]
    (points,) = [c for c in cluster._children.values() if isinstance(c, folium.GeoJson)]
    (towns,) = [c for c in fmap._children.values() if isinstance(c, folium.GeoJson) and c.data["features"]]
    assert points.on_each_feature.js_code == "StoryMap.describeClusteredPlace"
    assert towns.on_each_feature.js_code == "StoryMap.describePlace"
    storymap = (assets.STORYMAP.source / "storymap.js").read_text(encoding="utf-8")
    assert "describePlace: placeDescriber(true)" in storymap
    assert "describeClusteredPlace: placeDescriber(false)" in storymap
    assert "innerHTML" not in storymap.split("function addLegend")[0], "names are set as text"


def test_frame_bounds_hold_the_selection(story):
    corridor, shusha = story.places["zangezur-corridor"], story.places["shusha"]
    (south, west), (north, east) = frame_bounds([corridor, shusha])
    for place in (corridor, shusha):
        p_west, p_south, p_east, p_north = place.geometry.bounds
        assert south <= p_south <= p_north <= north
        assert west <= p_west <= p_east <= east


def test_russia_is_framed_by_its_largest_part(story):
    (south, west), (north, east) = frame_bounds([story.places["russia"]])
    assert east - west < 180, "not the whole world because Chukotka crosses the antimeridian"
    assert west < 40 < 100 < east
    assert south < 55 < 70 < north


def drawn_features(element) -> list[dict]:
    """Every GeoJSON feature the map draws, wherever it sits in the map's tree of elements."""
    own = element.data["features"] if isinstance(element, folium.GeoJson) else []
    return own + [f for child in element._children.values() for f in drawn_features(child)]


def test_every_geometry_type_is_drawn_and_clickable(every_geometry_story):
    fmap = build_map(every_geometry_story.view(), static_url=STATIC_URL)
    drawn = {f["properties"]["id"]: f["geometry"]["type"] for f in drawn_features(fmap)}
    assert {shape_id(kind): drawn.get(shape_id(kind)) for kind in EVERY_GEOMETRY} == {
        shape_id(kind): kind for kind in EVERY_GEOMETRY
    }
    assert EVERY_GEOMETRY_LAYER in [layer_id for layer_id, _, _ in overlays_of(fmap)], "a layer to switch"


def test_positions_are_packed_as_steps_in_whole_hundred_thousandths_of_a_degree():
    assert packed_positions([46.74989, 39.76006]) == [4674989, 3976006], "a point"
    line = [[45.0, 39.5], [45.00001, 39.49], [44.9, 39.5]]
    assert packed_positions(line) == [4500000, 3950000, 1, -1000, -10001, 1000]
    ring = [[1.0, 1.0], [2.0, 1.0], [1.0, 2.0], [1.0, 1.0]]
    assert packed_positions([[ring]]) == [[[100000, 100000, 100000, 0, -100000, 100000, 0, -100000]]]


def test_the_map_script_carries_packed_positions_that_storymap_unpacks(story):
    fmap = build_map(story.view(), static_url=STATIC_URL)
    page = rendered(fmap)
    towns = next(c for c in fmap._children.values() if "Shusha" in json.dumps(getattr(c, "data", None)))
    packed = json.dumps(packed_collection(towns.data), separators=(",", ":"))
    assert f"StoryMap.unpack({packed}, 100000)" in page
    assert '"coordinates":[46.' not in page, "no position goes unpacked"
