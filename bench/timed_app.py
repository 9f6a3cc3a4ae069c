"""app.py as it is, with the time of each of its runs kept in ``st.session_state``.

For the benchmark's click figures: AppTest's wall-clock time of a run also
counts its own start-up of a session and its polling, which a real server
does not pay per run. This wrapper times only the script itself.
"""

from __future__ import annotations

import runpy
import time
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parent.parent / "app.py"
RUN_SECONDS = "bench_run_seconds"

start = time.perf_counter()
runpy.run_path(str(APP), run_name="__main__")
st.session_state[RUN_SECONDS] = time.perf_counter() - start
