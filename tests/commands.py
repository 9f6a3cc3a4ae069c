"""The command line as a user runs it, for tests that check its exit codes and messages."""

from __future__ import annotations

import subprocess
import sys

from geo.io import PROJECT


def run_geo(*args: object) -> subprocess.CompletedProcess[str]:
    """``python -m geo ARGS`` in a child process, as a user runs it."""
    command = [sys.executable, "-m", "geo", *map(str, args)]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
