"""The map component's iframe in a real page: find it, wait for its map, click a place on it."""

from __future__ import annotations

from contextlib import suppress

from playwright.sync_api import Frame, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
UI_TIMEOUT_MS = 20_000
# wait_for_function polls on animation frames by default, and an iframe the
# browser is not painting yet gets none: poll on a timer instead
POLL_MS = 100

# What the load test's readers and bench.click_cost click in turn, each on its own
# shape wherever it lies (PLACE_AIM_JS): towns, countries, Karabakh and the corridor
READERS_TARGETS = (
    "shusha",
    "armenia",
    "fizuli",
    "georgia",
    "kars",
    "iran",
    "karabakh",
    "turkey",
    "zangezur-corridor",
)

# What the map's window holds, to explain a map that never finished
MAP_STATE_JS = """() => ({
    map: String(window.map), map_div: String(window.map_div), same: window.map === window.map_div,
    leaflet: window.L && window.L.version, scripts: document.scripts.length,
    containers: document.querySelectorAll('.leaflet-container').length,
})"""

# The place's own shape, the one a click on it chooses. The selection's halo
# (geo/maps.py highlight_layer) carries the same id but takes no clicks and lies
# under the place: aimed at, it is never the topmost element.
PLACE_LAYER_JS = """(placeId) => {
    let found = null;
    map_div.eachLayer(layer => {
        if (layer._path && layer.options.interactive !== false && layer.feature
            && layer.feature.properties && layer.feature.properties.id === placeId) found = layer;
    });
    return found;
}"""

# Whether Leaflet is animating a pan or a zoom (the ⌂ button's way back is one):
# a point aimed at meanwhile is not where the place is when the mouse comes down
MAP_MOVING_JS = "() => Boolean(map_div._animatingZoom || (map_div._panAnim && map_div._panAnim._inProgress))"

# Where the place with the given id is, in page coordinates relative to the map's
# iframe; `hit` tells whether the marker is the topmost element there.
PLACE_POINT_JS = f"""(placeId) => {{
    const marker = ({PLACE_LAYER_JS})(placeId);
    if (marker === null) return null;
    const point = map_div.latLngToContainerPoint(marker.getLatLng());
    const box = map_div.getContainer().getBoundingClientRect();
    const x = box.left + point.x, y = box.top + point.y;
    return {{x: x, y: y, hit: document.elementFromPoint(x, y) === marker._path}};
}}"""


# Where to click a place on its own shape, wherever it lies, in page coordinates
# relative to the map's iframe; null while nothing of it can be clicked (hidden,
# covered by a card, a dot or another shape) or while the map moves. A town is
# aimed at its marker; a line at its points and the middles of its segments; an
# area at a grid over the part of it in view. The candidates are tried from the
# middle of that part outwards and the first one on top wins: each try is a hit
# test, and trying all of a country's (over 1,000) took 25-80 ms of the page's
# main thread, which the load test's twenty readers paid on every click.
PLACE_AIM_JS = f"""(placeId) => {{
    const target = ({PLACE_LAYER_JS})(placeId);
    if (target === null || ({MAP_MOVING_JS})()) return null;
    const size = map_div.getSize();
    const box = map_div.getContainer().getBoundingClientRect();
    const candidates = [];
    if (target.getLatLng) {{
        candidates.push(map_div.latLngToContainerPoint(target.getLatLng()));
    }} else {{
        const points = target.getLatLngs().flat(3).map(at => map_div.latLngToContainerPoint(at));
        points.forEach((point, n) => {{
            candidates.push(point);
            if (n > 0) candidates.push(point.add(points[n - 1]).divideBy(2));
        }});
        const shape = L.bounds(points);
        const left = Math.max(0, shape.min.x), right = Math.min(size.x, shape.max.x);
        const top = Math.max(0, shape.min.y), bottom = Math.min(size.y, shape.max.y);
        for (let i = 1; i < 24; i++) {{
            for (let j = 1; j < 24; j++) {{
                candidates.push(L.point(left + (right - left) * i / 24, top + (bottom - top) * j / 24));
            }}
        }}
    }}
    const inView = candidates.filter(p => p.x > 4 && p.y > 4 && p.x < size.x - 4 && p.y < size.y - 4);
    if (inView.length === 0) return null;
    const middle = L.bounds(inView).getCenter();
    inView.sort((a, b) => a.distanceTo(middle) - b.distanceTo(middle));
    const hit = inView.find(p => document.elementFromPoint(box.left + p.x, box.top + p.y) === target._path);
    return hit ? {{x: box.left + hit.x, y: box.top + hit.y}} : null;
}}"""


