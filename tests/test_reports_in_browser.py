"""Many reports in a real browser: a place named in several reports shows each report's date."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness.browser import VIEWPORT, launched_chromium, opened_app
from harness.map_frame import UI_TIMEOUT_MS, map_frame

pytestmark = pytest.mark.browser


def test_a_place_named_in_several_reports_shows_each_report_s_date(reports_url):
    outside: list[str] = []
    errors: list[str] = []
    with (
        launched_chromium() as chromium,
        opened_app(
            chromium, reports_url, viewport=VIEWPORT, outside_requests=outside, page_errors=errors
        ) as page,
    ):
        # the newest report opens, with its own places and quotes: every report's are a choice away
        map_frame(page, errors)
        every_place = page.locator('[data-testid="stSidebar"] li')
        listed = page.locator('[data-testid="stSidebar"] li:not([hidden]) button')
        this_reports = every_place.count()
        search = page.get_by_label("Find a place by any of its names")
        search.fill("shu")
        expect(listed.first).to_be_visible()
        page.get_by_text("All reports' places").click()
        page.wait_for_timeout(2000)
        # the list follows the map's places, and keeps what the reader typed
        assert every_place.count() > this_reports
        expect(search).to_have_value("shu")
        assert all("shu" in label.casefold() for label in listed.all_inner_texts())
        # from the places list: on the map Stepanakert's dot lies on Shusha's (issue 15, another helper)
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name=re.compile("^Shusha")).click()
        panel = page.locator('section.place[data-place="shusha"]')
        expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
        headings = panel.locator("h5.report")
        expect(headings).to_have_count(3, timeout=UI_TIMEOUT_MS)
        dates = [text.split(" · ")[0] for text in headings.all_inner_texts()]
        assert dates == ["2021-06-15", "2022-08-26", "2025-08-08"]
        folded = panel.locator("details.more")
        expect(folded.locator("summary")).to_have_text("3 more from this report")
        folded.locator("summary").click()
        expect(folded.locator("blockquote").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert outside == []
    assert errors == []
