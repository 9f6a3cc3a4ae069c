"""Hostile article and layer text is shown as written, and never runs.

The inputs come from ``tests.hostile``: every name, alias, note, two layer
titles, the article's sentences and its file name carry injection strings.
Fast checks read the map's data and the panel's HTML; the browser tests hook
``alert`` (any dialog) and a sentinel ``xss()`` in every frame, then load,
hover and click the app and the standalone HTML export in Chromium.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import folium
import pytest
from playwright.sync_api import Browser, Frame, Page, Route, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo import assets, io
from geo.__main__ import main as geo_main
from geo.escape import folium_html, js_literal, markdown_literal
from geo.io import PROJECT
from geo.maps import build_map
from geo.offline import standalone_html
from geo.panel import place_html, places_overview_html, report_label, sources_html
from geo.story import Place, ReportView, Story
from harness.browser import VIEWPORT, is_local, launched_chromium
from harness.map_frame import MAP_IFRAME, POLL_MS, UI_TIMEOUT_MS, map_frame
from harness.server import streamlit_server
from tests.hostile import (
    ARTICLE_NAME,
    COLLECTION_TITLE,
    CORPUS,
    LAYER_TITLES,
    SECOND_REPORT_NAME,
    HostilePlace,
    hostile_places,
    write_inputs,
)
from tests.inputs import point_layer, write_layer

# what must never reach a page unescaped: markup, quotes, template-literal syntax
MARKUP = re.compile(r"[<>&\"'`$\\]")
# issue 9: quotes come grouped by report (div, h5), the first few shown, the rest folded (details)
PANEL_TAGS = {
    "section",
    "h3",
    "span",
    "p",
    "h4",
    "blockquote",
    "mark",
    "ul",
    "li",
    "div",
    "h5",
    "details",
    "summary",
}
# each place's panel in the offline page (geo/offline.py)
PANEL_TEMPLATE = re.compile(r'<template id="story-card-([^"]*)">(.*?)</template>', re.DOTALL)
HOVER_TIMEOUT_MS = 5_000
# areas and lines to hover and click; the Caucasus is only an outline (see hiding_areas)
AREAS = ("karabakh", "armenia", "azerbaijan", "georgia", "iran", "turkey", "russia")
LINES = ("zangezur-corridor", "kars-nakhchivan-railway")
CLICKED_SHAPES = ("karabakh", "armenia", "zangezur-corridor")


@pytest.fixture(scope="module")
def hostile_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_inputs(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_story(hostile_inputs: tuple[Path, Path]) -> Story:
    return io.load_story(*hostile_inputs)


@pytest.fixture(scope="module")
def originals() -> dict[str, HostilePlace]:
    """What the hostile layer files say of each place, by id."""
    return {place.id: place for place in hostile_places()}


def calls_the_sentinel(text: str) -> bool:
    return any(call in html.unescape(text) for call in ("xss()", "alert(1)"))


# ---------------------------------------------------------------- the inputs


def test_corpus_is_large_distinct_and_armed():
    assert len(CORPUS) >= 40
    assert len(set(CORPUS)) == len(CORPUS)
    assert all(text == text.strip() and "\n" not in text for text in CORPUS)
    inert = [text for text in CORPUS if not calls_the_sentinel(text)]
    assert inert == [
        "**bold** _italic_ # heading ~~struck~~ $x$",
        ":red[red] :material/warning: :streamlit: a -- b -> c",
    ], "only pure formatting may be unarmed"


def test_hostile_inputs_pass_validation(hostile_inputs, capsys):
    seeds, layers = hostile_inputs
    assert geo_main(["validate", "--seeds", str(seeds), "--layers", str(layers)]) == 0, capsys.readouterr()


def test_every_string_is_quoted_and_every_place_is_hostile(hostile_story, originals):
    assert hostile_story.problems == ()
    assert hostile_story.title == COLLECTION_TITLE
    assert hostile_story.reports[0].source == ARTICLE_NAME
    quotes = [quote.text for place in hostile_story.places.values() for quote in place.quotes]
    assert [text for text in CORPUS if not any(text in quote for quote in quotes)] == []
    for place_id, original in originals.items():
        place = hostile_story.places[place_id]
        assert (place.name, place.aliases, place.note) == (original.name, original.aliases, original.note)
        assert place.quotes, f"the article names {place_id}"
    titles = {layer.id: layer.title for layer in hostile_story.layers}
    assert {layer_id: titles[layer_id] for layer_id in LAYER_TITLES} == LAYER_TITLES


# ----------------------------------------------------- the map and the panel


def map_overlays(fmap: folium.Map) -> list[folium.GeoJson]:
    return [child for child in fmap._children.values() if isinstance(child, folium.GeoJson)]


def test_map_data_holds_plain_names_and_the_script_none_raw(hostile_story, originals):
    # issue 11: the data carries plain text (it carried HTML-escaped names), and is
    # escaped where it is written: into the script here, as text by storymap.js
    # every quote in the cards, as the offline file has them, so that all are checked
    fmap = build_map(hostile_story.view(every_report=True), static_url=assets.STATIC_URL, full_cards=True)
    script = fmap.get_root().render()
    names = {
        feature["properties"]["id"]: feature["properties"]["name"]
        for overlay in map_overlays(fmap)
        for feature in overlay.data["features"]
    }
    for place_id, original in originals.items():
        assert names[place_id] == original.name
        assert js_literal(original.name) in script, "exact, as a JavaScript string"
    (control,) = [c for c in fmap._children.values() if isinstance(c, folium.LayerControl)]
    for title in LAYER_TITLES.values():
        assert folium_html(title) in control.overlays
    # issue 17: the page also holds each place's card, HTML read as a browser parses it (below)
    cards = dict(PANEL_TEMPLATE.findall(script))
    outside_cards = PANEL_TEMPLATE.sub("", script)
    raw = [
        text for text in (*CORPUS, *LAYER_TITLES.values()) if MARKUP.search(text) and text in outside_cards
    ]
    assert raw == [], "hostile text reached the map's script unescaped"
    for place_id, original in originals.items():
        place = hostile_story.places[place_id]
        assert_shown_as_written(
            parsed(cards[place_id]), place, hostile_story.layer(place.layer).title, original
        )
    features = [feature for overlay in map_overlays(fmap) for feature in overlay.data["features"]]
    assert {key for feature in features for key in feature["properties"]} == {"id", "name"}


def test_standalone_html_holds_no_raw_hostile_text(hostile_story, originals):
    # issue 12 puts every place's panel in the page, as HTML: there "\\", "`" and "$" are
    # plain text, and "&lt;img ...&gt;" is how a note "<img ...>" is written, so the panels
    # are read as a browser parses them, and the rest of the page as before
    page = standalone_html(
        hostile_story.view(every_report=True), css=assets.inline_css(), js=assets.inline_js()
    )
    panels = dict(PANEL_TEMPLATE.findall(page))
    rest = PANEL_TEMPLATE.sub("", page)
    raw = [text for text in (*CORPUS, *LAYER_TITLES.values()) if MARKUP.search(text) and text in rest]
    assert raw == []
    assert set(panels) >= set(originals)
    for place_id, original in originals.items():
        place = hostile_story.places[place_id]
        title = hostile_story.layer(place.layer).title
        assert_shown_as_written(parsed(panels[place_id]), place, title, original)


def test_jinja_in_a_name_or_a_layer_file_name_is_not_run(tmp_path):
    """branca re-parses rendered scripts as Jinja templates: data must not reach one."""
    jinja = '{{ "jinja" ~ "-ran" }}{# comment #}{% if 1 %}{% endif %}'
    write_layer(tmp_path, f"extra{jinja}", point_layer(name=f"Kars {jinja}", place_id="kars"))
    story = io.load_story(io.SEEDS_DIR, tmp_path)
    assert story.problems == ()
    page = standalone_html(story.view(), css="", js="")
    assert "jinja-ran" not in page
    assert js_literal(f"Kars {jinja}") in page, "the name reaches the script exactly, Jinja left inert"


@dataclass
class Parsed:
    """What a browser would build from a piece of HTML: tags, attributes, text by class."""

    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    text: dict[str, list[str]] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self.open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.tags.add(tag)
        self.parsed.attributes.update(name for name, _ in attrs)
        key = dict(attrs).get("class") or tag
        self.parsed.text.setdefault(key, []).append("")
        self.open.append((tag, key))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, key in self.open:
            self.parsed.text[key][-1] += data


def parsed(markup: str) -> Parsed:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.parsed


def assert_shown_as_written(panel: Parsed, place: Place, title: str, original: HostilePlace) -> None:
    """A place's panel, as a browser parses it: our tags only, every string its text."""
    assert panel.tags <= PANEL_TAGS
    assert panel.attributes <= {"class", "data-place", "data-start", "data-end", "data-source"}
    assert panel.text["h3"] == [f"{original.name} " + ("approximate" if place.approximate else "")]
    assert panel.text["aliases"] == [f"Also: {', '.join(original.aliases)}"]
    assert panel.text["layer"] == [f"Layer: {title}"]
    assert panel.text["note"] == [original.note]
    assert panel.text["quote"] == [quote.text for quote in place.quotes]


