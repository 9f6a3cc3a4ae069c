"""The map's payload stays a tenth of the naive explore() map of the same data.

A size check, not a timing: both apps run in AppTest and the map component's
arguments, what st_folium sends to the browser, are gzipped and compared.
Ours also counts any file its arguments link that the naive page does not
load, gzipped (issue 10: at least 10x smaller); our own scripts and styles
travel inside the arguments.
"""

from __future__ import annotations

import gzip
import json
import os

import pytest

from bench.apps import APP, NAIVE_APP, TOPOJSON, BenchApp
from bench.many_reports import REPORTS, write_reports
from bench.payload import PAYLOAD_RATIO, linked_gzipped
from geo.reader import ALL_REPORTS
from harness.apptest import map_json_args, run_app_with


def gzipped_args(app: BenchApp) -> tuple[int, list[str]]:
    """The app's map arguments after a first run, gzipped; and the files they link."""
    app.run()
    text = app.json_args()
    args = json.loads(text)
    return len(gzip.compress(text.encode("utf-8"), 9)), args["js_links"] + args["css_links"]


def test_payload_is_at_most_a_tenth_of_the_naive_map():
    if not TOPOJSON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must fetch the source first: {TOPOJSON} is missing (see .ci/run)")
        pytest.skip(f"needs {TOPOJSON}: npm pack world-atlas@2.0.2 (see README)")
    naive, naive_links = gzipped_args(BenchApp(NAIVE_APP, [str(TOPOJSON)]))
    ours_args, ours_links = gzipped_args(BenchApp(APP))
    ours = ours_args + linked_gzipped(ours_links, naive_links)
    assert ours * PAYLOAD_RATIO <= naive, f"ours {ours:,} B gzipped, naive {naive:,} B"


# issue 17: however many reports name its places, a card holds the newest few (geo.panel.CARD_LIMIT)
MANY_REPORTS_RATIO = 3


def test_two_thousand_reports_keep_the_map_within_three_times_the_seed_s(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    write_reports(seeds, REPORTS)
    seed_alone = len(gzip.compress(map_json_args(run_app_with(monkeypatch)).encode("utf-8"), 9))
    many = run_app_with(monkeypatch, "--seeds", seeds)
    assert len(many.selectbox(key="report").options) == REPORTS + 1
    one_report = len(gzip.compress(map_json_args(many).encode("utf-8"), 9))
    many.radio(key="map scope").set_value(ALL_REPORTS).run()
    every_report = len(gzip.compress(map_json_args(many).encode("utf-8"), 9))
    assert every_report > one_report, "the map of every report holds more places and quotes"
    for shown, size in (("one report's places", one_report), ("every report's places", every_report)):
        assert size <= MANY_REPORTS_RATIO * seed_alone, f"{shown}: {size:,} B against {seed_alone:,} B"
