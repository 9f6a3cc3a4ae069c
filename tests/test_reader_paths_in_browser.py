"""The reader's ways around the map, in Chromium with no network.

Zoomed out, the countries around the story are land, not sea; the wheel
scrolls the page unless Ctrl is held; the map keeps to its bounds; and a
button brings back the view the story opened on, in the app and in the
offline HTML file.
"""

from __future__ import annotations

import io as bytes_io
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Frame, Page, Route, expect

from geo.io import PROJECT
from geo.layers import KINDS
from geo.maps import MAP_BOUNDS, MAP_CENTER, MAP_ZOOM, MIN_ZOOM, SEA_COLOR
from harness.browser import is_local
from harness.map_frame import MAP_IFRAME, POLL_MS, UI_TIMEOUT_MS, map_frame
from tests.commands import run_geo

pytestmark = pytest.mark.browser

# (longitude, latitude) well inside each country, away from its coasts
INLAND = {
    "Kazakhstan": (67.0, 48.5),
    "Ukraine": (31.5, 49.0),
    "Iraq": (43.5, 33.0),
    "Turkmenistan": (59.0, 39.0),
}
SCREENSHOTS = PROJECT / "test-results"
# Leaflet animates a zoom for 0.25 s; the hint shows for 1.5 s
SETTLE_S = 0.6
HINT_WAIT_MS = 5_000
# Leaflet keeps the view to the bounds to the pixel: a pixel is under 0.2 degrees at zoom 3
EDGE_DEGREES = 0.5

# Where a point is in the map's container, and whether a control covers it
POINT_JS = """([lon, lat]) => {
    const point = map_div.latLngToContainerPoint([lat, lon]);
    const size = map_div.getSize();
    const box = map_div.getContainer().getBoundingClientRect();
    const under = document.elementFromPoint(box.left + point.x, box.top + point.y);
    return {
        x: point.x, y: point.y,
        inside: point.x >= 0 && point.y >= 0 && point.x < size.x && point.y < size.y,
        covered: Boolean(under && under.closest(".leaflet-control")),
    };
}"""
VIEW_JS = """() => ({
    zoom: map_div.getZoom(), minZoom: map_div.getMinZoom(),
    center: [map_div.getCenter().lat, map_div.getCenter().lng],
    bounds: [map_div.getBounds().getSouth(), map_div.getBounds().getWest(),
             map_div.getBounds().getNorth(), map_div.getBounds().getEast()],
})"""
# the one element that scrolls Streamlit's page
PAGE_SCROLL_JS = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"


def rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


def distance(one: tuple[int, ...], other: tuple[int, ...]) -> int:
    return max(abs(a - b) for a, b in zip(one[:3], other[:3], strict=True))


def settled_view(frame: Frame) -> dict:
    time.sleep(SETTLE_S)
    return frame.evaluate(VIEW_JS)


def map_in_view(page: Page) -> dict[str, float]:
    """The map's iframe scrolled into view, and its box on the page."""
    iframe = page.locator(MAP_IFRAME)
    iframe.evaluate("element => element.scrollIntoView({block: 'nearest'})")
    box = iframe.bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    return box


def wheel_over_map(page: Page, delta_y: float, *, key: str | None = None) -> None:
    box = map_in_view(page)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    if key:
        page.keyboard.down(key)
    page.mouse.wheel(0, delta_y)
    if key:
        page.keyboard.up(key)


def zoomed_out(page: Page, frame: Frame) -> dict:
    """The map at its least zoom, the pointer off it so no tooltip shows."""
    map_in_view(page)
    page.mouse.move(1, 1)
    frame.evaluate("map_div.setZoom(0, {animate: false})")
    return settled_view(frame)


def test_zoomed_out_the_countries_around_the_story_are_land(app_page: Page, page_errors: list[str]) -> None:
    frame = map_frame(app_page, page_errors)
    view = zoomed_out(app_page, frame)
    assert view["zoom"] == view["minZoom"] >= MIN_ZOOM
    # the legend would cover Iraq: the map alone, without its controls
    frame.evaluate("document.querySelector('.leaflet-control-container').style.visibility = 'hidden'")
    SCREENSHOTS.mkdir(exist_ok=True)
    picture = app_page.locator(MAP_IFRAME).screenshot(path=str(SCREENSHOTS / "land-zoomed-out.png"))
    image = Image.open(bytes_io.BytesIO(picture)).convert("RGB")
    land, sea = rgb(KINDS["land"].style.color), rgb(SEA_COLOR)
    for country, position in INLAND.items():
        point = frame.evaluate(POINT_JS, list(position))
        assert point["inside"], f"{country} is not in sight: {point}, {view}"
        assert not point["covered"], f"a control covers {country}: {point}"
        colour = image.getpixel((round(point["x"]), round(point["y"])))
        assert distance(colour, sea) > 8, f"{country} is drawn as sea: {colour}"
        assert distance(colour, land) <= 3, f"{country} is not the land's colour: {colour}"


