"""Reading beside the map, in a real browser: the article and the map link both ways.

Also what a link carries, the keyboard alone, a phone's width, and the
contrast of the text a reader reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from geo.io import PROJECT
from geo.maps import POINT_ZOOM, SELECTION_COLOR
from harness.contrast import CONTRAST_JS
from harness.map_frame import MAP_IFRAME, POLL_MS, UI_TIMEOUT_MS, click_place, map_frame

pytestmark = pytest.mark.browser

RESULTS_DIR = PROJECT / "test-results"
PHONE = {"width": 390, "height": 844}
FIZULI = (39.60094, 47.14529)
KARS = (40.59825, 43.08548)
TITLES = {
    "countries": "The 3+3 countries",
    "regions": "Regions (approximate)",
    "corridor": "Zangezur corridor (proposed, approximate)",
    "towns": "Towns in the article",
}
AA_TEXT = 4.5
# the places the sidebar's list shows (page/places.js hides the others)
LISTED = '[data-testid="stSidebar"] li:not([hidden]) button'

LEGEND_JS = """() => Array.from(document.querySelectorAll('.story-legend-row'))
    .filter(row => !row.hidden).map(row => row.textContent.trim())"""
ATTRIBUTION_JS = "() => document.querySelector('.leaflet-control-attribution').textContent"
# Whether the segment's first line shows inside the article's scrolling box
SHOWN_IN_BOX_JS = """(segment) => {
    const box = segment.closest('article').getBoundingClientRect(), line = segment.getBoundingClientRect();
    return line.top >= box.top && line.top + 10 <= box.bottom;
}"""


def map_view(frame: Frame) -> tuple[float, float, int]:
    return tuple(frame.evaluate("[map_div.getCenter().lat, map_div.getCenter().lng, map_div.getZoom()]"))


def save(page: Page, name: str) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS_DIR / name)


def test_a_mention_in_the_article_selects_its_place_and_the_map_goes_there(app_page, page_errors):
    frame = map_frame(app_page, page_errors)
    frame.evaluate("window.__mounted = true")
    app_page.locator("article button.mention", has_text="Fizuli").first.click()
    expect(app_page.locator('section.place[data-place="fizuli"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    frame.wait_for_function(
        f"() => map_div.getZoom() === {POINT_ZOOM} && map_div.getCenter().distanceTo({list(FIZULI)}) < 2000",
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    rings = frame.locator(f'path[stroke="{SELECTION_COLOR}"]')
    expect(rings).to_have_count(1, timeout=UI_TIMEOUT_MS)
    assert frame.evaluate("window.__mounted") is True, "the map was not remounted"
    app_page.wait_for_url(re.compile(r"\?place=fizuli$"), timeout=UI_TIMEOUT_MS)
    pressed = app_page.locator('article button.mention[aria-pressed="true"]')
    expect(pressed).to_have_text(["Fizuli"])
    expect(app_page.locator("article .segment.marked")).to_have_count(1)
    assert page_errors == []


def test_a_click_on_the_map_marks_the_places_sentences_in_the_article(app_page, page_errors):
    frame = map_frame(app_page, page_errors)
    view = map_view(frame)
    click_place(app_page, frame, "kars")
    expect(app_page.locator('section.place[data-place="kars"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    marked = app_page.locator("article .segment.marked")
    expect(marked).to_have_count(1, timeout=UI_TIMEOUT_MS)
    expect(marked).to_contain_text("based on the Kars Treaty")
    # the sentence is far down the article: its box scrolls to show it
    app_page.wait_for_function(SHOWN_IN_BOX_JS, arg=marked.element_handle(), timeout=UI_TIMEOUT_MS)
    lat, lon, zoom = map_view(frame)
    assert zoom == view[2], "a place clicked on the map is in view: the map does not zoom to it"
    assert (lat, lon) == pytest.approx(view[:2], abs=0.05), "nor fly to it"
    click_place(app_page, frame, "shusha")
    expect(marked).to_have_count(6, timeout=UI_TIMEOUT_MS)
    for text in marked.all_text_contents():
        assert "Shusha" in text or "Shushi" in text
    expect(app_page.locator('article button.mention[aria-pressed="true"]')).to_have_count(7)
    assert page_errors == []


def test_a_link_opens_with_its_place_and_layers_and_follows_the_switches(open_page, page_errors):
    page = open_page("/?place=shusha&layers=countries,towns")
    frame = map_frame(page, page_errors)
    expect(page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert frame.evaluate(LEGEND_JS) == [TITLES["countries"], TITLES["towns"]]
    switches = page.frame_locator(MAP_IFRAME).locator(".leaflet-control-layers-overlays input")
    # countries, regions, for orientation, corridor, towns
    assert [switches.nth(n).is_checked() for n in range(5)] == [True, False, False, False, True]
    assert "GeoNames (CC BY 4.0)" in frame.evaluate(ATTRIBUTION_JS)
    switches.nth(4).uncheck()
    page.wait_for_url(re.compile(r"layers=countries$"), timeout=UI_TIMEOUT_MS)
    assert frame.evaluate(LEGEND_JS) == [TITLES["countries"]]
    attribution = frame.evaluate(ATTRIBUTION_JS)
    assert "GeoNames" not in attribution, "no town is shown, so GeoNames is not credited"
    assert "Natural Earth (public domain)" in attribution
    page.reload()
    frame = map_frame(page, page_errors)
    expect(page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert frame.evaluate(LEGEND_JS) == [TITLES["countries"]]
    assert page_errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Shushi", ["Shusha · Shushi, Şuşa"]),
        ("susa", ["Shusha · Shushi, Şuşa"]),
        ("FÜZULI", ["Fizuli · Füzuli, Fuzuli"]),
        ("IĞDIR", ["Kars–Nakhchivan railway · Kars–Iğdır–Nakhchivan railway"]),
        ("kars", ["Kars–Nakhchivan railway · Kars–Iğdır–Nakhchivan railway", "Kars · Qars, Կարս"]),
    ],
)
def test_the_list_narrows_to_places_named_like_the_query(app_page, page_errors, query, expected):
    """As the reader types, in the browser: without case or accents, as geo.names.folded compares."""
    search = app_page.get_by_label("Find a place by any of its names")
    search.press_sequentially(query)
    expect(app_page.locator(LISTED)).to_have_text(expected)
    search.fill("")
    expect(app_page.locator(LISTED)).to_have_count(app_page.locator('[data-testid="stSidebar"] li').count())
    assert page_errors == []


def test_a_query_that_finds_nothing_says_so_in_the_readers_words(app_page, page_errors):
    search = app_page.get_by_label("Find a place by any of its names")
    search.fill("Atlantis $& <b>")
    expect(app_page.locator(LISTED)).to_have_count(0)
    expect(app_page.locator('[data-testid="stSidebar"] section:not([hidden])')).to_have_count(0)
    expect(app_page.locator('[data-testid="stSidebar"] p.nothing')).to_have_text(
        "No place is called anything like “Atlantis $& <b>”."
    )
    assert page_errors == []


def test_the_keyboard_alone_finds_and_chooses_places(app_page, page_errors):
    frame = map_frame(app_page, page_errors)
    search = app_page.get_by_label("Find a place by any of its names")
    search.press_sequentially("Shushi")
    shusha = app_page.get_by_role("button", name="Shusha · Shushi, Şuşa")
    expect(app_page.locator(LISTED, has_text=" · ")).to_have_count(1)
    search.press("Tab")
    expect(shusha).to_be_focused()
    app_page.keyboard.press("Enter")
    expect(app_page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    # every place on the map is a named button that Enter chooses
    names = frame.evaluate(
        "() => Array.from(document.querySelectorAll('path[role=button]'))"
        ".map(path => path.getAttribute('aria-label'))"
    )
    assert {"Shusha", "Fizuli", "Kars", "Armenia", "Zangezur corridor"} <= set(names)
    fizuli = frame.locator('path[aria-label="Fizuli"]')
    fizuli.focus()
    app_page.keyboard.press("Enter")
    expect(app_page.locator('section.place[data-place="fizuli"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    mention = app_page.locator("article button.mention", has_text="Karabakh").first
    mention.focus()
    app_page.keyboard.press("Enter")
    expect(app_page.locator('section.place[data-place="karabakh"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []


def test_a_phone_gets_map_then_context_then_article_without_sideways_scrolling(open_page, page_errors):
    page = open_page("/?place=shusha", PHONE)
    frame = map_frame(page, page_errors)
    # the layer switches fold into Leaflet's button instead of covering the map
    expect(frame.locator(".leaflet-control-layers-toggle")).to_be_visible()
    expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(0)
    expect(page.locator("article button.mention").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    tops = [
        page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
        for selector in (MAP_IFRAME, 'section.place[data-place="shusha"]', "article")
    ]
    assert tops == sorted(tops), f"map, context, article from the top: {tops}"
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth,"
        " ...Array.from(document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stMainBlockContainer]'))"
        ".map(e => e.scrollWidth)]"
    )
    assert max(widths) <= PHONE["width"], f"wider than the phone: {widths}"
    save(page, "phone-390-map.png")
    page.locator('section.place[data-place="shusha"]').scroll_into_view_if_needed()
    save(page, "phone-390-context.png")
    assert page_errors == []


def test_the_desktop_page_at_1400_px(open_page, page_errors):
    page = open_page("/?place=zangezur-corridor")
    frame = map_frame(page, page_errors)
    expect(page.locator('section.place[data-place="zangezur-corridor"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(page.locator("section.place")).to_contain_text(re.compile(r"Length as drawn: 21\d km"))
    frame.wait_for_function(
        "() => !map_div._animatingZoom"
        " && map_div.getBounds().contains(L.latLngBounds([[38.87, 45.41], [39.45, 47.34]]))",
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    save(page, "desktop-1400.png")
    expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(1)
    assert page_errors == []


def test_text_passes_wcag_aa_contrast(open_page, page_errors):
    page = open_page("/?place=zangezur-corridor,azerbaijan,turkey")
    frame = map_frame(page, page_errors)
    expect(page.locator("article button.mention").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    selectors = [
        "section.place h3",
        "section.place .aliases",
        "section.place .layer",
        "section.place .muted",
        "section.place .flag",
        "section.place blockquote.quote",
        "section.place blockquote.quote mark",
        "article button.mention",
        'article button.mention[aria-pressed="true"]',
        "article .segment",
        "article .segment.marked",
        LISTED,
    ]
    results = []
    for selector in selectors:
        found = page.locator(selector)
        assert found.count() > 0, f"nothing matches {selector}"
        results += found.evaluate_all(CONTRAST_JS)
    results += frame.locator(".story-legend-row, .leaflet-control-layers label").evaluate_all(CONTRAST_JS)
    low = [(name, text, round(ratio, 2)) for name, text, ratio in results if ratio < AA_TEXT]
    assert low == [], f"text under {AA_TEXT}:1 contrast: {low}"


def test_the_geojson_download_is_made_on_click(app_page, page_errors):
    """The real server runs the deferred export when the reader clicks."""
    map_frame(app_page, page_errors)
    with app_page.expect_download(timeout=UI_TIMEOUT_MS) as download:
        app_page.get_by_role("button", name="Every place as GeoJSON").click()
    assert download.value.suggested_filename == "shusha-declaration.geojson"
    collection = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    corridor = next(f for f in collection["features"] if f["id"] == "zangezur-corridor")
    assert 200 < corridor["properties"]["length_km"] < 230
    assert page_errors == []


def test_choosing_a_place_again_after_panning_away_brings_it_back(app_page, page_errors):
    frame = map_frame(app_page, page_errors)
    near_kars = (
        f"() => !map_div._animatingZoom && map_div.getZoom() === {POINT_ZOOM}"
        f" && map_div.getCenter().distanceTo({list(KARS)}) < 2000"
    )
    kars = app_page.get_by_role("button", name="Kars · Qars, Կարս")
    kars.click()
    frame.wait_for_function(near_kars, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    frame.evaluate("map_div.setView([44, 40], 5, {animate: false})")
    kars.click()
    frame.wait_for_function(near_kars, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    assert page_errors == []
