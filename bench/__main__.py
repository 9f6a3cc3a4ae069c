"""``python -m bench``: our app against the naive ``explore()`` baseline, in one run.

Measures, from the repository root, the five goals of issue 3 (payload,
fidelity, drawing, clicks, scale) and writes them to ``bench/RESULTS.md``.
Ratios, not absolute times: both sides are measured in the same run,
interleaved where they are timed. Loopback only; the browser has no internet.
"""

from __future__ import annotations

import datetime
import gzip
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import shapely
import streamlit as st
from shapely.geometry import box, shape
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

from bench import browser, places
from bench.report import COMMAND, Section, results_markdown, summary_text
from geo import io
from geo.build import COUNTRIES, STORY_REGION
from geo.geometry import boundary_deviation_km, repair
from geo.topojson import iter_objects
from harness.browser import CHROMIUM, launched_chromium

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
NAIVE_APP = ROOT / "bench" / "naive_app.py"
# app.py, timing itself: see bench/timed_app.py
TIMED_APP = ROOT / "bench" / "timed_app.py"
RUN_SECONDS = "bench_run_seconds"
TOPOJSON = ROOT / ".sources" / "package" / "countries-10m.json"
RESULTS = ROOT / "bench" / "RESULTS.md"

# Goals of issue 3
PAYLOAD_RATIO = 12
INSIDE_KM, OUTSIDE_KM = 0.5, 5.0
DRAWING_RATIO = 0.7
CLICK_RATIO = 0.1
SCALE_CLICK_RATIO = 2.0
# linear: no payload further from the fitted line than this fraction of the payload's growth
LINEAR_TOLERANCE = 0.05

GZIP_LEVEL = 9
COLD_RUNS = 3
# places clicked in turn, all in the real data; each click is one rerun
CLICKS = ("shusha", "fizuli", "kars", "armenia", "zangezur-corridor", "karabakh", "georgia")
SCALE_COUNTS = (0, 250, 500, 1000)
SCALE_MOST = max(SCALE_COUNTS)
DRAWING_VISITS = 5
WORLD = box(-180, -90, 180, 90)


# --- the apps, in-process -------------------------------------------------


@contextmanager
def argv(args: list[str]) -> Iterator[None]:
    """``sys.argv`` as ``streamlit run SCRIPT -- args`` would set it, for one run."""
    saved = sys.argv
    sys.argv = [saved[0], *args]
    try:
        yield
    finally:
        sys.argv = saved


@dataclass(frozen=True)
class Timing:
    """A run's time as AppTest saw it (``wall``) and the script's own (``script``, from timed_app.py)."""

    wall: float
    script: float


@dataclass
class BenchApp:
    """One session of a Streamlit script in AppTest, with its own arguments on every run."""

    script: Path
    args: list[str] = field(default_factory=list)
    clicks: int = 0

    def __post_init__(self) -> None:
        self.test = AppTest.from_file(str(self.script), default_timeout=180)

    def run(self) -> Timing:
        """How long the (re)run took; raises if the script failed."""
        with argv(self.args):
            start = time.perf_counter()
            self.test.run()
            wall = time.perf_counter() - start
        if self.test.exception:
            raise RuntimeError(f"{self.script.name} failed: {self.test.exception[0].message}")
        script = self.test.session_state.get(RUN_SECONDS, wall)
        return Timing(wall=wall, script=script)

    def component(self) -> UnknownElement:
        """The map: st_folium is a (version 1) ComponentInstance; the article is not."""
        (component,) = [
            e
            for e in elements(self.test._tree)
            if isinstance(e, UnknownElement) and e.proto.DESCRIPTOR.name == "ComponentInstance"
        ]
        return component

    def json_args(self) -> str:
        """The map component's arguments, as Streamlit sends them to the browser."""
        return self.component().proto.json_args

    def map_args(self) -> dict[str, Any]:
        return json.loads(self.json_args())

    def click(self, place_id: str) -> Timing:
        """What st_folium reports after a click on a feature, then the rerun (as tests/test_app.py)."""
        widget_key = self.component().proto.id.rsplit("-", 1)[-1]
        feature = {"type": "Feature", "properties": {"id": place_id, "name": "ignored"}, "geometry": None}
        self.clicks += 2  # the feature and its layer each count the click
        self.test.session_state[widget_key] = self.test.session_state["map"] = {
            "last_active_drawing": feature,
            "last_object_clicked_count": self.clicks,
        }
        return self.run()


