"""Payload: what the map needs in the browser, ours against the naive map.

Goal (issues 3 and 10): every byte our map needs that the naive page does not
load, the component's arguments plus any file they link that the naive page
does not load, gzipped, at most a ``PAYLOAD_RATIO``-th of the naive map's
arguments. Our own scripts and styles travel inside the arguments
(streamlit_map.prepare); both pages link Leaflet.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bench.apps import APP, NAIVE_APP, TOPOJSON, BenchApp, gzipped
from bench.report import Section
from geo import assets

PAYLOAD_RATIO = 10


def linked_gzipped(links: Sequence[str], loaded_anyway: Sequence[str]) -> int:
    """The served files ``links`` names beyond ``loaded_anyway``, each gzipped as the browser gets it."""
    total = 0
    for link in sorted(set(links) - set(loaded_anyway)):
        folder, name = link.removeprefix(f"{assets.STATIC_URL}/").split("/", 1)
        package = next(package for package in assets.SERVED if package.folder == folder)
        total += gzipped(package.content(package.source / name).decode("utf-8"))
    return total


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
    # the files ours links that the naive page does not load, gzipped
    ours_static: int
    naive_first_run_s: float

    @property
    def ratio(self) -> float:
        return self.naive.gzipped / (self.ours.gzipped + self.ours_static)

    def add_to(self, section: Section) -> None:
        naive, ours = self.naive, self.ours
        section.add("naive: component arguments, gzipped", f"{naive.gzipped:,} B ({naive.raw:,} B raw)")
        section.add("ours: component arguments, gzipped", f"{ours.gzipped:,} B ({ours.raw:,} B raw)")
        section.add("ours: files it links beyond the naive page's, gzipped", f"{self.ours_static:,} B")
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
            "AppTest receives it for a first run of each app, gzipped at level 9; ours adds any file its "
            "links name that the naive page does not load. Our own scripts and styles (geo/static) "
            "travel inside the arguments (streamlit_map.prepare), so both link Leaflet alone.",
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
    naive_payload, ours_payload = app_payload(naive), app_payload(ours)
    return Payload(
        naive=naive_payload,
        ours=ours_payload,
        ours_static=linked_gzipped(ours_payload.links, naive_payload.links),
        naive_first_run_s=naive_first,
    )
