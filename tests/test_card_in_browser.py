"""A place's card inside the map, in a real browser (issue 17).

A click (or Enter) on a place shows its card inside the map's frame at once,
from the templates the map already holds; Python follows with the panel
under the map, which quotes the same sentences. A second click replaces the
card, Escape closes it, the page stays under the pointer, and on a phone the
card never hides the place clicked.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from geo import io
from geo.maps import SELECTION_CLASS
from geo.offline import offline_html
from harness.map_frame import (
    MAP_IFRAME,
    POLL_MS,
    UI_TIMEOUT_MS,
    aim_at_place,
    click_aimed,
    click_place,
    map_frame,
)
from tests.hostile import hostile_places, write_inputs

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# a card is drawn from templates already in the frame: well under Python's round trip
CARD_SECONDS = 0.2
# the hostile corpus calls xss() or alert(): either would be counted
SENTINEL_JS = "window.xssRan = []; window.xss = () => window.xssRan.push(1); window.alert = window.xss;"


# farther from the card than its margin (CARD_MARGIN_PX in geo/static/storymap.js)
CLEAR_OF_CARD_PX = 40
# the leftmost point where the place with the given name is the topmost element, this far left of the card
LEFT_OF_CARD_JS = """([name, room]) => {
    const card = document.querySelector('.story-card').getBoundingClientRect();
    for (let x = 8; x < card.left - room; x += 8) {
        for (let y = 8; y < innerHeight - 8; y += 8) {
            if (document.elementFromPoint(x, y).getAttribute('aria-label') === name) return {x: x, y: y};
        }
    }
    return null;
}"""


def card(frame: Frame, place_id: str):
    return frame.locator(f'.story-card section.place[data-place="{place_id}"]')


def quote_texts(section) -> list[str]:
    return section.locator("blockquote.quote").all_inner_texts()


def phone_with_the_map_running_below_the_screen(
    open_page, page_errors: list[str]
) -> tuple[Page, Frame, dict]:
    """The app on a phone, at the top of the page, and the map's box: the map does not fit on the screen."""
    page = open_page("/", PHONE)
    frame = map_frame(page, page_errors)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    assert box["y"] + box["height"] > PHONE["height"], "the map runs below the screen: the case in question"
    return page, frame, box


