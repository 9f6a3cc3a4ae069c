"""harness.cpu: processor time by kind of process, for the load test and bench.click_cost."""

from __future__ import annotations

import subprocess
import sys
import time

from harness.cpu import SERVER, kind_of, seconds_by_kind, used_since
from harness.server import server_command

BUSY_S = 0.4
# a child that works for BUSY_S, then waits to be read
BUSY_CHILD = "\n".join(
    [
        "import time",
        f"end = time.process_time() + {BUSY_S}",
        "while time.process_time() < end: pass",
        "time.sleep(30)",
    ]
)


def test_the_server_and_the_browsers_parts_are_told_apart_by_their_command_lines():
    assert kind_of(" ".join(server_command("app.py", 8501))) == SERVER
    assert kind_of("/usr/lib/chromium/chromium --type=renderer --lang=en") == "the pages' renderers"
    assert kind_of("/usr/lib/chromium/chromium --type=gpu-process") == "GPU and compositor"
    assert kind_of("/usr/lib/chromium/chromium --headless --remote-debugging-pipe") == "the browser"
    assert kind_of("/usr/lib/node driver/cli.js run-driver") == "Playwright's driver"
    assert kind_of(f"{sys.executable} -c pass") == "other"


def test_a_child_s_work_is_counted_under_its_kind():
    before = seconds_by_kind()
    child = subprocess.Popen([sys.executable, "-c", BUSY_CHILD])
    try:
        deadline = time.monotonic() + 10
        while used_since(before)["other"] < BUSY_S * 0.9 and time.monotonic() < deadline:
            time.sleep(0.05)
        used = used_since(before)
    finally:
        child.kill()
        child.wait()
    assert BUSY_S * 0.9 <= used["other"] < BUSY_S * 3, used
    assert used[SERVER] == 0
