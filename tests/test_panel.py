import html

from geo.article import Quote
from geo.panel import place_html, quote_html, sources_html


def test_quote_marks_each_mention():
    quote = Quote("In Shusha (Shushi).", 100, 119, ((103, 109), (111, 117)))
    assert quote_html(quote) == (
        '<blockquote class="quote" data-start="100" data-end="119">'
        "In <mark>Shusha</mark> (<mark>Shushi</mark>).</blockquote>"
    )


def test_quote_text_is_escaped():
    quote = Quote("<b>Shusha</b> & co", 0, 18, ((3, 9),))
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
