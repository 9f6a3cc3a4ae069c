"""The app in a real browser: a Streamlit server driven by Debian's headless Chromium.

These tests catch what unit tests cannot: that Leaflet really loads from our
own server with the internet cut off, and that a real mouse click on a town
brings the article's sentences into the panel without remounting the map.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Error, Frame, Page, expect

from geo.io import PROJECT
from harness.browser import VIEWPORT
from harness.map_frame import MAP_IFRAME, POLL_MS, UI_TIMEOUT_MS, click_place, map_frame

pytestmark = pytest.mark.browser

RESULTS_DIR = PROJECT / "test-results"
LEAFLET_VERSION = "1.9.3"
# set in the map before the click; a remounted map loses them
MOUNT_MARKER = 42
READER_CENTER = (39.7, 46.7)
READER_ZOOM = 8
SHUSHA_FIRST_SENTENCE = (
    "A declaration of alliance between Azerbaijan and Turkey has been signed in the city of Shusha"
)


def test_map_draws_without_network(
    app_page: Page, outside_requests: list[str], page_errors: list[str]
) -> None:
    """Leaflet and every layer come from our server: no CDN, no tiles, no script error."""
    inside = app_page.frame_locator(MAP_IFRAME)
    expect(inside.locator(".leaflet-container")).to_be_visible(timeout=UI_TIMEOUT_MS)
    frame = map_frame(app_page, page_errors)
    paths = inside.locator("svg path.leaflet-interactive")
    assert paths.count() >= 10, f"only {paths.count()} clickable shapes on the map"
    assert frame.evaluate("window.L.version") == LEAFLET_VERSION
    assert page_errors == []
    assert outside_requests == []


def set_reader_view(frame: Frame) -> None:
    """Mark the map's window and move the view, as evidence a rerun can check."""
    frame.evaluate(
        f"window.__mounted_marker = {MOUNT_MARKER};"
        f"map_div.setView([{READER_CENTER[0]}, {READER_CENTER[1]}], {READER_ZOOM}, {{animate: false}})"
    )
    frame.wait_for_function(
        f"() => map_div.getZoom() === {READER_ZOOM}", timeout=UI_TIMEOUT_MS, polling=POLL_MS
    )


def surviving_map(frame: Frame) -> tuple[Any, Any] | str:
    """The marker and zoom we left in the map's window, or why they are gone."""
    if frame.is_detached():
        return "the map's iframe was replaced: the map was remounted"
    try:
        marker, zoom = frame.evaluate("[window.__mounted_marker, map_div.getZoom()]")
    except Error as error:
        return f"the map's frame no longer answers (remounted?): {error}"
    return marker, zoom


def expect_shusha_quotes(page: Page, frame: Frame, page_errors: list[str]) -> None:
    """The panel beside the map quotes the article's sentences on Shusha, mention marked."""
    panel = page.locator('section.place[data-place="shusha"]')
    try:
        expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    except AssertionError as error:
        raise AssertionError(
            f"{error}\nmap: {surviving_map(frame)}; JavaScript errors: {page_errors}"
        ) from None
    quotes = panel.locator("blockquote.quote")
    expect(quotes.first).to_contain_text(SHUSHA_FIRST_SENTENCE)
    expect(quotes.first).to_contain_text("(Armenian Shushi)")
    expect(quotes.locator("mark").filter(has_text=re.compile(r"^Shusha$")).first).to_be_visible()
    expect(panel).to_contain_text("Shushi")


def assert_same_map(frame: Frame) -> None:
    """The iframe and its Leaflet map survived the rerun that the click caused."""
    survivor = surviving_map(frame)
    if isinstance(survivor, str):
        pytest.fail(survivor)
    marker, zoom = survivor
    assert marker == MOUNT_MARKER, "the map's window lost our marker: the map was remounted"
    assert zoom == READER_ZOOM, f"the reader's zoom was reset to {zoom}"


def save_screenshot(page: Page) -> None:
    """Keep what the browser showed, for a human to look at (pass or fail)."""
    RESULTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS_DIR / "browser-shusha.png")