def test_panel_shows_every_string_as_text(hostile_story, originals):
    for place_id, original in originals.items():
        place = hostile_story.places[place_id]
        title = hostile_story.layer(place.layer).title
        assert_shown_as_written(parsed(place_html(place, title)), place, title, original)


def test_overview_and_sources_show_every_string_as_text(hostile_story, originals):
    overview = parsed(places_overview_html(hostile_story.view(every_report=True)))
    assert overview.tags <= {"p", "h4", "ul", "li", "span"}
    names = [item.split(" · ")[0].rstrip() for item in overview.text["li"]]
    # the town in "Lachin corridor" is found by name (a town's own name inside a layer's counts)
    found = {place.name for place in hostile_story.places_in("found")}
    assert sorted(n for n in names if n not in found) == sorted(place.name for place in originals.values())
    assert set(LAYER_TITLES.values()) <= set(overview.text["h4"])
    sources = parsed(sources_html(hostile_story.layers))
    assert sources.tags <= {"table", "tr", "th", "td"}
    assert set(LAYER_TITLES.values()) <= set(sources.text["td"])


def test_markdown_literal_leaves_streamlit_nothing_to_rewrite():
    # entities and ":material/" were shown as "<" and as an icon before
    assert markdown_literal("&lt;i&gt;") == r"\&lt;i\&gt;"
    assert markdown_literal(":material/home:") == r"\:material\/home\:"
    # Streamlit rewrites these in parsed text, so they go into code spans
    assert markdown_literal("a -- b -> c") == "a `--` b `->` c"
    assert markdown_literal("x:streamlit: :material_home:") == r"x`:`streamlit\: `:`material\_home\:"
    assert markdown_literal("--layres 2021-06-15") == r"\-\-layres 2021\-06\-15"
    # Streamlit loads its emoji plugin when the source holds a ":name:"
    for text in (*CORPUS, ARTICLE_NAME):
        assert not re.search(r":[\w+-][\w_+-]*:", markdown_literal(text)), text


