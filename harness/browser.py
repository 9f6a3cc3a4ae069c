"""Debian's Chromium through Playwright, with no internet at all.

Playwright must never download a browser of its own: it drives
``/usr/bin/chromium``. Every request that would leave this machine is aborted
and listed, so a test or the benchmark can say what the page tried to reach.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# at 1280x720 Streamlit's sidebar may start collapsed
VIEWPORT = {"width": 1400, "height": 1000}
LOCAL_HOSTS = {"localhost", "127.0.0.1"}
# schemes that never touch the network
LOCAL_SCHEMES = {"data", "blob", "about"}


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


def offline_context(
    browser: Browser, *, viewport: dict[str, int], outside_requests: list[str]
) -> BrowserContext:
    """A fresh browser context (no HTTP cache) whose requests off this machine are aborted.

    Each aborted request's URL is appended to ``outside_requests``.
    """

    def stay_local(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport=viewport)
    context.route("**/*", stay_local)
    return context


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
    context = offline_context(browser, viewport=viewport, outside_requests=outside_requests)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(url)
    try:
        yield page
    finally:
        context.close()
