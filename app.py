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
from geo.search import find_places
from geo.story import Story
from geo.timeline import CHOSEN, timeline_rows, timeline_spec

STATIC_DIR = Path(__file__).resolve().parent / "static"
COMPONENT_DIR = Path(__file__).resolve().parent / "geo" / "static"
# static/ as Streamlit serves it (server.enableStaticServing), relative to the
# map component's iframe so that it also works under server.baseUrlPath
STATIC_URL = "../../app/static"
MAP_HEIGHT = 620
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
# the scope and report the map was built for (map_wanted), so that choosing others rebuilds it
MAPPED = "mapped"
TIMELINE = "timeline"
# the report last chosen on the timeline: the chart keeps reporting it on every run
TIMELINE_SEEN = "timeline seen"


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


def session_map(story: Story) -> folium.Map:
    """This session's map, built once and handed to st_folium on every run.

    st_folium changes the map it draws, so sessions must not share one.
    """
    if FOLIUM_MAP not in st.session_state:
        # the layers a link switched off start off
        hidden = frozenset(switchable_layers(story)) - set(st.session_state[VISIBLE])
        fmap = build_map(story, static_url=STATIC_URL, hidden_layers=hidden)
        st.session_state[FOLIUM_MAP] = streamlit_map.prepare(fmap)
    return st.session_state[FOLIUM_MAP]


def select(place_ids: Sequence[str], story: Story, *, frame: bool = True) -> None:
    """Make ``place_ids`` the selection; ``frame`` moves the map to show them."""
    chosen = tuple(place_id for place_id in place_ids if place_id in story.places)
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
    st.session_state[LINK] = st.query_params.to_dict()
    st.session_state[LINK_PROBLEMS] = ()


def follow_link(story: Story) -> None:
    """Take the selection and the layers from the URL on the first run, and when the reader navigated.

    Writing ``st.query_params`` adds a history entry; Back reruns the whole
    app with the older URL while the session keeps its newer state, so a URL
    the app has not accounted for is followed, not overwritten. Choices on
    the map and in the article rerun only ``show_reading``, which never
    follows the URL: their runs may come with one that is out of date.
    """
    params = st.query_params.to_dict()
    if SELECTION in st.session_state and params == st.session_state[LINK]:
        return
    link = read_permalink(params, story)
    report, report_problems = read_report_link(params, story)
    if story.reports:
        st.session_state[REPORT] = report or story.reports[0].source
    visible = tuple(i for i in switchable_layers(story) if i not in link.hidden_layers)
    if visible != st.session_state.get(VISIBLE):
        # the map shows other layers than the link asks for: build it again with these
        st.session_state.pop(FOLIUM_MAP, None)
    st.session_state[VISIBLE] = visible
    clear_selection()
    select(link.places, story)
    st.session_state[LINK_PROBLEMS] = (*link.problems, *report_problems)
    st.session_state[LINK] = params


def keep_link(story: Story) -> None:
    """Make the URL carry the selection and the visible layers."""
    wanted = permalink_params(st.session_state[SELECTION], st.session_state[VISIBLE], story)
    wanted |= report_params(st.session_state.get(REPORT), story)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LINK] = wanted


def follow_map(story: Story) -> None:
    """A click on a place selects it; a switched layer changes the visible ones.

    st_folium has already stored what the map reported under "map" when this
    run starts.
    """
    state = st.session_state.get("map") or {}
    click = streamlit_map.new_click(state, st.session_state.get(MAP_CLICKS))
    if click:
        st.session_state[MAP_CLICKS], place_id = click
        # the place is in view already: the map stays where the reader put it
        select([place_id] if place_id else [], story, frame=False)
    # only a new report: the one kept from before a link was followed is stale
    visible = streamlit_map.visible_layers(state)
    if visible is not None and visible != st.session_state.get(MAP_LAYERS):
        st.session_state[MAP_LAYERS] = visible
        st.session_state[VISIBLE] = tuple(i for i in switchable_layers(story) if i in visible)


def show_map(fmap: folium.Map, story: Story) -> None:
    """The map, with the selection drawn over it and framed without a remount."""
    selected = [story.places[place_id] for place_id in st.session_state[SELECTION]]
    frame_request = st.session_state.get(FRAME_REQUEST)
    streamlit_map.show(fmap, selected, frame_request=frame_request, key="map", height=MAP_HEIGHT)