# ------------------------------------------------------------ in the browser

SENTINEL_JS = "window.xss = () => { (window.top.__hits = window.top.__hits || []).push(location.href); };"
# Attributes that would run code: event handlers, srcdoc, javascript: URLs
# Attributes whose value a browser follows as a URL: where "javascript:" runs
INJECTED_JS = """() => {
    const urlAttributes = ['href', 'xlink:href', 'src', 'action', 'formaction', 'poster', 'data'];
    const found = [];
    const all = root => Array.from(root.querySelectorAll('*'))
        .flatMap(element => element.shadowRoot ? [element, ...all(element.shadowRoot)] : [element]);
    for (const element of all(document)) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.replace(/[\\s\\x00-\\x1f]+/g, '').toLowerCase();
            const runs = urlAttributes.includes(name) && value.startsWith('javascript:');
            if (name.startsWith('on') || name === 'srcdoc' || runs) {
                found.push(`<${element.tagName.toLowerCase()} ${attribute.name}="${attribute.value}">`);
            }
        }
    }
    return found;
}"""
# The Leaflet map of this window (st_folium names it map_div, folium map_<hash>)
# and the shape or marker of the place with the id placeId, if any
THE_MAP = "(window.map_div || Object.values(window).find(value => value instanceof L.Map))"
PLACE_LAYER = f"""const map = {THE_MAP};
    let target = null;
    map.eachLayer(layer => {{
        if (layer._path && layer.feature && layer.feature.properties.id === placeId) target = layer;
    }});"""
