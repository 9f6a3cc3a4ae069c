"""Ten readers at once, on loopback: every click answered, none much slower than alone.

Each reader is a browser context of one headless Chromium, clicking places and
switching a layer with a reader's pause between actions, for a bounded time.
The figures are written to test-results/load.json.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from dataclasses import dataclass, field

import pytest
from playwright.async_api import Browser, Page, Route, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from geo.io import PROJECT
from harness.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, is_local
from harness.map_frame import MAP_IFRAME, POLL_MS
from harness.server import streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.load]

READERS = 10
LOAD_SECONDS = 60
ALONE_SECONDS = 20
ANSWER_TIMEOUT_MS = 60_000
OPEN_TIMEOUT_MS = 120_000
# readers arrive one after another, not all in the same instant
ARRIVAL_GAP_SECONDS = 1.0
# a reader reads the panel before the next click: 1 to 2 seconds
PAUSE_SECONDS = (1.0, 2.0)
ALLOWED_SLOWDOWN = 3
# places to click: towns by their marker, countries and Karabakh by a point inside
TARGETS = [
    ("shusha", None),
    ("armenia", (40.18, 44.51)),
    ("fizuli", None),
    ("georgia", (41.72, 44.79)),
    ("kars", None),
    ("iran", (38.08, 46.29)),
    ("karabakh", (40.05, 46.45)),
    ("turkey", (39.90, 41.27)),
]
POINT_JS = """([placeId, latlng]) => {
    let at = latlng;
    if (at === null) {
        map_div.eachLayer(layer => {
            if (layer.feature && layer.feature.properties.id === placeId) at = layer.getLatLng();
        });
    }
    const point = map_div.latLngToContainerPoint(at);
    const box = map_div.getContainer().getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""


# The place's point when its own shape is the topmost element there, as a
# reader sees it before clicking; null while the map is still settling
AIM_JS = """([placeId, latlng]) => {
    const point = (POINT_JS)([placeId, latlng]);
    const element = document.elementFromPoint(point.x, point.y);
    let hit = null;
    map_div.eachLayer(layer => {
        if (layer._path === element && layer.feature) hit = layer.feature.properties.id;
    });
    return hit === placeId ? point : null;
}""".replace("POINT_JS", POINT_JS)
AIM_TIMEOUT_MS = 20_000


@dataclass
class Reader:
    """What one reader saw: click-to-panel times, and anything that went wrong."""

    seconds: list[float] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    unaimed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


async def open_reader(browser: Browser, url: str, reader: Reader) -> Page:
    context = await browser.new_context(viewport=VIEWPORT)

    async def stay_local(route: Route) -> None:
        if is_local(route.request.url):
            await route.continue_()
        else:
            reader.outside_requests.append(route.request.url)
            await route.abort()

    await context.route("**/*", stay_local)
    page = await context.new_page()
    page.on("pageerror", lambda error: reader.errors.append(str(error)))
    await page.goto(url, wait_until="commit")
    frame = page.frame_locator(MAP_IFRAME)
    await frame.locator(".leaflet-interactive").first.wait_for(timeout=OPEN_TIMEOUT_MS)
    return page


async def click_and_time(page: Page, place_id: str, latlng, reader: Reader) -> None:
    """One real click on the map, timed until the panel shows that place."""
    iframe = page.locator(MAP_IFRAME)
    frame = await (await iframe.element_handle()).content_frame()
    try:
        aimed = await frame.wait_for_function(
            AIM_JS, arg=[place_id, list(latlng) if latlng else None], timeout=AIM_TIMEOUT_MS, polling=POLL_MS
        )
    except PlaywrightTimeout:
        reader.unaimed.append(place_id)
        return
    point = await aimed.json_value()
    box = await iframe.bounding_box()
    started = time.perf_counter()
    await page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    panel = page.locator(f'section.place[data-place="{place_id}"]')
    try:
        await panel.wait_for(state="visible", timeout=ANSWER_TIMEOUT_MS)
        reader.seconds.append(time.perf_counter() - started)
    except PlaywrightTimeout:
        shown = await page.locator("section.place").evaluate_all("s => s.map(x => x.dataset.place)")
        reader.unanswered.append(f"{place_id} (the panel showed {shown})")


async def switch_layer(page: Page) -> None:
    """Turn the corridor layer off or on, as a reader comparing layers would."""
    switch = page.frame_locator(MAP_IFRAME).locator(".leaflet-control-layers-overlays input").nth(2)
    await switch.click()


async def read(browser: Browser, url: str, seconds: float, seed: int) -> Reader:
    reader = Reader()
    await asyncio.sleep(seed * ARRIVAL_GAP_SECONDS)
    page = await open_reader(browser, url, reader)
    chance = random.Random(seed)
    deadline = time.monotonic() + seconds
    step = seed
    while time.monotonic() < deadline:
        place_id, latlng = TARGETS[step % len(TARGETS)]
        await click_and_time(page, place_id, latlng, reader)
        if step % 3 == 0:
            await switch_layer(page)
        step += 1
        await asyncio.sleep(chance.uniform(*PAUSE_SECONDS))
    await page.context.close()
    return reader


async def run_readers(url: str, count: int, seconds: float) -> list[Reader]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(*(read(browser, url, seconds, seed) for seed in range(count)))
        finally:
            await browser.close()


def p95(readers: list[Reader]) -> float:
    times = sorted(t for reader in readers for t in reader.seconds)
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def test_ten_readers_at_once(tmp_path):
    with streamlit_server(tmp_path / "server.log") as url:
        alone = asyncio.run(run_readers(url, 1, ALONE_SECONDS))
        crowd = asyncio.run(run_readers(url, READERS, LOAD_SECONDS))
    log = (tmp_path / "server.log").read_text(encoding="utf-8")
    figures = {
        "readers": READERS,
        "seconds": LOAD_SECONDS,
        "clicks_alone": sum(len(r.seconds) for r in alone),
        "clicks_together": sum(len(r.seconds) for r in crowd),
        "p95_alone_s": round(p95(alone), 3),
        "p95_together_s": round(p95(crowd), 3),
        "median_together_s": round(statistics.median(t for r in crowd for t in r.seconds), 3),
        "slowest_together_s": round(max(t for r in crowd for t in r.seconds), 3),
        "unanswered": [u for r in alone + crowd for u in r.unanswered],
        "never_in_view": [u for r in alone + crowd for u in r.unaimed],
    }
    (PROJECT / "test-results").mkdir(exist_ok=True)
    (PROJECT / "test-results" / "load.json").write_text(json.dumps(figures, indent=1))
    print(figures)
    everyone = alone + crowd
    unanswered = [u for r in everyone for u in r.unanswered]
    assert unanswered == [], f"every click is answered; {figures}"
    assert figures["never_in_view"] == [], f"every place could be clicked; {figures}"
    assert [e for r in everyone for e in r.errors] == []
    assert [u for r in everyone for u in r.outside_requests] == []
    assert "Traceback" not in log
    assert figures["clicks_together"] >= READERS * 10, "the readers really clicked"
    assert figures["p95_together_s"] <= ALLOWED_SLOWDOWN * figures["p95_alone_s"], figures
