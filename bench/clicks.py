"""Clicks: a click reruns the script cheaply and never remounts the map.

Goals of issue 3: a rerun after a click costs at most ``CLICK_RATIO`` of a
cold first run (script time), and the map's script and key stay the same.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from bench.apps import TIMED_APP, BenchApp, Timing, clear_caches
from bench.report import Section, median, seconds
from geo.io import PROJECT

CLICK_RATIO = 0.1
COLD_RUNS = 3
# places clicked in turn, all in the real data; each click is one rerun
CLICKS = ("shusha", "fizuli", "kars", "armenia", "zangezur-corridor", "karabakh", "georgia")


@dataclass
class Clicks:
    """Cold runs, new sessions and click reruns, taking turns; a first run in a fresh Python."""

    colds: list[Timing]
    new_sessions: list[Timing]
    reruns: list[Timing]
    fresh: Timing
    same_script: bool
    same_key: bool

    def add_to(self, section: Section) -> None:
        cold, rerun = median([t.script for t in self.colds]), median([t.script for t in self.reruns])
        section.add("cold first run, script time (median)", f"{cold:.3f} s")
        section.add(
            "new session with warm caches, script time (median)",
            f"{median([t.script for t in self.new_sessions]):.3f} s",
        )
        section.add("rerun after a click, script time (median)", f"{rerun:.3f} s")
        ratio = rerun / cold
        section.add("rerun / cold, script time", f"{ratio:.3f}", f"<= {CLICK_RATIO}", ratio <= CLICK_RATIO)
        wall_cold, wall_rerun = median([t.wall for t in self.colds]), median([t.wall for t in self.reruns])
        section.add(
            "the same in AppTest's wall-clock time (context)",
            f"cold {wall_cold:.3f} s, rerun {wall_rerun:.3f} s: {wall_rerun / wall_cold:.3f}",
        )
        section.add(
            "first run in a fresh Python process, imports included (context)",
            f"{self.fresh.script:.3f} s script time: rerun / that = {rerun / self.fresh.script:.3f}",
        )
        section.add(
            f"map script byte-identical after each of {len(self.reruns)} clicks",
            str(self.same_script),
            "True",
            self.same_script,
        )
        section.add("component key unchanged (not remounted)", str(self.same_key), "True", self.same_key)
        section.notes += self.notes()

    def notes(self) -> list[str]:
        return [
            "Script time is app.py's own run, timed inside the run by bench/timed_app.py (which runs "
            "app.py unchanged with `runpy`); AppTest's wall-clock time also counts its own start of a "
            "session (scanning installed packages for components) and its polling, which a server does "
            "not pay on each run.",
            f"Cold: a fresh AppTest session after `st.cache_resource.clear()` and "
            f"`st.cache_data.clear()`, {COLD_RUNS} times (script {seconds([t.script for t in self.colds])} "
            f"s; wall {seconds([t.wall for t in self.colds])} s). The Python modules are already imported "
            "then; the 'fresh Python process' line is a first run with the imports.",
            f"Clicks: after each cold run, st_folium's click payload set in that session, then a rerun, "
            f"as in tests/test_app.py, on {', '.join(CLICKS)} in turn "
            f"(script {seconds([t.script for t in self.reruns])} s).",
            "Not remounted: after every click the component's `script` is byte for byte the one of the "
            "session's first run, and its `key` the same (the selection travels in `feature_group`).",
        ]


def cold_run() -> tuple[BenchApp, Timing]:
    """A fresh session after every cache was cleared: read the layers and build the map from scratch."""
    clear_caches()
    app = BenchApp(TIMED_APP)
    return app, app.run()


def click_all(app: BenchApp) -> tuple[list[Timing], bool, bool]:
    """The rerun after a click on each of ``CLICKS``; whether the map's script and key stayed the same."""
    before = app.map_args()
    times, same_script, same_key = [], True, True
    for place_id in CLICKS:
        times.append(app.click(place_id))
        after = app.map_args()
        same_script &= after["script"] == before["script"]
        same_key &= after["key"] == before["key"]
    return times, same_script, same_key


def first_run_in_new_process() -> Timing:
    """app.py's first run in a fresh Python, imports included (bench/first_run.py)."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.first_run"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if "error" in figures:
        raise RuntimeError(f"first run failed: {figures['error']}")
    return Timing(wall=figures["wall_s"], script=figures["script_s"])


def measure() -> Clicks:
    colds, new_sessions, reruns = [], [], []
    same_script = same_key = True
    for _ in range(COLD_RUNS):  # cold runs and clicks take turns, so that noise hits both
        app, cold_timing = cold_run()
        colds.append(cold_timing)
        new_sessions.append(BenchApp(TIMED_APP).run())
        times, script_kept, key_kept = click_all(app)
        reruns += times
        same_script &= script_kept
        same_key &= key_kept
    fresh = first_run_in_new_process()
    return Clicks(colds, new_sessions, reruns, fresh, same_script, same_key)
