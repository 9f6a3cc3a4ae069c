"""A place only the gazetteer found looks and reads as found by name, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.layers import FOUND
from harness.browser import VIEWPORT, launched_chromium, opened_app
from harness.map_frame import UI_TIMEOUT_MS, click_place, map_frame

pytestmark = pytest.mark.browser

LOOK_JS = """(path) => {
    const style = getComputedStyle(path);
    return {dash: style.strokeDasharray, fill: Number(style.fillOpacity)};
}"""


def test_a_place_found_by_name_is_a_dashed_ring_with_its_own_key_and_note(reports_url):
    outside: list[str] = []
    errors: list[str] = []
    with (
        launched_chromium() as chromium,
        # the report that names Goris, which only the gazetteer knows
        opened_app(
            chromium,
            f"{reports_url}?report=2025-08-08_washington",
            viewport=VIEWPORT,
            outside_requests=outside,
            page_errors=errors,
        ) as page,
    ):
        frame = map_frame(page, errors)
        found = frame.locator('path[aria-label="Goris"]').evaluate(LOOK_JS)
        curated = frame.locator('path[aria-label="Shusha"]').evaluate(LOOK_JS)
        assert found["fill"] == 0, "hollow: only a name matched"
        assert found["dash"] not in ("none", ""), "a dashed ring"
        assert curated["fill"] > 0.5, "the curated towns stay solid dots"
        assert curated["dash"] in ("none", "")
        row = frame.locator(".story-legend-row").filter(has_text="found by name (GeoNames)")
        expect(row).to_have_count(1)
        assert row.locator(".legend-key").evaluate("key => getComputedStyle(key).borderTopStyle") == "dashed"
        # the report names Washington too, so its map opens on half the world, where Goris's ring
        # lies under Shusha's dot: a reader zooms in on Armenia's south to click it
        frame.evaluate("() => map_div.setView([39.51, 46.34], 9, {animate: false})")
        click_place(page, frame, "goris")
        panel = page.locator('section.place[data-place="goris"]')
        expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(panel).to_contain_text(
            "Found by name in the GeoNames gazetteer: matched “Goris”, 45 km from Shusha. "
            "GeoNames feature 174895: Goris, country AM"
        )
        expect(panel).to_contain_text(FOUND.title)
    assert outside == []
    assert errors == []
