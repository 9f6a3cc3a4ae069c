"""Payload: what the map needs in the browser, ours against the naive map.

Goal (issues 3 and 10): every byte our map needs that the naive page does not
load, the component's arguments plus our own static scripts and styles,
gzipped, at most a ``PAYLOAD_RATIO``-th of the naive map's arguments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bench.apps import APP, NAIVE_APP, TOPOJSON, BenchApp, gzipped
from bench.report import Section
from geo import assets

PAYLOAD_RATIO = 10
# our own browser code, served beside Leaflet (which both pages load)
OUR_PACKAGES = (assets.STORYMAP, assets.LABELS)


def static_gzipped() -> int:
    """Our own scripts and styles, each gzipped, as the browser fetches them (minified)."""
    names = [(package, name) for package in OUR_PACKAGES for name in (*package.scripts, *package.styles)]
    return sum(gzipped(package.content(package.source / name).decode("utf-8")) for package, name in names)


@dataclass(frozen=True)
class AppPayload:
    """One app's map component arguments after a first run."""

    gzipped: int
    # characters of the JSON text, as the table has always shown them
    raw: int
    script_gzipped: int
    links: list[str]


@dataclass(frozen=True)
class Payload:
    """Both apps' payloads, and how long the naive app's first run took."""

    naive: AppPayload
    ours: AppPayload
    # our own static scripts and styles, gzipped
    ours_static: int
    naive_first_run_s: float

    @property
    def ratio(self) -> float:
        return self.naive.gzipped / (self.ours.gzipped + self.ours_static)

    def add_to(self, section: Section) -> None:
        naive, ours = self.naive, self.ours
        section.add("naive: component arguments, gzipped", f"{naive.gzipped:,} B ({naive.raw:,} B raw)")
        section.add("ours: component arguments, gzipped", f"{ours.gzipped:,} B ({ours.raw:,} B raw)")
        section.add("ours: our own scripts and styles, gzipped", f"{self.ours_static:,} B")
        section.add(
            "map script alone, gzipped: naive / ours",
            f"{naive.script_gzipped:,} B / {ours.script_gzipped:,} B",
        )
        for name, app in (("ours", ours), ("naive", naive)):
            section.add(f"{name}: script and stylesheet URLs", ", ".join(app.links))
        passed = self.ratio >= PAYLOAD_RATIO
        section.add("payload ratio naive / ours", f"{self.ratio:.2f}x", f">= {PAYLOAD_RATIO}x", passed)
        section.notes += [
            "The payload is the map component's `json_args` (script, header, html, links, defaults) as "
            "AppTest receives it for a first run of each app, gzipped at level 9; ours adds our own "
            "scripts and styles (geo/static), which the naive page does not load.",
            f"The naive app's first run took {self.naive_first_run_s:.1f} s in AppTest (GeoNames and "
            "TopoJSON read once, then cached).",
        ]


def app_payload(app: BenchApp) -> AppPayload:
    """The payload of ``app``, which has run."""
    text = app.json_args()
    args = json.loads(text)
    return AppPayload(
        gzipped=gzipped(text),
        raw=len(text),
        script_gzipped=gzipped(args["script"]),
        links=args["js_links"] + args["css_links"],
    )


def measure() -> Payload:
    naive = BenchApp(NAIVE_APP, [str(TOPOJSON)])
    naive_first = naive.run().wall
    ours = BenchApp(APP)
    ours.run()
    return Payload(
        naive=app_payload(naive),
        ours=app_payload(ours),
        ours_static=static_gzipped(),
        naive_first_run_s=naive_first,
    )
