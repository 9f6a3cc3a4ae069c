"""A broken layer file, seen by a reader in a real browser: named, and nothing else lost.

tests/test_broken_inputs.py checks every broken case through validate and
AppTest; this one serves the app over a real layer made unreadable, as a
reader would meet it, and reads the page, the map and a click.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from geo import io
from harness.browser import VIEWPORT, opened_app
from harness.map_frame import UI_TIMEOUT_MS, click_place, map_frame
from harness.server import streamlit_server
from tests.broken import CASES

pytestmark = pytest.mark.browser

TRUNCATED = next(case for case in CASES if case.id == "truncated-json")
# the real layer broken, and what the others show on the map's layer switches
BROKEN_LAYER = "regions"
BROKEN_TITLE = "Regions (approximate)"
GOOD_TITLES = ("The 3+3 countries", "Towns in the article", "Zangezur corridor")


@pytest.fixture(scope="module")
def broken_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app over copies of the real inputs whose regions layer is cut off mid-file; and that file."""
    folder = tmp_path_factory.mktemp("broken")
    seeds, layers = folder / "seeds", folder / "layers"
    shutil.copytree(io.SEEDS_DIR, seeds)
    shutil.copytree(io.LAYERS_DIR, layers)
    TRUNCATED.write(seeds, layers, BROKEN_LAYER)
    with streamlit_server(folder / "server.log", ["--seeds", str(seeds), "--layers", str(layers)]) as url:
        yield url, TRUNCATED.path(folder, BROKEN_LAYER)


def test_a_broken_layer_is_named_and_the_rest_still_works(
    chromium: Browser, broken_app: tuple[str, Path], outside_requests: list[str], page_errors: list[str]
) -> None:
    url, broken = broken_app
    with opened_app(
        chromium, url, viewport=VIEWPORT, outside_requests=outside_requests, page_errors=page_errors
    ) as page:
        alert = page.locator('[data-testid="stAlert"]')
        expect(alert).to_have_count(1, timeout=UI_TIMEOUT_MS)
        expect(alert).to_contain_text(f"{broken}: {TRUNCATED.reason}")
        frame = map_frame(page, page_errors)
        switches = " | ".join(frame.locator(".leaflet-control-layers-overlays label").all_inner_texts())
        for title in GOOD_TITLES:
            assert title in switches, f"{title} lost because {broken.name} is broken"
        assert BROKEN_TITLE not in switches
        expect(page.locator("article")).to_contain_text("Shusha")
        click_place(page, frame, "shusha")
        expect(page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert page_errors == []
    assert outside_requests == []
