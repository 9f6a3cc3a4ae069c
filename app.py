"""The Shusha Declaration, on a map: ``streamlit run app.py [-- --seeds DIR --layers DIR]``.

One selection (a tuple of place ids in ``st.session_state``) ties the page
together: a click on the map, a mention in the article, a clause, the places
list or a link (``?place=shusha``) sets it, and the map, the context panel,
the article and the URL all follow it.
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
from geo.measures import measure
from geo.offline import offline_html
from geo.panel import PANEL_CSS, place_html, places_overview_html, report_label, sources_html
from geo.permalink import permalink_params, read_permalink, read_report_link, report_params, switchable_layers
from geo.reading import article_html, clauses, marked_segments
from geo.reports import written_date
from geo.search import find_places
from geo.story import ReportView, Story
from geo.timeline import CHOSEN, timeline_rows, timeline_spec, undated

STATIC_DIR = Path(__file__).resolve().parent / "static"
COMPONENT_DIR = Path(__file__).resolve().parent / "geo" / "static"
# static/ as Streamlit serves it (server.enableStaticServing), relative to the
# map component's iframe so that it also works under server.baseUrlPath
STATIC_URL = "../../app/static"
MAP_HEIGHT = 560
# the places list shows this many per layer until the reader narrows it
LIST_LIMIT = 25
# session_state keys
SELECTION = "selection"
# the request to frame the selection on the map, or None when the map stays put
FRAME_REQUEST = "frame request"
VISIBLE = "visible layers"
MAP_CLICKS = "map clicks"
# the layers st_folium last reported switched on
MAP_LAYERS = "map layers"
FOLIUM_MAP = "folium map"
# the query parameters the app has accounted for: the ones it last wrote or
# followed, or the ones a choice was made under. Other ones on a full run are
# a URL the reader navigated to (Back, Forward), and they win
LINK = "link"
# what the link got wrong, shown until the reader chooses something
LINK_PROBLEMS = "link problems"
# the file name of the report shown beside the map (the report picker's key)
REPORT = "report"
# whether the map shows the places of the chosen report or of all reports
MAP_SCOPE = "map scope"
THIS_REPORT, ALL_REPORTS = "This report's places", "All reports' places"
# the report and scope the map was built for (view_key), so that choosing others rebuilds it
MAPPED = "mapped"
# the report and scope the whole page was last drawn for: the picker reruns only its fragment
PAGE_VIEW = "page view"
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
def article_component():
    """The article beside the map: geo/static/article.js, registered once per server."""
    return st.components.v2.component(
        "shusha_article",
        js=(COMPONENT_DIR / "article.js").read_text(encoding="utf-8"),
        css=(COMPONENT_DIR / "article.css").read_text(encoding="utf-8"),
    )


def session_map(view: ReportView) -> folium.Map:
    """This session's map of the view shown, built once per view and handed to st_folium on every run.

    st_folium changes the map it draws, so sessions must not share one.
    """
    if st.session_state.get(MAPPED) != view_key(view):
        st.session_state.pop(FOLIUM_MAP, None)
    st.session_state[MAPPED] = view_key(view)
    if FOLIUM_MAP not in st.session_state:
        # the layers the reader (or a link) switched off start off
        hidden = frozenset(switchable_layers(view.story)) - set(st.session_state[VISIBLE])
        fmap = build_map(view, static_url=STATIC_URL, hidden_layers=hidden)
        st.session_state[FOLIUM_MAP] = streamlit_map.prepare(fmap)
    return st.session_state[FOLIUM_MAP]


def select(place_ids: Sequence[str], view: ReportView, *, frame: bool = True) -> None:
    """Make ``place_ids`` the selection, those of them drawn; ``frame`` moves the map to show them."""
    chosen = tuple(place_id for place_id in place_ids if place_id in view.places)
    if not chosen:
        return
    st.session_state[SELECTION] = chosen
    st.session_state[FRAME_REQUEST] = streamlit_map.new_frame_request() if frame else None
    chose_here()


def clear_selection() -> None:
    """Back to the overview: nothing selected, the map where the reader left it."""
    st.session_state[SELECTION] = ()
    st.session_state[FRAME_REQUEST] = None
    chose_here()


def chose_here() -> None:
    """The reader chose on the page: the choice wins over the URL this run came with.

    A run that a choice starts may carry the URL from before the previous
    choice's was written (the page sent it too soon): that is no navigation.
    """
    st.session_state[LINK] = link_params()
    st.session_state[LINK_PROBLEMS] = ()


def link_params() -> dict[str, str]:
    """The URL's query parameters; a repeated one (``?place=shusha&place=kars``) joined by commas."""
    return {key: ",".join(st.query_params.get_all(key)) for key in st.query_params}


