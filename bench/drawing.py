"""Drawing: navigation to a drawn map in Chromium, ours against the naive map.

Goal of issue 3: our map is drawn in at most ``DRAWING_RATIO`` of the naive
map's time. Both apps run as real servers; their visits take turns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench import browser
from bench.apps import TOPOJSON
from bench.report import Section, median, seconds
from geo import io
from geo.geometry import POINTS
from geo.region import COUNTRIES
from harness.browser import launched_chromium

DRAWING_RATIO = 0.7
DRAWING_VISITS = 5


@dataclass
class BrowserRun:
    """Everything the browser part measured, filled in as it goes (an error keeps what came before)."""

    chromium: str = ""
    # the timed visits of our app and of the naive one, in turn
    visits: dict[str, list[browser.Visit]] = field(default_factory=lambda: {"ours": [], "naive": []})
    # a visit to our app with the 1,000 generated places
    big: browser.Visit | None = None

    def add_to(self, section: Section) -> None:
        ours, naive = self.visits["ours"], self.visits["naive"]
        drawn = {"ours": drawn_times(ours), "naive": drawn_times(naive)}
        failed = [f"{name}: {v.errors}" for name, vs in self.visits.items() for v in vs if v.drawn_s is None]
        if not ours and not naive:
            failed.append("the browser part did not run (see the error above)")
        if failed or len(drawn["ours"]) < DRAWING_VISITS or len(drawn["naive"]) < DRAWING_VISITS:
            section.add("every page drew its map", "; ".join(failed) or "too few visits", "all drawn", False)
            return
        add_drawing_times(section, drawn)
        add_milestones(section, ours, naive)
        blocked = {name: sorted({u for v in vs for u in v.blocked}) for name, vs in self.visits.items()}
        section.add("requests blocked (off this machine): ours", ", ".join(blocked["ours"]) or "none")
        section.add("requests blocked (off this machine): naive", ", ".join(blocked["naive"]) or "none")
        errors = sorted({e for vs in self.visits.values() for v in vs for e in v.errors})
        section.add("JavaScript errors", "; ".join(errors) or "none")
        section.notes += notes(self.chromium, drawn)


def drawn_times(visits: list[browser.Visit]) -> list[float]:
    return [v.drawn_s for v in visits if v.drawn_s is not None]


def add_drawing_times(section: Section, drawn: dict[str, list[float]]) -> None:
    for name in ("ours", "naive"):
        section.add(f"{name}: navigation to drawn map (median)", f"{median(drawn[name]):.3f} s")
    ratio = median(drawn["ours"]) / median(drawn["naive"])
    section.add("drawing ratio ours / naive", f"{ratio:.2f}", f"<= {DRAWING_RATIO}", ratio <= DRAWING_RATIO)
    pairs = [o / n for o, n in zip(drawn["ours"], drawn["naive"], strict=True)]
    section.add(
        "ratio of each visit of ours to the naive visit after it (context)",
        f"median {median(pairs):.2f}; range {min(pairs):.2f}-{max(pairs):.2f}",
    )


def milestone(ours: list[browser.Visit], naive: list[browser.Visit], first: str, then: str) -> str:
    """Median seconds between two of the page's milestones, ours / naive."""
    times = [median([v.between(first, then) for v in visits]) for visits in (ours, naive)]
    return f"{times[0]:.3f} s / {times[1]:.3f} s"


def add_milestones(section: Section, ours: list[browser.Visit], naive: list[browser.Visit]) -> None:
    section.add(
        "in the page, since navigation started (median), ours / naive: the app's title",
        milestone(ours, naive, "", "title"),
    )
    section.add("… from the title to the map's iframe", milestone(ours, naive, "title", "iframe"))
    section.add("… from the iframe to the drawn map", milestone(ours, naive, "iframe", "drawn"))
    section.add("… navigation to the drawn map, in the page's own time", milestone(ours, naive, "", "drawn"))


def notes(chromium: str, drawn: dict[str, list[float]]) -> list[str]:
    return [
        f"Each app runs as a real server (`python -m streamlit run SCRIPT --server.port P "
        f"--server.headless true`) on a free loopback port; Debian's headless Chromium {chromium} "
        "loads it in a fresh browser context each time (no HTTP cache), with every request off this "
        "machine aborted.",
        "Timed from the start of `page.goto` until, in the iframe titled `streamlit_folium.st_folium`, "
        "`window.map === window.map_div` and the SVG holds a non-empty path for every line and area "
        "(checked each animation frame). This includes Streamlit's own page load, the app's run for a "
        "new session, the transfer of the component's arguments, and Leaflet drawing them.",
        "The breakdown is the page's own clock (`performance.now()`, from its navigation start): when "
        "the app's title (`h1`, the first element both scripts show) and the map's iframe entered the "
        "page (a MutationObserver added before the page's scripts), and when the drawn map was seen. "
        "Streamlit's own page load (navigation to title) is the same work for both apps.",
        f"One unmeasured visit to each server first (fills its caches), then {DRAWING_VISITS} "
        "visits each, ours and naive taking turns.",
        f"Navigation to drawn map, ours: {seconds(drawn['ours'])} s; naive: {seconds(drawn['naive'])} s.",
        "Both load Leaflet 1.9.3 from the same local URLs (`../../app/static/leaflet/…`). The naive "
        "map's other CDN assets (jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped from "
        "its `default_js`/`default_css`, since nothing on it uses them; its OpenStreetMap tile layer "
        "is kept, and the offline browser blocks the tile requests listed above.",
        "The naive app caches its decoded data (`st.cache_data`) as Streamlit's documentation "
        "recommends, then calls `explore()` and `st_folium` on every run.",
    ]


def vector_features(layers_dir: Path) -> int:
    """Features that the map draws as SVG paths whatever the clustering: all but points."""
    count = 0
    for path in layers_dir.glob(f"*{io.LAYER_SUFFIX}"):
        features = io.read_json(path)["features"]
        count += sum(f["geometry"]["type"] not in POINTS for f in features)
    return count


def measure(run: BrowserRun, big_layers: Path) -> BrowserRun:
    """Both apps (and ours with many places) as real servers, timed alternately in Chromium."""
    apps = {
        "ours": ["app.py"],
        "naive": ["bench/naive_app.py", str(TOPOJSON)],
        "big": ["app.py", "--layers", str(big_layers)],
    }
    min_paths = {
        "ours": vector_features(io.LAYERS_DIR),
        "naive": len(COUNTRIES),
        "big": vector_features(big_layers),
    }
    with browser.streamlit_servers(apps) as urls, launched_chromium() as chromium:
        run.chromium = chromium.version
        for name in ("ours", "naive"):  # warm-up: fills each server's caches; not measured
            browser.visit(chromium, urls[name], min_paths[name])
        for _ in range(DRAWING_VISITS):
            for name in ("ours", "naive"):
                visit = browser.visit(
                    chromium, urls[name], min_paths[name], inspect=browser.POINTS_IN_VIEW_JS
                )
                run.visits[name].append(visit)
                if visit.drawn_s is None:
                    return run  # a map that does not draw will not draw next time either
        # one visit, to look at the points: the server's first, so its caches are cold
        run.big = browser.visit(chromium, urls["big"], min_paths["big"], inspect=browser.POINTS_IN_VIEW_JS)
    return run
