from geo import io
from geo.story import load_story
from tests.inputs import point_layer, write_layer


def test_every_place_the_article_names_is_on_the_map(story):
    named = {p.id for p in story.places.values() if p.quotes}
    expected = {"azerbaijan", "turkey", "russia", "armenia", "georgia", "iran", "shusha", "fizuli"}
    expected |= {"zangezur-corridor", "karabakh", "caucasus", "kars"}
    assert named == expected
    assert story.problems == []


def test_quotes_are_verbatim_and_name_the_place(story):
    text = story.article.text
    for place in story.places.values():
        for quote in place.quotes:
            assert text[quote.start : quote.end] == quote.text
            for start, end in quote.mentions:
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
    story = load_story(io.SEEDS_DIR, tmp_path)
    assert story.places["shusha"].name == "Shusha"
    assert [str(p) for p in story.problems] == [
        f"{tmp_path / 'zz-more.geojson'}: feature id 'shusha' is already used in layer 'towns'"
    ]


def test_missing_article_keeps_the_layers(tmp_path):
    story = load_story(tmp_path / "nowhere", io.LAYERS_DIR)
    assert story.article is None
    assert len(story.places) > 10
    assert "no article" in str(story.problems[0])
