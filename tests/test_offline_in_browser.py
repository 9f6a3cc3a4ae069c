"""The offline HTML file opened from disk in Chromium, with no network at all.

The reader sees the title, the report's date and the legend, and a place
clicked on the map, or chosen there with Enter, shows its card inside the
map, quoting the article: the app's own card mechanism (issue 17).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from shapely.geometry import mapping

from geo.io import PROJECT
from geo.io import SHIPPED_TITLE as TITLE
from geo.offline import offline_html
from harness.browser import VIEWPORT, is_local
from harness.map_frame import POLL_MS, UI_TIMEOUT_MS

pytestmark = pytest.mark.browser

RESULTS_DIR = PROJECT / "test-results"
NARROW = {"width": 390, "height": 844}
# the article's own words on Shusha, case and all
SHUSHA_QUOTE = re.compile(r"a consulate general of Turkey will open in Shusha")
# The page's Leaflet map: folium names its variable after the map's element
THE_MAP = "window[document.querySelector('.folium-map').id]"
# Where the place with the given id is on the page; `hit` tells whether its
# marker or shape is the topmost element there
PLACE_POINT_JS = f"""(placeId) => {{
    const map = {THE_MAP};
    let found = null;
    map.eachLayer(layer => {{
        if (layer.feature && layer.feature.properties && layer.feature.properties.id === placeId) {{
            found = layer;
        }}
    }});
    if (found === null) return null;
    const point = map.latLngToContainerPoint(found.getLatLng());
    const box = map.getContainer().getBoundingClientRect();
    const x = box.left + point.x, y = box.top + point.y;
    return {{x: x, y: y, hit: document.elementFromPoint(x, y) === found._path}};
}}"""


@pytest.fixture(scope="module")
def offline_file(story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "map.html"
    out.write_text(offline_html(story.view()), encoding="utf-8")
    return out


@pytest.fixture
def open_file(
    chromium: Browser, offline_file: Path, outside_requests: list[str], page_errors: list[str]
) -> Iterator[Callable[[dict[str, int]], Page]]:
    """Opens the file in a fresh context whose every request off this disk is aborted and listed."""
    contexts = []

    def stay_on_disk(route: Route) -> None:
        url = route.request.url
        if url.startswith("file:") or (is_local(url) and not url.startswith("http")):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    def open_at(viewport: dict[str, int]) -> Page:
        context = chromium.new_context(viewport=viewport)
        contexts.append(context)
        context.route("**/*", stay_on_disk)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        page.goto(offline_file.as_uri())
        page.wait_for_function(f"() => window.L && {THE_MAP}", timeout=UI_TIMEOUT_MS, polling=POLL_MS)
        return page

    yield open_at
    for context in contexts:
        context.close()


def click_place(page: Page, place_id: str) -> None:
    """A real mouse click on the place, once nothing covers it."""
    page.wait_for_function(
        f"(placeId) => {{ const p = ({PLACE_POINT_JS})(placeId); return p && p.hit; }}",
        arg=place_id,
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    point = page.evaluate(PLACE_POINT_JS, place_id)
    page.mouse.click(point["x"], point["y"])


def shown_panel(page: Page, place_id: str):
    return page.locator(f'.folium-map .story-card section.place[data-place="{place_id}"]')


def test_the_page_shows_its_title_date_legend_and_a_hint(open_file, outside_requests, page_errors):
    page = open_file(VIEWPORT)
    assert page.title() == TITLE
    expect(page.locator("h1")).to_have_text(TITLE)
    # issue 15: the report's date written as a date and its headline (was: "Report dated ... source file")
    expect(page.locator(".offline-caption").first).to_contain_text("15 June 2021 · A declaration of alliance")
    expect(page.locator(".offline-caption").first).not_to_contain_text(".txt")
    expect(page.locator(".story-legend")).to_contain_text("Towns in the article")
    expect(page.locator(".offline-header")).to_contain_text("Choose a place on the map")
    expect(page.locator(".story-card")).to_be_hidden()
    assert outside_requests == []
    assert page_errors == []


def test_clicking_shusha_shows_its_quotes_beside_the_map(open_file, outside_requests, page_errors):
    page = open_file(VIEWPORT)
    try:
        click_place(page, "shusha")
        panel = shown_panel(page, "shusha")
        expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(panel.locator("blockquote.quote", has_text=SHUSHA_QUOTE).first).to_be_visible()
        expect(panel.locator("blockquote.quote mark").first).to_have_text("Shusha")
        map_box = page.locator(".folium-map").bounding_box()
        card_box = page.locator(".story-card").bounding_box()
        assert card_box["x"] >= map_box["x"], "the card is inside the map"
        assert card_box["y"] >= map_box["y"]
        assert card_box["x"] + card_box["width"] <= map_box["x"] + map_box["width"]
    finally:
        RESULTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=RESULTS_DIR / "offline-shusha-1400.png")
    assert outside_requests == []
    assert page_errors == []


def test_a_second_click_replaces_the_panel(open_file, page_errors):
    page = open_file(VIEWPORT)
    click_place(page, "shusha")
    expect(shown_panel(page, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    click_place(page, "fizuli")
    expect(shown_panel(page, "fizuli")).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(page.locator(".story-card section.place")).to_have_count(1)
    assert page_errors == []


def test_enter_on_a_focused_place_shows_its_panel(open_file, page_errors):
    page = open_file(VIEWPORT)
    place = page.locator('path[aria-label="Shusha"]')
    expect(place).to_be_attached(timeout=UI_TIMEOUT_MS)
    place.focus()
    page.keyboard.press("Enter")
    panel = shown_panel(page, "shusha")
    expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(panel.locator("blockquote.quote", has_text=SHUSHA_QUOTE).first).to_be_visible()
    assert page_errors == []


def test_on_a_phone_the_card_leaves_the_place_in_sight(open_file, page_errors):
    page = open_file(NARROW)
    click_place(page, "shusha")
    expect(shown_panel(page, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    map_box = page.locator(".folium-map").bounding_box()
    card_box = page.locator(".story-card").bounding_box()
    assert map_box["height"] > NARROW["height"] / 2, "the map keeps most of the screen"
    point = page.evaluate(PLACE_POINT_JS, "shusha")
    assert point["y"] < card_box["y"], "the card does not hide the place chosen"
    assert card_box["width"] >= NARROW["width"] - 40, "the card spans the phone's map"
    assert page_errors == []


def test_the_browser_draws_every_place_at_its_exact_positions(open_file, story, page_errors):
    # geo/maps.py packs the positions (steps in whole 10^-5 degrees); storymap.js unpacks them
    page = open_file(VIEWPORT)
    drawn = page.evaluate(
        f"""() => {{
            const geometries = {{}};
            {THE_MAP}.eachLayer(layer => {{
                if (layer.feature) geometries[layer.feature.properties.id] = layer.feature.geometry;
            }});
            return geometries;
        }}"""
    )
    places = [place for place in story.places.values() if place.id in drawn]
    assert len(places) >= 13, "every place the report names is drawn"
    for place in places:
        assert drawn[place.id] == json.loads(json.dumps(mapping(place.geometry))), place.id
    assert page_errors == []
