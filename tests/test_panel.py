import dataclasses
import html
import re
from pathlib import Path

import pytest

from geo.article import Quote
from geo.measures import Measures, measure
from geo.panel import (
    CardLimit,
    km2_text,
    km_text,
    measures_html,
    place_html,
    quote_html,
    reading_order,
    sources_html,
)

GEO = Path(__file__).resolve().parent.parent / "geo"


def test_quote_marks_each_mention():
    quote = Quote("In Shusha (Shushi).", 100, 119, ((103, 109), (111, 117)), "test.txt")
    assert quote_html(quote) == (
        '<blockquote class="quote" data-start="100" data-end="119">'
        "In <mark>Shusha</mark> (<mark>Shushi</mark>).</blockquote>"
    )


def test_quote_text_is_escaped():
    quote = Quote("<b>Shusha</b> & co", 0, 18, ((3, 9),), "test.txt")
    html = quote_html(quote)
    assert "&lt;b&gt;<mark>Shusha</mark>&lt;/b&gt; &amp; co" in html
    assert "<b>" not in html


def test_place_panel_shows_names_layer_note_and_quotes(story):
    shusha = story.places["shusha"]
    html = place_html(shusha, "Towns in the article")
    assert "<h3>Shusha" in html
    assert "Also: Shushi, Şuşa" in html
    assert "Layer: Towns in the article" in html
    assert html.count("<blockquote") == len(shusha.quotes)


def test_place_panel_flags_approximate_places(story):
    assert "approximate</span>" in place_html(story.places["zangezur-corridor"], "Corridor")
    assert "approximate</span>" not in place_html(story.places["shusha"], "Towns")


def test_place_not_in_the_article_says_so(story):
    html = place_html(story.places["kars-nakhchivan-railway"], "Corridor")
    assert "does not name this place" in html


def test_sources_cover_every_layer(story):
    sources = sources_html(story.layers)
    for layer in story.layers:
        assert html.escape(layer.provenance["licence"]) in sources
        assert html.escape(layer.provenance["method"]) in sources


@pytest.mark.parametrize(
    ("km", "shown"),
    [
        (0.04, "0.0 km"),
        (9.94, "9.9 km"),
        (9.96, "10 km"),
        (10.4, "10 km"),
        (35.2, "35 km"),
        (179.4, "179 km"),
        (1234.5, "1,234 km"),
    ],
)
def test_distances_are_whole_kilometres_from_ten(km, shown):
    assert km_text(km) == shown


@pytest.mark.parametrize(
    ("km2", "shown"),
    [
        (4.26, "4.3 km²"),
        (42.4, "42 km²"),
        (99.4, "99 km²"),
        (99.6, "100 km²"),
        (1_234.0, "1,230 km²"),
        (9_994.0, "9,990 km²"),
        (10_049.0, "10,000 km²"),
        (29_743.0, "29,700 km²"),
        (86_603.0, "86,600 km²"),
        (999_499.0, "999,000 km²"),
        (999_501.0, "about 1.0 million km²"),
        (16_977_026.0, "about 17.0 million km²"),
    ],
)
def test_areas_are_as_precise_as_the_outline(km2, shown):
    assert km2_text(km2) == shown


def test_measures_use_one_precision_for_every_length():
    measures = Measures(
        length_km=214.6,
        length_by_country_km={"azerbaijan": 179.4, "armenia": 35.2},
        names={"azerbaijan": "Azerbaijan", "armenia": "Armenia"},
    )
    assert "Length as drawn: 215 km (in Azerbaijan 179 km, Armenia 35 km)" in measures_html(measures)
    assert "Area as drawn: about 17.0 million km²" in measures_html(Measures(area_km2=16_977_026.0))


def test_a_line_along_a_border_says_so_and_its_parts_add_up(story):
    araz = measures_html(measure(story.places["araz"], story))
    along = "along the Azerbaijan–Iran border 336 km, along the Armenia–Iran border 35 km"
    assert f"Length as drawn: 371 km ({along})" in araz
    assert "0.0 km" not in araz


def test_russias_panel_says_where_its_line_is_de_facto(story):
    russia = story.places["russia"]
    panel = place_html(russia, "The 3+3 countries", measure(russia, story))
    assert '<p class="note">Natural Earth draws Crimea with Russia (its de facto line).</p>' in panel
    assert "Area as drawn: about 17.0 million km²" in panel
    assert "Crimea" not in place_html(story.places["turkey"], "The 3+3 countries")


def test_geo_knows_no_streamlit_test_id():
    """Streamlit's page (test ids like stSidebar) is the app's concern: geo/ also makes the offline file."""
    streamlit_ids = re.compile(r"data-testid|\bst[A-Z][A-Za-z]+")
    files = [
        path for path in GEO.rglob("*") if path.is_file() and path.suffix in {".py", ".js", ".css", ".html"}
    ]
    assert len(files) > 20, "the scan reads geo/'s own files"
    found = {
        str(path.relative_to(GEO)): streamlit_ids.findall(path.read_text(encoding="utf-8")) for path in files
    }
    assert {name: ids for name, ids in found.items() if ids} == {}
    assert streamlit_ids.search('[data-testid="stSidebar"]'), "the pattern finds what it looks for"


def test_a_card_holds_the_newest_reports_first_quotes_and_counts_the_rest(story):
    azerbaijan = story.places["azerbaijan"]
    limit = CardLimit(reports=1, quotes=2)
    card = place_html(azerbaijan, "Countries", None, {}, limit)
    assert card.count("<blockquote") == 2
    assert f"{len(azerbaijan.quotes) - 2} sentences more under the map" in card
    assert place_html(azerbaijan, "Countries").count("<blockquote") == len(azerbaijan.quotes)


def test_a_card_leaves_older_reports_to_the_panel(story):
    older = story.places["shusha"].quotes[0]
    newer = dataclasses.replace(older, source="newer.txt")
    place = dataclasses.replace(story.places["shusha"], quotes=(older, newer))
    card = place_html(place, "Towns", None, {}, CardLimit(reports=1, quotes=2))
    assert 'data-source="newer.txt"' in card
    assert f'data-source="{older.source}"' not in card
    assert "1 report more under the map" in card


def test_places_come_in_reading_order_the_named_ones_first(story):
    order = reading_order(story)
    assert order[:3] == ["azerbaijan", "turkey", "shusha"], "as the seed's first sentence names them"
    unnamed = [place_id for place_id in order if not story.places[place_id].quotes]
    assert order[-len(unnamed) :] == unnamed
