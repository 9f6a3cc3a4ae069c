import pytest

from geo import io
from tests.inputs import point_layer, write_layer


def test_every_place_the_article_names_is_on_the_map(story):
    named = {p.id for p in story.places.values() if p.quotes}
    expected = {"azerbaijan", "turkey", "russia", "armenia", "georgia", "iran", "shusha", "fizuli"}
    expected |= {"zangezur-corridor", "karabakh", "caucasus", "kars"}
    assert named == expected
    assert story.problems == ()


def test_quotes_are_verbatim_and_name_the_place(story):
    text = story.article.text
    for place in story.places.values():
        for quote in place.quotes:
            assert text[quote.start : quote.end] == quote.text
            for start, end in quote.spans:
                assert text[start:end] in place.names


def test_shusha_quotes_include_every_sentence_with_shusha(story):
    text = story.article.text
    with_shusha = [s for s in story.segments if "Shusha" in text[s.start : s.end]]
    assert [q.start for q in story.places["shusha"].quotes] == [s.start for s in with_shusha]


def test_context_layer_has_no_clickable_places(story):
    assert all(place.layer != "land" for place in story.places.values())


def test_duplicate_ids_keep_the_first_and_name_the_file(tmp_path):
    write_layer(tmp_path, "towns", point_layer())
    write_layer(tmp_path, "zz-more", point_layer(name="Another Shusha"))
    story = io.load_story(io.SEEDS_DIR, tmp_path)
    assert story.places["shusha"].name == "Shusha"
    assert [str(p) for p in story.problems] == [
        f"{tmp_path / 'zz-more.geojson'}: feature id 'shusha' is already used in layer 'towns'"
    ]


def test_missing_article_keeps_the_layers(tmp_path):
    story = io.load_story(tmp_path / "nowhere", io.LAYERS_DIR)
    assert story.article is None
    assert len(story.places) > 10
    assert "no article" in str(story.problems[0])


def test_places_of_a_layer_in_the_order_of_its_file(story):
    towns = io.read_json(io.LAYERS_DIR / "towns.geojson")["features"]
    assert [p.id for p in story.places_in("towns")] == [f["properties"]["id"] for f in towns]
    assert story.places_in("land") == (), "the backdrop has no places"
    assert story.places_in("no-such-layer") == ()


def test_layers_by_id(story):
    assert story.layer("corridor").title == "Zangezur corridor (proposed, approximate)"
    with pytest.raises(KeyError):
        story.layer("no-such-layer")


def test_a_shared_story_cannot_be_changed(story):
    """``st.cache_resource`` hands one story to every session: none may change it for the others."""
    with pytest.raises(TypeError):
        story.places["elsewhere"] = story.places["shusha"]
    with pytest.raises(TypeError):
        story.places["shusha"].extra["note"] = "changed"
    assert all(isinstance(part, tuple) for part in (story.segments, story.layers, story.problems))
