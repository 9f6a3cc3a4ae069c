import re

import folium
import pytest

from geo import assets, io
from geo.maps import build_map, escape, freeze, highlight_layer, standalone_html, swatch_html
from geo.story import load_story
from tests.conftest import point_layer, write_layer

STATIC_URL = "../../app/static"
# what would make a browser fetch from elsewhere: scripts, stylesheets, CSS urls
OUTSIDE_URL = re.compile(
    r"""<script[^>]*\ssrc=["']?(?:https?:)?//|<link[^>]*\shref=["']?(?:https?:)?//|url\(["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_escape_defuses_html_and_template_literals():
    assert escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape("`${alert(1)}`\\") == "&#96;&#36;{alert(1)}&#96;&#92;"
    assert escape("\"'&") == "&quot;&#x27;&amp;"


def test_map_loads_leaflet_from_our_server_only(story):
    fmap = build_map(story, static_url=STATIC_URL)
    assert [url for _, url in fmap.default_js] == [f"{STATIC_URL}/leaflet/leaflet.js"]
    assert [url for _, url in fmap.default_css] == [f"{STATIC_URL}/leaflet/leaflet.css"]
    assert not OUTSIDE_URL.search(rendered(fmap))


def test_every_layer_of_places_is_switchable_with_its_legend_key(story):
    fmap = build_map(story, static_url=STATIC_URL)
    rendered(fmap)
    (control,) = [c for c in fmap._children.values() if isinstance(c, folium.LayerControl)]
    names = list(control.overlays)
    assert names == [
        f"{swatch_html(layer.style)} {layer.title}" for layer in story.layers if not layer.is_context
    ]


def test_names_from_layer_files_are_escaped(tmp_path):
    hostile = "<img src=x onerror=alert(1)>`${alert(2)}`"
    write_layer(tmp_path, "towns", point_layer(name=hostile))
    fmap = build_map(load_story(io.SEEDS_DIR, tmp_path), static_url=STATIC_URL)
    towns = next(child for child in fmap._children.values() if getattr(child, "data", None))
    assert towns.data["features"][0]["properties"]["name"] == escape(hostile)
    assert "${alert(2)}" not in rendered(fmap)


def test_areas_that_would_hide_others_are_outlines(story):
    fmap = build_map(story, static_url=STATIC_URL)
    rendered(fmap)
    regions = next(c for c in fmap._children.values() if "Regions" in getattr(c, "layer_name", ""))
    styles = {f["properties"]["id"]: regions.style_function(f) for f in regions.data["features"]}
    assert styles["caucasus"]["fill"] is False, "the Caucasus would take every click on Armenia"
    assert styles["karabakh"]["fill"] is True
    order = [f["properties"]["id"] for f in regions.data["features"]]
    assert order.index("karabakh") > order.index("caucasus"), "smaller areas are drawn on top"


def test_sources_are_credited_on_the_map(story):
    html = rendered(build_map(story, static_url=STATIC_URL))
    assert "addAttribution" in html
    assert "Natural Earth (public domain)" in html
    assert "GeoNames (CC BY 4.0)" in html


def test_only_ids_and_names_reach_the_map(story):
    html = rendered(build_map(story, static_url=STATIC_URL))
    assert '"id": "shusha"' in html
    assert "Armenian: Shushi" not in html, "notes stay on the server"


def test_standalone_html_inlines_leaflet(story):
    html = standalone_html(story, css=assets.inline_css(), js=assets.inline_js())
    assert "<script src" not in html
    assert '<link rel="stylesheet"' not in html
    assert assets.inline_js() in html, "Leaflet itself is in the page"
    assert "url(data:image/png;base64," in html
    assert not OUTSIDE_URL.search(html)


@pytest.mark.parametrize("place_id", ["shusha", "zangezur-corridor", "armenia"])
def test_highlight_carries_the_geometry(story, place_id):
    group = highlight_layer(story.places[place_id])
    assert group.control is False, "the selection is not a layer to switch"
    (geojson,) = group._children.values()
    assert geojson.data["features"][0]["geometry"]["type"] == story.places[place_id].geometry.geom_type


def test_many_points_are_clustered_with_local_assets(tmp_path):
    from folium.plugins import MarkerCluster

    from tests.conftest import many_points

    write_layer(tmp_path, "towns", point_layer())
    write_layer(tmp_path, "generated", many_points(60))
    fmap = build_map(load_story(io.SEEDS_DIR, tmp_path), static_url=STATIC_URL)
    (cluster,) = [c for c in fmap._children.values() if isinstance(c, MarkerCluster)]
    assert [url for _, url in cluster.default_js] == [f"{STATIC_URL}/markercluster/leaflet.markercluster.js"]
    (points,) = cluster._children.values()
    assert len(points.data["features"]) == 60
    assert cluster.control, "the cluster is the layer's switch"
    towns = [c for c in fmap._children.values() if isinstance(c, folium.GeoJson) and c.data["features"]]
    assert [t.data["features"][0]["properties"]["id"] for t in towns] == ["shusha"], "few points: no cluster"


def test_a_frozen_map_gives_st_folium_the_same_script_cheaper(story):
    from streamlit_folium import generate_leaflet_string

    fmap = build_map(story, static_url=STATIC_URL)
    generate_leaflet_string(fmap)
    fmap.render()
    expected = generate_leaflet_string(fmap)
    frozen = freeze(fmap)
    frozen.render()
    assert generate_leaflet_string(frozen) == expected
