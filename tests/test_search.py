"""geo.search: the names a reader's query is matched against, and a place named in a link."""

import pytest

from geo.search import place_named, search_keys


@pytest.mark.parametrize(
    ("place_id", "key"),
    [
        ("shusha", "susa"),
        ("kars-nakhchivan-railway", "kars–igdir–nakhchivan railway"),
        ("azerbaijan", "azerbaycan"),
        ("fizuli", "fuzuli"),
    ],
)
def test_search_keys_are_every_name_without_case_or_accents(story, place_id, key):
    assert key in search_keys(story.places[place_id]).split("\n")


def test_search_keys_hold_each_name_once_and_one_per_line(story):
    keys = search_keys(story.places["shusha"]).split("\n")
    assert keys == ["shusha", "shushi", "susa"]


def test_place_named_finds_a_place_by_any_name_or_its_id(story):
    assert place_named(story, "ŞUŞA").id == "shusha"
    assert place_named(story, "kars").id == "kars"
    assert place_named(story, "Atlantis") is None
