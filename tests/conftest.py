"""Shared fixtures: the real article and layers, copies to break, and the app in a real browser.

Fixtures only: helpers that tests import by name live in tests/inputs.py,
tests/commands.py and the harness package.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo import io
from geo.article import Article, parse_article
from geo.story import Story
from harness.browser import VIEWPORT, launched_chromium, opened_app
from harness.server import streamlit_server
from tests.inputs import EVERY_GEOMETRY_LAYER, SEED, every_geometry_layer, reports_folder, write_layer


@pytest.fixture(scope="session")
def story() -> Story:
    return io.load_story(io.SEEDS_DIR, io.LAYERS_DIR)


@pytest.fixture(scope="session")
def article() -> Article:
    """The shipped seed report, read as the app reads every report."""
    articles, problems = io.read_reports(io.SEEDS_DIR)
    assert not problems, problems
    (seed,) = [article for article in articles if article.source == SEED]
    return seed


@pytest.fixture
def make_article():
    """An Article from text, with the seed files' metadata header."""

    def make(body: str) -> Article:
        return parse_article(f" date 2021-06-15 {body}", source="test.txt")

    return make


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the real seeds and layers that a test may break."""
    seeds, layers = tmp_path / "seeds", tmp_path / "layers"
    shutil.copytree(io.SEEDS_DIR, seeds)
    shutil.copytree(io.LAYERS_DIR, layers)
    return seeds, layers


@pytest.fixture(scope="session")
def every_geometry_story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """The real story with one more layer: a place of every geometry type (tests/inputs.EVERY_GEOMETRY)."""
    layers = tmp_path_factory.mktemp("every-geometry") / "layers"
    shutil.copytree(io.LAYERS_DIR, layers)
    write_layer(layers, EVERY_GEOMETRY_LAYER, every_geometry_layer())
    return io.load_story(io.SEEDS_DIR, layers)


# The app in a real browser: a server per test module, a fresh context per test


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``streamlit run app.py`` on a free port, for the whole module."""
    with streamlit_server(tmp_path_factory.mktemp("streamlit") / "server.log") as base_url:
        yield base_url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium: Playwright must never download a browser of its own."""
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def outside_requests() -> list[str]:
    """Every request the page tried to send off this machine, for the test to check."""
    return []


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the page and its iframes, to explain a broken map."""
    return []


@pytest.fixture
def app_page(
    chromium: Browser, app_url: str, outside_requests: list[str], page_errors: list[str]
) -> Iterator[Page]:
    """The app in a fresh browser context that has no internet at all."""
    with opened_app(
        chromium, app_url, viewport=VIEWPORT, outside_requests=outside_requests, page_errors=page_errors
    ) as page:
        yield page


@pytest.fixture
def open_page(chromium: Browser, app_url: str, outside_requests: list[str], page_errors: list[str]):
    """Opens the app at a path such as ``/?place=shusha``, at a viewport."""
    opened: list = []

    def open_at(path: str = "/", viewport: dict[str, int] = VIEWPORT) -> Page:
        context = opened_app(
            chromium,
            app_url + path,
            viewport=viewport,
            outside_requests=outside_requests,
            page_errors=page_errors,
        )
        opened.append(context)
        return context.__enter__()

    yield open_at
    for context in opened:
        context.__exit__(None, None, None)


@pytest.fixture(scope="module")
def reports_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app in a real server over the seed and the four test reports (tests/reports)."""
    folder = tmp_path_factory.mktemp("reports")
    seeds = reports_folder(folder / "seeds")
    with streamlit_server(folder / "server.log", ["--seeds", str(seeds)]) as url:
        yield url
