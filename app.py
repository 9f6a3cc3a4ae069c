"""The Shusha Declaration, on a map: ``streamlit run app.py [-- --seeds DIR --layers DIR]``.

Wiring only. One selection ties the page together: a click on the map, a
mention in the article, a clause, the places list or a link
(``?place=shusha``) sets it, and the map, the context panel, the article and
the URL all follow it. The reader's state, and how it follows links and
choices, is geo/reader.py; the map component is streamlit_map.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import folium
import pandas as pd
import streamlit as st

import streamlit_map
from geo import assets, io
from geo.escape import markdown_literal
from geo.export import geojson_text
from geo.maps import build_map
from geo.measures import Measures, measure
from geo.offline import offline_html
from geo.panel import PANEL_CSS, place_html, places_overview_html, report_label, sources_html
from geo.places_list import places_list_html
from geo.reader import ALL_REPORTS, MAP_SCOPE, REPORT, THIS_REPORT, Reader
from geo.reading import article_html, clauses_html, marked_segments
from geo.reports import written_date
from geo.story import ReportView, Story
from geo.timeline import CHOSEN, timeline_rows, timeline_spec, undated

APP_DIR = Path(__file__).resolve().parent
STATIC_DIR = APP_DIR / "static"
# the page's own browser code: the article, the buttons that choose places, and the looks
# aimed at Streamlit's page
PAGE_DIR = APP_DIR / "page"
MAP_HEIGHT = 620
# widget keys; the reader's state has its own (geo/reader.py), the map its own (streamlit_map.KEY)
ARTICLE = "article"
PLACES = "places"
CLAUSES = "clauses"
# the timeline's key, with the shown report's file name after it: a new chart for each report
# shown, so that a click on any report's mark (the one chosen before too) always counts
TIMELINE = "timeline"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The input folders, and any arguments that were not understood."""
    parser = argparse.ArgumentParser(prog="streamlit run app.py --")
    parser.add_argument("--seeds", type=Path, default=io.SEEDS_DIR)
    parser.add_argument("--layers", type=Path, default=io.LAYERS_DIR)
    return parser.parse_known_args(argv)


@st.cache_resource(show_spinner="Reading the article and the layers…")
def cached_story(seeds_dir: str, layers_dir: str) -> Story:
    return io.load_story(Path(seeds_dir), Path(layers_dir))


@st.cache_resource
def published_assets() -> Path:
    """Leaflet, its plugin and our map script copied where Streamlit serves them, once per server."""
    return assets.publish(STATIC_DIR)


@st.cache_resource
def page_component(name: str):
    """page/NAME.js and page/NAME.css as a Streamlit v2 component, registered once per server.

    ``article``: the report beside the map; ``places``: buttons that choose
    places, the sidebar's list and the clauses.
    """
    return st.components.v2.component(
        f"shusha_{name}",
        js=(PAGE_DIR / f"{name}.js").read_text(encoding="utf-8"),
        css=(PAGE_DIR / f"{name}.css").read_text(encoding="utf-8"),
    )


def reader(story: Story) -> Reader:
    """The reader's state in this session, under the URL this run or callback came with."""
    return Reader(st.session_state, story, link_params())


def link_params() -> dict[str, str]:
    """The URL's query parameters; a repeated one (``?place=shusha&place=kars``) joined by commas."""
    return {key: ",".join(st.query_params.get_all(key)) for key in st.query_params}


def select(story: Story, place_ids: Sequence[str]) -> None:
    reader(story).select(place_ids)


def clear(story: Story) -> None:
    reader(story).clear()


@st.cache_resource(max_entries=32)
def prepared_map(
    _view: ReportView, inputs: str, view_key: tuple[str | None, bool], hidden: frozenset[str]
) -> folium.Map:
    """The map of a view with ``hidden`` layers off, built once per server (0.15 s) for every session.

    ``inputs`` (the folders read) and ``view_key`` only name the cache entry: the view itself is not hashed.
    """
    return streamlit_map.prepare(build_map(_view, static_url=assets.STATIC_URL, hidden_layers=hidden))


def session_map(state: Reader, inputs: str) -> folium.Map:
    """This session's map of the view shown, kept across its runs and handed to st_folium on each.

    st_folium adds the selection to the map it draws, so each session draws its own copy.
    """
    return state.session_map(
        lambda view, hidden: streamlit_map.session_copy(prepared_map(view, inputs, view.key, hidden))
    )


def keep_link(state: Reader) -> None:
    """Make the URL carry the selection, the visible layers and the report."""
    wanted = state.keep_link()
    if link_params() != wanted:
        st.query_params.from_dict(wanted)


def follow_map(state: Reader) -> None:
    """A click on a place selects it; a switched layer changes the visible ones."""
    reported = streamlit_map.reported()
    click = streamlit_map.last_click(reported)
    if click:
        state.follow_click(*click)
    state.follow_layer_switches(streamlit_map.visible_layers(reported))


