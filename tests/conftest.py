"""Shared fixtures: the real article and layers, and tiny inputs to break."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo import io
from geo.article import Article, parse_article
from geo.layers import PROVENANCE_KEYS
from geo.story import Story
from tests.browser_support import VIEWPORT, launched_chromium, opened_app, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SHA256 = "b670fe6db6a265e978d0536c585a8aaedeb932fcf782d58c35b974e231d73943"


@pytest.fixture(scope="session")
def story() -> Story:
    return io.load_story(io.SEEDS_DIR, io.LAYERS_DIR)


@pytest.fixture(scope="session")
def article() -> Article:
    return io.read_article(io.SEEDS_DIR)


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


def point_layer(name: str = "Shusha", place_id: str = "shusha", **properties) -> dict:
    """A one-feature layer, for tests that write their own layer files."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [46.75, 39.76]},
        "properties": {"id": place_id, "name": name, "aliases": [], **properties},
    }
    return {"type": "FeatureCollection", "features": [feature]}


def provenance() -> dict:
    return {key: f"test {key}" for key in PROVENANCE_KEYS}


def write_layer(layers_dir: Path, layer_id: str, data: dict | str) -> Path:
    """Write a layer file (JSON or raw text) and a valid provenance record."""
    layers_dir.mkdir(parents=True, exist_ok=True)
    path = layers_dir / f"{layer_id}.geojson"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    (layers_dir / f"{layer_id}.provenance.json").write_text(json.dumps(provenance()), encoding="utf-8")
    return path


def many_points(count: int, seed: int = 1) -> dict:
    """A layer of ``count`` generated places scattered over the South Caucasus."""
    import random

    chance = random.Random(seed)
    features = []
    for number in range(1, count + 1):
        feature = point_layer(name=f"Place {number}", place_id=f"p-{number:04d}")["features"][0]
        lon, lat = chance.uniform(40, 50), chance.uniform(38, 44)
        feature["geometry"]["coordinates"] = [round(lon, 4), round(lat, 4)]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def run_geo(*args: object) -> subprocess.CompletedProcess[str]:
    """``python -m geo ARGS`` in a child process, as a user runs it."""
    command = [sys.executable, "-m", "geo", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


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
