"""geo.reader: the reader's state on a plain dict, as a session would hold it, without AppTest."""

from __future__ import annotations

import subprocess
import sys

import pytest

from geo import io
from geo.io import PROJECT
from geo.permalink import switchable_layers
from geo.reader import (
    ALL_REPORTS,
    FRAME_REQUEST,
    LINK,
    MAP,
    MAP_SCOPE,
    REPORT,
    SELECTION,
    VISIBLE,
    Reader,
    new_frame_request,
)
from tests.inputs import SEED, reports_folder

EVERY_LAYER = ("countries", "regions", "reference", "corridor", "towns")
LACHIN = "2022-08-26_lachin.txt"
WASHINGTON = "2025-08-08_washington.txt"


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """The story of a folder of five reports."""
    return io.load_story(reports_folder(tmp_path_factory.mktemp("reader") / "seeds"), io.LAYERS_DIR)


def first_run(story, session: dict, params: dict[str, str] | None = None) -> Reader:
    """The state after a first run under ``params``, as app.py starts one."""
    reader = Reader(session, story, params or {})
    reader.follow_link()
    reader.keep_link()
    return reader


def test_a_first_run_takes_the_selection_layers_and_report_from_the_link(many):
    session: dict = {}
    reader = first_run(
        many, session, {"place": "Shushi,atlantis", "layers": "towns", "report": "2022-08-26_lachin"}
    )
    assert reader.selection == ("shusha",)
    assert isinstance(reader.frame_request, int), "the map frames the place the link names"
    assert reader.visible_layers == ("towns",)
    assert reader.report == LACHIN
    assert reader.link_problems == ("The link names places this map does not have: atlantis",)
    assert reader.keep_link() == {"place": "shusha", "layers": "towns", "report": "2022-08-26_lachin"}


def test_a_first_run_with_no_link_shows_everything_and_frames_nothing(story):
    reader = first_run(story, {})
    assert reader.selection == ()
    assert reader.frame_request is None
    assert reader.visible_layers == EVERY_LAYER
    assert reader.keep_link() == {}, "one report: no report in the link"


def test_select_frames_known_places_and_wins_over_the_url_it_came_with(story):
    session: dict = {}
    first_run(story, session, {"place": "shusha"})
    # the page may send the URL from before the last choice's was written
    reader = Reader(session, story, {"place": "shusha"})
    reader.select(["kars", "nowhere"])
    assert reader.selection == ("kars",)
    assert reader.frame_request is not None
    reader.follow_link()  # the next full run, under the same stale URL
    assert reader.selection == ("kars",), "a choice on the page is no navigation"


def test_select_with_no_known_place_changes_nothing(story):
    reader = first_run(story, {}, {"place": "fizuli"})
    before = dict(reader.session)
    reader.select(["nowhere"])
    assert reader.session == before


def test_the_same_choice_again_is_a_new_frame_request(story):
    reader = first_run(story, {})
    reader.select(["kars"])
    first = reader.frame_request
    reader.select(["kars"])
    assert reader.frame_request not in (None, first)
    reader.select(["shusha"], frame=False)
    assert reader.frame_request is None


def test_clear_goes_back_to_the_overview_and_drops_the_link_s_problems(story):
    reader = first_run(story, {}, {"place": "shusha,atlantis"})
    assert reader.link_problems
    reader.clear()
    assert (reader.selection, reader.frame_request, reader.link_problems) == ((), None, ())


def test_a_url_the_app_did_not_write_is_followed_back_and_forward(story):
    session: dict = {}
    reader = first_run(story, session, {"place": "fizuli"})
    reader.select(["kars"])
    session[LINK] = reader.keep_link()
    assert session[LINK] == {"place": "kars"}
    Reader(session, story, {"place": "fizuli"}).follow_link()  # Back
    assert session[SELECTION] == ("fizuli",)
    assert session[FRAME_REQUEST] is not None, "the map goes back to the place too"
    Reader(session, story, {}).follow_link()  # Back again, to the overview
    assert (session[SELECTION], session[FRAME_REQUEST]) == ((), None)


def test_the_url_the_app_wrote_is_not_followed_again(story):
    session: dict = {}
    reader = first_run(story, session, {"place": "fizuli"})
    reader.select(["kars"], frame=False)
    session[LINK] = reader.keep_link()
    Reader(session, story, {"place": "kars"}).follow_link()
    assert session[FRAME_REQUEST] is None, "following it again would move the map"


def test_a_click_counts_once(story):
    reader = first_run(story, {})
    reader.follow_click(2, "shusha")
    assert reader.selection == ("shusha",)
    assert reader.frame_request is None, "the clicked place is in view already"
    reader.select(["kars"])
    reader.follow_click(2, "shusha")  # st_folium reports its last click on every run
    assert reader.selection == ("kars",)
    reader.follow_click(4, "shusha")  # the same place clicked again
    assert reader.selection == ("shusha",)
    reader.follow_click(6, None)
    assert reader.selection == ("shusha",), "a click on no place of ours changes nothing"


def test_layer_switches_become_the_visible_layers_once(story):
    session: dict = {}
    reader = first_run(story, session)
    reader.follow_layer_switches(None)
    assert reader.visible_layers == EVERY_LAYER, "nothing reported yet"
    reader.follow_layer_switches({"towns", "countries", "not ours"})
    assert reader.visible_layers == ("countries", "towns"), "ours, in drawing order"
    assert reader.keep_link() == {"layers": "countries,towns"}
    Reader(session, story, {}).follow_link()  # Back to the URL with every layer
    reader.follow_layer_switches({"towns", "countries", "not ours"})  # the map's last report, stale now
    assert reader.visible_layers == EVERY_LAYER