def show_skip_link() -> None:
    """A link that takes the keyboard to the map's first place (geo/static/article.js).

    Streamlit puts the sidebar first in the page: without ``tabindex="1"``
    the link would come after every place in the list.
    """
    st.html('<a class="story-skip-link" href="#map" tabindex="1">Skip to the map</a>')


def show_header(story: Story) -> None:
    st.title("The Shusha Declaration, on a map")
    if story.article:
        st.caption(
            markdown_literal(
                f"Report dated {story.article.date or 'unknown'} on the declaration signed by "
                f"Azerbaijan and Turkey in Shusha · source file {story.article.source}"
            )
        )
    for problem in story.problems:
        st.error(markdown_literal(str(problem)), icon="⚠️")


def show_context(story: Story) -> None:
    """The selected places, each with its names, measures and quotes."""
    for problem in st.session_state[LINK_PROBLEMS]:
        st.warning(markdown_literal(problem))
    selected = [story.places[place_id] for place_id in st.session_state[SELECTION]]
    if not selected:
        st.html(places_overview_html(story))
        return
    st.button("Back to the overview (Esc)", key="clear", on_click=clear_selection, icon=":material/close:")
    reports = {report.source: report for report in story.reports}
    panels = [place_html(p, story.layer(p.layer).title, measure(p, story), reports) for p in selected]
    st.html("".join(panels))


def on_article_place(story: Story) -> None:
    chosen = st.session_state["article"]["place"]
    if isinstance(chosen, str):
        select([chosen], story)


def on_article_escape() -> None:
    if st.session_state["article"]["escape"]:
        clear_selection()


def show_article(story: Story) -> None:
    """The whole article; its mentions select places, its marked sentences follow the selection."""
    if story.article is None:
        return
    st.subheader("The article")
    selected = st.session_state[SELECTION]
    article_component()(
        key="article",
        data={
            "html": article_html(story),
            "selected": list(selected),
            "marked": marked_segments(story, selected),
            # a new number each time a choice moves the map: the page brings it into view
            "frame": st.session_state[FRAME_REQUEST],
        },
        on_place_change=partial(on_article_place, story),
        on_escape_change=on_article_escape,
    )


def show_clauses(story: Story) -> None:
    """The declaration's clauses; choosing one selects the places it names."""
    found = clauses(story)
    if not found:
        return
    st.subheader("What the declaration entails")
    for number, clause in enumerate(found, start=1):
        st.markdown(f"**{number}\\.** {markdown_literal(clause.text)}")
        if clause.place_ids:
            names = ", ".join(story.places[place_id].name for place_id in clause.place_ids)
            st.button(
                markdown_literal(f"Show on the map: {names}"),
                key=f"clause {clause.start}",
                on_click=select,
                args=(clause.place_ids, story),
            )


def show_places_list(story: Story) -> None:
    """Every place by layer, filtered by any of its names; choosing one selects and frames it."""
    st.header("Places")
    query = st.text_input("Find a place by any of its names", key="find", placeholder="Shushi, Şuşa, Füzuli…")
    found = find_places(story, query)
    if not story.places:
        st.caption("No layer with places could be read.")
    elif not found:
        st.caption(markdown_literal(f"No place is called anything like “{query}”."))
    for layer in story.layers:
        places = [place for place in found if place.layer == layer.id]
        if not places:
            continue
        st.subheader(markdown_literal(layer.title))
        for place in places[:LIST_LIMIT]:
            label = place.name + (f" · {', '.join(place.aliases)}" if place.aliases else "")
            st.button(
                markdown_literal(label),
                key=f"place {place.id}",
                on_click=select,
                args=((place.id,), story),
                use_container_width=True,
            )
        if len(places) > LIST_LIMIT:
            st.caption(f"… and {len(places) - LIST_LIMIT} more: type a name to find them")


def show_downloads(story: Story) -> None:
    """The export and the offline map, made only when the reader asks for them."""
    st.header("Downloads")
    st.download_button(
        "Every place as GeoJSON",
        data=partial(geojson_text, story),
        file_name="shusha-declaration.geojson",
        mime="application/geo+json",
        on_click="ignore",
    )
    st.download_button(
        "The map as one HTML file (works offline)",
        data=partial(offline_html, story),
        file_name="shusha-declaration-map.html",
        mime="text/html",
        on_click="ignore",
    )


