import hashlib
import re

from geo import io
from geo.article import parse_article, segment
from tests.inputs import ARTICLE_SHA256, SEED, story_of


def test_seed_is_the_article_byte_for_byte():
    path = io.SEEDS_DIR / SEED
    assert hashlib.sha256(path.read_bytes()).hexdigest() == ARTICLE_SHA256


def test_header_is_metadata_not_text(article):
    assert article.date == "2021-06-15"
    assert article.text[article.body_start :].startswith("A declaration of alliance")
    assert all(seg.start >= article.body_start for seg in segment(article))


def test_article_without_header_starts_at_zero():
    article = parse_article("Shusha is a town.", source="x.txt")
    assert (article.date, article.body_start) == (None, 0)


def test_segments_are_verbatim_and_tile_each_line(article):
    segments = segment(article)
    for seg in segments:
        text = article.text[seg.start : seg.end]
        assert text, seg
        assert text == text.strip(), seg
        assert "\n" not in text
    # every non-space character of the body lies in exactly one segment
    covered = "".join(article.text[s.start : s.end] for s in segments)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", article.text[article.body_start :])


def test_headings_and_list_items_are_found(article):
    segments = segment(article)
    by_kind = {
        kind: [article.text[s.start : s.end] for s in segments if s.kind == kind]
        for kind in ("heading", "list item")
    }
    assert "What does the declaration entail?" in by_kind["heading"]
    assert "Turkish diplomatic mission in Karabakh" in by_kind["heading"]
    assert "Erdogan’s ‘3 + 3’ formula" in by_kind["heading"]
    assert len(by_kind["list item"]) == 7
    assert by_kind["list item"][-1].endswith("etc.")
    assert all(item.endswith((";", ".")) for item in by_kind["list item"])


def test_sentences_split_after_closing_quotes(make_article):
    article = make_article("“We have a plan.” He said so. Then “Go!” Done")
    texts = [article.text[s.start : s.end] for s in segment(article)]
    assert texts == ["“We have a plan.”", "He said so.", "Then “Go!”", "Done"]


def test_abbreviations_do_not_end_sentences(make_article):
    article = make_article("Mr. Aliyev met Dr. Smith in Shusha. They spoke.")
    texts = [article.text[s.start : s.end] for s in segment(article)]
    assert texts == ["Mr. Aliyev met Dr. Smith in Shusha.", "They spoke."]


def test_quotes_are_whole_sentences_with_mentions(article):
    segments = segment(article)
    quotes = story_of(article, {"shusha": ("Shusha", "Shushi")}).places["shusha"].quotes
    spans = {(s.start, s.end) for s in segments}
    assert quotes, "the article names Shusha"
    for quote in quotes:
        assert quote.text == article.text[quote.start : quote.end]
        assert (quote.start, quote.end) in spans
        for start, end in quote.spans:
            assert article.text[start:end] in ("Shusha", "Shushi")
    first = quotes[0]
    assert "(Armenian Shushi)" in first.text
    assert len(first.spans) == 2


def quoted(article, places):
    """The text of each place's quotes, by place id."""
    return {place.id: [q.text for q in place.quotes] for place in story_of(article, places).places.values()}


def test_mentions_are_whole_words(make_article):
    article = make_article("Azerbaijani troops left. Azerbaijan signed.")
    assert quoted(article, {"azerbaijan": ("Azerbaijan",)}) == {"azerbaijan": ["Azerbaijan signed."]}


def test_a_places_longer_name_wins_over_its_prefix(make_article):
    article = make_article("The Zangezur corridor opens.")
    (quote,) = story_of(article, {"zangezur": ("Zangezur", "Zangezur corridor")}).places["zangezur"].quotes
    assert [article.text[start:end] for start, end in quote.spans] == ["Zangezur corridor"]


def test_names_are_matched_literally(make_article):
    article = make_article("A (b) c. A.b.c here.")
    assert quoted(article, {"abc": ("A.b.c",)}) == {"abc": ["A.b.c here."]}


def test_sentences_may_start_with_any_capital(make_article):
    article = make_article("They met in Shusha. Şuşa is old. İstanbul too.")
    texts = [article.text[s.start : s.end] for s in segment(article)]
    assert texts == ["They met in Shusha.", "Şuşa is old.", "İstanbul too."]


def test_lowercase_after_a_full_stop_continues_the_sentence(make_article):
    article = make_article("Roads, railways etc. were discussed. Turkey signed etc. Then it ended.")
    texts = [article.text[s.start : s.end] for s in segment(article)]
    assert texts == ["Roads, railways etc. were discussed.", "Turkey signed etc.", "Then it ended."]