def test_the_map_is_built_once_for_the_places_it_shows(many):
    session: dict = {}
    reader = first_run(many, session, {"layers": "towns,countries"})
    built = []

    def build(mapped, hidden):
        built.append((mapped, hidden))
        return object()

    fmap = reader.session_map(build)
    assert reader.session_map(build) is fmap
    (mapped, hidden) = built[0]
    assert hidden == set(switchable_layers(many)) - {"towns", "countries"}, "switched off by the link"
    assert "corridor" in hidden
    assert "moscow" not in mapped.places, "another report's places stay off the map"
    session[MAP_SCOPE] = ALL_REPORTS
    assert reader.session_map(build) is not fmap
    assert "moscow" in built[-1][0].places
    assert len(built) == 2


def test_a_link_to_other_layers_lets_the_map_go_and_a_click_does_not(story):
    session: dict = {}
    reader = first_run(story, session)
    reader.session_map(lambda mapped, hidden: object())
    reader.follow_click(2, "shusha")
    reader.follow_layer_switches({"towns"})
    assert MAP in session, "the map already shows what the reader switched"
    Reader(session, story, {"layers": "countries"}).follow_link()
    assert MAP not in session


def test_the_report_shown_is_the_chosen_one_else_the_newest(many, story):
    # issue 15: the newest report opens first (was: the oldest)
    session: dict = {REPORT: "gone.txt"}
    reader = Reader(session, many, {})
    assert reader.report == WASHINGTON
    session[REPORT] = LACHIN
    view = reader.view()
    assert "took back the town of" in view.article.text
    assert not view.every_report
    assert "washington" not in view.places, "another report's places are not drawn"
    session[MAP_SCOPE] = ALL_REPORTS
    assert reader.view().every_report
    assert "washington" in reader.view().places
    assert Reader({}, story, {}).view().places == story.places, "one report: every place, as always"


def test_a_timeline_choice_is_followed_every_time_the_same_one_too(many):
    # issue 15: a click on a mark always opens its report, also the same one after the picker chose another
    session: dict = {}
    reader = first_run(many, session)
    reader.follow_timeline(LACHIN)
    assert reader.report == LACHIN
    session[REPORT] = SEED  # then the reader picks another in the picker
    reader.follow_timeline(LACHIN)  # and the same mark again, on the chart drawn for the seed
    assert reader.report == LACHIN
    reader.follow_timeline("1999-01-01_nowhere.txt")
    assert reader.report == LACHIN
    reader.follow_timeline(None)
    assert reader.report == LACHIN


def test_a_layer_the_report_lacks_keeps_the_reader_s_choice(many):
    # issue 15: the seed's map has no found places; switching layers there must not turn them off
    session: dict = {REPORT: SEED}
    reader = first_run(many, session, {"report": "000_e2059bc9e9e59328"})
    assert "found" in reader.visible_layers
    reader.follow_layer_switches(set(switchable_layers(reader.view())))
    assert "found" in reader.visible_layers, "the seed's map lacks the layer: the choice stands"
    reader.follow_layer_switches(set(switchable_layers(reader.view())) - {"towns"})
    assert "towns" not in reader.visible_layers
    assert "found" in reader.visible_layers


def test_a_selection_the_report_shown_does_not_draw_is_let_go(many):
    session: dict = {}
    reader = first_run(many, session, {"report": "2022-08-26_lachin"})
    reader.select(["khankendi"])
    assert reader.selection == ("khankendi",)
    session[REPORT] = SEED
    reader.drop_undrawn()
    assert reader.selection == ()


def test_every_frame_request_is_new():
    requests = [new_frame_request() for _ in range(3)]
    assert len(set(requests)) == 3


def test_the_reader_s_state_never_loads_streamlit():
    code = "import sys, geo.reader; print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_visible_layers_default_to_every_layer_before_any_link(story):
    assert Reader({}, story, {}).visible_layers == EVERY_LAYER
    assert VISIBLE not in Reader({}, story, {}).session


def test_a_place_chosen_on_the_map_is_drawn_by_the_map_until_a_choice_elsewhere_or_a_new_map(many):
    session: dict = {}
    reader = first_run(many, session)
    reader.session_map(lambda mapped, hidden: object())
    first, second, third = list(reader.view().places)[:3]
    assert reader.drawn_by_map, "a new map with nothing chosen has nothing for Python to draw or close"
    reader.follow_click(1, first)
    assert reader.drawn_by_map, "storymap.js drew the halo as it showed the card"
    reader.follow_click(2, "atlantis")
    assert reader.selection == (first,)
    assert reader.drawn_by_map, "a click on nothing known changes nothing"
    reader.select([second])
    assert not reader.drawn_by_map, "a choice outside the map is Python's to draw"
    reader.follow_click(3, third)
    assert reader.drawn_by_map
    session[MAP_SCOPE] = ALL_REPORTS
    reader.session_map(lambda mapped, hidden: object())
    assert reader.selection == (third,)
    assert not reader.drawn_by_map, "a new map has drawn nothing"
    reader.follow_click(4, first)
    reader.clear()
    assert not reader.drawn_by_map
