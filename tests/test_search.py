"""geo.search: finding a place by any of its names, as readers type them."""

import pytest

from geo.search import find_places


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Shushi", ["shusha"]),
        ("ŞUŞA", ["shusha"]),
        ("igdir", ["kars-nakhchivan-railway"]),
        ("azerbaycan", ["azerbaijan"]),
    ],
)
def test_find_places_ignores_case_and_accents(story, query, expected):
    assert [place.id for place in find_places(story, query)] == expected


def test_an_empty_query_finds_every_place(story):
    assert len(find_places(story, "  ")) == len(story.places)