def elements(node: Any) -> Iterator[Any]:
    for child in getattr(node, "children", {}).values():
        yield child
        yield from elements(child)


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL))


def clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


def median(values: list[float]) -> float:
    return statistics.median(values)


def seconds(values: list[float]) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


# --- payload ---------------------------------------------------------------


def measure_payload(section: Section) -> None:
    naive = BenchApp(NAIVE_APP, [str(TOPOJSON)])
    naive_first = naive.run().wall
    ours = BenchApp(APP)
    ours.run()
    naive_args, our_args = naive.json_args(), ours.json_args()
    naive_gz, our_gz = gzipped(naive_args), gzipped(our_args)
    naive_script, our_script = naive.map_args()["script"], ours.map_args()["script"]
    section.add("naive: component arguments, gzipped", f"{naive_gz:,} B ({len(naive_args):,} B raw)")
    section.add("ours: component arguments, gzipped", f"{our_gz:,} B ({len(our_args):,} B raw)")
    section.add(
        "map script alone, gzipped: naive / ours", f"{gzipped(naive_script):,} B / {gzipped(our_script):,} B"
    )
    for name, app in (("ours", ours), ("naive", naive)):
        args = app.map_args()
        section.add(f"{name}: script and stylesheet URLs", ", ".join(args["js_links"] + args["css_links"]))
    ratio = naive_gz / our_gz
    section.add("payload ratio naive / ours", f"{ratio:.2f}x", f">= {PAYLOAD_RATIO}x", ratio >= PAYLOAD_RATIO)
    section.notes += [
        "The payload is the map component's `json_args` (script, header, html, links, defaults) as "
        "AppTest receives it for a first run of each app, gzipped at level 9.",
        f"The naive app's first run took {naive_first:.1f} s in AppTest (GeoNames and TopoJSON "
        "read once, then cached).",
    ]


# --- fidelity --------------------------------------------------------------


def source_countries(topojson: Path) -> dict[str, Any]:
    """The 3+3 countries as Natural Earth draws them, repaired but not simplified, by ISO alpha-3."""
    topology = io.read_json(topojson)
    return {
        COUNTRIES[obj["id"]][0]: repair(geometry)
        for obj, geometry in iter_objects(topology, "countries")
        if obj.get("id") in COUNTRIES
    }


def committed_countries() -> dict[str, Any]:
    """The committed countries layer, by ISO alpha-3."""
    data = io.read_json(io.LAYERS_DIR / "countries.geojson")
    return {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in data["features"]}


def measure_fidelity(section: Section) -> None:
    source, committed = source_countries(TOPOJSON), committed_countries()
    outside = WORLD.difference(STORY_REGION)
    for iso, name in sorted((iso, name) for iso, name, _ in COUNTRIES.values()):
        inside_km = boundary_deviation_km(source[iso], committed[iso], STORY_REGION)
        outside_km = boundary_deviation_km(source[iso], committed[iso], outside)
        section.add(
            f"{name}: inside the story region",
            f"{inside_km:.3f} km",
            f"<= {INSIDE_KM} km",
            inside_km <= INSIDE_KM,
        )
        section.add(
            f"{name}: elsewhere", f"{outside_km:.3f} km", f"<= {OUTSIDE_KM} km", outside_km <= OUTSIDE_KM
        )
    worst_in, worst_out = (
        max((c for c in section.checks if where in c.what), key=lambda c: float(c.measured.split()[0]))
        for where in ("inside", "elsewhere")
    )
    geometries = [committed[iso] for iso in sorted(committed)]
    edges_match = bool(shapely.coverage_is_valid(geometries))
    no_gaps = bool(shapely.coverage_is_valid(geometries, gap_width=0.01))
    section.add("committed countries: no overlaps, shared edges match", str(edges_match), "True", edges_match)
    section.add("committed countries: no gaps narrower than 0.01°", str(no_gaps), "True", no_gaps)
    section.summary = (
        f"worst inside the story region {worst_in.measured} ({worst_in.what.split(':')[0]}); worst "
        f"elsewhere {worst_out.measured} ({worst_out.what.split(':')[0]}); coverage valid: "
        f"{edges_match and no_gaps}"
    )
    section.notes += [
        "Hausdorff distance, both ways, between each country's outline in the Natural Earth source "
        "(decoded with `geo.topojson.iter_objects`, `geo.geometry.repair`, not simplified) and in the "
        "committed `layers/countries.geojson`, with `geo.geometry.boundary_deviation_km` (5° tiles, "
        "each in its own azimuthal equidistant projection, in km on the ground).",
        "Story region: `geo.build.STORY_REGION` (43-50.5 E, 37.5-43 N); elsewhere: the world box "
        "minus that region. Armenia lies wholly inside the region, so it has nothing elsewhere (0 km).",
        "`shapely.coverage_is_valid` over the six committed countries: without a gap width it checks "
        "that neighbours neither overlap nor have edges that almost but not exactly match; with "
        "`gap_width=0.01` it also rejects slivers of gap narrower than 0.01°.",
    ]