# A point inside the map's container where the place's own shape is on top, or
# null. Markers are tried at their centre; areas on a grid over what is in
# view, lines along their segments. Failing that, the map centres on the place.
FEATURE_POINT_JS = f"""(placeId) => {{
    {PLACE_LAYER}
    if (target === null) return null;
    const candidates = () => {{
        if (target.getLatLng) return [target.getLatLng()];
        const points = [];
        if (target instanceof L.Polygon) {{
            const b = target.getBounds(), v = map.getBounds();
            const s = Math.max(b.getSouth(), v.getSouth()), n = Math.min(b.getNorth(), v.getNorth());
            const w = Math.max(b.getWest(), v.getWest()), e = Math.min(b.getEast(), v.getEast());
            for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++)
                points.push(L.latLng(s + (n - s) * i / 24, w + (e - w) * j / 24));
            return points;
        }}
        const latlngs = target.getLatLngs();
        for (const line of (L.LineUtil.isFlat(latlngs) ? [latlngs] : latlngs))
            for (let k = 1; k < line.length; k++)
                for (let t = 0; t < 1; t += 0.05)
                    points.push(L.latLng(line[k - 1].lat + (line[k].lat - line[k - 1].lat) * t,
                                         line[k - 1].lng + (line[k].lng - line[k - 1].lng) * t));
        return points;
    }};
    const find = () => {{
        const box = map.getContainer().getBoundingClientRect(), size = map.getSize();
        for (const latlng of candidates()) {{
            const p = map.latLngToContainerPoint(latlng);
            if (p.x < 10 || p.y < 10 || p.x > size.x - 10 || p.y > size.y - 10) continue;
            const x = box.left + p.x, y = box.top + p.y;
            if (document.elementFromPoint(x, y) === target._path) return {{x: x, y: y}};
        }}
        return null;
    }};
    const found = find();
    if (found) return found;
    const centre = target.getLatLng ? target.getLatLng() : target.getBounds().getCenter();
    map.setView(centre, map.getZoom(), {{animate: false}});
    return find();
}}"""
# What covers a place's centre, to explain a place that cannot be hovered
COVER_JS = f"""(placeId) => {{
    {PLACE_LAYER}
    if (target === null) return 'no such layer';
    const centre = target.getLatLng ? target.getLatLng() : target.getBounds().getCenter();
    const p = map.latLngToContainerPoint(centre), box = map.getContainer().getBoundingClientRect();
    const element = document.elementFromPoint(box.left + p.x, box.top + p.y);
    const what = element === null ? 'nothing' : element.outerHTML.slice(0, 200);
    return `${{centre}} at ${{p}} in ${{JSON.stringify(box)}}: ${{what}}`;
}}"""
TOOLTIP_JS = """(expected) => Array.from(document.querySelectorAll('.leaflet-tooltip td'))
    .some(cell => cell.textContent === expected)"""
TOOLTIPS_JS = "() => Array.from(document.querySelectorAll('.leaflet-tooltip')).map(t => t.innerHTML)"
PANEL_JS = """(placeId) => {
    const section = document.querySelector(`section.place[data-place="${placeId}"]`);
    if (section === null) return null;
    const text = selector => {
        const element = section.querySelector(selector);
        return element === null ? null : element.textContent;
    };
    return {
        h3: text('h3'), aliases: text('.aliases'), layer: text('.layer'), note: text('.note'),
        quotes: Array.from(section.querySelectorAll('blockquote.quote')).map(quote => quote.textContent),
        tags: Array.from(section.querySelectorAll('*')).map(element => element.tagName.toLowerCase()),
    };
}"""
CONTROL_LABELS_JS = """() => Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
    .map(label => label.textContent)"""


