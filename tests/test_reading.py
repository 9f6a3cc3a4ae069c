"""The article as linked HTML and the declaration's clauses, on small articles."""

from __future__ import annotations

import re

from geo.reading import article_html, clauses, clauses_html, marked_segments
from tests.inputs import story_of


def buttons(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<button type="button" class="mention" data-place="([^"]+)" [^>]*>([^<]*)</button>', html
    )


def test_every_mention_is_a_button_for_its_place(make_article):
    story = story_of(
        make_article("Shusha is in Karabakh. Shushi is its other name."), {"shusha": ("Shusha", "Shushi")}
    )
    assert buttons(article_html(story.view())) == [("shusha", "Shusha"), ("shusha", "Shushi")]


def test_a_longer_mention_starting_at_the_same_place_wins(make_article):
    story = story_of(
        make_article("The Kars–Nakhchivan railway starts in Kars."),
        {"kars": ("Kars",), "kars-nakhchivan-railway": ("Kars–Nakhchivan railway",)},
    )
    assert buttons(article_html(story.view())) == [
        ("kars-nakhchivan-railway", "Kars–Nakhchivan railway"),
        ("kars", "Kars"),
    ]


def test_article_text_is_escaped_and_kept_whole(make_article):
    body = "Shusha <b>&</b> “quotes” stay. Next sentence."
    story = story_of(make_article(body), {"shusha": ("Shusha",)})
    html = article_html(story.view())
    assert "<b>" not in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html
    shown = re.sub(r"<[^>]+>", "", html)
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == body


def test_marked_segments_are_those_naming_the_selection(make_article):
    story = story_of(
        make_article("Shusha is here. Fizuli is there. Both: Shusha, Fizuli."),
        {
            "shusha": ("Shusha",),
            "fizuli": ("Fizuli",),
        },
    )
    starts = [seg.start for seg in story.reports[0].segments]
    assert marked_segments(story.view(), ["fizuli"]) == [starts[1], starts[2]]
    assert marked_segments(story.view(), []) == []


def test_a_clause_of_two_sentences_is_one_clause_with_the_places_of_both(make_article):
    body = (
        "It includes:\n\nOpening the Zangezur corridor. It links Azerbaijan and Turkey;\n\n"
        "Peace in the region."
    )
    story = story_of(
        make_article(body),
        {"zangezur": ("Zangezur corridor",), "azerbaijan": ("Azerbaijan",), "turkey": ("Turkey",)},
    )
    found = clauses(story.view())
    assert [clause.text for clause in found] == [
        "Opening the Zangezur corridor. It links Azerbaijan and Turkey;",
        "Peace in the region.",
    ]
    assert found[0].place_ids == ("zangezur", "azerbaijan", "turkey")
    assert found[1].place_ids == ()


def test_the_real_article_lists_seven_clauses(story):
    found = clauses(story.view())
    assert len(found) == 7
    assert [c.place_ids for c in found if c.place_ids] == [
        ("zangezur-corridor", "azerbaijan", "turkey"),
        ("caucasus",),
    ]


def test_the_clauses_are_a_numbered_list_with_a_button_for_the_places_each_names(make_article):
    body = "It includes:\n\nOpening the <Zangezur> corridor & more;\n\nPeace in the region."
    story = story_of(make_article(body), {"zangezur": ("Zangezur",), "azerbaijan": ("Azerbaijan",)})
    html = clauses_html(story.view())
    assert html.startswith('<ol class="clauses">')
    assert re.findall(r"<li><p>([^<]*)</p>", html) == [
        "Opening the &lt;Zangezur&gt; corridor &amp; more;",
        "Peace in the region.",
    ]
    name = story.places["zangezur"].name
    assert re.findall(r'<button type="button" data-places="([^"]*)">([^<]*)</button>', html) == [
        ("zangezur", f"Show on the map: {name}")
    ]


def test_a_report_without_clauses_has_no_list(make_article):
    story = story_of(make_article("No list here. Only Zangezur."), {"zangezur": ("Zangezur",)})
    assert clauses_html(story.view()) == ""
