import re

import pytest

from geo import assets, io
from geo.measures import measure
from geo.offline import TITLE, offline_html, standalone_html
from geo.panel import place_html
from tests.inputs import OUTSIDE_URL, point_layer, write_layer

TEMPLATE = re.compile(r'<template id="place-([^"]*)">(.*?)</template>', re.DOTALL)
# anything that would load from elsewhere: a src to http(s), or a stylesheet link
FETCH_ELSEWHERE = re.compile(r"""src=["']?(?:https?:)?//|<link[^>]*href=""", re.IGNORECASE)


@pytest.fixture(scope="module")
def page(story) -> str:
    return offline_html(story)


def test_page_is_titled_and_dated(page, story):
    assert f"<title>{TITLE}</title>" in page
    assert f'<header class="offline-header"><h1>{TITLE}</h1>' in page
    assert "Report dated 2021-06-15 on the declaration" in page
    assert f"source file {story.article.source}</p>" in page


def test_every_place_has_one_panel_the_apps_own(page, story):
    templates = TEMPLATE.findall(page)
    places = [place for place in story.places.values() if not story.layer(place.layer).is_backdrop]
    assert sorted(place_id for place_id, _ in templates) == sorted(place.id for place in places)
    panels = dict(templates)
    for place in places:
        expected = place_html(place, story.layer(place.layer).title, measure(place, story))
        assert panels[place.id] == expected, f"{place.id}: not the app's panel"
    assert "Natural Earth draws Crimea with Russia" in panels["russia"]


def test_panel_starts_with_a_hint_and_follows_the_map(page):
    panel = page.index('<div id="offline-place"')
    assert "Choose a place on the map" in page[panel : page.index("<template", panel)]
    assert page.index('class="folium-map"') < panel, "the panel follows the map in the page"
    assert page.index("StoryMap.followOverlays(") < page.index("OfflinePanel.follow(map_"), (
        "the panel follows the overlays StoryMap knows"
    )


def test_page_loads_nothing_from_elsewhere(page):
    assert not OUTSIDE_URL.search(page)
    assert not FETCH_ELSEWHERE.search(page)
    assert assets.inline_js() in page, "Leaflet itself is in the page"
    assert assets.inline_js((assets.OFFLINE,)) in page, "and the panel's script"
    assert "url(data:image/png;base64," in page


def test_charset_comes_before_the_inlined_assets(page):
    assert page.index("charset=UTF-8") < 1024, "a browser looks for it in the first kilobyte"


def test_standalone_html_inlines_leaflet(story):
    html = standalone_html(story, css=assets.inline_css(), js=assets.inline_js())
    assert "<script src" not in html
    assert '<link rel="stylesheet"' not in html
    assert assets.inline_js() in html, "Leaflet itself is in the page"
    assert "url(data:image/png;base64," in html
    assert not OUTSIDE_URL.search(html)


def test_names_and_ids_reach_the_panel_escaped(tmp_path):
    name = '</template><img src=x onerror="xss()">{{ 7 * 7 }}'
    write_layer(tmp_path, "towns", point_layer(name=name, place_id="kars"))
    story = io.load_story(io.SEEDS_DIR, tmp_path)
    html = standalone_html(story, css="", js="")
    (template,) = [body for place_id, body in TEMPLATE.findall(html) if place_id == "kars"]
    assert "<h3>&lt;/template&gt;&lt;img src=x onerror=&quot;xss()&quot;&gt;{{ 7 * 7 }} </h3>" in template
    assert name not in html
    assert "49" not in template, "Jinja never ran on the panel"
