"""The Streamlit app, run in-process with AppTest."""

from __future__ import annotations

import json
import re
import sys

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

from tests.conftest import ROOT, point_layer, write_layer

APP = str(ROOT / "app.py")


def run_app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    return app


def run_app_with(monkeypatch, *args) -> AppTest:
    monkeypatch.setattr(sys, "argv", ["app.py", *map(str, args)])
    return run_app()


def elements(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from elements(child)


def map_component(app: AppTest) -> UnknownElement:
    (component,) = [e for e in elements(app._tree) if isinstance(e, UnknownElement)]
    return component


def map_args(app: AppTest) -> dict:
    return json.loads(map_component(app).proto.json_args)


def click(app: AppTest, place_id: str) -> None:
    """What st_folium reports after a click on a feature, then the rerun.

    The component's value goes to its widget state, and st_folium's
    on_change copies it to the app's key "map" (AppTest runs no callbacks).
    """
    widget_key = map_component(app).proto.id.rsplit("-", 1)[-1]
    feature = {"type": "Feature", "properties": {"id": place_id, "name": "ignored"}, "geometry": None}
    app.session_state[widget_key] = app.session_state["map"] = {"last_active_drawing": feature}
    app.run()
    assert not app.exception, app.exception


def shown(markdown: str) -> str:
    """The text a reader sees for a Markdown string with escaped characters."""
    return re.sub(r"\\(.)", r"\1", markdown)


def page_html(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.get("html"))


@pytest.fixture(scope="module")
def app() -> AppTest:
    return run_app()


def test_page_shows_title_date_map_and_legend(app):
    assert app.title[0].value == "The Shusha Declaration, on a map"
    assert "2021-06-15" in shown(app.caption[0].value)
    assert app.error == []
    args = map_args(app)
    assert "L.control.layers" in args["script"]
    assert args["script"].count('class=\\"legend-key') == 4, "a legend key per layer switch"
    assert args["returned_objects"] == ["last_active_drawing"]


def test_map_assets_come_from_our_own_server(app):
    args = map_args(app)
    for url in args["js_links"] + args["css_links"]:
        assert url.startswith("../../app/static/leaflet/"), url
    assert (ROOT / "static" / "leaflet" / "leaflet.js").exists()


def test_clicking_shusha_puts_its_quotes_in_the_panel():
    app = run_app()
    before = map_args(app)
    click(app, "shusha")
    panel = page_html(app)
    assert 'data-place="shusha"' in panel
    assert "Also: Shushi, Şuşa" in panel
    assert "signed in the city of <mark>Shusha</mark> (Armenian <mark>Shushi</mark>)" in panel
    assert panel.count('<blockquote class="quote"') == 6
    after = map_args(app)
    assert after["script"] == before["script"], "a click must not remount the map"
    assert after["key"] == before["key"]
    assert "Selected place" not in after["script"]
    assert after["feature_group"], "the selection is drawn without a remount"


def test_successive_clicks_and_new_sessions_keep_the_same_map():
    app = run_app()
    first = map_args(app)
    for place_id in ("shusha", "fizuli", "zangezur-corridor", "atlantis"):
        click(app, place_id)
        assert map_args(app)["script"] == first["script"], f"remounted after clicking {place_id}"
    assert 'data-place="zangezur-corridor"' not in page_html(app)
    another_reader = run_app()
    assert map_args(another_reader)["script"] == first["script"]
    assert map_args(another_reader)["feature_group"] is None


def test_the_panel_never_renders_what_the_map_sent_back():
    app = run_app()
    widget_key = map_component(app).proto.id.rsplit("-", 1)[-1]
    feature = {"properties": {"id": "shusha", "name": "<img src=x onerror=alert(1)>"}}
    app.session_state[widget_key] = {"last_active_drawing": feature}
    app.run()
    assert 'data-place="shusha"' in page_html(app)
    assert "onerror" not in page_html(app)


def test_unknown_ids_leave_the_overview():
    app = run_app()
    click(app, "atlantis")
    assert "Click a place on the map" in page_html(app)


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
    assert '"id": "shusha"' in map_args(app)["script"]
