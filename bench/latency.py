"""The first draw over a slow link: app.py and a bare page, with latency added to every request.

    python -m bench.latency [SCRIPT ...]

On loopback a round trip costs almost nothing, so the bench cannot see the
requests a page makes one after another; on a phone's link each costs tens
of milliseconds. This times app.py (or the app scripts given, such as an
older checkout's app.py beside this one's) and bench/bare_app.py as real
servers, their visits taking turns, with DevTools holding every request
``LATENCY_MS``, and prints the medians. Not part of ``python -m bench``.
"""

from __future__ import annotations

import sys
from statistics import median

from bench import browser
from bench.drawing import vector_features
from geo import io
from harness.browser import launched_chromium

LATENCY_MS = 40
VISITS = 9
BARE = "bench/bare_app.py"


def first_draws(scripts: list[str]) -> dict[str, list[float]]:
    """Seconds to each script's drawn map, and to the bare page's title and line, over ``VISITS`` visits."""
    # named by position: the names also name the servers' log files
    apps = {f"app {n}": [script] for n, script in enumerate(scripts, 1)} | {"bare": [BARE]}
    min_paths = vector_features(io.LAYERS_DIR)
    times: dict[str, list[float]] = {name: [] for name in apps}
    with browser.streamlit_servers(apps) as urls, launched_chromium() as chromium:
        # the first round fills each server's caches and is not counted
        for round_number in range(VISITS + 1):
            for name, url in urls.items():
                if name == "bare":
                    visit = browser.visit_bare(chromium, url, latency_ms=LATENCY_MS)
                else:
                    visit = browser.visit(chromium, url, min_paths, latency_ms=LATENCY_MS)
                if visit.drawn_s is None:
                    raise SystemExit(f"{apps[name][0]}: not drawn: {visit.errors}")
                if round_number:
                    times[name].append(visit.drawn_s)
    return times


def main(argv: list[str]) -> None:
    scripts = argv or ["app.py"]
    times = first_draws(scripts)
    bare = median(times.pop("bare"))
    print(f"{LATENCY_MS} ms added to every request, {VISITS} visits each, taking turns")
    print(f"  {BARE}: title and line drawn in {bare:.3f} s (median)")
    for script, seconds in zip(scripts, times.values(), strict=True):
        drawn = median(seconds)
        print(f"  {script}: map drawn in {drawn:.3f} s (median), {drawn - bare:.3f} s over the bare page")


if __name__ == "__main__":
    main(sys.argv[1:])
