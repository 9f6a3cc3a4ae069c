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

import os
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page

from bench.report import Section
from harness.browser import launched_chromium, offline_context
from harness.map_frame import MAP_IFRAME, POLL_MS, aim_at_place, map_frame
from harness.server import free_port, server_command, start_server, stop, wait_until_healthy

TARGETS = (
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
CLICKS = 12
QUIET_S = 1.0
# a freshly drawn page still hears from the map once (st_folium's first value): let that rerun pass
SETTLE_MS = 2_500
VIEWPORT = {"width": 1400, "height": 1000}
ANSWER_TIMEOUT_MS = 10_000
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
# what each of Chromium's processes is, from its command line
KINDS = {
    "renderer": "the page's renderer",
    "gpu-process": "GPU and compositor",
    "utility": "network and storage",
}
NO_RERUN_JS = "() => { window.Streamlit.setComponentValue = () => {}; }"
PANEL_JS = "(placeId) => Boolean(document.querySelector(`section.place[data-place='${placeId}']`))"
# smaller than this, in seconds per click, in both runs: a process the click does not touch
MEASURABLE_S = 0.0005
CARD_JS = "(placeId) => Boolean(document.querySelector(`.story-card section.place[data-place='${placeId}']`))"


def processes() -> dict[int, tuple[int, str, float]]:
    """Every process: its parent, its command line and the processor seconds it has used."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text().rsplit(")", 1)[1].split()
            command = Path("/proc", entry, "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # it ended while we looked
            continue
        found[int(entry)] = (int(stat[1]), command, (int(stat[11]) + int(stat[12])) / TICKS_PER_SECOND)
    return found


def descendants(root: int, table: dict[int, tuple[int, str, float]]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _command, _seconds) in table.items():
        children.setdefault(parent, []).append(pid)
    found, stack = set(), [root]
    while stack:
        pid = stack.pop()
        found.add(pid)
        stack += children.get(pid, [])
    return found


def kind_of(command: str) -> str:
    match = re.search(r"--type=([\w-]+)", command)
    if match:
        return KINDS.get(match.group(1), match.group(1))
    return "Playwright's driver" if "node" in command else "the browser"


def seconds_by_kind(server_pid: int) -> Counter[str]:
    """Processor seconds used so far by the server and by each kind of our browser's processes."""
    table = processes()
    server = descendants(server_pid, table)
    used: Counter[str] = Counter()
    for pid in descendants(os.getpid(), table) - {os.getpid()}:
        used["the server" if pid in server else kind_of(table[pid][1])] += table[pid][2]
    return used


def used_while(server_pid: int, action) -> Counter[str]:
    before = seconds_by_kind(server_pid)
    action()
    after = seconds_by_kind(server_pid)
    return Counter({kind: after[kind] - before[kind] for kind in after})


def click_all(page: Page, *, answered_js: str, in_frame: bool) -> None:
    """CLICKS real clicks in turn on TARGETS, each answered (panel or card) and followed by a quiet second."""
    frame = map_frame(page, [])
    for n in range(CLICKS):
        place_id = TARGETS[n % len(TARGETS)]
        point = aim_at_place(frame, place_id)
        assert point is not None, f"{place_id} could not be aimed at"
        box = page.locator(MAP_IFRAME).bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        (frame if in_frame else page).wait_for_function(
            answered_js, arg=place_id, timeout=ANSWER_TIMEOUT_MS, polling=POLL_MS
        )
        time.sleep(QUIET_S)


def cost_per_click(browser: Browser, url: str, server_pid: int, *, rerun: bool) -> dict[str, float]:
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
    used = used_while(server_pid, lambda: click_all(page, **answered))
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
            f"clicks on {', '.join(TARGETS)} in turn, each aimed by harness/map_frame.py, answered (the "
            f"panel under the map, or without the rerun the card in the map) and followed by {QUIET_S:.0f} s "
            "of quiet.",
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
                with_rerun = cost_per_click(browser, url, server.pid, rerun=True)
                without = cost_per_click(browser, url, server.pid, rerun=False)
        finally:
            stop(server)
    return ClickCost(with_rerun, without)
