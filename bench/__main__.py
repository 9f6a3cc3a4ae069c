"""``python -m bench``: our app against the naive ``explore()`` baseline, in one run.

Measures, from the repository root, the five goals of issue 3 (payload,
fidelity, drawing, clicks, scale: a module each) and issue 17's answers
(click to card, our share of the first draw: bench/answers.py), with what a
click costs each process (bench/click_cost.py), and writes them to
``bench/RESULTS.md`` (``bench/report.py``). Ratios, not absolute times: both
sides are measured in the same run, interleaved where they are timed.
Loopback only; the browser has no internet.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import answers, click_cost, clicks, drawing, fidelity, payload, places, scale
from bench.apps import TOPOJSON
from bench.machine import code_version, machine
from bench.report import Failure, Figures, Goal, Run, results_markdown, summary_text
from geo.io import PROJECT

RESULTS = PROJECT / "bench" / "RESULTS.md"


def timed(title: str, measure: Callable[..., Figures], *args: object) -> Goal:
    """Run one measurement; an error is recorded as a failure, not raised."""
    start = time.perf_counter()
    print(f"{title}…", flush=True)
    try:
        figures = measure(*args)
    except Exception as error:
        traceback.print_exc()
        figures = Failure(f"{type(error).__name__}: {error}")
    return Goal(title, [figures], seconds=time.perf_counter() - start)


def measure_all(tmp: Path) -> tuple[list[Goal], str]:
    """The goals, in the order RESULTS.md shows them, and the Chromium version that drew the maps."""
    layer_dirs = {n: places.layers_with_places(Path(tmp, f"layers-{n}"), n) for n in scale.SCALE_COUNTS}
    payload_goal = timed("Payload", payload.measure)
    clicks_goal = timed("Clicks", clicks.measure)
    scale_goal = timed("Scale", scale.measure, layer_dirs)
    # kept outside the measure: what the browser saw before an error still counts for Scale
    run = drawing.BrowserRun()
    drawing_goal = timed("Drawing", drawing.measure, run, layer_dirs[scale.SCALE_MOST])
    scale_goal.figures.append(scale.clustering(run))
    fidelity_goal = timed("Fidelity", fidelity.measure)
    answers_goal = timed("Answers", answers.measure)
    cost_goal = timed("Click cost", click_cost.measure)
    goals = [payload_goal, fidelity_goal, drawing_goal, clicks_goal, scale_goal, answers_goal, cost_goal]
    return goals, run.chromium


def main() -> int:
    started, start = datetime.datetime.now(datetime.UTC), time.perf_counter()
    load_at_start, code_at_start = os.getloadavg(), code_version()
    if not TOPOJSON.exists():
        print(
            f"{TOPOJSON} is missing: fetch it as .ci/run does (npm pack world-atlas@2.0.2)", file=sys.stderr
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        goals, chromium = measure_all(Path(tmp))
    run = Run(started, time.perf_counter() - start)
    sections = [goal.section() for goal in goals]
    RESULTS.write_text(
        results_markdown(sections, machine(chromium, load_at_start, code_at_start), run), encoding="utf-8"
    )
    print(summary_text(sections))
    print(f"\nWrote {RESULTS.relative_to(PROJECT)} in {run.seconds:.0f} s")
    return 0 if all(section.passed for section in sections) else 1


if __name__ == "__main__":
    sys.exit(main())
