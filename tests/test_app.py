"""The Streamlit app, run in-process with AppTest."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from geo import measures, places_list
from geo.assets import STATIC_URL
from geo.io import PROJECT
from geo.reader import CLICKS_SEEN
from harness.apptest import (
    APP,
    article_data,
    choose_clause,
    choose_from_list,
    clause_choices,
    click,
    list_html,
    listed_places,
    map_args,
    map_json_args,
    page_html,
    report_from_map,
    run_app,
    run_app_with,
    shown,
)
from tests.inputs import point_layer, write_layer


def panel_places(app: AppTest) -> list[str]:
    return re.findall(r'<section class="place" data-place="([^"]+)"', page_html(app))


@pytest.fixture(scope="module")
def app() -> AppTest:
    return run_app()


def test_page_shows_title_date_map_and_legend(app):
    assert app.title[0].value == "The Shusha Declaration, on a map"
    # issue 15: the date written as a date and the headline, no file name
    assert shown(app.caption[0].value).startswith("15 June 2021 · A declaration of alliance between")
    assert ".txt" not in app.caption[0].value
    assert app.error == []
    args = map_args(app)
    assert "L.control.layers" in args["script"]
    assert args["script"].count("legend-key") == 6, "a legend key per layer of places, and the railway's"
    assert args["returned_objects"] == ["last_active_drawing", "last_object_clicked_count", "selected_layers"]


def test_map_assets_come_from_our_own_server(app):
    args = map_args(app)
    for url in args["js_links"] + args["css_links"]:
        assert url.startswith(f"{STATIC_URL}/"), url
        assert (PROJECT / "static" / url.removeprefix(f"{STATIC_URL}/")).exists(), url


def test_clicking_shusha_puts_its_quotes_and_distances_in_the_panel():
    app = run_app()
    before = map_args(app)
    click(app, "shusha")
    panel = page_html(app)
    assert panel_places(app) == ["shusha"]
    assert "Also: Shushi, Şuşa" in panel
    assert "signed in the city of <mark>Shusha</mark> (Armenian <mark>Shushi</mark>)" in panel
    assert panel.count('<blockquote class="quote"') == 6
    assert re.search(r"distance to Fizuli 3[89] km", panel)
    after = map_args(app)
    assert after["script"] == before["script"], "a click must not remount the map"
    assert after["key"] == before["key"]
    assert after["feature_group"], "the selection is drawn without a remount"
    assert "StoryMap.frame" not in after["feature_group"], "a place clicked on the map is in view already"


def test_places_chosen_on_the_map_leave_the_map_s_arguments_as_they_are():
    """The map drew each halo itself: Streamlit can send the page a reference, not 160 KB a click."""
    app = run_app()
    click(app, "shusha")
    first = map_args(app)
    assert "geo_json" not in first["feature_group"], "no halo of Python's"
    click(app, "kars")
    assert panel_places(app) == ["kars"]
    assert map_args(app) == first
    choose_from_list(app, "fizuli")
    chosen = map_args(app)["feature_group"]
    assert "geo_json" in chosen, "a choice outside the map: Python draws the halo"
    assert "StoryMap.frame" in chosen
    click(app, "shusha")
    assert map_args(app) == first, "and gives the map its own again"


def test_the_corridor_panel_gives_its_length_in_each_country():
    app = run_app()
    click(app, "zangezur-corridor")
    panel = page_html(app)
    assert re.search(r"Length as drawn: 21\d km \(in Azerbaijan 1\d\d km, Armenia \d\d km\)", panel), panel


def test_a_second_click_on_the_same_place_counts_after_another_choice():
    app = run_app()
    click(app, "shusha")
    choose_from_list(app, "kars")
    assert panel_places(app) == ["kars"]
    click(app, "shusha")  # st_folium sends the same feature again, with a new count
    assert panel_places(app) == ["shusha"]


def test_choosing_the_same_place_again_frames_it_again():
    """A reader who panned away and chooses the place again gets it back in view."""
    app = run_app()
    choose_from_list(app, "kars")
    first = map_args(app)["feature_group"]
    choose_from_list(app, "kars")
    again = map_args(app)["feature_group"]
    assert "StoryMap.frame" in again
    assert again != first, "a changed script is what makes st_folium run it again"


def test_successive_clicks_and_new_sessions_keep_the_same_map():
    app = run_app()
    first = map_args(app)
    for place_id in ("shusha", "fizuli", "zangezur-corridor", "atlantis"):
        click(app, place_id)
        assert map_args(app)["script"] == first["script"], f"remounted after clicking {place_id}"
    assert panel_places(app) == ["zangezur-corridor"], "an unknown id changes nothing"
    another_reader = run_app()
    assert map_args(another_reader)["script"] == first["script"]
    # issue 17: with nothing selected the map gets a group that draws nothing and closes a card
    assert "geo_json" not in map_args(another_reader)["feature_group"]
    assert map_args(another_reader)["feature_group"] == first["feature_group"], "the same on every run"


def test_the_panel_never_renders_what_the_map_sent_back():
    app = run_app()
    feature = {"properties": {"id": "shusha", "name": "<img src=x onerror=alert(1)>"}}
    report_from_map(app, last_active_drawing=feature, last_object_clicked_count=2)
    assert panel_places(app) == ["shusha"]
    assert "onerror" not in page_html(app)


def test_with_nothing_selected_the_panel_says_where_to_choose(app):
    assert panel_places(app) == []
    assert "Choose a place on the map, in the article or under Places" in page_html(app)


def test_a_link_opens_with_its_place_selected_and_framed():
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["place"] = "shusha"
    app.run()
    assert panel_places(app) == ["shusha"]
    assert "signed in the city of <mark>Shusha</mark>" in page_html(app)
    args = map_args(app)
    assert args["feature_group"], "Shusha is drawn as selected"
    framing = "StoryMap.frame(map, [[39.76006, 46.74989], [39.76006, 46.74989]]"
    assert framing in args["feature_group"], "and framed"
    assert app.session_state["selection"] == ("shusha",)


def test_a_link_with_unknown_names_says_so_and_keeps_the_rest():
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["place"] = "atlantis,fizuli"
    app.query_params["layers"] = "towns,nowhere"
    app.run()
    assert panel_places(app) == ["fizuli"]
    warnings = " ".join(shown(w.value) for w in app.warning)
    assert "atlantis" in warnings
    assert "nowhere" in warnings
    assert app.session_state["visible layers"] == ("towns",)
    assert app.query_params["place"] == "fizuli", "the URL keeps only what the map has"


def test_the_url_follows_the_readers_choices():
    app = run_app()
    assert "place" not in app.query_params
    click(app, "fizuli")
    assert app.query_params["place"] == "fizuli"
    choose_from_list(app, "kars")
    assert app.query_params["place"] == "kars"
    report_from_map(
        app,
        last_object_clicked_count=app.session_state[CLICKS_SEEN],
        selected_layers=[
            {"name": "countries", "url": "story-layer"},
            {"name": "towns", "url": "story-layer"},
        ],
    )
    assert app.query_params["layers"] == "countries,towns"
    assert app.session_state["selection"] == ("kars",), "switching a layer keeps the selection"


def test_the_places_list_holds_every_place_by_layer(app, story):
    assert listed_places(app) == list(story.places)
    html = list_html(app)
    for layer in story.layers:
        if not layer.is_backdrop:
            assert f"<h3>{layer.title}</h3>" in html


def test_the_places_list_is_built_once_per_view_for_every_session(inputs, monkeypatch):
    """Each full run used to build it again: 16 ms with 1,000 places, folding every name."""
    built = []
    build = places_list.places_list_html
    monkeypatch.setattr(places_list, "places_list_html", lambda view: built.append(view.key) or build(view))
    seeds, layers = inputs
    for _session in range(2):
        app = run_app_with(monkeypatch, "--seeds", seeds, "--layers", layers)
        click(app, "kars")
        app.run()
        assert "kars" in listed_places(app)
    assert len(built) == 1, built


def test_a_place_is_measured_once_per_view_for_every_session(inputs, monkeypatch):
    """Each click measured again: the Araz took 42 ms of the server, the corridor 15 ms."""
    measured = []
    take = measures.measure
    monkeypatch.setattr(
        measures, "measure", lambda place, view: measured.append(place.id) or take(place, view)
    )
    seeds, layers = inputs
    for _session in range(2):
        app = run_app_with(monkeypatch, "--seeds", seeds, "--layers", layers)
        for place_id in ("zangezur-corridor", "kars", "zangezur-corridor"):
            click(app, place_id)
            app.run()
            assert panel_places(app) == [place_id]
        assert "Length as drawn: 214 km" in page_html(app)
    assert sorted(measured) == ["kars", "zangezur-corridor"], measured


def test_choosing_from_the_list_selects_and_frames_the_place():
    app = run_app()
    choose_from_list(app, "armenia")
    assert panel_places(app) == ["armenia"]
    assert "Area as drawn: 29," in page_html(app)
    assert map_args(app)["feature_group"], "Armenia is drawn as selected"
    assert "StoryMap.frame" in map_args(app)["feature_group"], "and framed"


def test_a_clause_selects_the_places_it_names():
    app = run_app()
    (zangezur,) = [ids for ids in clause_choices(app) if "zangezur-corridor" in ids]
    choose_clause(app, zangezur)
    assert panel_places(app) == ["zangezur-corridor", "azerbaijan", "turkey"]
    assert app.query_params["place"] == "zangezur-corridor,azerbaijan,turkey"


def test_the_article_marks_the_sentences_of_the_selection(story):
    app = run_app()
    click(app, "fizuli")
    data = article_data(app)
    assert data["selected"] == ["fizuli"]
    (quote,) = story.places["fizuli"].quotes
    assert data["marked"] == [quote.start]
    assert f'data-start="{quote.start}"' in data["html"]
    assert data["html"].count('class="mention"') == sum(
        len(q.spans) for p in story.places.values() for q in p.quotes
    )


def test_downloads_hold_the_export_and_the_offline_map(monkeypatch):
    """Both are made when the reader clicks: what the click would run is run here."""
    registered = {}
    add_deferred = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered[file_name] = (mimetype, data_callable)
        return add_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    app = run_app()
    assert [b.label for b in app.get("download_button")] == [
        "Every place as GeoJSON",
        "The map as one HTML file (works offline)",
    ]
    mimetype, make_geojson = registered["shusha-declaration.geojson"]
    assert mimetype == "application/geo+json"
    features = json.loads(make_geojson())["features"]
    assert {f["id"] for f in features} >= {"shusha", "fizuli", "zangezur-corridor"}
    assert all("length_km" in f["properties"] for f in features if f["geometry"]["type"] == "LineString")
    mimetype, make_page = registered["shusha-declaration-map.html"]
    assert mimetype == "text/html"
    page = make_page()
    assert "StoryMap.followOverlays" in page
    assert not re.search(r"""(src=|<link[^>]*href=)["']https?://""", page), "the offline map loads nothing"


