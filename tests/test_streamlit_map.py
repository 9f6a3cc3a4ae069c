"""streamlit_map: the parts of st_folium it relies on, and what it builds on them."""

import json
import re
from pathlib import Path

import folium
import pytest
import streamlit
import streamlit_folium
from playwright.sync_api import Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit_folium import generate_leaflet_string, st_folium

import streamlit_map
from geo.assets import STATIC_URL
from geo.maps import build_map, highlight_layer
from harness.apptest import map_args, run_app
from harness.browser import VIEWPORT, offline_context
from harness.map_frame import UI_TIMEOUT_MS, click_aimed, click_place, map_frame


@pytest.fixture
def fmap(story):
    return build_map(story.view(), static_url=STATIC_URL)


def rendered_on_a_map(group: folium.FeatureGroup) -> str:
    return group.add_to(folium.Map(tiles=None)).get_root().render()


def test_st_folium_renames_every_element_on_its_first_conversion_so_prepare_does_it(story, fmap):
    """The contract: the first conversion renames; a script frozen before it would name nothing."""
    names = [child.get_name() for child in fmap._children.values()]
    generate_leaflet_string(fmap)
    renamed = [child.get_name() for child in fmap._children.values()]
    assert all(a != b for a, b in zip(names, renamed, strict=True))
    assert fmap.get_name() == "map_div"
    prepared = streamlit_map.prepare(build_map(story.view(), static_url=STATIC_URL))
    script = generate_leaflet_string(prepared)
    assert prepared.get_name() == "map_div"
    assert "map_div.storyOverlays" in script, "the scripts were frozen with the final names"
    assert generate_leaflet_string(prepared) == script


def test_a_frozen_map_gives_st_folium_the_same_script_cheaper(fmap):
    generate_leaflet_string(fmap)
    fmap.render()
    expected = generate_leaflet_string(fmap)
    frozen = streamlit_map.freeze(fmap)
    frozen.render()
    # the same script, without the templates' indentation (bytes the browser need not get)
    assert generate_leaflet_string(frozen) == re.sub(r"\n[ \t]+", "\n", expected)


def test_our_own_code_travels_in_the_map_and_leaflet_is_its_only_link():
    """st_folium loads each script link in turn before the map's script: ours would be two round trips."""
    args = map_args(run_app())
    assert args["js_links"] == [f"{STATIC_URL}/leaflet/leaflet.js"]
    assert args["css_links"] == [f"{STATIC_URL}/leaflet/leaflet.css"]
    script = args["script"]
    # storymap.js hooks every new map: it must run before the map is made
    assert script.index("window.StoryMap=") < script.index("window.StoryLabels=") < script.index("L.map(")
    # and our styles in the header: the card's (storymap.css) and the names' (labels.css)
    assert ".story-card{" in args["header"]
    assert ".story-label{" in args["header"]


def test_st_folium_keeps_an_added_group_and_show_takes_it_away(story, fmap):
    """The contract: ``feature_group_to_add`` stays a child of the map once drawn."""
    prepared = streamlit_map.prepare(fmap)
    before = list(prepared._children)
    group = highlight_layer([story.places["shusha"]])
    st_folium(prepared, key="contract", feature_group_to_add=group, render=False)
    assert group.get_name() in prepared._children, "st_folium leaves the group on the map"
    prepared._children.pop(group.get_name())
    streamlit_map.show(prepared, [story.places["shusha"]], frame_request=7, height=400)
    assert list(prepared._children) == before, "show leaves the map as it found it"


def test_sessions_share_a_prepared_map_without_seeing_each_others_selection(story, fmap):
    prepared = streamlit_map.prepare(fmap)
    script = generate_leaflet_string(prepared)
    first, second = streamlit_map.session_copy(prepared), streamlit_map.session_copy(prepared)
    assert generate_leaflet_string(first) == script, "a copy draws the prepared map"
    # the middle of a run of the first session: st_folium has added its selection to the map
    group = highlight_layer([story.places["shusha"]])
    st_folium(first, key="first", feature_group_to_add=group, render=False)
    assert group.get_name() in first._children
    assert generate_leaflet_string(second) == script, "the other session's script is its own"
    assert generate_leaflet_string(prepared) == script
    assert all(layer is prepared._children[name] for name, layer in second._children.items()), (
        "the layers are shared"
    )


def test_a_selection_the_map_drew_sends_the_map_the_same_group_each_time(story):
    """A place chosen in the map has its halo from storymap.js: Python sends nothing that changes."""
    shusha, kars = story.places["shusha"], story.places["kars"]
    # as st_folium names a group it adds
    drawn = [
        generate_leaflet_string(
            streamlit_map.selection_group(chosen, frame_request=None, drawn_by_map=True),
            base_id="feature_group_0",
        )
        for chosen in ([shusha], [kars])
    ]
    assert drawn[0] == drawn[1]
    assert "geo_json" not in drawn[0], "no halo of Python's"
    python_drawn = rendered_on_a_map(streamlit_map.selection_group([kars], frame_request=None))
    assert "StoryMap.replaceSelection" in python_drawn, "Python's halo takes the place of the map's"


def test_st_folium_follows_layers_that_look_like_wms_layers():
    """The contract: selected_layers names the layers with a ``_url`` and ``wmsParams.layers``."""
    bundle = Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static" / "js"
    script = "".join(path.read_text(encoding="utf-8") for path in bundle.glob("main.*.js"))
    assert re.search(r"(\w)\._url&&\1\.wmsParams&&\1\.wmsParams\.layers", script)