def follow_link(story: Story) -> None:
    """Take the selection and the layers from the URL on the first run, and when the reader navigated.

    Writing ``st.query_params`` adds a history entry; Back reruns the whole
    app with the older URL while the session keeps its newer state, so a URL
    the app has not accounted for is followed, not overwritten. Choices on
    the map and in the article rerun only ``show_reading``, which never
    follows the URL: their runs may come with one that is out of date.
    """
    params = link_params()
    if SELECTION in st.session_state and params == st.session_state[LINK]:
        return
    link = read_permalink(params, story)
    report, report_problems = read_report_link(params, story)
    if story.reports:
        st.session_state[REPORT] = report or story.newest.source
    visible = tuple(i for i in switchable_layers(story) if i not in link.hidden_layers)
    if visible != st.session_state.get(VISIBLE):
        # the map shows other layers than the link asks for: build it again with these
        st.session_state.pop(FOLIUM_MAP, None)
    st.session_state[VISIBLE] = visible
    clear_selection()
    select(link.places, current_view(story))
    st.session_state[LINK_PROBLEMS] = (*link.problems, *report_problems)
    st.session_state[LINK] = params


def keep_link(story: Story) -> None:
    """Make the URL carry the selection and the visible layers."""
    wanted = permalink_params(st.session_state[SELECTION], st.session_state[VISIBLE], story)
    wanted |= report_params(st.session_state.get(REPORT), story)
    if link_params() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LINK] = wanted


def follow_map(view: ReportView) -> None:
    """A click on a place selects it; a switched layer changes the visible ones.

    st_folium has already stored what the map reported under "map" when this
    run starts. A layer this map lacks keeps the reader's last choice for it.
    """
    state = st.session_state.get("map") or {}
    click = streamlit_map.new_click(state, st.session_state.get(MAP_CLICKS))
    if click:
        st.session_state[MAP_CLICKS], place_id = click
        # the place is in view already: the map stays where the reader put it
        select([place_id] if place_id else [], view, frame=False)
    # only a new report: the one kept from before a link was followed is stale
    visible = streamlit_map.visible_layers(state)
    if visible is not None and visible != st.session_state.get(MAP_LAYERS):
        st.session_state[MAP_LAYERS] = visible
        on_map, before = set(switchable_layers(view)), set(st.session_state[VISIBLE])
        st.session_state[VISIBLE] = tuple(
            i for i in switchable_layers(view.story) if (i in visible if i in on_map else i in before)
        )


def show_map(fmap: folium.Map, view: ReportView) -> None:
    """The map, with the selection drawn over it and framed without a remount."""
    selected = [view.places[place_id] for place_id in st.session_state[SELECTION]]
    frame_request = st.session_state.get(FRAME_REQUEST)
    streamlit_map.show(fmap, selected, frame_request=frame_request, key="map", height=MAP_HEIGHT)


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


def show_context(view: ReportView) -> None:
    """The selected places, each with its names, measures and quotes."""
    for problem in st.session_state[LINK_PROBLEMS]:
        st.warning(markdown_literal(problem))
    selected = [view.places[place_id] for place_id in st.session_state[SELECTION]]
    if not selected:
        st.html(places_overview_html(view))
        return
    # Esc works where there is a keyboard: said in the tooltip, which a phone never shows
    st.button(
        "Back to the overview", key="clear", on_click=clear_selection, icon=":material/close:", help="Esc"
    )
    reports = {report.source: report for report in view.reports}
    panels = [place_html(p, view.layer_title(p.layer), measure(p, view), reports) for p in selected]
    st.html("".join(panels))