def test_unknown_arguments_are_reported(monkeypatch):
    app = run_app_with(monkeypatch, "--layres", "x")
    assert "--layres" in shown(app.warning[0].value)


def test_bad_layer_is_named_and_the_rest_still_shows(inputs, monkeypatch):
    seeds, layers = inputs
    (layers / "regions.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    app = run_app_with(monkeypatch, "--seeds", seeds, "--layers", layers)
    assert len(app.error) == 1
    message = shown(app.error[0].value)
    assert f"{layers / 'regions.geojson'}: is not valid JSON" in message
    script = map_args(app)["script"]
    assert "Towns in the article" in script
    assert "Regions (approximate)" not in script


def test_missing_article_is_a_message_not_a_crash(tmp_path, monkeypatch):
    write_layer(tmp_path / "layers", "towns", point_layer())
    app = run_app_with(monkeypatch, "--seeds", tmp_path / "no-seeds", "--layers", tmp_path / "layers")
    assert "no article" in app.error[0].value
    assert '"id":"shusha"' in map_args(app)["script"]


def test_back_returns_to_the_previous_place_and_forward_comes_again():
    """Back reruns the app with the older URL: the URL wins over the session's newer choice."""
    app = run_app()
    click(app, "fizuli")
    choose_from_list(app, "kars")
    assert app.query_params["place"] == "kars"
    app.query_params.clear()
    app.query_params["place"] = "fizuli"  # what the browser's Back gives
    app.run()
    assert panel_places(app) == ["fizuli"]
    assert app.session_state["selection"] == ("fizuli",)
    assert app.query_params["place"] == "fizuli", "the app does not write the newer URL back"
    assert "StoryMap.frame" in map_args(app)["feature_group"], "the map goes back to the place too"
    app.query_params["place"] = "kars"  # Forward
    app.run()
    assert panel_places(app) == ["kars"]


def test_back_to_the_overview_clears_the_selection():
    app = run_app()
    click(app, "shusha")
    app.query_params.clear()
    app.run()
    assert panel_places(app) == []
    # issue 17: the group that replaces the selection draws nothing and closes the card on the map
    cleared = map_args(app)["feature_group"]
    assert "geo_json" not in cleared
    assert "storyCard.hide()" in cleared


def test_back_across_a_layer_switch_shows_the_layers_of_that_url():
    app = run_app()
    report_from_map(app, selected_layers=[{"name": "countries"}, {"name": "towns"}])
    assert app.query_params["layers"] == "countries,towns"
    app.query_params.clear()
    app.run()
    assert app.session_state["visible layers"] == ("countries", "regions", "reference", "corridor", "towns")
    assert map_args(app)["script"] == map_args(run_app())["script"], "the map is drawn with every layer on"


def test_a_link_may_name_a_place_by_any_name_and_is_then_written_by_id(monkeypatch):
    # app.py reads its own arguments: pytest's (a file like test_permalink.py) would be warned of
    monkeypatch.setattr(sys, "argv", ["app.py"])
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["place"] = "Shushi"
    app.run()
    assert panel_places(app) == ["shusha"]
    assert not [w for w in app.warning if "link" in w.value], "no warning about the link"
    assert app.query_params["place"] == "shusha"


def test_a_links_warning_goes_away_once_the_reader_chooses():
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["place"] = "atlantis"
    app.run()
    assert "atlantis" in " ".join(shown(w.value) for w in app.warning)
    click(app, "shusha")
    assert not [w for w in app.warning if "atlantis" in shown(w.value)]


def test_the_overview_button_and_escape_clear_the_selection():
    app = run_app()
    click(app, "shusha")
    app.button(key="clear").click().run()
    assert panel_places(app) == []
    assert "place" not in app.query_params
    assert [b for b in app.button if b.key == "clear"] == [], "no button when nothing is selected"


def test_a_choice_that_moves_the_map_tells_the_page_to_bring_it_into_view():
    app = run_app()
    assert article_data(app)["frame"] is None
    choose_from_list(app, "kars")
    first = article_data(app)["frame"]
    assert isinstance(first, int)
    click(app, "shusha")
    assert article_data(app)["frame"] is None, "a click on the map leaves the map where it is"
    choose_from_list(app, "kars")
    assert article_data(app)["frame"] not in (None, first), "the same choice again is a new request"


def test_importing_the_app_draws_nothing():
    """main() runs only when Streamlit (or AppTest) runs app.py as __main__, as every test above does."""
    # main() starts with st.set_page_config: made to fail, it shows whether main() ran
    code = "import streamlit as st; st.set_page_config = None; import app; print(callable(app.main))"
    imported = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "True"


def test_the_first_click_on_the_map_leaves_its_arguments_byte_for_byte():
    """Streamlit then sends the page a reference to the map it has, not its script again (186 KB)."""
    app = run_app()
    first_run = map_json_args(app)
    click(app, "fizuli")
    assert panel_places(app) == ["fizuli"]
    assert map_json_args(app) == first_run
    click(app, "kars")
    assert map_json_args(app) == first_run
