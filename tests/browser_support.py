"""Helpers shared by the browser tests: a real Streamlit server and Debian's Chromium.

Nothing here is a test. The server runs ``streamlit run app.py`` on a free
port; the browser is ``/usr/bin/chromium`` driven by Playwright, which must
never download a browser of its own.
"""

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
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, Route, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO_ROOT = Path(__file__).parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORT = {"width": 1400, "height": 1000}
LOCAL_HOSTS = {"localhost", "127.0.0.1"}
# schemes that never touch the network
LOCAL_SCHEMES = {"data", "blob", "about"}
SERVER_START_TIMEOUT = 60.0
UI_TIMEOUT_MS = 20_000
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# wait_for_function polls on animation frames by default, and an iframe the
# browser is not painting yet gets none: poll on a timer instead
POLL_MS = 100


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


def wait_until_healthy(server: subprocess.Popen[bytes], base_url: str, log: IO[str]) -> None:
    """Block until the server is up; fail with its output if it dies or hangs."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not is_healthy(base_url):
        if server.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"Streamlit did not start at {base_url} (exit code {server.poll()}):\n{log.read()}")
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
def streamlit_server(log_path: Path, app_args: list[str] | None = None) -> Iterator[str]:
    """``streamlit run app.py [-- app_args]`` on a free port; yields its base URL.

    The server's output goes to ``log_path``, and is shown if it fails to start.
    """
    port = free_port()
    base_url = f"http://localhost:{port}"
    command = [sys.executable, "-m", "streamlit", "run", "app.py"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    if app_args:
        command += ["--", *app_args]
    with log_path.open("w+", encoding="utf-8") as log:
        server = subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(server, base_url, log)
            yield base_url
        finally:
            stop(server)


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Debian's Chromium: Playwright must never download a browser of its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (our server, or no network at all)."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def map_script_finished(frame: Frame) -> bool:
    """Whether streamlit-folium ran the map script to its end (it sets ``window.map`` last)."""
    try:
        frame.wait_for_function(
            "() => window.map && window.map === window.map_div", timeout=UI_TIMEOUT_MS, polling=POLL_MS
        )
    except PlaywrightTimeout:
        return False
    return True


# What the map's window holds, to explain a map that never finished
MAP_STATE_JS = """() => ({
    map: String(window.map), map_div: String(window.map_div), same: window.map === window.map_div,
    leaflet: window.L && window.L.version, scripts: document.scripts.length,
    containers: document.querySelectorAll('.leaflet-container').length,
})"""


def map_frame(page: Page, page_errors: list[str]) -> Frame:
    """The map component's frame, once the map script has drawn every layer.

    A script that throws half-way leaves a map with no layers and no click
    handlers; fail here then, with the page's errors, rather than later.
    """
    iframe = page.locator(MAP_IFRAME)
    expect(iframe).to_be_attached(timeout=UI_TIMEOUT_MS)
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "the map's iframe has no document"
    if not map_script_finished(frame):
        state = frame.evaluate(MAP_STATE_JS)
        pytest.fail(f"the map script never finished ({state}); JavaScript errors: {page_errors}")
    return frame


# Where the place with the given id is, in page coordinates relative to the map's
# iframe; `hit` tells whether the marker is the topmost element there.
PLACE_POINT_JS = """(placeId) => {
    let marker = null;
    map_div.eachLayer(layer => {
        if (layer.feature && layer.feature.properties && layer.feature.properties.id === placeId) {
            marker = layer;
        }
    });
    if (marker === null) return null;
    const point = map_div.latLngToContainerPoint(marker.getLatLng());
    const box = map_div.getContainer().getBoundingClientRect();
    const x = box.left + point.x, y = box.top + point.y;
    return {x: x, y: y, hit: document.elementFromPoint(x, y) === marker._path};
}"""


def click_place(page: Page, frame: Frame, place_id: str) -> None:
    """A real mouse click on the place's marker, as a reader would do it."""
    iframe = page.locator(MAP_IFRAME)
    # the whole map in view, not just a corner of it
    iframe.evaluate("element => element.scrollIntoView({block: 'nearest'})")
    point = frame.evaluate(PLACE_POINT_JS, place_id)
    assert point is not None, f"no layer on the map has the id {place_id!r}"
    assert point["hit"], f"something covers the marker of {place_id!r} at {point}"
    box = iframe.bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


@contextmanager
def opened_app(
    browser: Browser,
    url: str,
    *,
    viewport: dict[str, int],
    outside_requests: list[str],
    page_errors: list[str],
) -> Iterator[Page]:
    """``url`` in a fresh browser context with no internet at all.

    Requests that would leave this machine are aborted and listed in
    ``outside_requests``; uncaught JavaScript errors go to ``page_errors``.
    """

    def stay_local(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport=viewport)
    context.route("**/*", stay_local)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(url)
    try:
        yield page
    finally:
        context.close()
