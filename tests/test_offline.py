import re

import pytest

from geo import assets, io
from geo.io import SHIPPED_TITLE as TITLE
from geo.labels import is_label_only
from geo.maps import folium_html_markup
from geo.measures import measure
from geo.offline import offline_html, standalone_html
from geo.panel import place_html
from tests.inputs import OUTSIDE_URL, point_layer, write_layer

TEMPLATE = re.compile(r'<template id="story-card-([^"]*)">(.*?)</template>', re.DOTALL)
# anything that would load from elsewhere: a src to http(s), or a stylesheet link
FETCH_ELSEWHERE = re.compile(r"""src=["']?(?:https?:)?//|<link[^>]*href=""", re.IGNORECASE)


@pytest.fixture(scope="module")
def page(story) -> str:
    return offline_html(story.view())


def test_page_is_titled_and_dated_by_the_report_shown_not_its_file(page, story):
    assert f"<title>{TITLE}</title>" in page
    assert f'<header class="offline-header"><h1>{TITLE}</h1>' in page
    assert '<p class="offline-caption">15 June 2021 · A declaration of alliance between' in page
    assert story.reports[0].source not in page.split("</header>")[0]


def test_every_place_on_the_map_has_one_card_the_apps_panel_in_full(page, story):
    templates = TEMPLATE.findall(page)
    places = [
        place
        for place in story.places.values()
        if not story.layer(place.layer).is_backdrop and not is_label_only(place)
    ]
    assert sorted(place_id for place_id, _ in templates) == sorted(place.id for place in places)
    panels = dict(templates)
    reports = {report.source: report for report in story.reports}
    for place in places:
        full = place_html(place, story.layer(place.layer).title, measure(place, story), reports)
        expected = folium_html_markup(full)
        assert panels[place.id] == expected, f"{place.id}: not the app's panel"
    assert "Natural Earth draws Crimea with Russia" in panels["russia"]


def test_the_header_says_how_to_choose_and_the_cards_follow_the_overlays(page):
    header = page[page.index('<header class="offline-header">') : page.index("</header>")]
    assert "Choose a place on the map" in header
    assert page.index("StoryMap.followOverlays(") < page.index("StoryMap.followCards(map_"), (
        "the cards follow the overlays StoryMap knows"
    )


def test_page_loads_nothing_from_elsewhere(page):
    assert not OUTSIDE_URL.search(page)
    assert not FETCH_ELSEWHERE.search(page)
    assert assets.inline_js() in page, "Leaflet itself is in the page"
    assert assets.inline_css((assets.OFFLINE,)) in page, "and the page's own style"
    assert "url(data:image/png;base64," in page


def test_charset_comes_before_the_inlined_assets(page):
    assert page.index("charset=UTF-8") < 1024, "a browser looks for it in the first kilobyte"


def test_standalone_html_inlines_leaflet(story):
    html = standalone_html(story.view(), css=assets.inline_css(), js=assets.inline_js())
    assert "<script src" not in html
    assert '<link rel="stylesheet"' not in html
    assert assets.inline_js() in html, "Leaflet itself is in the page"
    assert "url(data:image/png;base64," in html
    assert not OUTSIDE_URL.search(html)


def test_names_and_ids_reach_the_panel_escaped(tmp_path):
    name = '</template><img src=x onerror="xss()">{{ 7 * 7 }}'
    write_layer(tmp_path, "towns", point_layer(name=name, place_id="kars"))
    story = io.load_story(io.SEEDS_DIR, tmp_path)
    html = standalone_html(story.view(), css="", js="")
    (template,) = [body for place_id, body in TEMPLATE.findall(html) if place_id == "kars"]
    assert (
        "<h3>&lt;/template&gt;&lt;img src=x onerror=&quot;xss()&quot;&gt;&#123;{ 7 * 7 }} </h3>" in template
    )
    assert name not in html
    assert "49" not in template, "Jinja never ran on the panel"


def test_a_collection_s_page_follows_its_view_and_groups_quotes_by_report(tmp_path):
    from tests.inputs import reports_folder

    many = io.load_story(reports_folder(tmp_path / "seeds"))
    lachin = offline_html(many.view("2022-08-26_lachin.txt"))
    header = lachin.split("</header>")[0]
    assert "26 August 2022 · Azerbaijan took back the town of Lachin" in header
    assert ".txt" not in header, "no file name in the header"
    assert 'id="story-card-kars"' not in lachin, "a town the report does not name has no panel"
    every = offline_html(many.view(every_report=True))
    shusha = dict(TEMPLATE.findall(every))["shusha"]
    headings = re.findall(r'<h5 class="report">([^<]*)</h5>', shusha)
    assert headings[0].startswith("2021-06-15 · A declaration of alliance")
    assert any(h.startswith("2022-08-26 · Azerbaijan took back") for h in headings)