def show_map(fmap: folium.Map, state: Reader, view: ReportView) -> None:
    """The map, with the selection drawn over it and framed without a remount."""
    selected = [view.places[place_id] for place_id in state.selection]
    streamlit_map.show(
        fmap, selected, frame_request=state.frame_request, height=MAP_HEIGHT, drawn_by_map=state.drawn_by_map
    )


def show_skip_link() -> None:
    """A link that takes the keyboard to the map's first place (geo/static/article.js).

    Streamlit puts the sidebar first in the page: without ``tabindex="1"``
    the link would come after every place in the list.
    """
    st.html('<a class="story-skip-link" href="#map" tabindex="1">Skip to the map</a>')


def show_header(view: ReportView) -> None:
    """The collection's title; under it the date and headline of the report shown."""
    # no anchor link: the title is the collection's words, nothing else
    st.title(markdown_literal(view.story.title), anchor=False)
    if view.report:
        st.caption(markdown_literal(f"{written_date(view.report.date)} · {view.report.title}"))
    for problem in view.problems:
        st.error(markdown_literal(str(problem)), icon="⚠️")


@st.cache_resource(max_entries=256)
def place_measures(
    _view: ReportView, inputs: str, view_key: tuple[str | None, bool], place_id: str
) -> Measures:
    """A place's measures in a view, taken once per server for every session (the Araz 42 ms).

    ``inputs`` (the folders read) and ``view_key`` only name the cache entry: the view itself is not hashed.
    """
    return measure(_view.places[place_id], _view)


def show_context(state: Reader, view: ReportView, inputs: str) -> None:
    """The selected places, each with its names, measures and quotes."""
    for problem in state.link_problems:
        st.warning(markdown_literal(problem))
    selected = [view.places[place_id] for place_id in state.selection]
    if not selected:
        st.html(places_overview_html(view))
        return
    # Esc works where there is a keyboard: said in the tooltip, which a phone never shows
    st.button(
        "Back to the overview",
        key="clear",
        on_click=clear,
        args=(view.story,),
        icon=":material/close:",
        help="Esc",
    )
    reports = {report.source: report for report in view.reports}
    panels = [
        place_html(p, view.layer_title(p.layer), place_measures(view, inputs, view.key, p.id), reports)
        for p in selected
    ]
    st.html("".join(panels))


def on_article_place(story: Story) -> None:
    chosen = st.session_state[ARTICLE]["place"]
    if isinstance(chosen, str):
        select(story, [chosen])


def on_article_escape(story: Story) -> None:
    if st.session_state[ARTICLE]["escape"]:
        clear(story)


def show_article(view: ReportView, state: Reader) -> None:
    """The whole report shown; its mentions select places, its marked sentences follow the selection."""
    if view.article is None:
        return
    st.subheader("The report" if view.several_reports else "The article")
    page_component("article")(
        key=ARTICLE,
        data={
            "html": article_html(view),
            "selected": list(state.selection),
            "marked": marked_segments(view, state.selection),
            # a new number each time a choice moves the map: the page brings it into view
            "frame": state.frame_request,
        },
        on_place_change=partial(on_article_place, view.story),
        on_escape_change=partial(on_article_escape, view.story),
    )


def on_chosen_places(story: Story, key: str) -> None:
    """A button of the places list or of a clause (page/places.js) was pressed: select its places."""
    select(story, st.session_state[key]["places"])


def show_clauses(view: ReportView) -> None:
    """The declaration's clauses; choosing one selects the places it names."""
    html = clauses_html(view)
    if not html:
        return
    st.subheader("What the declaration entails")
    page_component("places")(
        key=CLAUSES,
        data={"html": html},
        on_places_change=partial(on_chosen_places, view.story, CLAUSES),
    )


@st.cache_resource(max_entries=32)
def places_list(_view: ReportView, inputs: str, view_key: tuple[str | None, bool]) -> str:
    """The places list of a view, built once per server for every session (16 ms with 1,000 places).

    ``inputs`` (the folders read) and ``view_key`` only name the cache entry: the view itself is not hashed.
    """
    return places_list_html(_view)


def show_places_list(view: ReportView, inputs: str) -> None:
    """Every place by layer, narrowed by any of its names as the reader types; choosing one selects it."""
    st.header("Places")
    page_component("places")(
        key=PLACES,
        data={"html": places_list(view, inputs, view.key)},
        on_places_change=partial(on_chosen_places, view.story, PLACES),
    )


def show_downloads(view: ReportView) -> None:
    """The export and the offline map, made only when the reader asks for them."""
    st.header("Downloads")
    st.download_button(
        "Every place as GeoJSON",
        data=partial(geojson_text, view),
        file_name="shusha-declaration.geojson",
        mime="application/geo+json",
        on_click="ignore",
    )
    st.download_button(
        "The map as one HTML file (works offline)",
        data=partial(offline_html, view),
        file_name="shusha-declaration-map.html",
        mime="text/html",
        on_click="ignore",
    )