def on_article_place(view: ReportView) -> None:
    chosen = st.session_state["article"]["place"]
    if isinstance(chosen, str):
        select([chosen], view)


def on_article_escape() -> None:
    if st.session_state["article"]["escape"]:
        clear_selection()


def show_article(view: ReportView) -> None:
    """The whole report shown; its mentions select places, its marked sentences follow the selection."""
    if view.article is None:
        return
    st.subheader("The report" if view.several_reports else "The article")
    selected = st.session_state[SELECTION]
    article_component()(
        key="article",
        data={
            "html": article_html(view),
            "selected": list(selected),
            "marked": marked_segments(view, selected),
            # a new number each time a choice moves the map: the page brings it into view
            "frame": st.session_state[FRAME_REQUEST],
        },
        on_place_change=partial(on_article_place, view),
        on_escape_change=on_article_escape,
    )


def show_clauses(view: ReportView) -> None:
    """The declaration's clauses; choosing one selects the places it names."""
    found = clauses(view)
    if not found:
        return
    st.subheader("What the declaration entails")
    for number, clause in enumerate(found, start=1):
        st.markdown(f"**{number}\\.** {markdown_literal(clause.text)}")
        if clause.place_ids:
            names = ", ".join(view.places[place_id].name for place_id in clause.place_ids)
            st.button(
                markdown_literal(f"Show on the map: {names}"),
                key=f"clause {clause.start}",
                on_click=select,
                args=(clause.place_ids, view),
            )


def show_places_list(view: ReportView) -> None:
    """Every place drawn, by layer, filtered by any of its names; choosing one selects and frames it."""
    st.header("Places")
    query = st.text_input("Find a place by any of its names", key="find", placeholder="Shushi, Şuşa, Füzuli…")
    found = find_places(view, query)
    if not view.places:
        st.caption("No layer with places could be read.")
    elif not found:
        st.caption(markdown_literal(f"No place is called anything like “{query}”."))
    for layer in view.layers:
        places = [place for place in found if place.layer == layer.id]
        if not places:
            continue
        st.subheader(markdown_literal(view.layer_title(layer.id)))
        for place in places[:LIST_LIMIT]:
            label = place.name + (f" · {', '.join(place.aliases)}" if place.aliases else "")
            st.button(
                markdown_literal(label),
                key=f"place {place.id}",
                on_click=select,
                args=((place.id,), view),
                use_container_width=True,
            )
        if len(places) > LIST_LIMIT:
            st.caption(f"… and {len(places) - LIST_LIMIT} more: type a name to find them")


def show_downloads(view: ReportView) -> None:
    """The export and the offline map of the view shown, made only when the reader asks for them."""
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


def chosen_report(story: Story) -> str | None:
    """The file name of the report shown beside the map: the newest unless one was chosen."""
    chosen = st.session_state.get(REPORT)
    if story.has_report(chosen):
        return chosen
    return story.newest.source if story.newest else None


def current_view(story: Story) -> ReportView:
    """What the page shows: the chosen report, and its places or every report's on the map."""
    every_report = st.session_state.get(MAP_SCOPE, THIS_REPORT) == ALL_REPORTS
    return story.view(chosen_report(story), every_report=every_report)


def view_key(view: ReportView) -> tuple[str | None, bool]:
    return (view.report.source if view.report else None, view.every_report)


def keep_selection_drawn(view: ReportView) -> None:
    """Let go of selected places the view does not draw (another report was chosen)."""
    drawn = tuple(place_id for place_id in st.session_state[SELECTION] if place_id in view.places)
    if drawn != st.session_state[SELECTION]:
        st.session_state[SELECTION] = drawn