def test_click_on_shusha_shows_its_quotes(
    app_page: Page, outside_requests: list[str], page_errors: list[str]
) -> None:
    """Clicking the town brings its sentences beside the map and keeps the reader's view."""
    try:
        frame = map_frame(app_page, page_errors)
        set_reader_view(frame)
        click_place(app_page, frame, "shusha")
        expect_shusha_quotes(app_page, frame, page_errors)
        assert_same_map(frame)
    finally:
        save_screenshot(app_page)
    assert outside_requests == []


def test_second_click_and_a_new_reader_keep_a_working_map(
    app_page: Page, chromium: Browser, app_url: str, page_errors: list[str]
) -> None:
    """Each click is answered in place, and the next reader still gets a drawn map."""
    frame = map_frame(app_page, page_errors)
    set_reader_view(frame)
    for place_id in ("shusha", "fizuli"):
        click_place(app_page, frame, place_id)
        expect(app_page.locator(f'section.place[data-place="{place_id}"]')).to_be_visible(
            timeout=UI_TIMEOUT_MS
        )
        assert_same_map(frame)
    expect(app_page.locator("blockquote.quote mark").first).to_have_text("Fizuli")
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        another = context.new_page()
        another.on("pageerror", lambda error: page_errors.append(str(error)))
        another.goto(app_url)
        map_frame(another, page_errors)
    finally:
        context.close()
    assert page_errors == []


# Where a latitude/longitude is, in page coordinates relative to the map's iframe
LATLNG_POINT_JS = """([lat, lng]) => {
    const point = map_div.latLngToContainerPoint([lat, lng]);
    const box = map_div.getContainer().getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""
# in Armenia, under the Caucasus outline and away from every dot (Yerevan has its own now)
INSIDE_ARMENIA = (40.75, 44.2)


def click_at(page: Page, frame: Frame, latlng: tuple[float, float]) -> None:
    """A real mouse click on the map at a latitude/longitude, once a shape is drawn there.

    The map script finishes before the SVG renderer lays out its shapes (on
    the next frames, later on a loaded machine): a click before then lands on
    the bare pane, as no reader's would. Which shape answers is the test's to check.
    """
    frame.wait_for_function(
        f"""(latlng) => {{
            const p = ({LATLNG_POINT_JS})(latlng);
            const element = document.elementFromPoint(p.x, p.y);
            return !!element && element.matches('path.leaflet-interactive');
        }}""",
        arg=list(latlng),
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    point = frame.evaluate(LATLNG_POINT_JS, list(latlng))
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def layer_switch(page: Page, title: str):
    """The checkbox of a layer in the map's layer control."""
    control = page.frame_locator(MAP_IFRAME).locator(".leaflet-control-layers-overlays label")
    return control.filter(has_text=title).locator("input")


def test_a_country_answers_a_click_inside_it(app_page: Page, page_errors: list[str]) -> None:
    """Regions drawn over the countries must not swallow clicks on them."""
    frame = map_frame(app_page, page_errors)
    click_at(app_page, frame, INSIDE_ARMENIA)
    panel = app_page.locator('section.place[data-place="armenia"]')
    expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(panel.locator("blockquote.quote mark").first).to_have_text("Armenia")


def test_switched_off_layers_stay_off_after_a_click(app_page: Page, page_errors: list[str]) -> None:
    """The reader's layer switches survive the rerun that a click causes."""
    frame = map_frame(app_page, page_errors)
    set_reader_view(frame)
    regions = layer_switch(app_page, "Regions")
    regions.uncheck()
    expect(regions).not_to_be_checked()
    click_place(app_page, frame, "shusha")
    expect(app_page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert_same_map(frame)
    expect(regions).not_to_be_checked()


def test_a_layer_switched_back_on_stays_under_the_towns(app_page: Page, page_errors: list[str]) -> None:
    """Leaflet draws a re-added layer on top; the corridor must not cover Kars, its end."""
    frame = map_frame(app_page, page_errors)
    corridor = layer_switch(app_page, "Zangezur corridor")
    corridor.uncheck()
    corridor.check()
    click_place(app_page, frame, "kars")
    expect(app_page.locator('section.place[data-place="kars"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
