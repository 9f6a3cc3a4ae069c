"""``python -m bench.first_run``: app.py's first run in a fresh Python process, as JSON.

A server's real first run also imports folium, geopandas and the rest; the
benchmark's in-process cold runs cannot show that, so it starts this once.
Prints ``{"wall_s": AppTest's time, "script_s": the script's own time}``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

TIMED_APP = Path(__file__).resolve().parent / "timed_app.py"


def main() -> int:
    sys.argv = sys.argv[:1]
    app = AppTest.from_file(str(TIMED_APP), default_timeout=180)
    start = time.perf_counter()
    app.run()
    wall = time.perf_counter() - start
    if app.exception:
        print(json.dumps({"error": app.exception[0].message}))
        return 1
    print(json.dumps({"wall_s": wall, "script_s": app.session_state["bench_run_seconds"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
