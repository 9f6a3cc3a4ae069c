"""What a link carries, read and written as st.query_params holds it."""

from geo.permalink import permalink_params, read_permalink, switchable_layers


def test_a_link_round_trips(story):
    params = permalink_params(["zangezur-corridor", "turkey"], ["countries", "towns"], story)
    assert params == {"place": "zangezur-corridor,turkey", "layers": "countries,towns"}
    link = read_permalink(params, story)
    assert link.places == ("zangezur-corridor", "turkey")
    assert link.hidden_layers == {"regions", "reference", "corridor"}
    assert link.problems == ()


def test_all_layers_on_leaves_them_out_of_the_link(story):
    assert permalink_params(["shusha"], switchable_layers(story), story) == {"place": "shusha"}
    assert permalink_params([], switchable_layers(story), story) == {}


def test_unknown_names_are_reported_and_dropped(story):
    link = read_permalink({"place": "atlantis,shusha,shusha", "layers": "towns,nowhere"}, story)
    assert link.places == ("shusha",)
    assert link.hidden_layers == {"countries", "regions", "reference", "corridor"}
    assert [p.split(":")[1].strip() for p in link.problems] == ["atlantis", "nowhere"]


def test_a_link_naming_no_known_layer_hides_none(story):
    link = read_permalink({"layers": "nowhere"}, story)
    assert link.hidden_layers == frozenset()
    assert link.problems


def test_only_layers_with_places_are_switchable(story):
    assert switchable_layers(story) == ["countries", "regions", "reference", "corridor", "towns"]
    assert "land" not in switchable_layers(story), "the backdrop is not a switch"


def test_a_link_may_name_a_place_by_any_of_its_names_in_any_case(story):
    link = read_permalink({"place": "Shushi,ŞUŞA,fuzuli,Zangezur-Corridor"}, story)
    assert link.places == ("shusha", "fizuli", "zangezur-corridor")
    assert link.problems == ()


def test_a_name_that_only_part_of_a_name_matches_is_unknown(story):
    """Search finds "shu" in Shusha; a link must name the place, not a piece of its name."""
    link = read_permalink({"place": "shu"}, story)
    assert link.places == ()
    assert link.problems == ("The link names places this map does not have: shu",)


def test_every_layer_off_is_written_and_read_back_as_none(story):
    params = permalink_params(["shusha"], [], story)
    assert params == {"place": "shusha", "layers": ""}
    assert read_permalink(params, story).hidden_layers == set(switchable_layers(story))
    assert read_permalink({"layers": " , "}, story).hidden_layers == set(switchable_layers(story))
