"""Dots that fall on one another, in a real browser (issue 15): with a report naming Stepanakert
(Khankendi, 10 km from Shusha), Shusha keeps its click, no name sits on an unnamed dot, and
every dot in view is named or counted in a near name ("Goris +2").
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Frame, Page

from harness.browser import opened_app
from harness.map_frame import MAP_IFRAME, PLACE_POINT_JS, POLL_MS, UI_TIMEOUT_MS, map_frame

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 900}
# the report that names Stepanakert, Lachin and Goris
LACHIN_REPORT = "/?report=2022-08-26_lachin"
# the towns around Shusha the Lachin report's map shows, each with a dot of its own: the report
# names no Fizuli, so its map draws none (issue 15); every report's map adds it to the crowd
CROWD = ("shusha", "khankendi", "lacin-az", "horadiz")
EVERY_REPORT_CROWD = (*CROWD, "fizuli")
# as GROUP_PX in geo/static/labels.js: an unnamed dot counts in a name this near
GROUP_PX = 30
SETTLED_JS = """() => !map_div._animatingZoom && document.querySelector('.story-labels')
    && !document.querySelector('.story-labels-moving')
    && document.querySelectorAll('.story-label:not([hidden])').length > 0"""
# every dot in view and not under a control, named or not, and every shown name's box
# and "+n", in the map's pixels
DOTS_AND_NAMES_JS = """() => {
    const map = map_div.getContainer().getBoundingClientRect(), size = map_div.getSize();
    const dots = map_div.storyLabels.labels.filter(l => l.data.kind === 'point'
        && map_div.storyLabels.isVisible(l)).map(l => {
        const p = map_div.latLngToContainerPoint(l.data.at[0][0]);
        return {id: l.data.id, x: p.x, y: p.y, named: !l.element.hidden};
    }).filter(d => d.x >= 0 && d.y >= 0 && d.x <= size.x && d.y <= size.y);
    // a dot under the legend or the switches is not seen, and needs no name
    const controls = Array.from(document.querySelectorAll('.leaflet-control')).map(c => {
        const r = c.getBoundingClientRect();
        return {left: r.left - map.left, top: r.top - map.top,
                right: r.right - map.left, bottom: r.bottom - map.top};
    });
    const seen = dots.filter(d => !controls.some(c => c.left <= d.x && d.x <= c.right
        && c.top <= d.y && d.y <= c.bottom));
    const names = map_div.storyLabels.labels.filter(l => !l.element.hidden).map(l => {
        const r = l.element.getBoundingClientRect();
        return {id: l.data.id, text: l.data.text, more: l.element.getAttribute('data-more'),
                left: r.left - map.left, top: r.top - map.top, right: r.right - map.left,
                bottom: r.bottom - map.top};
    });
    return {dots: seen, names: names};
}"""


@pytest.fixture
def lachin_page(chromium: Browser, reports_url: str, page_errors: list[str]) -> Iterator[Page]:
    outside: list[str] = []
    with opened_app(
        chromium,
        reports_url + LACHIN_REPORT,
        viewport=DESKTOP,
        outside_requests=outside,
        page_errors=page_errors,
    ) as page:
        yield page
    assert outside == []


@pytest.fixture
def frame(lachin_page: Page, page_errors: list[str]) -> Frame:
    frame = map_frame(lachin_page, page_errors)
    frame.wait_for_function(SETTLED_JS, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    return frame


@pytest.fixture
def every_report_frame(lachin_page: Page, page_errors: list[str]) -> Frame:
    """The map of every report's places, chosen as a reader chooses it, once it draws Fizuli."""
    lachin_page.get_by_text("All reports' places").click()
    lachin_page.wait_for_function(
        f"""() => {{
            const frame = document.querySelector('{MAP_IFRAME}');
            const inner = frame && frame.contentWindow;
            return !!inner && !!inner.map_div && !!inner.map_div.storyLabels
                && inner.map_div.storyLabels.labels.some(l => l.data.id === 'fizuli');
        }}""",
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    frame = map_frame(lachin_page, page_errors)
    frame.wait_for_function(SETTLED_JS, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    return frame


def settle(frame: Frame, zoom: int, around: str) -> None:
    drawn = frame.evaluate("(id) => map_div.storyLabels.labels.some(l => l.data.id === id)", around)
    assert drawn, f"the map draws no {around!r}"
    frame.evaluate(
        """([zoom, id]) => {
            const label = map_div.storyLabels.labels.find(l => l.data.id === id);
            map_div.setView(label.data.at[0][0], zoom, {animate: false});
        }""",
        [zoom, around],
    )
    frame.wait_for_function(SETTLED_JS, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    frame.wait_for_timeout(300)


def test_shusha_keeps_its_click_beside_stepanakert(frame):
    settle(frame, 6, "shusha")
    assert frame.evaluate(PLACE_POINT_JS, "khankendi") is not None, "the reports name Stepanakert"
    assert frame.evaluate(PLACE_POINT_JS, "shusha")["hit"], "Shusha's own dot is topmost at its centre"


def assert_clickable_at_some_zoom(frame: Frame, place_id: str) -> None:
    hits = []
    for zoom in range(6, 11):
        settle(frame, zoom, place_id)
        hits.append(frame.evaluate(PLACE_POINT_JS, place_id)["hit"])
    assert any(hits), f"{place_id} is covered at every zoom from 6 to 10"


@pytest.mark.parametrize("place_id", CROWD)
def test_every_dot_can_be_clicked_at_some_zoom(frame, place_id):
    assert_clickable_at_some_zoom(frame, place_id)


@pytest.mark.parametrize("place_id", EVERY_REPORT_CROWD)
def test_every_dot_of_every_report_can_be_clicked_at_some_zoom(every_report_frame, place_id):
    assert_clickable_at_some_zoom(every_report_frame, place_id)


def overlaps(name: dict, dot: dict, half: float = 4) -> bool:
    return (
        name["left"] < dot["x"] + half
        and dot["x"] - half < name["right"]
        and (name["top"] < dot["y"] + half and dot["y"] - half < name["bottom"])
    )


@pytest.mark.parametrize("zoom", [6, 7, 8])
def test_no_name_sits_on_an_unnamed_dot_and_every_dot_is_named_or_counted(frame, zoom):
    settle(frame, zoom, "shusha")
    seen = frame.evaluate(DOTS_AND_NAMES_JS)
    unnamed = [dot for dot in seen["dots"] if not dot["named"]]
    covering = [(name["text"], dot["id"]) for dot in unnamed for name in seen["names"] if overlaps(name, dot)]
    assert covering == [], "a name sits on a dot that has none"
    at = {dot["id"]: dot for dot in seen["dots"]}
    grouping = [name for name in seen["names"] if name["more"] and name["id"] in at]
    alone = [
        dot["id"]
        for dot in unnamed
        if not any(
            abs(at[name["id"]]["x"] - dot["x"]) + abs(at[name["id"]]["y"] - dot["y"]) < GROUP_PX * 1.5
            for name in grouping
        )
    ]
    assert alone == [], "every unnamed dot is counted in a name near it"
    assert sum(int(name["more"].lstrip("+")) for name in grouping) == len(unnamed)


@pytest.mark.parametrize("zoom", [6, 7, 8])
def test_in_all_reports_places_goris_name_keeps_off_stepanakert_and_lachin(
    chromium, reports_url, page_errors, zoom
):
    # the Washington report names Goris, the Lachin report Stepanakert and Lachin
    with opened_app(
        chromium,
        reports_url + "/?report=2025-08-08_washington",
        viewport=DESKTOP,
        outside_requests=[],
        page_errors=page_errors,
    ) as page:
        map_frame(page, page_errors)
        page.get_by_text("All reports' places").click()
        # the map is drawn again in a new frame
        page.wait_for_timeout(3000)
        frame = map_frame(page, page_errors)
        frame.wait_for_function(
            "() => map_div.storyLabels && map_div.storyLabels.labels.some(l => l.data.id === 'khankendi')",
            timeout=UI_TIMEOUT_MS,
            polling=POLL_MS,
        )
        settle(frame, zoom, "goris")
        seen = frame.evaluate(DOTS_AND_NAMES_JS)
    at = {dot["id"]: dot for dot in seen["dots"]}
    assert {"goris", "khankendi", "lacin-az"} <= set(at)
    covering = [
        (name["text"], dot_id)
        for name in seen["names"]
        for dot_id in ("khankendi", "lacin-az")
        if name["id"] != dot_id and overlaps(name, at[dot_id])
    ]
    assert covering == [], "a name sits on Stepanakert's or Lachin's dot"