def show_report_picker(story: Story) -> None:
    """Which report is shown, newest first, and whose places the map draws."""
    if len(story.reports) < 2:
        return
    labels = {report.source: report_label(report) for report in story.newest_first}
    st.session_state[REPORT] = chosen_report(story)
    picker, scope = st.columns([3, 2], gap="small", vertical_alignment="bottom")
    picker.selectbox("Report", list(labels), format_func=labels.__getitem__, key=REPORT)
    scope.radio("The map shows", (THIS_REPORT, ALL_REPORTS), key=MAP_SCOPE, horizontal=True)
    if st.session_state.get(PAGE_VIEW) != view_key(current_view(story)):
        # these widgets rerun only their fragment: the header, the timeline and the
        # clauses outside it follow the report too
        st.rerun(scope="app")


@st.cache_resource
def timeline_data(_story: Story, inputs: str, shown: str | None) -> pd.DataFrame:
    """The dated reports as the timeline draws them; made once per story (``inputs``) and report shown."""
    columns = ["source", "date", "written", "title", "places", "shown"]
    return pd.DataFrame(timeline_rows(_story, shown), columns=columns)


def timeline_key(story: Story) -> str:
    return f"{TIMELINE} {chosen_report(story)}"


def follow_timeline(story: Story) -> None:
    """A report chosen on the timeline is shown: read before the page is drawn, so all of it follows."""
    event = st.session_state.get(timeline_key(story)) or {}
    picked = [point.get("source") for point in (event.get("selection") or {}).get(CHOSEN, [])]
    if picked and story.has_report(picked[0]):
        st.session_state[REPORT] = picked[0]


def show_timeline(story: Story, inputs: str) -> None:
    """The reports by date, the one shown marked; choosing one on the line shows it."""
    if len(story.reports) < 2:
        return
    shown = chosen_report(story)
    data = timeline_data(story, inputs, shown)
    st.vega_lite_chart(data, timeline_spec(), on_select="rerun", key=timeline_key(story), width="stretch")
    missing = undated(story)
    if missing:
        names = "; ".join(report.title.rstrip(".") for report in missing)
        st.caption(
            markdown_literal(
                f"Not on the timeline, as {'it has' if len(missing) == 1 else 'they have'} no date line: "
                f"{names}. Choose {'it' if len(missing) == 1 else 'them'} under Report."
            )
        )


@st.fragment
def show_reading(story: Story) -> None:
    """Everything that follows the selection, rerun alone when the reader chooses a place.

    A click on the map or in the article reruns only this part: the header,
    the clauses, the places list and the downloads stay as they are.
    """
    # the picker above the map, within reach on a phone too
    show_report_picker(story)
    view = current_view(story)
    keep_selection_drawn(view)
    fmap = session_map(view)
    follow_map(view)
    # the article beside the map, the context under it; on a phone the
    # columns stack: the map, then the context, then the article
    map_column, article_column = st.columns([3, 2], gap="medium")
    with map_column:
        show_map(fmap, view)
        show_context(view)
    with article_column:
        show_article(view)
    keep_link(story)


def main() -> None:
    st.set_page_config(page_title="Shusha Declaration map", page_icon="🗺️", layout="wide")
    # the panels' style, once for the page: a stylesheet added on every click
    # would make the browser restyle the whole page each time
    st.html(PANEL_CSS)
    show_skip_link()
    args, unknown = parse_args(sys.argv[1:])
    seeds_dir, layers_dir = str(args.seeds), str(args.layers)
    story = cached_story(seeds_dir, layers_dir)
    follow_link(story)
    follow_timeline(story)
    view = current_view(story)
    st.session_state[PAGE_VIEW] = view_key(view)
    show_header(view)
    if unknown:
        st.warning(markdown_literal(f"Ignored arguments: {' '.join(unknown)} (use --seeds DIR --layers DIR)"))
    try:
        published_assets()
    except OSError as error:
        st.error(markdown_literal(f"Cannot serve Leaflet from {STATIC_DIR}: {error}"))
    show_timeline(story, f"{seeds_dir} {layers_dir}")
    show_reading(story)
    # the clauses of the report shown: quote offsets are only comparable within one report
    show_clauses(view)
    with st.sidebar:
        show_places_list(view)
        show_downloads(view)
    with st.expander("Where the layers come from"):
        st.html(sources_html(story.layers))


main()