@dataclass
class Watched:
    """A page whose every frame has the sentinel, with what it caught."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def hits(self) -> list[str]:
        return self.page.evaluate("window.__hits || []")

    def assert_nothing_ran(self, *frames: Frame) -> None:
        """No dialog, no sentinel call, no image fetched from a hostile src, no handler in the DOM."""
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.hits() == [], f"xss() ran in {self.hits()}"
        stray = [url for url in self.requests if urlsplit(url).path.rsplit("/", 1)[-1] in {"x", "1"}]
        assert stray == [], f"injected elements fetched {stray}"
        for frame in (self.page.main_frame, *frames):
            assert frame.evaluate(INJECTED_JS) == [], f"code-bearing attributes in {frame.url}"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def watched(chromium: Browser) -> Iterator[Watched]:
    """A fresh page with no internet, ``xss()`` defined in every frame, dialogs recorded."""
    context = chromium.new_context(viewport=VIEWPORT)
    context.add_init_script(SENTINEL_JS)
    page = context.new_page()
    watch = Watched(page)

    def stay_local(route: Route) -> None:
        watch.requests.append(route.request.url)
        if is_local(route.request.url) or route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def record(dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", stay_local)
    page.on("dialog", record)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    yield watch
    context.close()


@pytest.fixture(scope="module")
def hostile_app_url(hostile_inputs, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    seeds, layers = hostile_inputs
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server(log, ["--seeds", str(seeds), "--layers", str(layers)]) as base_url:
        yield base_url


@pytest.fixture
def app(watched: Watched, hostile_app_url: str) -> tuple[Watched, Frame]:
    """The app on the hostile inputs, its map drawn."""
    watched.page.goto(hostile_app_url)
    return watched, map_frame(watched.page, watched.errors)


@pytest.fixture(scope="module")
def export_url(hostile_inputs, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The standalone map of the hostile inputs, written by ``python -m geo html``."""
    seeds, layers = hostile_inputs
    out = tmp_path_factory.mktemp("export") / "map.html"
    command = [sys.executable, "-m", "geo", "html", "--seeds", str(seeds), "--layers", str(layers), str(out)]
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out.as_uri()


def feature_point(frame: Frame, place_id: str) -> dict[str, float]:
    """A point of the place where it is on top; waits while the map settles.

    The card of the place chosen before is closed first, as a reader closes it
    to reach a place under it (issue 17: the card shows inside the map).
    """
    frame.evaluate("() => document.querySelectorAll('.story-card').forEach(c => { c.hidden = true; })")
    try:
        found = frame.wait_for_function(
            FEATURE_POINT_JS, arg=place_id, timeout=HOVER_TIMEOUT_MS, polling=POLL_MS
        )
    except PlaywrightTimeout:
        pytest.fail(f"no point of {place_id!r} is on top: {frame.evaluate(COVER_JS, place_id)}")
    return found.json_value()


def frame_offset(page: Page, frame: Frame) -> tuple[float, float]:
    """Where the frame's viewport starts on the page."""
    if frame == page.main_frame:
        return 0.0, 0.0
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map's iframe is not rendered"
    return box["x"], box["y"]


def hover(page: Page, frame: Frame, place_id: str) -> tuple[float, float]:
    """Move the mouse onto the place, as a reader would; returns where it is."""
    if frame != page.main_frame:  # the whole map in view, as a reader would have it
        page.locator(MAP_IFRAME).evaluate("iframe => iframe.scrollIntoView({block: 'nearest'})")
    point = feature_point(frame, place_id)
    left, top = frame_offset(page, frame)
    page.mouse.move(left + point["x"], top + point["y"])
    return left + point["x"], top + point["y"]


def expect_tooltip(frame: Frame, place_id: str, expected: str) -> None:
    try:
        frame.wait_for_function(TOOLTIP_JS, arg=expected, timeout=HOVER_TIMEOUT_MS, polling=POLL_MS)
    except PlaywrightTimeout:
        pytest.fail(f"tooltip of {place_id!r} is not {expected!r}: {frame.evaluate(TOOLTIPS_JS)}")


