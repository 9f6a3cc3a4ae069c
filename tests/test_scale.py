"""A thousand generated places: they cluster, and one can still be clicked."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from geo import io
from harness.browser import VIEWPORT, launched_chromium
from harness.map_frame import MAP_IFRAME, UI_TIMEOUT_MS, map_frame
from harness.server import streamlit_server
from tests.inputs import many_points, write_layer

pytestmark = pytest.mark.browser

PLACES = 1000
# the first generated place that is on the map, unclustered, at the current view
VISIBLE_PLACE_JS = """() => {
    let found = null;
    map_div.eachLayer(layer => {
        const id = layer.feature && layer.feature.properties.id;
        if (!found && id && id.startsWith("p-") && map_div.getBounds().contains(layer.getLatLng())) {
            found = {id: id, point: map_div.latLngToContainerPoint(layer.getLatLng())};
        }
    });
    return found;
}"""


def test_a_thousand_places_cluster_and_stay_clickable(tmp_path):
    layers = tmp_path / "layers"
    shutil.copytree(io.LAYERS_DIR, layers)
    write_layer(layers, "generated", many_points(PLACES))
    errors: list[str] = []
    server = streamlit_server(tmp_path / "server.log", ["--layers", str(layers)])
    with server as url, launched_chromium() as chromium:
        page = chromium.new_page(viewport=VIEWPORT)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        frame = map_frame(page, errors)
        clusters = frame.locator(".marker-cluster")
        expect(clusters.first).to_be_visible(timeout=UI_TIMEOUT_MS)
        assert 1 < clusters.count() < 100, "nearby places merge into clusters"
        frame.evaluate("map_div.setView([41, 45], 11, {animate: false})")
        place = frame.evaluate(VISIBLE_PLACE_JS)
        assert place is not None, "zoomed in, single places appear"
        box = page.locator(MAP_IFRAME).bounding_box()
        page.mouse.click(box["x"] + place["point"]["x"], box["y"] + place["point"]["y"])
        expect(page.locator(f'section.place[data-place="{place["id"]}"]')).to_be_visible(
            timeout=UI_TIMEOUT_MS
        )
    assert errors == []
