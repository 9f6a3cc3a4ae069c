"""geo.places_list: the sidebar's list of places as HTML, for page/places.js to narrow."""

import dataclasses
import html
import re

from geo.places_list import MORE_TEMPLATE, NOTHING_TEMPLATE, SEARCH_LABEL, place_label, places_list_html
from geo.search import search_keys

ITEM = re.compile(
    r'<li data-names="([^"]*)"( hidden)?><button type="button" data-places="([^"]+)">([^<]*)</button>'
)


def items(list_html: str) -> list[tuple[str, bool, str, str]]:
    """(search keys, shown, place id, label) of every place in the list, in order."""
    return [
        (html.unescape(keys), not hidden, place_id, html.unescape(label))
        for keys, hidden, place_id, label in ITEM.findall(list_html)
    ]


def test_every_place_is_a_button_under_its_layer_in_the_views_order(story):
    view = story.view()
    list_html = places_list_html(view)
    assert [place_id for _, _, place_id, _ in items(list_html)] == list(view.places)
    assert ("susa", True, "shusha", "Shusha · Shushi, Şuşa") in [
        (keys.split("\n")[-1], shown, place_id, label) for keys, shown, place_id, label in items(list_html)
    ]
    titles = re.findall(r"<section><h3>([^<]*)</h3>", list_html)
    assert titles == [view.layer_title(layer.id) for layer in view.layers if view.places_in(layer.id)]
    assert f'<label>{SEARCH_LABEL}<input type="search"' in list_html


def test_each_place_carries_its_search_keys(story):
    view = story.view()
    for keys, _, place_id, _ in items(places_list_html(view)):
        assert keys == search_keys(view.places[place_id])


def test_a_long_layer_shows_its_first_places_and_says_how_many_more(story):
    view = story.view()
    list_html = places_list_html(view, limit=2)
    countries = [place.id for place in view.places.values() if place.layer == "countries"]
    assert len(countries) == 6
    shown = {place_id: shown for _, shown, place_id, _ in items(list_html)}
    assert [shown[place_id] for place_id in countries] == [True, True, False, False, False, False]
    assert f'<p class="more">{html.escape(MORE_TEMPLATE.format(count=4))}</p>' in list_html


def test_the_script_gets_its_wording_with_places_to_fill(story):
    list_html = places_list_html(story.view())
    assert f'data-more="{html.escape(MORE_TEMPLATE)}"' in list_html
    assert f'data-nothing="{html.escape(NOTHING_TEMPLATE)}"' in list_html
    assert "{count}" in MORE_TEMPLATE
    assert "{query}" in NOTHING_TEMPLATE


def test_names_and_titles_are_text_not_markup(story):
    hostile = '<img src=x onerror="xss()">&amp;'
    view = story.view()
    shusha = dataclasses.replace(view.places["shusha"], name=hostile, aliases=(f'"{hostile}',))
    list_html = places_list_html(dataclasses.replace(view, places={**view.places, "shusha": shusha}))
    assert "<img" not in list_html
    (label,) = [label for _, _, place_id, label in items(list_html) if place_id == "shusha"]
    assert label == place_label(shusha) == f'{hostile} · "{hostile}'


def test_a_view_without_places_says_so(story):
    view = story.view()
    list_html = places_list_html(dataclasses.replace(view, places={}))
    assert items(list_html) == []
    assert "No layer with places could be read." in list_html
