"""The Shusha Declaration, on a map: ``streamlit run app.py [-- --seeds DIR --layers DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import folium
import streamlit as st
from streamlit_folium import generate_leaflet_string, st_folium

from geo import assets, io
from geo.maps import build_map, freeze, highlight_layer
from geo.panel import PANEL_CSS, markdown_literal, place_html, places_overview_html, sources_html
from geo.story import Place, Story, load_story

STATIC_DIR = Path(__file__).resolve().parent / "static"
# static/ as Streamlit serves it (server.enableStaticServing), relative to the
# map component's iframe so that it also works under server.baseUrlPath
STATIC_URL = "../../app/static"
MAP_HEIGHT = 620


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The input folders, and any arguments that were not understood."""
    parser = argparse.ArgumentParser(prog="streamlit run app.py --")
    parser.add_argument("--seeds", type=Path, default=io.SEEDS_DIR)
    parser.add_argument("--layers", type=Path, default=io.LAYERS_DIR)
    return parser.parse_known_args(argv)


@st.cache_resource(show_spinner="Reading the article and the layers…")
def cached_story(seeds_dir: str, layers_dir: str) -> Story:
    return load_story(Path(seeds_dir), Path(layers_dir))


@st.cache_resource
def published_assets() -> Path:
    """Leaflet and its plugin copied where Streamlit serves them, once per server."""
    return assets.publish(STATIC_DIR)


def session_map(story: Story, inputs: str) -> folium.Map:
    """This session's map, built once and handed to st_folium on every run.

    st_folium changes the map it draws (it renames elements and attaches
    ``feature_group_to_add``), so sessions must not share one. The map's
    script must stay identical across runs, or the component remounts and
    the reader loses the view and the layer switches.
    """
    key = f"folium map of {inputs}"
    if key not in st.session_state:
        fmap = build_map(story, static_url=STATIC_URL)
        # st_folium renames every element the first time it converts a map, so
        # convert once here: from the first run on, every run sends the same script
        generate_leaflet_string(fmap)
        st.session_state[key] = freeze(fmap)
    return st.session_state[key]


def show_map(fmap: folium.Map, selected: Place | None) -> dict[str, Any] | None:
    """The map, with the selected place drawn over it without a remount."""
    highlight = highlight_layer(selected) if selected else None
    try:
        return st_folium(
            fmap,
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
            feature_group_to_add=highlight,
            # st_folium builds its script from the map, not from the whole page:
            # rendering the page as well would only cost every run time
            render=False,
        )
    finally:
        if highlight is not None:
            # st_folium adds the group to the map for good; left there, it would
            # change the map's script on the next run
            fmap._children.pop(highlight.get_name(), None)


def selected_place(state: dict[str, Any] | None, story: Story) -> Place | None:
    """The place the reader clicked, looked up by id in our own records."""
    drawing = (state or {}).get("last_active_drawing") or {}
    place_id = (drawing.get("properties") or {}).get("id")
    return story.places.get(place_id) if isinstance(place_id, str) else None


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


def show_panel(place: Place | None, story: Story) -> None:
    if place is None:
        st.html(PANEL_CSS + places_overview_html(story))
    else:
        st.html(PANEL_CSS + place_html(place, story.layer(place.layer).title))


def main() -> None:
    st.set_page_config(page_title="Shusha Declaration map", page_icon="🗺️", layout="wide")
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
    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        # st_folium's on_change has already stored this run's click under "map"
        clicked = selected_place(st.session_state.get("map"), story)
        state = show_map(session_map(story, f"{seeds_dir} {layers_dir}"), clicked)
    with panel_column:
        show_panel(selected_place(state, story), story)
    with st.expander("Where the layers come from"):
        st.html(PANEL_CSS + sources_html(story.layers))


main()