# --- clicks ----------------------------------------------------------------


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
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if "error" in figures:
        raise RuntimeError(f"first run failed: {figures['error']}")
    return Timing(wall=figures["wall_s"], script=figures["script_s"])


def measure_clicks(section: Section) -> None:
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
    cold, rerun = median([t.script for t in colds]), median([t.script for t in reruns])
    section.add("cold first run, script time (median)", f"{cold:.3f} s")
    section.add(
        "new session with warm caches, script time (median)",
        f"{median([t.script for t in new_sessions]):.3f} s",
    )
    section.add("rerun after a click, script time (median)", f"{rerun:.3f} s")
    section.add(
        "rerun / cold, script time", f"{rerun / cold:.3f}", f"<= {CLICK_RATIO}", rerun / cold <= CLICK_RATIO
    )
    wall_cold, wall_rerun = median([t.wall for t in colds]), median([t.wall for t in reruns])
    section.add(
        "the same in AppTest's wall-clock time (context)",
        f"cold {wall_cold:.3f} s, rerun {wall_rerun:.3f} s: {wall_rerun / wall_cold:.3f}",
    )
    fresh = first_run_in_new_process()
    section.add(
        "first run in a fresh Python process, imports included (context)",
        f"{fresh.script:.3f} s script time: rerun / that = {rerun / fresh.script:.3f}",
    )
    section.add(
        f"map script byte-identical after each of {len(reruns)} clicks", str(same_script), "True", same_script
    )
    section.add("component key unchanged (not remounted)", str(same_key), "True", same_key)
    section.notes += [
        "Script time is app.py's own run, timed inside the run by bench/timed_app.py (which runs app.py "
        "unchanged with `runpy`); AppTest's wall-clock time also counts its own start of a session "
        "(scanning installed packages for components) and its polling, which a server does not pay on "
        "each run.",
        f"Cold: a fresh AppTest session after `st.cache_resource.clear()` and `st.cache_data.clear()`, "
        f"{COLD_RUNS} times (script {seconds([t.script for t in colds])} s; wall "
        f"{seconds([t.wall for t in colds])} s). The Python modules are already imported then; the "
        "'fresh Python process' line is a first run with the imports.",
        f"Clicks: after each cold run, st_folium's click payload set in that session, then a rerun, as "
        f"in tests/test_app.py, on {', '.join(CLICKS)} in turn "
        f"(script {seconds([t.script for t in reruns])} s).",
        "Not remounted: after every click the component's `script` is byte for byte the one of the "
        "session's first run, and its `key` the same (the selection travels in `feature_group`).",
    ]


# --- scale -----------------------------------------------------------------


def scale_payloads(layer_dirs: dict[int, Path]) -> dict[int, int]:
    """Gzipped component arguments of a first run, by number of generated places."""
    sizes = {}
    for count, layers in layer_dirs.items():
        app = BenchApp(APP, ["--layers", str(layers)])
        app.run()
        sizes[count] = gzipped(app.json_args())
    return sizes


def line_fit(sizes: dict[int, int]) -> tuple[float, float, float]:
    """Least-squares line through the sizes: (bytes per place, intercept, worst residual in bytes)."""
    counts = sorted(sizes)
    slope, intercept = statistics.linear_regression(counts, [sizes[n] for n in counts])
    worst = max(abs(sizes[n] - (intercept + slope * n)) for n in counts)
    return slope, intercept, worst


def alternating_clicks(apps: dict[str, BenchApp]) -> dict[str, list[Timing]]:
    """Rerun times after the same clicks, the apps taking turns so that noise hits both."""
    times: dict[str, list[Timing]] = {name: [] for name in apps}
    for place_id in CLICKS:
        for name, app in apps.items():
            times[name].append(app.click(place_id))
    return times