def show_report_picker(state: Reader) -> None:
    """Which report is shown (newest first), and whose places the map draws."""
    story = state.story
    if len(story.reports) < 2:
        return
    labels = {report.source: report_label(report) for report in story.newest_first}
    # the picker shows the report the state holds, even one a link or the timeline chose
    st.session_state[REPORT] = state.report
    picker, scope = st.columns([3, 2], gap="small", vertical_alignment="bottom")
    picker.selectbox("Report", list(labels), format_func=labels.__getitem__, key=REPORT)
    scope.radio("The map shows", (THIS_REPORT, ALL_REPORTS), key=MAP_SCOPE, horizontal=True)
    if state.page_out_of_date():
        # these widgets rerun only their fragment: the header, the timeline and
        # the places list outside it follow the report too
        st.rerun(scope="app")


@st.cache_resource
def timeline_data(_story: Story, inputs: str, shown: str | None) -> pd.DataFrame:
    """The dated reports as the timeline draws them; made once per story (``inputs``) and report shown."""
    columns = ["source", "date", "written", "title", "places", "shown"]
    return pd.DataFrame(timeline_rows(_story, shown), columns=columns)


def follow_timeline(state: Reader) -> None:
    """A report chosen on the timeline is shown: read before the page is drawn, so all of it follows."""
    event = st.session_state.get(f"{TIMELINE} {state.report}") or {}
    picked = [point.get("source") for point in (event.get("selection") or {}).get(CHOSEN, [])]
    state.follow_timeline(picked[0] if picked else None)


def show_timeline(state: Reader, inputs: str) -> None:
    """The reports by date, the one shown marked; choosing one on the line shows it."""
    story = state.story
    if len(story.reports) < 2:
        return
    data = timeline_data(story, inputs, state.report)
    st.vega_lite_chart(
        data, timeline_spec(), on_select="rerun", key=f"{TIMELINE} {state.report}", width="stretch"
    )
    missing = undated(story)
    if missing:
        names = "; ".join(report.title.rstrip(".") for report in missing)
        one = len(missing) == 1
        st.caption(
            markdown_literal(
                f"Not on the timeline, as {'it has' if one else 'they have'} no date line: "
                f"{names}. Choose {'it' if one else 'them'} under Report."
            )
        )


@st.fragment
def show_reading(story: Story, inputs: str) -> None:
    """Everything that follows the selection and the report shown, rerun alone when the reader chooses.

    A click on the map, in the article or on a clause, or another report in
    the picker, reruns only this part: the header, the timeline, the places
    list and the downloads stay as they are.
    """
    state = reader(story)
    # the picker above the map, within reach on a phone too
    show_report_picker(state)
    state.drop_undrawn()
    fmap = session_map(state, inputs)
    follow_map(state)
    view = state.view()
    # the article beside the map, the context under it; on a phone the
    # columns stack: the map, then the context, then the article
    map_column, article_column = st.columns([2, 1], gap="medium")
    with map_column:
        show_map(fmap, state, view)
        show_context(state, view, inputs)
    with article_column:
        show_article(view, state)
    # the clauses of the report shown: quote offsets are only comparable within one report
    show_clauses(view)
    keep_link(state)


def main() -> None:
    st.set_page_config(page_title="Shusha Declaration map", page_icon="🗺️", layout="wide")
    # the page's style, once: a stylesheet added on every click would make
    # the browser restyle the whole page each time
    st.html(f"<style>{PANEL_CSS}\n{(PAGE_DIR / 'page.css').read_text(encoding='utf-8')}</style>")
    show_skip_link()
    args, unknown = parse_args(sys.argv[1:])
    seeds_dir, layers_dir = str(args.seeds), str(args.layers)
    story = cached_story(seeds_dir, layers_dir)
    state = reader(story)
    state.follow_link()
    follow_timeline(state)
    state.page_drawn()
    view = state.view()
    show_header(view)
    if unknown:
        st.warning(markdown_literal(f"Ignored arguments: {' '.join(unknown)} (use --seeds DIR --layers DIR)"))
    try:
        published_assets()
    except OSError as error:
        st.error(markdown_literal(f"Cannot serve Leaflet from {STATIC_DIR}: {error}"))
    inputs = f"{seeds_dir} {layers_dir}"
    show_timeline(state, inputs)
    show_reading(story, inputs)
    with st.sidebar:
        show_places_list(view, inputs)
        show_downloads(view)
    with st.expander("Where the layers come from"):
        st.html(sources_html(story.layers))


# streamlit run, and AppTest, run this file as __main__; an import (a test, a tool) only defines it
if __name__ == "__main__":
    main()
