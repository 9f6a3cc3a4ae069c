"""The page follows the report shown, in a real browser, with the seed and the four test reports."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from geo.layers import KINDS
from harness.browser import VIEWPORT, launched_chromium, opened_app
from harness.map_frame import UI_TIMEOUT_MS, map_frame
from harness.server import streamlit_server
from tests.inputs import reports_folder

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LEGEND_JS = """() => Array.from(document.querySelectorAll('.story-legend-row'))
    .filter(row => !row.hidden).map(row => row.textContent.trim())"""
FOUND = KINDS["found"].title


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("report-view")
    seeds = reports_folder(folder / "seeds")
    with streamlit_server(folder / "server.log", ["--seeds", str(seeds)]) as url:
        yield url


def caption(page: Page) -> str:
    line = page.locator('[data-testid="stCaptionContainer"]').first
    expect(line).to_be_visible(timeout=UI_TIMEOUT_MS)
    return line.inner_text()


def choose_report(page: Page, label_start: str) -> None:
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=re.compile(f"^{re.escape(label_start)}")).click()


def test_the_newest_report_opens_and_the_header_follows_the_report_chosen(url):
    outside: list[str] = []
    errors: list[str] = []
    with (
        launched_chromium() as chromium,
        opened_app(chromium, url, viewport=VIEWPORT, outside_requests=outside, page_errors=errors) as page,
    ):
        frame = map_frame(page, errors)
        expect(page.locator("h1").first).to_have_text("The reports, on a map")
        assert caption(page).startswith("8 August 2025 · ")
        assert ".txt" not in page.locator('[data-testid="stMain"]').inner_text(), "no file name shown"
        choose_report(page, "2021-06-15")
        expect(page.locator('[data-testid="stCaptionContainer"]').first).to_contain_text(
            "15 June 2021 · A declaration of alliance", timeout=UI_TIMEOUT_MS
        )
        page.wait_for_timeout(2000)  # the map of the new report remounts
        frame = map_frame(page, errors)
        # the seed names no gazetteer town: its map has no such layer
        frame.wait_for_function(
            f"() => !({LEGEND_JS})().some(row => row.includes({FOUND!r}))", timeout=UI_TIMEOUT_MS
        )
        choose_report(page, "2022-08-26")
        expect(page.locator('[data-testid="stCaptionContainer"]').first).to_contain_text(
            "26 August 2022 · Azerbaijan took back", timeout=UI_TIMEOUT_MS
        )
        page.wait_for_timeout(2000)
        frame = map_frame(page, errors)
        frame.wait_for_function(
            f"() => ({LEGEND_JS})().some(row => row.includes({FOUND!r}))", timeout=UI_TIMEOUT_MS
        )
        legend = " ".join(frame.evaluate(LEGEND_JS))
        assert "Zangezur corridor" not in legend, "the Lachin report never names the corridor"
        assert "layers=" not in page.url, "the reader switched nothing off"
        assert "report=2022-08-26_lachin" in page.url
    assert outside == []
    assert errors == []


def test_the_picker_is_right_above_the_map_on_a_phone(url):
    outside: list[str] = []
    errors: list[str] = []
    with (
        launched_chromium() as chromium,
        opened_app(chromium, url, viewport=PHONE, outside_requests=outside, page_errors=errors) as page,
    ):
        map_frame(page, errors)
        picker = page.locator('[data-testid="stSelectbox"]').first.bounding_box()
        iframe = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
        assert picker["y"] + picker["height"] <= iframe["y"], "the picker comes before the map"
        assert iframe["y"] - picker["y"] < PHONE["height"], "within one screen of the map"
        expect(page.get_by_text("(Esc)")).to_have_count(0)
    assert errors == []


def test_a_link_takes_the_report_in_any_case_and_keeps_every_place(url):
    errors: list[str] = []
    with (
        launched_chromium() as chromium,
        opened_app(
            chromium,
            f"{url}?report=2022-08-26_LACHIN.txt&place=shusha&place=azerbaijan",
            viewport=VIEWPORT,
            outside_requests=[],
            page_errors=errors,
        ) as page,
    ):
        map_frame(page, errors)
        assert caption(page).startswith("26 August 2022 · ")
        expect(page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(page.locator('section.place[data-place="azerbaijan"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert errors == []