def add_payload_growth(section: Section, sizes: dict[int, int]) -> None:
    for count, size in sizes.items():
        section.add(f"payload with {count:,} generated places", f"{size:,} B gzipped")
    counts = sorted(sizes)
    for low, high in itertools.pairwise(counts):
        section.add(f"bytes per place, {low}-{high}", f"{(sizes[high] - sizes[low]) / (high - low):.1f} B")
    with_layer = {n: sizes[n] for n in counts if n}
    slope, intercept, worst = line_fit(with_layer)
    growth = sizes[counts[-1]] - sizes[counts[1]]
    off = worst / growth
    section.add(
        "payload grows linearly (line through 250/500/1,000 places)",
        f"{slope:.1f} B per place; the layer itself {intercept - sizes[0]:,.0f} B; "
        f"worst point {worst:.0f} B off the line ({off:.1%} of the growth)",
        f"off by <= {LINEAR_TOLERANCE:.0%}",
        off <= LINEAR_TOLERANCE,
    )


def measure_scale(section: Section, layer_dirs: dict[int, Path]) -> None:
    sizes = scale_payloads(layer_dirs)
    add_payload_growth(section, sizes)
    most = SCALE_MOST
    apps = {str(n): BenchApp(TIMED_APP, ["--layers", str(layer_dirs[n])]) for n in (0, most)}
    for app in apps.values():
        app.run()
    times = alternating_clicks(apps)
    real, big = (median([t.script for t in times[name]]) for name in ("0", str(most)))
    section.add("click rerun, real data, script time (median)", f"{real:.3f} s")
    section.add(f"click rerun, {most:,} generated places, script time (median)", f"{big:.3f} s")
    ratio = big / real
    section.add(
        f"click rerun {most:,} places / real data",
        f"{ratio:.2f}x",
        f"<= {SCALE_CLICK_RATIO}x",
        ratio <= SCALE_CLICK_RATIO,
    )
    wall = {name: median([t.wall for t in ts]) for name, ts in times.items()}
    section.add(
        "the same in AppTest's wall-clock time (context)",
        f"{wall['0']:.3f} s vs {wall[str(most)]:.3f} s: {wall[str(most)] / wall['0']:.2f}x",
    )
    section.notes += [
        f"Generated places: {places.LAYER_ID}.geojson (seed {places.SEED}, uniform over "
        f"{places.LONGITUDES[0]:g}-{places.LONGITUDES[1]:g} E, "
        f"{places.LATITUDES[0]:g}-{places.LATITUDES[1]:g} N, "
        "ids p-0001…, names Place 1…, valid per geo.validate) beside a copy of layers/ in a temp folder, "
        "with a provenance record that says it is generated bench data. Smaller sets are prefixes of "
        "the 1,000.",
        "Linearity: a least-squares line through the payloads with 250, 500 and 1,000 places; the step "
        "from 0 to 250 also pays once for the new layer (its legend entry and layer code), which is the "
        "line's intercept above the payload without it.",
        f"Click reruns on {', '.join(CLICKS)}, the real-data and 1,000-place sessions taking turns "
        f"(script time): real {seconds([t.script for t in times['0']])} s; 1,000 places "
        f"{seconds([t.script for t in times[str(most)]])} s.",
    ]


# --- drawing (and clustering) in the browser ----------------------------


def vector_features(layers_dir: Path) -> int:
    """Features that the map draws as SVG paths whatever the clustering: all but points."""
    count = 0
    for path in layers_dir.glob(f"*{io.LAYER_SUFFIX}"):
        features = io.read_json(path)["features"]
        count += sum(f["geometry"]["type"] not in ("Point", "MultiPoint") for f in features)
    return count


@dataclass
class BrowserRun:
    """Everything the browser part measured."""

    chromium: str = ""
    # the timed visits of our app and of the naive one, in turn
    visits: dict[str, list[browser.Visit]] = field(default_factory=lambda: {"ours": [], "naive": []})
    # a visit to our app with the 1,000 generated places
    big: browser.Visit | None = None


def run_browser(result: BrowserRun, big_layers: Path) -> None:
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
        result.chromium = chromium.version
        for name in ("ours", "naive"):  # warm-up: fills each server's caches; not measured
            browser.visit(chromium, urls[name], min_paths[name])
        for _ in range(DRAWING_VISITS):
            for name in ("ours", "naive"):
                visit = browser.visit(
                    chromium, urls[name], min_paths[name], inspect=browser.POINTS_IN_VIEW_JS
                )
                result.visits[name].append(visit)
                if visit.drawn_s is None:
                    return  # a map that does not draw will not draw next time either
        # one visit, to look at the points: the server's first, so its caches are cold
        result.big = browser.visit(chromium, urls["big"], min_paths["big"], inspect=browser.POINTS_IN_VIEW_JS)


