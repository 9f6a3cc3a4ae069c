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
from bench.payload import PAYLOAD_RATIO, static_gzipped


def gzipped_args(app: BenchApp) -> int:
    app.run()
    return len(gzip.compress(app.json_args().encode("utf-8"), 9))


def test_payload_is_at_most_a_tenth_of_the_naive_map():
    if not TOPOJSON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must fetch the source first: {TOPOJSON} is missing (see .ci/run)")
        pytest.skip(f"needs {TOPOJSON}: npm pack world-atlas@2.0.2 (see README)")
    naive = gzipped_args(BenchApp(NAIVE_APP, [str(TOPOJSON)]))
    ours = gzipped_args(BenchApp(APP)) + static_gzipped()
    assert ours * PAYLOAD_RATIO <= naive, f"ours {ours:,} B gzipped, naive {naive:,} B"