def hover_every_place(page: Page, frame: Frame, originals: dict[str, HostilePlace], place_ids) -> None:
    for place_id in place_ids:
        hover(page, frame, place_id)
        expect_tooltip(frame, place_id, originals[place_id].name)


def town_ids(originals: dict[str, HostilePlace]) -> list[str]:
    return [place.id for place in originals.values() if place.layer == "towns"]


def expect_literal_panel(page: Page, place_id: str, view: ReportView, original: HostilePlace) -> None:
    """The panel shows the names, note and quotes (the shown report's) exactly as the files hold them."""
    expect(page.locator(f'section.place[data-place="{place_id}"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    place = view.places[place_id]
    shown = page.evaluate(PANEL_JS, place_id)
    assert set(shown["tags"]) <= PANEL_TAGS
    assert shown["h3"] == f"{original.name} " + ("approximate" if place.approximate else "")
    assert shown["aliases"] == f"Also: {', '.join(original.aliases)}"
    assert shown["layer"] == f"Layer: {view.layer_title(place.layer)}"
    assert shown["note"] == original.note
    assert shown["quotes"] == [quote.text for quote in place.quotes]
    said_here = [text for text in CORPUS if f"In {original.real_name} {text} was said." in view.article.text]
    assert all(any(text in quote for quote in shown["quotes"]) for text in said_here)


@pytest.mark.browser
def test_the_hooks_catch_an_injection_in_the_map_frame(app):
    """The control: markup that does get injected is caught, so a pass means something."""
    watched, frame = app
    frame.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=xss()>')")
    with watched.page.expect_event("dialog", timeout=UI_TIMEOUT_MS):
        frame.evaluate("setTimeout(() => alert(1), 0)")
    watched.page.wait_for_function("() => (window.__hits || []).length > 0", timeout=UI_TIMEOUT_MS)
    assert watched.hits() == [frame.url]
    assert watched.dialogs == ["alert: 1"]
    assert frame.evaluate(INJECTED_JS) == ['<img onerror="xss()">']


@pytest.mark.browser
def test_app_loads_without_running_anything(app, originals, hostile_story):
    """On load the overview and the layer switches show the strings, and nothing ran."""
    watched, frame = app
    page = watched.page
    expect(page.locator("ul.overview li").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    items = page.locator("ul.overview li").evaluate_all("items => items.map(i => i.firstChild.textContent)")
    # the town in "Lachin corridor" is found by name (a town's own name inside a layer's counts)
    found = {f"{place.name} " for place in hostile_story.places_in("found")}
    assert sorted(set(items) - found) == sorted(f"{place.name} " for place in originals.values())
    labels = frame.evaluate(CONTROL_LABELS_JS)
    assert all(any(label.endswith(f" {title}") for label in labels) for title in LAYER_TITLES.values())
    watched.assert_nothing_ran(frame)
    assert watched.errors == []


@pytest.mark.browser
def test_app_title_and_caption_show_the_collection_and_the_headline_as_written(app, hostile_story):
    """Markdown, LaTeX and Streamlit's own rewrites leave the title and the newest report's headline alone."""
    watched, _frame = app
    title = watched.page.locator("h1").first
    expect(title).to_have_text(COLLECTION_TITLE, timeout=UI_TIMEOUT_MS)
    caption = watched.page.locator('[data-testid="stCaptionContainer"]').first
    expect(caption).to_be_visible(timeout=UI_TIMEOUT_MS)
    text = caption.evaluate("element => element.textContent")
    assert text == f"2 February 2022 · {hostile_story.report(SECOND_REPORT_NAME).title}", text
    assert SECOND_REPORT_NAME not in text
    for shown in (title, caption):
        assert shown.locator("img, a, .katex, [role=img]").count() == 0


@pytest.mark.browser
def test_app_tooltips_show_names_as_written(app, originals):
    """Hovering every town, area and line shows its name literally, and nothing runs."""
    watched, frame = app
    hover_every_place(watched.page, frame, originals, [*town_ids(originals), *AREAS, *LINES])
    watched.assert_nothing_ran(frame)
    assert watched.errors == []


@pytest.mark.browser
def test_app_panel_shows_every_click_as_written(app, hostile_story, originals):
    """Clicking every town and some shapes fills the panel with the strings, literally."""
    watched, frame = app
    page = watched.page
    for place_id in (*town_ids(originals), *CLICKED_SHAPES):
        x, y = hover(page, frame, place_id)
        page.mouse.click(x, y)
        expect_literal_panel(page, place_id, hostile_story.view(), originals[place_id])
        page.locator("section.place").hover()
    watched.assert_nothing_ran(frame)
    assert watched.errors == []


@pytest.mark.browser
def test_app_article_list_and_legend_show_strings_as_written(app, originals, hostile_story):
    """Article mentions, the places list and the legend show strings literally; using them runs nothing."""
    watched, frame = app
    page = watched.page
    mentions = page.locator("article button.mention")
    expect(mentions.first).to_be_visible(timeout=UI_TIMEOUT_MS)
    names = {name for place in originals.values() for name in (place.name, *place.aliases)}
    names |= {name for place in hostile_story.places_in("found") for name in place.names}
    # layer names match in any case (issue 16): a mention may write a name in another case
    shown = mentions.evaluate_all("buttons => buttons.map(b => b.textContent)")
    assert {text.casefold() for text in shown} <= {name.casefold() for name in names}
    sidebar = page.locator('[data-testid="stSidebar"]')
    place_labels = {f"{place.name} · {', '.join(place.aliases)}": place.id for place in originals.values()}

    def listed() -> list[str]:
        buttons = sidebar.locator("li:not([hidden]) button")
        labels = buttons.evaluate_all("buttons => buttons.map(b => b.textContent)")
        return [place_labels[label] for label in labels if label in place_labels]

    assert sorted(listed()) == sorted(originals)
    legend = frame.evaluate(
        "() => Array.from(document.querySelectorAll('.story-legend-row')).map(r => r.textContent)"
    )
    assert all(f" {title}" in legend for title in LAYER_TITLES.values())
    shusha = originals["shusha"]
    mentions.filter(has_text=shusha.aliases[1]).first.click()
    expect(page.locator('section.place[data-place="shusha"]')).to_be_visible(timeout=UI_TIMEOUT_MS)
    search = sidebar.get_by_label("Find a place by any of its names")
    search.fill(shusha.name)
    expect(sidebar.locator("li:not([hidden]) button")).to_have_count(1)
    assert listed() == ["shusha"], "a hostile name is searched as text"
    watched.assert_nothing_ran(frame)
    assert watched.errors == []


@pytest.mark.browser
def test_html_export_shows_names_as_written_and_runs_nothing(watched, export_url, hostile_story, originals):
    """The standalone export: hover and click everything, nothing runs, tooltips and panels are literal."""
    page = watched.page
    page.goto(export_url)
    frame = page.main_frame
    frame.wait_for_function(f"() => window.L && {THE_MAP}", timeout=UI_TIMEOUT_MS, polling=POLL_MS)
    labels = frame.evaluate(CONTROL_LABELS_JS)
    assert all(any(label.endswith(f" {title}") for label in labels) for title in LAYER_TITLES.values())
    hover_every_place(page, frame, originals, [*town_ids(originals), *AREAS, *LINES])
    for place_id in (*town_ids(originals), *CLICKED_SHAPES):
        x, y = hover(page, frame, place_id)
        page.mouse.click(x, y)
        expect_literal_panel(page, place_id, hostile_story.view(every_report=True), originals[place_id])
    watched.assert_nothing_ran()
    assert watched.errors == []


def test_report_headings_show_hostile_names_and_titles_as_text(hostile_story):
    reports = {report.source: report for report in hostile_story.reports}
    assert list(reports) == [ARTICLE_NAME, SECOND_REPORT_NAME]
    panel = parsed(place_html(hostile_story.places["shusha"], "Towns", reports=reports))
    assert panel.tags <= PANEL_TAGS
    assert panel.text["report"] == [report_label(report) for report in hostile_story.reports]
    assert report_label(reports[SECOND_REPORT_NAME]).startswith("2022-02-02 · In ")
