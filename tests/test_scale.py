"""A thousand generated places: they cluster, and one can still be clicked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from geo import io
from geo.places_list import LIST_LIMIT, MORE_TEMPLATE
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


@pytest.fixture(scope="module")
def thousand_places_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with the real layers and a layer of a thousand generated places."""
    folder = tmp_path_factory.mktemp("thousand")
    layers = folder / "layers"
    shutil.copytree(io.LAYERS_DIR, layers)
    write_layer(layers, "generated", many_points(PLACES))
    with streamlit_server(folder / "server.log", ["--layers", str(layers)]) as url:
        yield url


def test_a_thousand_places_cluster_and_stay_clickable(thousand_places_url):
    errors: list[str] = []
    with launched_chromium() as chromium:
        url = thousand_places_url
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


def test_the_list_shows_a_long_layers_first_places_and_narrows_to_the_rest(thousand_places_url):
    errors: list[str] = []
    with launched_chromium() as chromium:
        page = chromium.new_page(viewport=VIEWPORT)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(thousand_places_url)
        map_frame(page, errors)
        generated = page.locator('[data-testid="stSidebar"] section').filter(
            has=page.locator('[data-places^="p-"]')
        )
        listed = generated.locator("li:not([hidden]) button")
        expect(listed).to_have_count(LIST_LIMIT)
        expect(generated.locator("p.more")).to_have_text(MORE_TEMPLATE.format(count=PLACES - LIST_LIMIT))
        search = page.get_by_label("Find a place by any of its names")
        # Place 1, 10-19, 100-199 and 1000: 112 names hold "place 1"
        search.fill("PLACE 1")
        expect(listed).to_have_count(LIST_LIMIT)
        expect(generated.locator("p.more")).to_have_text(MORE_TEMPLATE.format(count=112 - LIST_LIMIT))
        search.fill("place 99")
        expect(listed).to_have_text([f"Place {number}" for number in (99, *range(990, 1000))])
        expect(generated.locator("p.more")).to_be_hidden()
        listed.last.click()
        expect(page.locator('section.place[data-place="p-0999"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert errors == []