def chosen_report(story: Story) -> str | None:
    """The file name of the report shown beside the map; None when there is none."""
    chosen = st.session_state.get(REPORT)
    if story.has_report(chosen):
        return chosen
    return story.reports[0].source if story.reports else None


def reading_view(story: Story) -> Story:
    """The story as the chosen report tells it: its text, its mentions linked."""
    source = chosen_report(story)
    return story.for_report(source) if source and len(story.reports) > 1 else story


def map_wanted(story: Story) -> tuple[str, str | None]:
    """The map's scope, and the report whose places it shows (None: every report's)."""
    scope = st.session_state.get(MAP_SCOPE, THIS_REPORT)
    report = chosen_report(story) if scope == THIS_REPORT and len(story.reports) > 1 else None
    return scope, report


def mapped_story(story: Story) -> Story:
    """What the map shows: the chosen report's places, or every report's.

    A session keeps one map: the one built for other places is let go (see ``session_map``).
    """
    wanted = map_wanted(story)
    if st.session_state.get(MAPPED, wanted) != wanted:
        st.session_state.pop(FOLIUM_MAP, None)
    st.session_state[MAPPED] = wanted
    return story.mapped_for(wanted[1])


def show_report_picker(story: Story) -> None:
    """Which report is shown beside the map: date and title, oldest first."""
    if len(story.reports) < 2:
        return
    labels = {report.source: report_label(report) for report in story.reports}
    st.session_state[REPORT] = chosen_report(story)
    st.selectbox("Report", list(labels), format_func=labels.__getitem__, key=REPORT)
    st.radio("The map shows", (THIS_REPORT, ALL_REPORTS), key=MAP_SCOPE, horizontal=True)
    if st.session_state.get(MAPPED) != map_wanted(story):
        # these widgets rerun only their fragment, and the map holds other places than they
        # ask for: the whole page reruns to build the map they want
        st.rerun(scope="app")


@st.cache_resource
def timeline_data(_story: Story, inputs: str) -> pd.DataFrame:
    """The dated reports as the timeline draws them; made once per story (``inputs``)."""
    return pd.DataFrame(timeline_rows(_story), columns=["source", "date", "title", "places"])


def show_timeline(story: Story, inputs: str) -> None:
    """The reports by date; choosing one on the line shows it beside the map."""
    if len(story.reports) < 2:
        return
    event = st.vega_lite_chart(
        timeline_data(story, inputs), timeline_spec(), on_select="rerun", key=TIMELINE, width="stretch"
    )
    picked = [point.get("source") for point in (event.get("selection") or {}).get(CHOSEN, [])]
    if picked and picked[0] != st.session_state.get(TIMELINE_SEEN):
        st.session_state[TIMELINE_SEEN] = picked[0]
        if story.has_report(picked[0]):
            st.session_state[REPORT] = picked[0]


@st.fragment
def show_reading(story: Story) -> None:
    """Everything that follows the selection, rerun alone when the reader chooses a place.

    A click on the map or in the article reruns only this part: the header,
    the clauses, the places list and the downloads stay as they are.
    """
    fmap = session_map(mapped_story(story))
    follow_map(story)
    # the article beside the map, the context under it; on a phone the
    # columns stack: the map, then the context, then the article
    map_column, article_column = st.columns([2, 1], gap="medium")
    with map_column:
        show_map(fmap, story)
        show_context(story)
    with article_column:
        show_report_picker(story)
        show_article(reading_view(story))
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
    show_header(story)
    if unknown:
        st.warning(markdown_literal(f"Ignored arguments: {' '.join(unknown)} (use --seeds DIR --layers DIR)"))
    try:
        published_assets()
    except OSError as error:
        st.error(markdown_literal(f"Cannot serve Leaflet from {STATIC_DIR}: {error}"))
    follow_link(story)
    show_timeline(story, f"{seeds_dir} {layers_dir}")
    show_reading(story)
    # the clauses of the report shown: quote offsets are only comparable within one report
    show_clauses(reading_view(story))
    with st.sidebar:
        show_places_list(story)
        show_downloads(story)
    with st.expander("Where the layers come from"):
        st.html(sources_html(story.layers))


main()
