"""The apps the benchmark runs in-process (AppTest), and their inputs.

``BenchApp`` is one session of a Streamlit script with its own command-line
arguments on every run; it times each run and can click a place.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.io import PROJECT
from harness.apptest import map_json_args, set_click

APP = PROJECT / "app.py"
NAIVE_APP = PROJECT / "bench" / "naive_app.py"
# app.py, timing itself: see bench/timed_app.py
TIMED_APP = PROJECT / "bench" / "timed_app.py"
RUN_SECONDS = "bench_run_seconds"
TOPOJSON = PROJECT / ".sources" / "package" / "countries-10m.json"
GZIP_LEVEL = 9


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

    def json_args(self) -> str:
        """The map component's arguments, as Streamlit sends them to the browser."""
        return map_json_args(self.test)

    def map_args(self) -> dict[str, Any]:
        return json.loads(self.json_args())

    def click(self, place_id: str) -> Timing:
        """What st_folium reports after a click on a feature, then the rerun (as tests/test_app.py)."""
        set_click(self.test, place_id)
        return self.run()


def gzipped(text: str) -> int:
    """Bytes of ``text`` in UTF-8, gzipped at level 9."""
    return len(gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL))


def clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()
