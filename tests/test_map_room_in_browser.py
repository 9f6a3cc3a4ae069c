"""The map's room and reach in a real browser (issue 15): its width on a desktop, framed places
clear of the legend and the switches, no empty legend, and a far place framed on land.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Browser, Frame, Page

from harness.browser import opened_app
from harness.map_frame import POLL_MS, UI_TIMEOUT_MS, boxes_overlap, map_frame

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
# the map's width at 1400 px before issue 15
OLD_MAP_PX = 548
# the map has moved to the framed selection and stopped
FRAMED_JS = """(id) => {
    let found = null;
    map_div.eachLayer(l => { if (l.feature && l.feature.properties.id === id) found = l; });
    return found && !map_div._animatingZoom && map_div.getZoom() > 6;
}"""
# the framed place's box and every visible control's box, in the map's own pixels
BOXES_JS = """(id) => {
    const map = map_div.getContainer().getBoundingClientRect();
    const relative = r => ({left: r.left - map.left, top: r.top - map.top,
                            right: r.right - map.left, bottom: r.bottom - map.top});
    let place = null;
    map_div.eachLayer(l => { if (l.feature && l.feature.properties.id === id) place = l; });
    const bounds = place.getBounds ? place.getBounds() : L.latLngBounds([place.getLatLng()]);
    const nw = map_div.latLngToContainerPoint(bounds.getNorthWest());
    const se = map_div.latLngToContainerPoint(bounds.getSouthEast());
    const controls = Array.from(document.querySelectorAll('.leaflet-control'))
        .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height).map(relative);
    return {place: {left: nw.x, top: nw.y, right: se.x, bottom: se.y}, controls: controls,
            width: map.width, height: map.height};
}"""
# where a place's dot is, in the map's own pixels, and whether it is in view
DOT_JS = """(id) => {
    let dot = null;
    map_div.eachLayer(l => { if (l.feature && l.feature.properties.id === id) dot = l; });
    const point = map_div.latLngToContainerPoint(dot.getLatLng()), size = map_div.getSize();
    return {x: point.x, y: point.y,
            inView: point.x >= 0 && point.y >= 0 && point.x <= size.x && point.y <= size.y};
}"""
# the land's fill (geo/layers.py), as the screenshot shows it
LAND_RGB = (0xE6, 0xE1, 0xD3)
# around the dot, this many pixels each way: at least this share of it is land
AROUND_PX, LAND_SHARE = 60, 0.2


def land_share_around(frame: Frame, dot: dict) -> float:
    """The share of the square around the dot that the land's colour fills, from a screenshot."""
    shot = Image.open(io.BytesIO(frame.locator(".leaflet-container").screenshot())).convert("RGB")
    x, y = round(dot["x"]), round(dot["y"])
    pixels = [
        shot.getpixel((px, py))
        for px in range(max(0, x - AROUND_PX), min(shot.width, x + AROUND_PX))
        for py in range(max(0, y - AROUND_PX), min(shot.height, y + AROUND_PX))
    ]
    land = sum(all(abs(a - b) <= 6 for a, b in zip(pixel, LAND_RGB, strict=True)) for pixel in pixels)
    return land / len(pixels)


def framed(page: Page, page_errors: list[str], place_id: str) -> Frame:
    frame = map_frame(page, page_errors)
    frame.wait_for_function(FRAMED_JS, arg=place_id, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    frame.wait_for_timeout(500)
    return frame


def test_the_map_takes_more_of_a_desktop_page(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    width = frame.evaluate("() => map_div.getSize().x")
    assert width >= OLD_MAP_PX * 1.1, f"the map is {width} px wide"


@pytest.mark.parametrize("place_id", ["zangezur-corridor", "meghri", "kars-nakhchivan-railway", "horadiz"])
def test_a_framed_place_is_clear_of_the_legend_and_the_switches(open_page, page_errors, place_id):
    frame = framed(open_page(f"/?place={place_id}", DESKTOP), page_errors, place_id)
    boxes = frame.evaluate(BOXES_JS, place_id)
    assert len(boxes["controls"]) >= 4
    covering = [control for control in boxes["controls"] if boxes_overlap(control, boxes["place"])]
    assert covering == [], f"{place_id} at {boxes['place']} under controls {covering}"


def test_with_every_layer_off_no_empty_legend_box(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    legend = frame.locator(".story-legend")
    assert legend.is_visible()
    for switch in frame.locator(".leaflet-control-layers-overlays input").all():
        switch.uncheck()
    frame.wait_for_function(
        "() => document.querySelector('.story-legend').hidden", timeout=UI_TIMEOUT_MS, polling=POLL_MS
    )
    assert not legend.is_visible()
    frame.locator(".leaflet-control-layers-overlays input").first.check()
    frame.wait_for_function(
        "() => !document.querySelector('.story-legend').hidden", timeout=UI_TIMEOUT_MS, polling=POLL_MS
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1400", "390"])
def test_washington_is_framed_on_land_with_its_dot_in_view(
    chromium: Browser, reports_url: str, page_errors: list[str], viewport: dict[str, int]
):
    outside: list[str] = []
    with opened_app(
        chromium,
        reports_url + "/?place=washington",
        viewport=viewport,
        outside_requests=outside,
        page_errors=page_errors,
    ) as page:
        frame = framed(page, page_errors, "washington")
        dot = frame.evaluate(DOT_JS, "washington")
        assert dot["inView"]
        share = land_share_around(frame, dot)
    assert share >= LAND_SHARE, f"only {share:.0%} of the view around Washington is land"
    assert outside == []
