"""Scale: a thousand generated places cost bytes in proportion, a click little more, and cluster.

Goals of issue 3: the payload grows linearly with the number of places (no
point further than ``LINEAR_TOLERANCE`` of the growth from a straight line),
a click rerun with ``SCALE_MOST`` places costs at most ``SCALE_CLICK_RATIO``
times one with the real data, and nearby points cluster in the browser.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import places
from bench.apps import APP, TIMED_APP, BenchApp, Timing, gzipped
from bench.browser import Visit
from bench.clicks import CLICKS
from bench.drawing import BrowserRun
from bench.report import Section, median, seconds

SCALE_CLICK_RATIO = 2.0
# linear: no payload further from the fitted line than this fraction of the payload's growth
LINEAR_TOLERANCE = 0.05
SCALE_COUNTS = (0, 250, 500, 1000)
SCALE_MOST = max(SCALE_COUNTS)


@dataclass(frozen=True)
class Line:
    """A least-squares line through payload sizes, and its worst residual."""

    bytes_per_place: float
    intercept: float
    worst: float


@dataclass
class Scale:
    """Gzipped payloads by number of places; click reruns with the real data (0) and ``SCALE_MOST``."""

    sizes: dict[int, int]
    times: dict[int, list[Timing]]

    def add_to(self, section: Section) -> None:
        add_payload_growth(section, self.sizes)
        most = SCALE_MOST
        real, big = (median([t.script for t in self.times[count]]) for count in (0, most))
        section.add("click rerun, real data, script time (median)", f"{real:.3f} s")
        section.add(f"click rerun, {most:,} generated places, script time (median)", f"{big:.3f} s")
        ratio = big / real
        section.add(
            f"click rerun {most:,} places / real data",
            f"{ratio:.2f}x",
            f"<= {SCALE_CLICK_RATIO}x",
            ratio <= SCALE_CLICK_RATIO,
        )
        wall = {count: median([t.wall for t in ts]) for count, ts in self.times.items()}
        section.add(
            "the same in AppTest's wall-clock time (context)",
            f"{wall[0]:.3f} s vs {wall[most]:.3f} s: {wall[most] / wall[0]:.2f}x",
        )
        section.notes += [
            f"Generated places: {places.LAYER_ID}.geojson (seed {places.SEED}, uniform over "
            f"{places.LONGITUDES[0]:g}-{places.LONGITUDES[1]:g} E, "
            f"{places.LATITUDES[0]:g}-{places.LATITUDES[1]:g} N, "
            "ids p-0001…, names Place 1…, valid per geo.validate) beside a copy of layers/ in a temp "
            "folder, with a provenance record that says it is generated bench data. Smaller sets are "
            "prefixes of the 1,000.",
            "Linearity: a least-squares line through the payloads with 250, 500 and 1,000 places; the "
            "step from 0 to 250 also pays once for the new layer (its legend entry and layer code), "
            "which is the line's intercept above the payload without it.",
            f"Click reruns on {', '.join(CLICKS)}, the real-data and 1,000-place sessions taking turns "
            f"(script time): real {seconds([t.script for t in self.times[0]])} s; 1,000 places "
            f"{seconds([t.script for t in self.times[most]])} s.",
        ]


def line_fit(sizes: dict[int, int]) -> Line:
    """Least-squares line through the sizes, by number of places."""
    counts = sorted(sizes)
    slope, intercept = statistics.linear_regression(counts, [sizes[n] for n in counts])
    worst = max(abs(sizes[n] - (intercept + slope * n)) for n in counts)
    return Line(slope, intercept, worst)


def add_payload_growth(section: Section, sizes: dict[int, int]) -> None:
    for count, size in sizes.items():
        section.add(f"payload with {count:,} generated places", f"{size:,} B gzipped")
    counts = sorted(sizes)
    for low, high in itertools.pairwise(counts):
        section.add(f"bytes per place, {low}-{high}", f"{(sizes[high] - sizes[low]) / (high - low):.1f} B")
    line = line_fit({n: sizes[n] for n in counts if n})
    growth = sizes[counts[-1]] - sizes[counts[1]]
    off = line.worst / growth
    section.add(
        "payload grows linearly (line through 250/500/1,000 places)",
        f"{line.bytes_per_place:.1f} B per place; the layer itself {line.intercept - sizes[0]:,.0f} B; "
        f"worst point {line.worst:.0f} B off the line ({off:.1%} of the growth)",
        f"off by <= {LINEAR_TOLERANCE:.0%}",
        off <= LINEAR_TOLERANCE,
    )


@dataclass
class Clustering:
    """What the browser saw of the points at the initial view (from the Drawing section's run)."""

    # the last drawn visit to our app with the real data: its cluster and single-marker counts
    real: dict[str, Any] | None
    # the visit to our app with ``SCALE_MOST`` places
    big: Visit | None

    def add_to(self, section: Section) -> None:
        self.add_checks(section)
        section.notes.append(
            f"Clustering: our app served with the {SCALE_MOST:,} places (and with the real data), once "
            "its map is drawn, at its initial view: `.marker-cluster` elements in the iframe, and single "
            "point markers (Leaflet circle markers, or markers that are not clusters) on the map within "
            "the visible bounds. The browser's time is counted in the Drawing section."
        )

    def add_checks(self, section: Section) -> None:
        if self.real is not None:
            counts = f"{self.real['clusters']} clusters, {self.real['single']} single markers"
            section.add("real data at the initial view", counts)
        big = self.big
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


def clustering(run: BrowserRun) -> Clustering:
    drawn_ours = [v for v in run.visits["ours"] if v.drawn_s is not None]
    return Clustering(real=drawn_ours[-1].inspected if drawn_ours else None, big=run.big)


def payloads(layer_dirs: dict[int, Path]) -> dict[int, int]:
    """Gzipped component arguments of a first run, by number of generated places."""
    sizes = {}
    for count, layers in layer_dirs.items():
        app = BenchApp(APP, ["--layers", str(layers)])
        app.run()
        sizes[count] = gzipped(app.json_args())
    return sizes


def alternating_clicks(apps: dict[int, BenchApp]) -> dict[int, list[Timing]]:
    """Rerun times after the same clicks, the apps taking turns so that noise hits both."""
    times: dict[int, list[Timing]] = {count: [] for count in apps}
    for place_id in CLICKS:
        for count, app in apps.items():
            times[count].append(app.click(place_id))
    return times


def measure(layer_dirs: dict[int, Path]) -> Scale:
    sizes = payloads(layer_dirs)
    apps = {n: BenchApp(TIMED_APP, ["--layers", str(layer_dirs[n])]) for n in (0, SCALE_MOST)}
    for app in apps.values():
        app.run()
    return Scale(sizes, alternating_clicks(apps))
