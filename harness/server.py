"""A real ``streamlit run`` on a free loopback port, stopped by its own process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from geo.io import PROJECT

SERVER_START_TIMEOUT_S = 60.0
# the end of a server's log, where Streamlit's traceback is, for the error message
LOG_TAIL_CHARS = 3000


def free_port() -> int:
    """A port nobody listens on, so parallel runs and dev servers do not clash."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_healthy(base_url: str) -> bool:
    """Whether Streamlit's health endpoint answers "ok" yet."""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def server_command(script: str, port: int, app_args: list[str] | None = None) -> list[str]:
    """``streamlit run SCRIPT`` on ``port``, headless, with ``app_args`` after ``--``."""
    command = [sys.executable, "-m", "streamlit", "run", script]
    command += ["--server.port", str(port), "--server.headless", "true"]
    return command + (["--", *app_args] if app_args else [])


def start_server(command: list[str], log: IO[str]) -> subprocess.Popen[bytes]:
    """The server process, run from the repository root, its output in ``log``."""
    return subprocess.Popen(command, cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT)


def wait_until_healthy(
    server: subprocess.Popen[bytes],
    base_url: str,
    log: IO[str],
    *,
    timeout_s: float = SERVER_START_TIMEOUT_S,
) -> None:
    """Block until the server is up.

    Raises
    ------
    RuntimeError
        If the server exits or does not answer within ``timeout_s``, with the end of its log.
    """
    deadline = time.monotonic() + timeout_s
    while not is_healthy(base_url):
        if server.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            raise RuntimeError(
                f"Streamlit did not start at {base_url} (exit code {server.poll()}):\n"
                f"{log.read()[-LOG_TAIL_CHARS:]}"
            )
        time.sleep(0.25)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Terminate the server we started, killing it only if it ignores us."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def streamlit_server(
    log_path: Path, app_args: list[str] | None = None, *, script: str = "app.py"
) -> Iterator[str]:
    """``streamlit run SCRIPT [-- app_args]`` on a free port; yields its base URL.

    The server's output goes to ``log_path``, and is shown if it fails to start.
    """
    port = free_port()
    base_url = f"http://localhost:{port}"
    with log_path.open("w+", encoding="utf-8") as log:
        server = start_server(server_command(script, port, app_args), log)
        try:
            wait_until_healthy(server, base_url, log)
            yield base_url
        finally:
            stop(server)