def test_the_wheel_scrolls_the_page_and_zooms_only_with_ctrl(app_page: Page, page_errors: list[str]) -> None:
    frame = map_frame(app_page, page_errors)
    before = settled_view(frame)
    scrolled_before = app_page.evaluate(PAGE_SCROLL_JS)
    wheel_over_map(app_page, 300)
    expect(frame.locator(".story-wheel-hint")).to_have_class(
        "story-wheel-hint story-wheel-hint-shown", timeout=HINT_WAIT_MS
    )
    expect(frame.locator(".story-wheel-hint")).to_have_text(
        "Use Ctrl + scroll to zoom the map", timeout=HINT_WAIT_MS
    )
    after = settled_view(frame)
    assert after["zoom"] == before["zoom"] == MAP_ZOOM, "the wheel alone zoomed the map"
    assert app_page.evaluate(PAGE_SCROLL_JS) > scrolled_before, "the page did not scroll"
    # the hint goes away again
    expect(frame.locator(".story-wheel-hint")).to_have_class("story-wheel-hint", timeout=HINT_WAIT_MS)

    wheel_over_map(app_page, 120, key="Control")
    assert settled_view(frame)["zoom"] == MAP_ZOOM - 1, "Ctrl + wheel down did not zoom out"
    wheel_over_map(app_page, -120, key="Control")
    assert settled_view(frame)["zoom"] == MAP_ZOOM, "Ctrl + wheel up did not zoom back in"


def test_the_map_keeps_to_its_bounds_and_least_zoom(app_page: Page, page_errors: list[str]) -> None:
    frame = map_frame(app_page, page_errors)
    for _ in range(8):
        wheel_over_map(app_page, 120, key="Control")
        time.sleep(0.3)
    view = settled_view(frame)
    assert view["zoom"] == view["minZoom"] >= MIN_ZOOM, "zoomed out past the least zoom"
    (least_south, least_west), (most_north, most_east) = MAP_BOUNDS
    # dragged far to the north-west, the view stops at the bounds' west and
    # north edges; dragged far to the south-east, at their east and south edges
    north_west = drag_far(app_page, frame, (0.1, 0.1), (0.9, 0.9))
    assert north_west["bounds"][1] == pytest.approx(least_west, abs=EDGE_DEGREES)
    assert north_west["bounds"][2] == pytest.approx(most_north, abs=EDGE_DEGREES)
    south_east = drag_far(app_page, frame, (0.9, 0.9), (0.1, 0.1))
    assert south_east["bounds"][3] == pytest.approx(most_east, abs=EDGE_DEGREES)
    assert south_east["bounds"][0] == pytest.approx(least_south, abs=EDGE_DEGREES)


def drag_far(page: Page, frame: Frame, start: tuple[float, float], end: tuple[float, float]) -> dict:
    """The view after dragging the map six times from ``start`` to ``end`` (parts of its size)."""
    box = map_in_view(page)
    for _ in range(6):
        page.mouse.move(box["x"] + box["width"] * start[0], box["y"] + box["height"] * start[1])
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * end[0], box["y"] + box["height"] * end[1], steps=8)
        page.mouse.up()
    return settled_view(frame)


def test_back_to_the_story_restores_the_first_view(app_page: Page, page_errors: list[str]) -> None:
    frame = map_frame(app_page, page_errors)
    zoomed_out(app_page, frame)
    frame.evaluate("map_div.panBy([300, 200], {animate: false})")
    button = frame.get_by_role("button", name="Back to the story")
    expect(button).to_be_visible(timeout=UI_TIMEOUT_MS)
    button.focus()
    button.press("Enter")  # from the keyboard, as a mouse click would
    view = settled_view(frame)
    assert view["zoom"] == MAP_ZOOM
    assert view["center"] == pytest.approx(list(MAP_CENTER), abs=0.01)


def test_the_offline_file_has_the_same_ways_back(chromium: Browser, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    assert run_geo("html", out).returncode == 0
    outside: list[str] = []

    def stay_local(route: Route) -> None:
        if route.request.url.startswith("file://") or is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = chromium.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    context.route("**/*", stay_local)
    try:
        page = context.new_page()
        page.goto(out.as_uri())
        page.wait_for_function("() => window.L && document.querySelector('.story-home')", polling=POLL_MS)
        map_name = page.evaluate("() => document.querySelector('.leaflet-container').id")
        zoom_js = f"() => {map_name}.getZoom()"
        page.mouse.move(700, 450)
        page.mouse.wheel(0, 300)
        time.sleep(SETTLE_S)
        assert page.evaluate(zoom_js) == MAP_ZOOM, "the wheel alone zoomed the offline map"
        page.evaluate(f"() => {map_name}.setZoom(0, {{animate: false}})")
        assert page.evaluate(zoom_js) >= MIN_ZOOM
        page.get_by_role("button", name="Back to the story").click()
        time.sleep(SETTLE_S)
        assert page.evaluate(zoom_js) == MAP_ZOOM
    finally:
        context.close()
    assert outside == []
