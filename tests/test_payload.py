"""The map's payload stays a tenth of the naive explore() map of the same data.

A size check, not a timing: both apps run in AppTest and the map component's
arguments, what st_folium sends to the browser, are gzipped and compared.
Ours also counts our own static scripts and styles (geo/static), gzipped,
which the naive page does not load (issue 10: at least 10x smaller).
"""

from __future__ import annotations

import gzip
import os

import pytest

from bench.apps import APP, NAIVE_APP, TOPOJSON, BenchApp
from geo import assets

# issue 10: every byte the map needs that the naive page does not load, a tenth of the naive page's
PAYLOAD_RATIO = 10


def gzipped_args(app: BenchApp) -> int:
    app.run()
    return len(gzip.compress(app.json_args().encode("utf-8"), 9))


def gzipped_static_files() -> int:
    """Our own scripts and styles, each gzipped, as the browser fetches them besides the arguments."""
    ours = [assets.STORYMAP, assets.LABELS]
    files = [package.source / name for package in ours for name in (*package.scripts, *package.styles)]
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)


def test_payload_is_at_most_a_tenth_of_the_naive_map():
    if not TOPOJSON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must fetch the source first: {TOPOJSON} is missing (see .ci/run)")
        pytest.skip(f"needs {TOPOJSON}: npm pack world-atlas@2.0.2 (see README)")
    naive = gzipped_args(BenchApp(NAIVE_APP, [str(TOPOJSON)]))
    ours = gzipped_args(BenchApp(APP)) + gzipped_static_files()
    assert ours * PAYLOAD_RATIO <= naive, f"ours {ours:,} B gzipped, naive {naive:,} B"
