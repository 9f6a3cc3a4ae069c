"""The benchmark's visits: several Streamlit servers at once, a page timed until its map is drawn.

The servers and the offline browser are the tests' own (``harness``); this
adds starting several servers together and timing a visit by the page's
milestones.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from harness.browser import VIEWPORT, offline_context
from harness.map_frame import MAP_IFRAME
from harness.server import free_port, server_command, start_server, stop, wait_until_healthy

# three servers start at once on two cores
SERVER_START_TIMEOUT_S = 90.0
DRAW_TIMEOUT_MS = 30_000
# both apps start with st.title: its h1 is the first thing the script's run shows
TITLE = "h1"

# Run in the top page before its own scripts: notes when the app's title and
# the map's iframe first enter the page (a MutationObserver fires at the end of
# the task that inserted them, whatever else keeps the page busy), in ms since
# navigation started.
MILESTONES_JS = """(() => {
    if (window.top !== window) return;
    const marks = window.__benchMarks = {};
    const seen = () => {
        for (const [name, selector] of [["title", %(title)s], ["iframe", %(iframe)s]]) {
            if (!(name in marks) && document.querySelector(selector)) marks[name] = performance.now();
        }
        if ("title" in marks && "iframe" in marks) observer.disconnect();
    };
    const observer = new MutationObserver(seen);
    observer.observe(document, {childList: true, subtree: true});
})();"""

# Evaluated in the top page (the component's iframe is same-origin): true once
# streamlit-folium ran the map script to its end (it sets window.map last) and
# every vector layer on the map has its SVG path drawn; notes when, as above.
MAP_DRAWN_JS = """([selector, minPaths]) => {
    const iframe = document.querySelector(selector);
    const win = iframe && iframe.contentWindow;
    if (!win || !win.map || win.map !== win.map_div) return false;
    const paths = win.document.querySelectorAll("svg path");
    if (paths.length < minPaths) return false;
    if (!Array.from(paths).every(path => (path.getAttribute("d") || "").length > 0)) return false;
    window.__benchMarks.drawn = window.__benchMarks.drawn || performance.now();
    return true;
}"""

# What the reader sees of the points at the initial view: cluster bubbles, and
# single markers (circle markers or pins) inside the visible bounds.
POINTS_IN_VIEW_JS = """(selector) => {
    const win = document.querySelector(selector).contentWindow;
    const map = win.map_div, L = win.L, view = map.getBounds();
    let single = 0;
    map.eachLayer(layer => {
        const isPoint = layer instanceof L.CircleMarker || layer instanceof L.Marker;
        const isCluster = typeof layer.getChildCount === "function";
        if (isPoint && !isCluster && view.contains(layer.getLatLng())) single += 1;
    });
    return {clusters: win.document.querySelectorAll(".marker-cluster").length, single: single};
}"""


@dataclass
class Visit:
    """One page load.

    ``drawn_s`` is the goal's figure: seconds from the start of ``page.goto``
    to the drawn map, on this process's clock. ``marks`` are the page's own
    times of its milestones (``title``, ``iframe``, ``drawn``), in seconds
    since its navigation started.
    """

    drawn_s: float | None = None
    marks: dict[str, float] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    inspected: Any = None

    def between(self, first: str, then: str) -> float:
        return self.marks[then] - (self.marks[first] if first else 0.0)


@contextmanager
def streamlit_servers(apps: dict[str, list[str]]) -> Iterator[dict[str, str]]:
    """``streamlit run`` for each named ``[script, *args after --]``; yields their base URLs.

    All servers start at once and the block runs once every one answers its
    health check; they are stopped, each by its own process, when it ends.
    """
    servers: dict[str, tuple[subprocess.Popen[bytes], IO[str]]] = {}
    urls = {}
    with tempfile.TemporaryDirectory(prefix="bench-logs-") as logs, ExitStack() as files:
        try:
            for name, (script, *app_args) in apps.items():
                port = free_port()
                urls[name] = f"http://localhost:{port}"
                log = files.enter_context(Path(logs, f"{name}.log").open("w+", encoding="utf-8"))
                servers[name] = (start_server(server_command(script, port, app_args), log), log)
            for name, (server, log) in servers.items():
                wait_for(name, server, urls[name], log)
            yield urls
        finally:
            for server, _log in servers.values():
                stop(server)


def wait_for(name: str, server: subprocess.Popen[bytes], base_url: str, log: IO[str]) -> None:
    """``wait_until_healthy``, with the app's name in the error: three servers start at once."""
    try:
        wait_until_healthy(server, base_url, log, timeout_s=SERVER_START_TIMEOUT_S)
    except RuntimeError as error:
        raise RuntimeError(f"{name}: {error}") from error


# The bare page (bench/bare_app.py) is drawn once its title and its line show
BARE_DRAWN_JS = """() => {
    if (!document.querySelector("h1") || !document.querySelector("[data-testid=stMarkdown] p")) return false;
    window.__benchMarks.drawn = window.__benchMarks.drawn || performance.now();
    return true;
}"""


def _timed_visit(
    browser: Browser, url: str, drawn: Callable[[Page], None], what: str, latency_ms: float
) -> tuple[Visit, Page]:
    """Load ``url`` in a fresh, offline context and time it until ``drawn(page)`` returns.

    ``latency_ms``: DevTools holds every request this long, as a slow link would.
    The page is handed back open, for the caller to read before it closes the context.
    """
    result = Visit()
    context = offline_context(browser, viewport=VIEWPORT, outside_requests=result.blocked)
    context.add_init_script(MILESTONES_JS % {"title": json.dumps(TITLE), "iframe": json.dumps(MAP_IFRAME)})
    page = context.new_page()
    if latency_ms:
        link = {"offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1}
        context.new_cdp_session(page).send("Network.emulateNetworkConditions", link)
    page.on("pageerror", lambda error: result.errors.append(str(error)))
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        drawn(page)
        result.drawn_s = time.perf_counter() - start
        result.marks = {name: ms / 1000 for name, ms in page.evaluate("window.__benchMarks").items()}
    except PlaywrightError as error:
        result.errors.append(f"{what} not drawn: {str(error).splitlines()[0]}")
    return result, page


def visit_bare(browser: Browser, url: str, *, latency_ms: float = 0) -> Visit:
    """Load the bare page in a fresh, offline context and time it until its title and line show."""
    result, page = _timed_visit(
        browser,
        url,
        lambda page: page.wait_for_function(BARE_DRAWN_JS, polling="raf", timeout=DRAW_TIMEOUT_MS),
        "page",
        latency_ms,
    )
    page.context.close()
    return result


def visit(
    browser: Browser, url: str, min_paths: int, *, inspect: str | None = None, latency_ms: float = 0
) -> Visit:
    """Load ``url`` in a fresh, offline context and time it until the map is drawn.

    ``inspect``, a JS function of the iframe's selector, is evaluated in the
    page once the map is drawn; its result is kept in ``Visit.inspected``.
    """

    def drawn(page: Page) -> None:
        page.wait_for_function(
            MAP_DRAWN_JS, arg=[MAP_IFRAME, min_paths], polling="raf", timeout=DRAW_TIMEOUT_MS
        )

    result, page = _timed_visit(browser, url, drawn, "map", latency_ms)
    try:
        if inspect and not result.errors:
            result.inspected = page.evaluate(inspect, MAP_IFRAME)
    except PlaywrightError as error:
        result.errors.append(f"map not inspected: {str(error).splitlines()[0]}")
    finally:
        page.context.close()
    return result