# Closes the card inside the map (geo/static/storymap.js) when it covers the place
CLOSE_COVERING_CARD_JS = f"""(placeId) => {{
    const p = ({PLACE_POINT_JS})(placeId);
    const card = document.querySelector('.story-card');
    if (!p || !card || card.hidden) return;
    const box = card.getBoundingClientRect();
    if (p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom) map_div.storyCard.hide();
}}"""


def map_script_finished(frame: Frame) -> bool:
    """Whether streamlit-folium ran the map script to its end (it sets ``window.map`` last)."""
    try:
        frame.wait_for_function(
            "() => window.map && window.map === window.map_div", timeout=UI_TIMEOUT_MS, polling=POLL_MS
        )
    except PlaywrightTimeout:
        return False
    return True


def map_frame(page: Page, page_errors: list[str]) -> Frame:
    """The map component's frame, once the map script has drawn every layer.

    A script that throws half-way leaves a map with no layers and no click
    handlers; fail here then, with the page's errors, rather than later.

    Raises
    ------
    AssertionError
        If the iframe has no document or its map script never finished.
    """
    iframe = page.locator(MAP_IFRAME)
    expect(iframe).to_be_attached(timeout=UI_TIMEOUT_MS)
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "the map's iframe has no document"
    if not map_script_finished(frame):
        state = frame.evaluate(MAP_STATE_JS)
        raise AssertionError(f"the map script never finished ({state}); JavaScript errors: {page_errors}")
    return frame


def click_place(page: Page, frame: Frame, place_id: str) -> None:
    """A real mouse click on the place's marker, as a reader would do it."""
    iframe = page.locator(MAP_IFRAME)
    # the whole map in view, not just a corner of it
    iframe.evaluate("element => element.scrollIntoView({block: 'nearest'})")
    # the card of the place chosen before may lie over this one: a reader closes it first
    frame.evaluate(CLOSE_COVERING_CARD_JS, place_id)
    # a map that has just been drawn may not have laid out its shapes yet: wait as a reader would
    with suppress(PlaywrightTimeout):
        frame.wait_for_function(
            f"(placeId) => {{ const p = ({PLACE_POINT_JS})(placeId); "
            f"return !p || p.hit && !({MAP_MOVING_JS})(); }}",
            arg=place_id,
            timeout=UI_TIMEOUT_MS,
            polling=POLL_MS,
        )
    point = frame.evaluate(PLACE_POINT_JS, place_id)
    assert point is not None, f"no layer on the map has the id {place_id!r}"
    assert point["hit"], f"something covers the marker of {place_id!r} at {point}"
    box = iframe.bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def aim_at_place(frame: Frame, place_id: str, *, timeout_ms: int = UI_TIMEOUT_MS) -> dict[str, float] | None:
    """Where to click the place on its own shape (PLACE_AIM_JS), as a reader finds it; None if nowhere.

    First as the map is, once it stands still; else, as a reader would, with
    the card closed and back at the story's view (the ⌂ button), once that
    move has ended.
    """
    with suppress(PlaywrightTimeout):
        frame.wait_for_function(f"() => !({MAP_MOVING_JS})()", timeout=timeout_ms, polling=POLL_MS)
    point = frame.evaluate(PLACE_AIM_JS, place_id)
    if point is not None:
        return point
    frame.evaluate("map_div.storyCard.hide()")
    frame.locator(".story-home button").click()
    try:
        return frame.wait_for_function(
            PLACE_AIM_JS, arg=place_id, timeout=timeout_ms, polling=POLL_MS
        ).json_value()
    except PlaywrightTimeout:
        return None


def boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes as the browser reports them (left, top, right, bottom) share any area."""
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def click_aimed(page: Page, frame: Frame, place_id: str) -> None:
    """A real mouse click where the harness aims at the place's own shape (as bench/answers.py does)."""
    point = aim_at_place(frame, place_id)
    assert point is not None, f"nowhere to click {place_id!r}"
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
