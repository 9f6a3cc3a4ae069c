"""The paths a reader takes around a choice, in a real browser: Back, quick choices, far-down buttons, links.

Each test is one thing a reader of a news map expects without thinking
(issue 12): the browser's Back and Forward move through the choices, the last
of two quick choices wins, a choice made far from the map brings the map into
view while a click on the map moves nothing (issue 17), a link may name a place
as readers do, and Escape goes back to the overview.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame, Page, expect

from harness.map_frame import MAP_IFRAME, POLL_MS, UI_TIMEOUT_MS, click_place, map_frame

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 720}
# what the page shows of the map's iframe, as a share of its height
MAP_SHOWN_JS = f"""() => {{
    const box = document.querySelector('{MAP_IFRAME}').getBoundingClientRect();
    return (Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0)) / box.height;
}}"""
# the place the map is framing: the one whose bounds hold the map's centre at the highest zoom
CENTRE_IN_JS = """(placeId) => {
    let found = null;
    map_div.eachLayer(layer => {
        if (layer.feature && layer.feature.properties.id === placeId && layer.getBounds) found = layer;
    });
    return found !== null && found.getBounds().contains(map_div.getCenter());
}"""


def panel(page: Page, place_id: str):
    return page.locator(f'section.place[data-place="{place_id}"]')


def choose_mention(page: Page, name: str) -> None:
    page.locator("article button.mention", has_text=name).first.click()


def settled_on(frame: Frame, place_id: str) -> None:
    """Waits until the map has framed ``place_id`` and stays there."""
    frame.wait_for_function(CENTRE_IN_JS, arg=place_id, timeout=UI_TIMEOUT_MS, polling=POLL_MS)


def test_back_and_forward_move_through_the_readers_choices(open_page, page_errors):
    page = open_page(viewport=LAPTOP)
    map_frame(page, page_errors)
    choose_mention(page, "Fizuli")
    page.wait_for_url(re.compile(r"\?place=fizuli$"), timeout=UI_TIMEOUT_MS)
    choose_mention(page, "Kars")
    page.wait_for_url(re.compile(r"\?place=kars$"), timeout=UI_TIMEOUT_MS)
    page.go_back()
    expect(panel(page, "fizuli")).to_be_visible(timeout=UI_TIMEOUT_MS)
    page.wait_for_timeout(1500)  # the app used to write the newer URL back within 0.2 s
    assert page.url.endswith("?place=fizuli"), page.url
    expect(panel(page, "fizuli")).to_be_visible()
    page.go_back()
    expect(page.locator("section.place")).to_have_count(0, timeout=UI_TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert "place=" not in page.url, "one more Back is the page as it opened"
    page.go_forward()
    expect(panel(page, "fizuli")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_of_two_quick_choices_the_map_frames_the_last(open_page, page_errors):
    page = open_page(viewport=LAPTOP)
    frame = map_frame(page, page_errors)
    choose_mention(page, "Russia")
    page.wait_for_timeout(100)
    choose_mention(page, "Georgia")
    expect(panel(page, "georgia")).to_be_visible(timeout=UI_TIMEOUT_MS)
    settled_on(frame, "georgia")
    page.wait_for_timeout(2000)
    assert frame.evaluate(CENTRE_IN_JS, "georgia"), "the map stays on Georgia"
    assert frame.evaluate("map_div.getZoom()") >= 6, "not all of Russia"
    assert page_errors == []


def test_a_clause_far_down_the_page_brings_the_map_into_view(open_page, page_errors):
    page = open_page(viewport=LAPTOP)
    map_frame(page, page_errors)
    button = page.get_by_role("button", name=re.compile("Show on the map: Caucasus"))
    button.scroll_into_view_if_needed()
    assert page.evaluate(MAP_SHOWN_JS) < 0.5, "the clause is out of the map's sight"
    button.click()
    expect(panel(page, "caucasus")).to_be_attached(timeout=UI_TIMEOUT_MS)
    page.wait_for_function(f"() => ({MAP_SHOWN_JS})() >= 0.5", timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    assert page_errors == []


def test_a_click_on_the_map_leaves_the_page_where_it_is_though_its_panel_starts_below(open_page, page_errors):
    """Issue 12 scrolled the panel's start into view; issue 17 keeps the page under the pointer.

    The card in the map holds the place's quotes at once, and the first
    scroll made a second click on the same spot choose another place.
    """
    page = open_page(viewport=LAPTOP)
    frame = map_frame(page, page_errors)
    iframe = page.locator(MAP_IFRAME)
    click_place(page, frame, "kars")
    box = iframe.bounding_box()
    heading = panel(page, "kars").locator("h3")
    expect(heading).to_be_attached(timeout=UI_TIMEOUT_MS)
    page.wait_for_timeout(500)
    assert iframe.bounding_box() == box, "the map stays where it was under the pointer"
    assert heading.evaluate("h => h.getBoundingClientRect().top") > LAPTOP["height"], "the case in question"
    assert page_errors == []


def test_a_link_may_name_a_place_as_readers_do(open_page, page_errors):
    page = open_page("/?place=Shushi", viewport=LAPTOP)
    map_frame(page, page_errors)
    expect(panel(page, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    page.wait_for_url(re.compile(r"\?place=shusha$"), timeout=UI_TIMEOUT_MS)
    expect(page.get_by_text("does not have")).to_have_count(0)


def test_escape_goes_back_to_the_overview(open_page, page_errors):
    page = open_page(viewport=LAPTOP)
    map_frame(page, page_errors)
    choose_mention(page, "Fizuli")
    expect(panel(page, "fizuli")).to_be_visible(timeout=UI_TIMEOUT_MS)
    page.keyboard.press("Escape")
    expect(page.locator("section.place")).to_have_count(0, timeout=UI_TIMEOUT_MS)
    page.wait_for_url(re.compile(r"/$"), timeout=UI_TIMEOUT_MS)
    assert page_errors == []
