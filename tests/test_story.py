import pytest

from geo import io
from tests.inputs import point_layer, reports_folder, write_layer


def test_every_place_the_article_names_is_on_the_map(story):
    named = {p.id for p in story.places.values() if p.quotes}
    expected = {"azerbaijan", "turkey", "russia", "armenia", "georgia", "iran", "shusha", "fizuli"}
    expected |= {"zangezur-corridor", "karabakh", "caucasus", "kars"}
    assert named == expected
    assert story.problems == ()


def test_quotes_are_verbatim_and_name_the_place(story):
    text = story.reports[0].article.text
    for place in story.places.values():
        for quote in place.quotes:
            assert text[quote.start : quote.end] == quote.text
            for start, end in quote.spans:
                assert text[start:end] in place.names


def test_shusha_quotes_include_every_sentence_with_shusha(story):
    (seed,) = story.reports
    text = seed.article.text
    with_shusha = [s for s in seed.segments if "Shusha" in text[s.start : s.end]]
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
    assert story.reports == ()
    assert story.view().article is None, "a view with no report to show"
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
    assert all(isinstance(part, tuple) for part in (story.reports, story.layers, story.problems))
    view = story.view()
    with pytest.raises(AttributeError):
        view.report = None


# ---------------------------------------------------------------- the view of one report


def test_the_collection_has_no_report_of_its_own(story):
    """``Story`` is the collection: the report shown belongs to a view, never to "the oldest"."""
    assert not hasattr(story, "article")
    assert not hasattr(story, "segments")


def test_the_single_seed_is_viewed_as_it_always_was(story):
    view = story.view()
    assert view.report is story.reports[0]
    assert view.every_report
    assert not view.several_reports
    assert view.places is story.places, "one report: every place of the layers is drawn"
    assert view.layer_title("towns") == "Towns in the article"
    assert set(view.quotes) == {p.id for p in story.places.values() if p.quotes}


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    return io.load_story(reports_folder(tmp_path_factory.mktemp("many") / "seeds"))


def test_the_newest_report_is_viewed_first_and_the_undated_last(many):
    assert many.newest.source == "2025-08-08_washington.txt"
    assert many.view().report is many.newest
    assert many.view("no-such-file.txt").report is many.newest
    assert [r.date for r in many.newest_first] == [
        "2025-08-08",
        "2023-09-25",
        "2022-08-26",
        "2021-06-15",
        None,
    ]


def test_this_report_s_places_are_only_those_it_names_and_the_orientation_ones(many):
    view = many.view("2022-08-26_lachin.txt")
    named = many.named_in("2022-08-26_lachin.txt")
    orientation = {p.id for p in many.places.values() if p.layer == "reference"}
    assert set(view.places) == named | orientation
    assert {"fizuli", "kars", "zangezur-corridor", "karabakh"}.isdisjoint(view.places)
    assert [layer.id for layer in view.layers if not layer.is_backdrop] == [
        "countries",
        "regions",
        "reference",
        "towns",
        "found",
    ], "a layer with no place drawn is not drawn: no corridor the report never names"
    assert [p.id for p in view.places_in("regions")] == ["lachin-corridor"], "named (issue 16)"
    assert [q.source for q in view.places["shusha"].quotes] == ["2022-08-26_lachin.txt"]
    assert {p.id for p in view.named} == named
    assert {p.id for p in view.framed} == {"shusha", "khankendi", "lacin-az", "moscow"}, "its towns"


def test_every_report_s_places_carry_every_report_s_quotes(many):
    view = many.view("2022-08-26_lachin.txt", every_report=True)
    assert view.places is many.places
    assert view.article.source == "2022-08-26_lachin.txt"
    assert set(view.quotes) == many.named_in("2022-08-26_lachin.txt"), "the reading stays the report's"
    assert len({q.source for q in view.places["shusha"].quotes}) > 1


def test_layer_names_speak_of_the_reports_when_there_are_several(many):
    assert many.view().layer_title("towns") == "Towns in the reports"
    assert many.view().layer_title("corridor") == many.layer("corridor").title


def test_a_report_is_found_by_its_id_or_file_name_in_any_case(many):
    for wanted in ("2022-08-26_lachin", "2022-08-26_LACHIN.TXT", " 2022-08-26_Lachin.txt "):
        assert many.find_report(wanted).source == "2022-08-26_lachin.txt"
    assert many.find_report("lachin") is None


def test_the_collection_title_comes_from_the_editor_s_file(tmp_path, story):
    seeds = reports_folder(tmp_path / "seeds")
    assert io.load_story(seeds).title == "The reports, on a map", "another folder: a plain default"
    assert story.title == "The Shusha Declaration, on a map", "the shipped seeds keep their title"
    (seeds / "collection.toml").write_text('title = "  The Lachin road,   on a map "\n', encoding="utf-8")
    assert io.load_story(seeds).title == "The Lachin road, on a map"
    (seeds / "collection.toml").write_text("title = [", encoding="utf-8")
    broken = io.load_story(seeds)
    assert broken.title == "The reports, on a map"
    assert [p.path.name for p in broken.problems] == ["collection.toml"]
    assert "is not valid TOML" in broken.problems[0].reason