def measure_drawing(section: Section, run: BrowserRun, big_layers: Path) -> None:
    run_browser(run, big_layers)
    fill_drawing(section, run)


def drawn_times(visits: list[browser.Visit]) -> list[float]:
    return [v.drawn_s for v in visits if v.drawn_s is not None]


def milestone(ours: list[browser.Visit], naive: list[browser.Visit], first: str, then: str) -> str:
    """Median seconds between two of the page's milestones, ours / naive."""
    times = [median([v.between(first, then) for v in visits]) for visits in (ours, naive)]
    return f"{times[0]:.3f} s / {times[1]:.3f} s"


def fill_drawing(section: Section, run: BrowserRun) -> None:
    ours, naive = run.visits["ours"], run.visits["naive"]
    drawn = {"ours": drawn_times(ours), "naive": drawn_times(naive)}
    failed = [f"{name}: {v.errors}" for name, vs in run.visits.items() for v in vs if v.drawn_s is None]
    if not ours and not naive:
        failed.append("the browser part did not run (see the error above)")
    if failed or len(drawn["ours"]) < DRAWING_VISITS or len(drawn["naive"]) < DRAWING_VISITS:
        section.add("every page drew its map", "; ".join(failed) or "too few visits", "all drawn", False)
        return
    for name in ("ours", "naive"):
        section.add(f"{name}: navigation to drawn map (median)", f"{median(drawn[name]):.3f} s")
    ratio = median(drawn["ours"]) / median(drawn["naive"])
    section.add("drawing ratio ours / naive", f"{ratio:.2f}", f"<= {DRAWING_RATIO}", ratio <= DRAWING_RATIO)
    pairs = [o / n for o, n in zip(drawn["ours"], drawn["naive"], strict=True)]
    section.add(
        "ratio of each visit of ours to the naive visit after it (context)",
        f"median {median(pairs):.2f}; range {min(pairs):.2f}-{max(pairs):.2f}",
    )
    section.add(
        "in the page, since navigation started (median), ours / naive: the app's title",
        milestone(ours, naive, "", "title"),
    )
    section.add("… from the title to the map's iframe", milestone(ours, naive, "title", "iframe"))
    section.add("… from the iframe to the drawn map", milestone(ours, naive, "iframe", "drawn"))
    section.add("… navigation to the drawn map, in the page's own time", milestone(ours, naive, "", "drawn"))
    blocked = {
        name: sorted({u for v in vs for u in v.blocked}) for name, vs in (("ours", ours), ("naive", naive))
    }
    section.add("requests blocked (off this machine): ours", ", ".join(blocked["ours"]) or "none")
    section.add("requests blocked (off this machine): naive", ", ".join(blocked["naive"]) or "none")
    errors = sorted({e for vs in run.visits.values() for v in vs for e in v.errors})
    section.add("JavaScript errors", "; ".join(errors) or "none")
    section.notes += [
        f"Each app runs as a real server (`python -m streamlit run SCRIPT --server.port P "
        f"--server.headless true`) on a free loopback port; Debian's headless Chromium {run.chromium} "
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


def fill_clustering(section: Section, run: BrowserRun) -> None:
    drawn_ours = [v for v in run.visits["ours"] if v.drawn_s is not None]
    if drawn_ours:
        real = drawn_ours[-1].inspected
        section.add(
            "real data at the initial view", f"{real['clusters']} clusters, {real['single']} single markers"
        )
    big = run.big
    if big is None or big.drawn_s is None:
        why = "not visited" if big is None else "; ".join(big.errors)
        section.add(
            f"{SCALE_MOST:,} places: the map draws in the browser", f"not drawn: {why}", "drawn", False
        )
        return
    section.add(
        f"{SCALE_MOST:,} places: navigation to drawn map "
        "(browser; the server's first visit, so its imports and caches are cold)",
        f"{big.drawn_s:.3f} s",
    )
    clusters, single = big.inspected["clusters"], big.inspected["single"]
    section.add(
        f"{SCALE_MOST:,} places at the initial view: nearby points cluster",
        f"{clusters} `.marker-cluster` elements, {single} single markers",
        "clusters > 0",
        clusters > 0,
    )
    if big.errors:
        section.add(f"{SCALE_MOST:,} places: JavaScript errors", "; ".join(big.errors), "none", False)


def clustering_note() -> str:
    return (
        f"Clustering: our app served with the {SCALE_MOST:,} places (and with the real data), once its "
        "map is drawn, at its initial view: `.marker-cluster` elements in the iframe, and single point "
        "markers (Leaflet circle markers, or markers that are not clusters) on the map within the "
        "visible bounds. The browser's time is counted in the Drawing section."
    )


# --- the run ---------------------------------------------------------------


def timed(section: Section, measure: Callable[..., None], *args: Any) -> Section:
    """Run one measurement into ``section``; an error is recorded as a failure, not raised."""
    start = time.perf_counter()
    print(f"{section.title}…", flush=True)
    try:
        measure(section, *args)
    except Exception as error:
        traceback.print_exc()
        section.add("measurement ran", f"{type(error).__name__}: {error}", "no error", False)
    section.seconds = time.perf_counter() - start
    return section


def package_versions() -> str:
    names = (
        "streamlit",
        "streamlit-folium",
        "folium",
        "branca",
        "geopandas",
        "shapely",
        "pyproj",
        "numpy",
        "pandas",
        "mapclassify",
        "matplotlib",
        "xstatic-leaflet",
        "playwright",
    )
    return ", ".join(f"{name} {metadata.version(name)}" for name in names)


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def code_version() -> str:
    """The commit measured, and whether files outside bench/ differed from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout

    head = git("log", "-1", "--format=%h %s").strip() or "unknown (not a git checkout?)"
    # porcelain lines are "XY path": two status columns, a space, the path
    changed = [
        line[3:] for line in git("status", "--porcelain").splitlines() if not line[3:].startswith("bench/")
    ]
    return f"{head}; uncommitted changes outside bench/: {', '.join(changed) or 'none'}"


def machine(chromium: str, load_at_start: str, code_at_start: str) -> dict[str, str]:
    code_at_end = code_version()
    code = (
        code_at_start if code_at_end == code_at_start else f"at start {code_at_start}; at end {code_at_end}"
    )
    return {
        "Code measured": code,
        "Load average (1/5/15 min) at start, at end": f"{load_at_start}; {load_average()}",
        "nproc": f"{len(os.sched_getaffinity(0))} (of {os.cpu_count()} CPUs)",
        "CPU": cpu_model(),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Packages": package_versions(),
        "Chromium": f"{CHROMIUM} {chromium}".strip(),
    }


def main() -> int:
    started, start = datetime.datetime.now(datetime.UTC), time.perf_counter()
    load_at_start, code_at_start = load_average(), code_version()
    if not TOPOJSON.exists():
        print(
            f"{TOPOJSON} is missing: fetch it as .ci/run does (npm pack world-atlas@2.0.2)", file=sys.stderr
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        layer_dirs = {n: places.layers_with_places(Path(tmp, f"layers-{n}"), n) for n in SCALE_COUNTS}
        payload = timed(Section("Payload"), measure_payload)
        clicks = timed(Section("Clicks"), measure_clicks)
        scale = timed(Section("Scale"), measure_scale, layer_dirs)
        run = BrowserRun()
        drawing = timed(Section("Drawing"), measure_drawing, run, layer_dirs[SCALE_MOST])
        fill_clustering(scale, run)
        scale.notes.append(clustering_note())
        fidelity = timed(Section("Fidelity"), measure_fidelity)
    sections = [payload, fidelity, drawing, clicks, scale]
    total = time.perf_counter() - start
    preamble = [
        f"- Date: {started.isoformat(timespec='seconds')}",
        f"- Command: `{COMMAND}` (from the repository root; Natural Earth source at "
        f"`{TOPOJSON.relative_to(ROOT)}`, fetched as in `.ci/run`)",
        f"- Run time: {total:.0f} s",
        "- Ours: `app.py` with the committed `layers/`. Naive baseline: `bench/naive_app.py`, "
        "`GeoDataFrame.explore()` of the same six countries decoded from the TopoJSON as they are (no "
        "repair, no simplification) and the three towns at their GeoNames positions, handed to "
        '`st_folium(m, returned_objects=["last_active_drawing"])`.',
        "- Figures are ratios of our app to the naive baseline measured in the same run; absolute "
        "times are this machine's and only give scale.",
    ]
    RESULTS.write_text(
        results_markdown(sections, machine(run.chromium, load_at_start, code_at_start), preamble),
        encoding="utf-8",
    )
    print(summary_text(sections))
    print(f"\nWrote {RESULTS.relative_to(ROOT)} in {total:.0f} s")
    return 0 if all(section.passed for section in sections) else 1


if __name__ == "__main__":
    sys.exit(main())
