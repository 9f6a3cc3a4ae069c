"""Click cost: what a click on the map costs the machine, in processor time by process.

The load test (tests/test_load.py) runs twenty browsers on the same cores as
the server, so what a click costs each process decides how many readers one
machine can simulate. This measures it for one reader: app.py as a real
server, one offline Chromium page at 1400 px, real clicks on towns, countries
and the corridor (harness/map_frame.py aims them), each followed by a quiet
second. Processor time comes from /proc (user and system), for the server
and for each of the browser's processes by kind. A page at rest uses next to
nothing (well under 1 ms a second in each process), so nothing is taken off.

Twice, in one run: as the app runs, and with the map's value never sent to
Python (``Streamlit.setComponentValue`` stubbed in the map's frame), so that
the difference is the rerun that follows each click. Context for the load
test's figures, not a goal of its own.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass

from playwright.sync_api import Browser, Page

from bench.report import Section
from harness.browser import launched_chromium, offline_context
from harness.cpu import seconds_by_kind, used_since
from harness.map_frame import MAP_IFRAME, POLL_MS, READERS_TARGETS, aim_at_place, map_frame
from harness.server import free_port, server_command, start_server, stop, wait_until_healthy

CLICKS = 12
QUIET_S = 1.0
# a freshly drawn page still places its names and settles its layout: let it
SETTLE_MS = 2_500
VIEWPORT = {"width": 1400, "height": 1000}
ANSWER_TIMEOUT_MS = 10_000
NO_RERUN_JS = "() => { window.Streamlit.setComponentValue = () => {}; }"
PANEL_JS = "(placeId) => Boolean(document.querySelector(`section.place[data-place='${placeId}']`))"
CARD_JS = "(placeId) => Boolean(document.querySelector(`.story-card section.place[data-place='${placeId}']`))"
# smaller than this, in seconds per click, in both runs: a process the click does not touch
MEASURABLE_S = 0.0005


def click_all(page: Page, *, answered_js: str, in_frame: bool) -> None:
    """CLICKS real clicks on READERS_TARGETS in turn, each answered (panel or card), then a quiet second."""
    frame = map_frame(page, [])
    for n in range(CLICKS):
        place_id = READERS_TARGETS[n % len(READERS_TARGETS)]
        point = aim_at_place(frame, place_id)
        assert point is not None, f"{place_id} could not be aimed at"
        box = page.locator(MAP_IFRAME).bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        (frame if in_frame else page).wait_for_function(
            answered_js, arg=place_id, timeout=ANSWER_TIMEOUT_MS, polling=POLL_MS
        )
        time.sleep(QUIET_S)


def cost_per_click(browser: Browser, url: str, *, rerun: bool) -> dict[str, float]:
    """Processor seconds per click by process."""
    context = offline_context(browser, viewport=VIEWPORT, outside_requests=[])
    page = context.new_page()
    page.goto(url)
    frame = map_frame(page, [])
    page.wait_for_timeout(SETTLE_MS)
    if not rerun:
        frame.evaluate(NO_RERUN_JS)
    answered = (
        {"answered_js": PANEL_JS, "in_frame": False} if rerun else {"answered_js": CARD_JS, "in_frame": True}
    )
    before = seconds_by_kind()
    click_all(page, **answered)
    used = used_since(before)
    context.close()
    return {kind: seconds / CLICKS for kind, seconds in used.items()}


@dataclass
class ClickCost:
    """Processor seconds per click by process: as the app runs, and with no rerun after the click."""

    with_rerun: dict[str, float]
    without: dict[str, float]

    def add_to(self, section: Section) -> None:
        kinds = sorted(self.with_rerun, key=lambda kind: -self.with_rerun[kind])
        for kind in [*kinds, "all"]:
            ours = sum(self.with_rerun.values()) if kind == "all" else self.with_rerun[kind]
            bare = sum(self.without.values()) if kind == "all" else self.without.get(kind, 0.0)
            if abs(ours) < MEASURABLE_S and abs(bare) < MEASURABLE_S:
                continue
            section.add(
                f"{kind}: a click / without the rerun / the rerun",
                f"{ours * 1000:.0f} / {bare * 1000:.0f} / {(ours - bare) * 1000:.0f} ms",
            )
        everything = sum(self.with_rerun.values())
        rerun = everything - sum(self.without.values())
        section.summary = (
            f"a click {everything * 1000:.0f} ms of processor time, of which the rerun {rerun * 1000:.0f} ms"
        )
        section.notes += [
            f"app.py as a real server, one offline Chromium page at {VIEWPORT['width']} px; {CLICKS} real "
            f"clicks on {', '.join(READERS_TARGETS)} in turn, each aimed by harness/map_frame.py, "
            "answered (the panel under the map, or without the rerun the card in the map) and followed by "
            f"{QUIET_S:.0f} s of quiet.",
            "Processor time (user and system) from /proc for the server and each of the browser's "
            "processes by kind, over the clicks and their quiet seconds, divided by the clicks. Without the "
            "rerun: `Streamlit.setComponentValue` stubbed in the map's frame, so Python never hears of the "
            "click.",
        ]


def measure() -> ClickCost:
    port = free_port()
    url = f"http://localhost:{port}"
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        server = start_server(server_command("app.py", port), log)
        try:
            wait_until_healthy(server, url, log)
            with launched_chromium() as browser:
                with_rerun = cost_per_click(browser, url, rerun=True)
                without = cost_per_click(browser, url, rerun=False)
        finally:
            stop(server)
    return ClickCost(with_rerun, without)
