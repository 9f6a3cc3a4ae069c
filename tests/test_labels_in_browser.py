"""Names on the map, read from the boxes the browser reports (issue 10).

Every visible label's box comes from ``getBoundingClientRect`` in the map's
frame: the names the reader sees, where the browser put them, none on another.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Frame

from harness.map_frame import POLL_MS, UI_TIMEOUT_MS, boxes_overlap, map_frame
from tests.inputs import many_points

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
FIRST_VIEW_NAMES = {
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Iran",
    "Turkey",
    "Russia",
    "Shusha",
    "Fizuli",
    "Kars",
    "Baku",
    "Yerevan",
    "Tbilisi",
    "Nakhchivan",
}
# set to a folder to keep a screenshot of each view the tests look at
SCREENSHOTS = os.environ.get("LABEL_SCREENSHOTS")
# every shown label, its text and its box relative to the map's container
LABELS_JS = """() => {
    const map = map_div.getContainer().getBoundingClientRect();
    return Array.from(document.querySelectorAll('.story-label')).filter(l => !l.hidden).map(l => {
        const r = l.getBoundingClientRect();
        return {text: l.textContent, left: r.left - map.left, top: r.top - map.top,
                right: r.right - map.left, bottom: r.bottom - map.top};
    });
}"""
BAKU_GONE_JS = """() => !Array.from(document.querySelectorAll('.story-label:not([hidden])'))
    .some(l => l.textContent === 'Baku')"""
MAP_SIZE_JS = "() => { const s = map_div.getSize(); return {width: s.x, height: s.y}; }"
# labels have been placed once the map stopped moving
SETTLED_JS = """() => !map_div._animatingZoom && document.querySelector('.story-labels')
    && !document.querySelector('.story-labels-moving')
    && document.querySelectorAll('.story-label:not([hidden])').length > 0"""


def shown_labels(frame: Frame) -> list[dict]:
    frame.wait_for_function(SETTLED_JS, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    frame.wait_for_timeout(300)  # moveend follows zoomend
    return frame.evaluate(LABELS_JS)


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"]) for n, a in enumerate(labels) for b in labels[n + 1 :] if boxes_overlap(a, b)
    ]


def outside(frame: Frame, labels: list[dict]) -> list[str]:
    size = frame.evaluate(MAP_SIZE_JS)
    inside = {"left": 0, "top": 0, "right": size["width"], "bottom": size["height"]}
    return [
        label["text"]
        for label in labels
        if min(label["left"], label["top"]) < 0
        or label["right"] > inside["right"]
        or label["bottom"] > inside["bottom"]
    ]


def names(labels: list[dict]) -> set[str]:
    # "Nakhchivan city" names Nakhchivan as well as the exclave's own label
    return {label["text"] for label in labels} | {label["text"].removesuffix(" city") for label in labels}


def assert_readable(frame: Frame, labels: list[dict]) -> None:
    assert overlapping(labels) == [], "no label sits on another"
    assert outside(frame, labels) == [], "every label inside the map"


def keep_screenshot(frame: Frame, name: str) -> None:
    if SCREENSHOTS:
        frame.locator(".leaflet-container").screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def zoom(frame: Frame, steps: int) -> None:
    frame.evaluate("(steps) => map_div.setZoom(map_div.getZoom() + steps, {animate: false})", steps)


def test_the_first_view_names_the_story_and_no_name_sits_on_another(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    labels = shown_labels(frame)
    keep_screenshot(frame, "labels-1400")
    assert names(labels) >= FIRST_VIEW_NAMES, FIRST_VIEW_NAMES - names(labels)
    assert_readable(frame, labels)


def test_zooming_in_twice_and_out_again_keeps_the_names_apart(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    first = names(shown_labels(frame))
    for steps in (1, 1, -2):
        zoom(frame, steps)
        labels = shown_labels(frame)
        assert_readable(frame, labels)
        assert {"Armenia", "Azerbaijan"} <= names(labels) or steps > 0
    assert names(labels) == first, "the first view's names come back"


def test_the_selected_corridor_names_its_ends(open_page, page_errors):
    frame = map_frame(open_page("/?place=zangezur-corridor", DESKTOP), page_errors)
    frame.wait_for_function(
        "() => document.querySelector('.story-label-selected:not([hidden])')",
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    labels = shown_labels(frame)
    keep_screenshot(frame, "labels-corridor")
    assert {"Zangezur corridor", "Nakhchivan", "Meghri"} <= names(labels)
    assert_readable(frame, labels)


def test_a_layer_switched_off_takes_its_names_away(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    assert "Baku" in names(shown_labels(frame))
    frame.get_by_label("For orientation").uncheck()
    frame.wait_for_function(
        BAKU_GONE_JS,
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    labels = shown_labels(frame)
    assert not {"Baku", "Yerevan", "Tbilisi", "Nakhchivan"} & names(labels)
    assert {"Armenia", "Shusha"} <= names(labels)
    assert_readable(frame, labels)


def test_a_phone_names_armenia_and_azerbaijan_without_overlaps(open_page, page_errors):
    frame = map_frame(open_page("/", PHONE), page_errors)
    labels = shown_labels(frame)
    keep_screenshot(frame, "labels-390")
    assert {"Armenia", "Azerbaijan"} <= names(labels)
    assert_readable(frame, labels)


# 200 generated labels placed on the live map, timed by the page itself
PLACEMENT_JS = """(data) => {
    const labels = StoryLabels.show(map_div, data);
    const times = [];
    for (let run = 0; run < 20; run++) {
        const start = performance.now();
        labels.place();
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return {median: times[10], shown: labels.labels.filter(l => !l.element.hidden).length};
}"""
FRAME_MS = 16


def test_placing_200_labels_takes_well_under_a_frame(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    shown_labels(frame)
    features = many_points(200)["features"]
    data = {
        "bands": [99],
        "labels": [
            {
                "id": f["properties"]["id"],
                "layer": "generated",
                "text": f["properties"]["name"],
                "kind": "point",
                "water": False,
                "at": [[list(reversed(f["geometry"]["coordinates"]))]],
            }
            for f in features
        ],
    }
    result = frame.evaluate(PLACEMENT_JS, json.loads(json.dumps(data)))
    print(f"placement of 200 labels: {result['median']:.2f} ms (median of 20), {result['shown']} shown")
    assert result["shown"] > 0
    assert result["median"] < FRAME_MS / 2, result


SELECTED_SHOWN_JS = """() => {
    const chosen = document.querySelector('.story-label-selected');
    const framed = !map_div._animatingZoom && map_div.getZoom() < 6;
    return chosen && !chosen.hidden && framed ? chosen.textContent : null;
}"""


def test_russia_framed_whole_is_named_inside_the_map(open_page, page_errors):
    frame = map_frame(open_page("/?place=russia", DESKTOP), page_errors)
    frame.wait_for_function(SELECTED_SHOWN_JS, timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    labels = shown_labels(frame)
    keep_screenshot(frame, "labels-russia")
    (russia,) = [label for label in labels if label["text"] == "Russia"]
    assert outside(frame, [russia]) == [], f"Russia is named off the map: {russia}"


def test_a_place_chosen_with_its_layer_off_is_named(open_page, page_errors):
    frame = map_frame(open_page("/?place=baku&layers=countries,towns", DESKTOP), page_errors)
    frame.wait_for_function(
        "() => { const l = document.querySelector('.story-label-selected'); return l && !l.hidden; }",
        timeout=UI_TIMEOUT_MS,
        polling=POLL_MS,
    )
    labels = shown_labels(frame)
    assert "Baku" in names(labels)
    assert not {"Yerevan", "Tbilisi"} & names(labels), "the layer's other names stay off"


# each dot in view, whether its own shape is topmost at its centre, and each town's name box
DOTS_JS = """() => {
    const map = map_div.getContainer().getBoundingClientRect(), size = map_div.getSize();
    const dots = [], names = {};
    map_div.eachLayer(layer => {
        if (!layer.feature || !layer.getLatLng) return;
        const p = map_div.latLngToContainerPoint(layer.getLatLng());
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
        const hit = document.elementFromPoint(map.left + p.x, map.top + p.y) === layer._path;
        dots.push({id: layer.feature.properties.id, x: p.x, y: p.y, hit: hit});
    });
    map_div.storyLabels.labels.filter(l => !l.element.hidden && l.data.kind === 'point').forEach(l => {
        const r = l.element.getBoundingClientRect();
        names[l.data.id] = {text: l.data.text, left: r.left - map.left, top: r.top - map.top,
                            right: r.right - map.left, bottom: r.bottom - map.top};
    });
    return {dots: dots, names: names};
}"""
# GAP in geo/static/labels.js, with a corner's diagonal and rounding to spare: a name this near its dot
BESIDE_PX = 10
# half a dot's box, as DOT in geo/static/labels.js
DOT_PX = 4


def distance_to_box(dot: dict, box: dict) -> float:
    dx = max(box["left"] - dot["x"], 0, dot["x"] - box["right"])
    dy = max(box["top"] - dot["y"], 0, dot["y"] - box["bottom"])
    return (dx * dx + dy * dy) ** 0.5


def names_off_their_dots(seen: dict) -> dict[str, float]:
    return {
        seen["names"][dot["id"]]["text"]: distance_to_box(dot, seen["names"][dot["id"]])
        for dot in seen["dots"]
        if dot["id"] in seen["names"] and distance_to_box(dot, seen["names"][dot["id"]]) > BESIDE_PX
    }


def names_on_other_dots(seen: dict) -> list[tuple[str, str]]:
    return [
        (name["text"], dot["id"])
        for place_id, name in seen["names"].items()
        for dot in seen["dots"]
        if dot["id"] != place_id and distance_to_box(dot, name) < DOT_PX
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1400", "390"])
def test_a_towns_name_sits_beside_its_own_dot_and_on_no_other(open_page, page_errors, viewport):
    # "Yerevan" stood away from its dot, "Fizuli" on Horadiz's dot with "Horadiz" beside Fizuli's
    frame = map_frame(open_page("/", viewport), page_errors)
    shown_labels(frame)
    seen = frame.evaluate(DOTS_JS)
    assert {"yerevan", "fizuli", "horadiz"} <= set(seen["names"])
    assert names_off_their_dots(seen) == {}
    assert names_on_other_dots(seen) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1400", "390"])
def test_every_dot_of_the_first_view_can_be_clicked(open_page, page_errors, viewport):
    # Nakhchivan city, Meghri and Horadiz lay under the corridor line, Tehran under the credits
    frame = map_frame(open_page("/", viewport), page_errors)
    shown_labels(frame)
    dots = frame.evaluate(DOTS_JS)["dots"]
    assert {"nakhchivan-city", "meghri", "horadiz"} <= {dot["id"] for dot in dots}
    if viewport == DESKTOP:
        assert "tehran" in {dot["id"] for dot in dots}
    assert [dot["id"] for dot in dots if not dot["hit"]] == []


# the railway's name box and the points of its line every pixel along it, in the map's pixels
RAILWAY_JS = """() => {
    const map = map_div.getContainer().getBoundingClientRect();
    const label = map_div.storyLabels.labels.find(l => l.data.id === 'kars-nakhchivan-railway');
    const r = label.element.getBoundingClientRect(), path = [];
    map_div.eachLayer(layer => {
        if (layer.feature && layer.feature.properties.id === label.data.id && layer.getLatLngs) {
            const points = layer.getLatLngs().flat(2).map(ll => map_div.latLngToContainerPoint(ll));
            for (let i = 1; i < points.length; i++) {
                const a = points[i - 1], b = points[i], steps = Math.ceil(a.distanceTo(b)) + 1;
                for (let s = 0; s <= steps; s++) {
                    path.push([a.x + (b.x - a.x) * s / steps, a.y + (b.y - a.y) * s / steps]);
                }
            }
        }
    });
    return {shown: !label.element.hidden, left: r.left - map.left, top: r.top - map.top,
            right: r.right - map.left, bottom: r.bottom - map.top, path: path};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1400", "390"])
def test_the_railways_name_crosses_its_line(open_page, page_errors, viewport):
    frame = map_frame(open_page("/", viewport), page_errors)
    shown_labels(frame)
    railway = frame.evaluate(RAILWAY_JS)
    assert railway["shown"]
    assert railway["path"]
    crossing = [
        (x, y)
        for x, y in railway["path"]
        if railway["left"] <= x <= railway["right"] and railway["top"] <= y <= railway["bottom"]
    ]
    assert crossing, f"the line passes nowhere through its name's box {railway}"


def test_zoomed_in_on_armenia_caucasus_is_not_written_inside_it(open_page, page_errors):
    frame = map_frame(open_page("/", DESKTOP), page_errors)
    shown_labels(frame)
    frame.evaluate("() => map_div.setView([40.3, 44.8], 8, {animate: false})")
    assert "Armenia" in names(shown_labels(frame))
    assert "Caucasus" not in names(shown_labels(frame))