def test_a_prepared_map_dresses_each_overlay_as_a_wms_layer(fmap):
    script = generate_leaflet_string(streamlit_map.prepare(fmap))
    dressing = re.search(r"(\w+)\.storyOverlays\.forEach\(function \(overlay\) \{(.*?)\}\);", script, re.S)
    assert dressing, "the overlays StoryMap.followOverlays kept are dressed after it ran"
    assert "overlay.layer.wmsParams = {layers: overlay.id}" in dressing.group(2)
    assert script.index("StoryMap.followOverlays") < dressing.start()


def test_a_frame_request_moves_the_map_once_the_selection_is_added(story):
    shusha = story.places["shusha"]
    script = rendered_on_a_map(streamlit_map.selection_group([shusha], frame_request=3))
    # the group's other handler on "add" takes the place of the halo the map drew (geo/maps.py)
    waiting = re.finditer(r'(\w+)\.once\("add", function \(event\) \{(.*?)\n\s*\}\);', script, re.DOTALL)
    framing = next((found for found in waiting if "framing request" in found.group(2)), None)
    assert framing, "the framing waits for the group to be on the map"
    assert framing.group(1).startswith("feature_group_")
    # StoryMap.frame (geo/static/storymap.js) fits the bounds clear of the map's controls
    assert "StoryMap.frame(map, [[39.76006, 46.74989], [39.76006, 46.74989]], 8)" in framing.group(2)
    assert "framing request 3" in framing.group(2)
    assert 'if (map._animatingZoom) map.once("zoomend", frame);' in framing.group(2), "a later choice waits"
    unframed = rendered_on_a_map(streamlit_map.selection_group([shusha], frame_request=None))
    assert "StoryMap.frame" not in unframed


def test_a_click_is_its_count_and_only_its_id_is_taken():
    clicked = {"last_object_clicked_count": 2, "last_active_drawing": {"properties": {"id": "shusha"}}}
    assert streamlit_map.last_click(clicked) == (2, "shusha")
    forged = {"last_object_clicked_count": 3, "last_active_drawing": {"properties": {"id": ["x"]}}}
    assert streamlit_map.last_click(forged) == (3, None)
    assert streamlit_map.last_click({"last_object_clicked_count": "3"}) is None
    assert streamlit_map.last_click({}) is None


def test_st_folium_copies_what_the_map_reported_under_our_key_and_reported_reads_it(story, fmap, monkeypatch):
    """The contract: the value reaches Python in a widget state under a hashed key; on_change copies it."""
    session: dict = {}
    calls: list[dict] = []
    monkeypatch.setattr(streamlit, "session_state", session)
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs))
    assert streamlit_map.reported() == {}, "nothing before the map reported"
    streamlit_map.show(streamlit_map.prepare(fmap), [], frame_request=None, height=400)
    (call,) = calls
    assert call["key"] != streamlit_map.KEY, "the component's own key is hashed from the map"
    value = {"last_object_clicked_count": 1}
    session[call["key"]] = value  # what Streamlit stores when the browser sends the map's value
    call["on_change"]()
    assert session[streamlit_map.KEY] == value
    assert streamlit_map.reported() == value


def test_visible_layers_are_what_st_folium_reports():
    assert streamlit_map.visible_layers({}) is None
    reported = {"selected_layers": [{"name": "towns", "url": "story-layer"}, "junk"]}
    assert streamlit_map.visible_layers(reported) == {"towns"}


def rerun_requests(page: Page) -> list[list[object]]:
    """The widget values (those sent as JSON) of each script run the page asks for, as it sends them."""
    requests: list[list[object]] = []

    def note(payload: bytes | str) -> None:
        message = BackMsg.FromString(payload) if isinstance(payload, bytes) else None
        if message is not None and message.WhichOneof("type") == "rerun_script":
            widgets = message.rerun_script.widget_states.widgets
            requests.append(
                [json.loads(w.json_value) for w in widgets if w.WhichOneof("value") == "json_value"]
            )

    page.on("websocket", lambda socket: socket.on("framesent", note))
    return requests


@pytest.mark.browser
def test_a_new_page_runs_the_script_once_and_a_click_once_more(chromium, app_url, page_errors):
    """The map's first report (no click, the layers Python drew) reran the reading for nothing."""
    context = offline_context(chromium, viewport=VIEWPORT, outside_requests=[])
    page = context.new_page()
    requests = rerun_requests(page)
    page.goto(app_url)
    frame = map_frame(page, page_errors)
    page.wait_for_timeout(1_500)
    assert len(requests) == 1, f"one run for the new page, none for the map's first report: {requests}"
    click_place(page, frame, "kars")
    expect(page.locator('section.place[data-place="kars"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert len(requests) == 2, "a click on the map still reaches Python"
    clicks = [value.get("last_object_clicked_count") for value in requests[1] if isinstance(value, dict)]
    assert any(clicks), f"with the map's report of the click: {requests[1]}"
    context.close()
    assert page_errors == []


@pytest.mark.browser
def test_a_click_sends_python_the_place_clicked_not_its_outline(chromium, app_url, page_errors):
    """A click on Russia sent its whole outline with it: 73 KB up the reader's connection."""
    context = offline_context(chromium, viewport=VIEWPORT, outside_requests=[])
    page = context.new_page()
    requests = rerun_requests(page)
    sent: list[int] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(len(payload))))
    page.goto(app_url)
    frame = map_frame(page, page_errors)
    page.wait_for_timeout(1_000)
    sent.clear()
    click_aimed(page, frame, "russia")
    expect(page.locator('section.place[data-place="russia"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    reported = [value for value in requests[-1] if isinstance(value, dict) and "last_active_drawing" in value]
    assert [value["last_active_drawing"] for value in reported] == [
        {"type": "Feature", "properties": {"id": "russia"}, "geometry": None}
    ]
    assert max(sent) < 2_000, f"bytes the page sent for the click: {sent}"
    context.close()
    assert page_errors == []