def test_a_click_shows_the_card_at_once_and_the_panel_follows_with_the_same_quotes(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    started = time.perf_counter()
    click_place(app_page, frame, "shusha")
    expect(card(frame, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert time.perf_counter() - started < CARD_SECONDS + 1, "the card needs no round trip to Python"
    panel = app_page.locator('section.place[data-place="shusha"]')
    expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    in_card, in_panel = quote_texts(card(frame, "shusha")), quote_texts(panel)
    assert in_card, "the card quotes the article"
    assert in_card == in_panel[: len(in_card)], "the card's quotes are the panel's first ones"
    expect(card(frame, "shusha").locator("mark").first).to_have_text("Shusha")
    assert page_errors == []


def test_a_second_click_replaces_the_card_and_escape_closes_it(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    click_place(app_page, frame, "shusha")
    expect(card(frame, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    click_place(app_page, frame, "fizuli")
    expect(card(frame, "fizuli")).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(frame.locator(".story-card section.place")).to_have_count(1)
    # Python's answer to the clicks leaves the card as it is
    expect(app_page.locator('section.place[data-place="fizuli"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(card(frame, "fizuli")).to_be_visible()
    frame.locator(".story-card").press("Escape")
    expect(frame.locator(".story-card")).to_be_hidden()
    assert page_errors == []


# The parts of a place that carry their own look (geo/panel.py PANEL_CSS), and what
# of it the card must share with the panel: only the card's box and margins differ
SHARED_LOOK = {
    ".flag": ("textTransform", "fontWeight", "color", "borderTopStyle", "borderTopColor"),
    ".note": ("fontStyle", "color"),
    "h5.report": ("fontWeight", "color"),
    ".layer": ("color",),
}
LOOK_JS = """([selector, properties]) => {
    const style = getComputedStyle(document.querySelector(`SECTION ${selector}`));
    return Object.fromEntries(properties.map(name => [name, style[name]]));
}"""


def test_the_card_looks_like_the_panel_under_the_map(app_page: Page, page_errors: list[str]) -> None:
    """One renderer, one look: the corridor's "approximate" flag, note and report are the panel's."""
    frame = map_frame(app_page, page_errors)
    click_aimed(app_page, frame, "zangezur-corridor")
    expect(card(frame, "zangezur-corridor")).to_be_visible(timeout=UI_TIMEOUT_MS)
    panel = 'section.place[data-place="zangezur-corridor"]'
    expect(app_page.locator(panel)).to_be_visible(timeout=UI_TIMEOUT_MS)
    for selector, properties in SHARED_LOOK.items():
        in_card = frame.evaluate(LOOK_JS.replace("SECTION", f".story-card {panel}"), [selector, properties])
        in_panel = app_page.evaluate(LOOK_JS.replace("SECTION", panel), [selector, properties])
        assert in_card == in_panel, selector
    assert page_errors == []


def test_a_town_is_aimed_at_where_it_lies_once_the_map_stands_still(
    app_page: Page, page_errors: list[str]
) -> None:
    # a point aimed at while the map pans (the ⌂ button's way back is such a pan; this one is
    # slow, to be seen) is not where the town is when the mouse comes down
    frame = map_frame(app_page, page_errors)
    frame.evaluate("() => { map_div.panBy([-400, 0], {duration: 1}); }")
    click_aimed(app_page, frame, "kars")
    expect(card(frame, "kars")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_a_town_panned_out_of_view_is_clicked_once_the_way_back_to_the_story_ends(
    app_page: Page, page_errors: list[str]
) -> None:
    # cards over the map's right half pan it left, click after click, until Kars leaves the view
    # at 1400 px: the aim goes back with the ⌂ button, whose pan must end before the mouse comes down
    frame = map_frame(app_page, page_errors)
    click_aimed(app_page, frame, "armenia")
    expect(card(frame, "armenia")).to_be_visible(timeout=UI_TIMEOUT_MS)
    frame.evaluate("() => { map_div.panBy([map_div.getSize().x * 0.6, 0], {animate: false}); }")
    click_aimed(app_page, frame, "kars")
    expect(card(frame, "kars")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_a_chosen_country_is_aimed_at_its_own_shape_not_at_the_selection_under_it(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    click_aimed(app_page, frame, "turkey")
    expect(card(frame, "turkey")).to_be_visible(timeout=UI_TIMEOUT_MS)
    # Python draws the selection (same id, takes no clicks) under the place
    expect(frame.locator(f"path.{SELECTION_CLASS}")).to_have_count(1, timeout=UI_TIMEOUT_MS)
    point = aim_at_place(frame, "turkey")
    assert point is not None, "a chosen place can be clicked again"
    topmost = frame.evaluate("p => document.elementFromPoint(p.x, p.y).getAttribute('aria-label')", point)
    assert topmost == "Turkey"
    assert page_errors == []


def test_a_country_clicked_well_clear_of_the_card_leaves_the_map_where_it_is(
    app_page: Page, page_errors: list[str]
) -> None:
    # Iran's middle lies under the card at 1400 px; moving the map for it at every click walked the
    # map east until Kars left it: a point clicked well clear of the card needs no move
    frame = map_frame(app_page, page_errors)
    click_aimed(app_page, frame, "armenia")
    expect(card(frame, "armenia")).to_be_visible(timeout=UI_TIMEOUT_MS)
    before = frame.evaluate("() => map_div.getCenter()")
    point = frame.evaluate(LEFT_OF_CARD_JS, ["Iran", CLEAR_OF_CARD_PX])
    assert point is not None, "no point of Iran in sight left of the card"
    box = app_page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    app_page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(card(frame, "iran")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert frame.evaluate("() => map_div.getCenter()") == before
    assert page_errors == []


def test_back_to_the_overview_and_escape_in_the_article_close_the_card(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    click_place(app_page, frame, "shusha")
    expect(card(frame, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    app_page.get_by_role("button", name="Back to the overview").click()
    expect(frame.locator(".story-card")).to_be_hidden(timeout=UI_TIMEOUT_MS)
    # a place chosen in the article shows its card; Escape there clears the selection through Python
    app_page.locator("article button.mention", has_text="Fizuli").first.click()
    expect(card(frame, "fizuli")).to_be_visible(timeout=UI_TIMEOUT_MS)
    app_page.keyboard.press("Escape")
    expect(app_page.locator('section.place[data-place="fizuli"]')).to_be_hidden(timeout=UI_TIMEOUT_MS)
    expect(frame.locator(".story-card")).to_be_hidden(timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_the_page_stays_under_the_pointer(app_page: Page, page_errors: list[str]) -> None:
    """Python's answer to a click moves nothing under the pointer: the same spot still holds the place.

    Streamlit scrolls its main area, not the window: the map's place on screen is what must not move.
    """
    frame = map_frame(app_page, page_errors)
    iframe = app_page.locator(MAP_IFRAME)
    click_aimed(app_page, frame, "kars")
    expect(card(frame, "kars")).to_be_visible(timeout=UI_TIMEOUT_MS)
    box = iframe.bounding_box()
    # Python's answer arrives: the panel under the map, the article's marks
    expect(app_page.locator('section.place[data-place="kars"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    app_page.wait_for_timeout(500)
    assert iframe.bounding_box() == box, "the map stays where it was under the pointer"
    assert page_errors == []


def test_enter_moves_the_keyboard_into_the_card_and_escape_back(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    place = frame.locator('path[aria-label="Shusha"]')
    place.focus()
    app_page.keyboard.press("Enter")
    expect(card(frame, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert frame.evaluate("document.activeElement.classList.contains('story-card')")
    app_page.keyboard.press("Escape")
    expect(frame.locator(".story-card")).to_be_hidden()
    assert frame.evaluate("document.activeElement.getAttribute('aria-label')") == "Shusha"
    assert page_errors == []


def test_tab_reaches_the_places_the_report_names_first(app_page: Page, page_errors: list[str]) -> None:
    frame = map_frame(app_page, page_errors)
    order = frame.evaluate(
        """() => [...document.querySelectorAll('path[tabindex]')]
            .filter(p => p.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex)
            .map(p => p.getAttribute('aria-label'))"""
    )
    # the seed's first sentence names Azerbaijan, Turkey and Shusha, in that order
    assert order[:3] == ["Azerbaijan", "Turkey", "Shusha"], order


def test_back_and_forward_show_the_card_of_the_place_they_lead_to(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    for place_id in ("shusha", "kars"):
        click_place(app_page, frame, place_id)
        expect(app_page.locator(f'section.place[data-place="{place_id}"]')).to_be_visible(
            timeout=UI_TIMEOUT_MS
        )
        app_page.wait_for_function(f"() => location.search.includes('{place_id}')", timeout=UI_TIMEOUT_MS)
    app_page.go_back()
    expect(card(frame, "shusha")).to_be_visible(timeout=UI_TIMEOUT_MS)
    app_page.go_forward()
    expect(card(frame, "kars")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_on_a_phone_the_card_leaves_the_place_clicked_in_sight(open_page, page_errors: list[str]) -> None:
    page = open_page("/", PHONE)
    frame = map_frame(page, page_errors)
    for place_id in ("shusha", "kars"):
        click_place(page, frame, place_id)
        expect(card(frame, place_id)).to_be_visible(timeout=UI_TIMEOUT_MS)
        point = frame.evaluate(
            """(placeId) => {
                let at = null;
                map_div.eachLayer(l => { if (l.feature && l.feature.properties.id === placeId) at = l; });
                const p = map_div.latLngToContainerPoint(at.getLatLng());
                const box = document.querySelector('.story-card').getBoundingClientRect();
                const map = map_div.getContainer().getBoundingClientRect();
                return {x: map.left + p.x, y: map.top + p.y, top: box.top, left: box.left, right: box.right};
            }""",
            place_id,
        )
        assert point["y"] < point["top"], f"the card covers {place_id}: {point}"
    assert page_errors == []


def test_on_a_phone_a_map_running_below_the_screen_shows_the_whole_card_on_it(
    open_page, page_errors: list[str]
) -> None:
    """The card sits at the map's foot: with the page where it was, it rises into the part in view."""
    page, frame, box = phone_with_the_map_running_below_the_screen(open_page, page_errors)
    iframe = page.locator(MAP_IFRAME)
    click_aimed(page, frame, "kars")
    expect(card(frame, "kars")).to_be_visible(timeout=UI_TIMEOUT_MS)
    shown = frame.locator(".story-card").bounding_box()
    assert shown is not None
    assert shown["y"] + shown["height"] <= PHONE["height"], f"the whole card is on the screen: {shown}"
    assert iframe.bounding_box() == box, "and the page has not moved"
    assert page_errors == []


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    story = io.load_story(*write_inputs(tmp_path / "inputs"))
    out = tmp_path / "hostile.html"
    # every report's quotes in each card: both hostile reports' headlines go through the renderer
    out.write_text(offline_html(story.view(every_report=True)), encoding="utf-8")
    return out


def test_hostile_strings_show_in_the_card_as_text(chromium: Browser, hostile_file: Path) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.add_init_script(SENTINEL_JS)
        page.goto(hostile_file.as_uri())
        the_map = "window[document.querySelector('.folium-map').id]"
        page.wait_for_function(
            f"() => {the_map} && {the_map}.storyCard", timeout=UI_TIMEOUT_MS, polling=POLL_MS
        )
        for place in hostile_places():
            assert page.evaluate(f"(id) => {the_map}.storyCard.show(id)", place.id), place.id
            heading = page.locator(f'.story-card section.place[data-place="{place.id}"] h3')
            expect(heading).to_contain_text(place.name.strip().split("\n")[0][:20])
        page.wait_for_timeout(300)
        assert page.evaluate("window.xssRan.length") == 0
        assert page.locator(".story-card img, .story-card script, .story-card iframe").count() == 0
    finally:
        context.close()


# what the map's selection groups carry: the ids of the places they ring (geo/maps.py, storymap.js)
RINGED_JS = """() => {
    const ringed = [];
    map_div.eachLayer(layer => { if (layer.storySelection) ringed.push(layer.storySelection.join()); });
    return ringed;
}"""
# a click's answer without a new copy of the map's script (160 KB) is the panel, the article and the URL
CLICK_BYTES_WITHOUT_THE_MAP = 60_000


def received_bytes(page: Page) -> list[int]:
    """The sizes of the socket's frames the page receives from now on (DevTools' own count)."""
    received: list[int] = []
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    # Streamlit's frames are binary, which DevTools hands over in base64
    devtools.on(
        "Network.webSocketFrameReceived",
        lambda event: received.append(len(event["response"]["payloadData"]) * 3 // 4),
    )
    return received


def test_a_place_chosen_on_the_map_gets_its_halo_there_and_the_page_no_new_map(
    app_page: Page, page_errors: list[str]
) -> None:
    frame = map_frame(app_page, page_errors)
    app_page.wait_for_timeout(1000)
    received = received_bytes(app_page)
    for place_id in ("fizuli", "kars"):
        received.clear()
        click_aimed(app_page, frame, place_id)
        # drawn in the frame before Python answers
        assert frame.evaluate(RINGED_JS) == [place_id]
        expect(frame.locator(f"path.{SELECTION_CLASS}")).to_have_count(1)
        expect(app_page.locator(f'section.place[data-place="{place_id}"]')).to_be_visible(
            timeout=UI_TIMEOUT_MS
        )
        app_page.wait_for_timeout(500)
        # the first click too: a new map with nothing chosen already has the group a click sends
        assert 0 < sum(received) < CLICK_BYTES_WITHOUT_THE_MAP, (place_id, received)
        assert frame.evaluate(RINGED_JS) == [place_id], "Python left the map's halo as it was"
    # a choice outside the map is Python's to ring, in place of the map's: a new map comes
    received.clear()
    app_page.locator("[data-testid=stSidebar]").get_by_role("button", name="Shusha · Shushi, Şuşa").click()
    expect(app_page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(frame.locator(f"path.{SELECTION_CLASS}")).to_have_count(1, timeout=UI_TIMEOUT_MS)
    assert frame.evaluate(RINGED_JS) == ["shusha"]
    app_page.wait_for_timeout(500)
    assert sum(received) > CLICK_BYTES_WITHOUT_THE_MAP, "the map's new group came, and the count sees it"
    app_page.get_by_role("button", name="Back to the overview").click()
    expect(frame.locator(f"path.{SELECTION_CLASS}")).to_have_count(0, timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_on_a_phone_a_press_on_a_map_not_wholly_in_view_leaves_the_page_where_it_is(
    open_page, page_errors: list[str]
) -> None:
    """Leaflet's focus on a press scrolled the page to show the whole frame: the release missed."""
    page, frame, box = phone_with_the_map_running_below_the_screen(open_page, page_errors)
    iframe = page.locator(MAP_IFRAME)
    point = aim_at_place(frame, "armenia")
    assert point is not None
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.mouse.down()
    assert iframe.bounding_box() == box, "the page stays under the finger"
    page.mouse.up()
    expect(card(frame, "armenia")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []
