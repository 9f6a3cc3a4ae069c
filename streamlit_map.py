"""The story's folium map inside Streamlit, through streamlit-folium's ``st_folium``.

Everything here exists because of st_folium, and relies on parts of it that
are not its documented API (tested in tests/test_streamlit_map.py, pinned to
streamlit-folium 0.27.4 in requirements.txt):

- it renames every element the first time it converts a map, and re-renders
  the whole map on every run: ``prepare`` converts once and freezes the result,
  which sessions then share (``session_copy``);
- ``feature_group_to_add`` is drawn without remounting the map, and stays a
  child of the map once added: ``show`` adds the selection and takes it away;
- its ``selected_layers`` only follows layers that look like WMS layers (a
  ``_url`` and ``wmsParams.layers``): ``_LayerSwitchesToStFolium`` dresses ours so;
- what the map reports reaches Python only in the component's own widget
  state, under a key hashed from the map's script; its ``on_change`` copies it
  to ``st.session_state[KEY]`` (our key) before the run: ``reported`` reads it there;
- its ``window.initComponent``, which the map's script calls last, reports the
  map at once, and that report reran the reading for nothing:
  ``_QuietFirstReport`` keeps it from Python;
- a click reports the whole shape clicked (``layer.toGeoJSON()``) as
  ``last_active_drawing``: ``_ClicksReportThePlaceOnly`` makes it the place's id;
- it loads the map's script links one after another before it runs the
  map's script, a round trip each: ``prepare`` carries our own code in the
  map itself (``_carry_our_code``), so Leaflet is the only link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import folium
import jinja2
import streamlit as st
from streamlit_folium import generate_leaflet_string, st_folium

from geo import assets
from geo.escape import js_literal
from geo.maps import POINT_ZOOM, frame_bounds, highlight_layer
from geo.story import Place

# the component's key, under which st_folium's on_change leaves what the map reported
KEY = "map"
# what st_folium reports back on each run
RETURNED = ["last_active_drawing", "last_object_clicked_count", "selected_layers"]
# the indentation folium's templates put at the start of each line (never inside a string:
# the scripts hold JSON and no template literal)
_LEADING_SPACE = re.compile(r"\n[ \t]+")


class _LayerSwitchesToStFolium(folium.MacroElement):
    """Dresses our overlays (geo/static/storymap.js) so that st_folium reports their switches.

    st_folium's ``selected_layers`` names only the layers it takes for WMS layers.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.storyOverlays.forEach(function (overlay) {
            overlay.layer._url = "story-layer";
            overlay.layer.wmsParams = {layers: overlay.id};
        });
        {% endmacro %}"""
    )


class _QuietFirstReport(folium.MacroElement):
    """Keeps the map's first report from Python: it holds nothing Python does not know.

    st_folium's ``initComponent`` reports the new map at once (no click, the
    layers Python drew), and Python reran the whole reading fragment for it
    just after the page was drawn: a second run of the script, and a redraw
    of the page, for every reader who opens it. The report still becomes
    st_folium's ``previous_data``, which later reports are compared with.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        (function (report) {
            window.initComponent = function (map, onHover) {
                var send = window.Streamlit.setComponentValue;
                window.Streamlit.setComponentValue = function () {};
                try {
                    report(map, onHover);
                } finally {
                    window.Streamlit.setComponentValue = send;
                }
            };
        })(window.initComponent);
        {% endmacro %}"""
    )


class _ClicksReportThePlaceOnly(folium.MacroElement):
    """A click sends Python the id of the place clicked, not its outline.

    st_folium reports ``layer.toGeoJSON()`` of the shape clicked, and a click
    on Russia sent its whole outline, 73 KB up the reader's connection, of
    which ``last_click`` reads only the id. Each place's shape answers with
    its id and no geometry; ``StoryMap`` and the card never call it.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        (function (overlays) {
            function reportOnlyTheId(layer) {
                if (layer.feature) {
                    var id = layer.feature.properties.id;
                    layer.toGeoJSON = function () {
                        return {type: "Feature", properties: {id: id}, geometry: null};
                    };
                }
                if (layer.eachLayer) layer.eachLayer(reportOnlyTheId);
            }
            overlays.forEach(function (overlay) { reportOnlyTheId(overlay.layer); });
        })({{ this._parent.get_name() }}.storyOverlays);
        {% endmacro %}"""
    )


class _FrameSelection(folium.MacroElement):
    """Frames the selection once its group is on the map, and shows the first place's card there.

    ``request`` numbers the reader's requests, so choosing the same place
    again (after panning away) still changes the script and frames it anew.
    A choice made while the map still zooms to the one before waits for that
    zoom to end (Leaflet would ignore it).
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.once("add", function (event) {
            // framing request {{ this.request }}
            var map = event.target._map;
            // a choice made outside the map shows its card there too: first, so that the frame leaves it room
            if (map.storyCard) map.storyCard.show({{ this.card }});
            function frame() {
                // clear of the legend, the layer switches and the card (geo/static/storymap.js)
                StoryMap.frame(map, {{ this.bounds }}, {{ this.max_zoom }});
            }
            // Leaflet drops a zoom asked for while it animates one: the last choice must win
            if (map._animatingZoom) map.once("zoomend", frame);
            else frame();
        });
        {% endmacro %}"""
    )

    def __init__(self, bounds: list[list[float]], request: int, card: str) -> None:
        super().__init__()
        self._name = "FrameSelection"
        self.bounds = json.dumps(bounds)
        self.card = js_literal(card)
        self.request = int(request)
        self.max_zoom = POINT_ZOOM


class _CloseCard(folium.MacroElement):
    """Closes the card on the map once its group is on the map: Python cleared the selection.

    The group is the same on every run with nothing selected, so st_folium
    runs it only when the selection was cleared, not again on each run (a card
    a click showed before Python heard of it stays).
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.once("add", function (event) {
            var map = event.target._map;
            if (map.storyCard) map.storyCard.hide();
        });
        {% endmacro %}"""
    )


def selection_group(
    places: Sequence[Place], *, frame_request: int | None, drawn_by_map: bool = False
) -> folium.FeatureGroup:
    """The selection drawn over the map; with ``frame_request``, the map moves to frame it.

    With nothing selected, an empty group that closes the card the map may show.
    A selection the map drew itself (a place chosen in it) gets one group that
    is the same for every such choice: st_folium then leaves the map as it is,
    and Streamlit sends the page a reference to the map it already has instead
    of the map's whole script (160 KB for each click).
    """
    if drawn_by_map:
        return folium.FeatureGroup(name="Drawn by the map", control=False)
    if not places:
        group = folium.FeatureGroup(name="Nothing selected", control=False)
        _CloseCard().add_to(group)
        return group
    group = highlight_layer(places)
    if frame_request is not None:
        _FrameSelection(frame_bounds(places), frame_request, places[0].id).add_to(group)
    return group


class _FixedScript:
    """A template that gives back the script its element rendered once."""

    def __init__(self, template: jinja2.Template, element: folium.MacroElement) -> None:
        self._template = template
        # without the templates' indentation, which the browser is sent on every mount
        self._script = _LEADING_SPACE.sub("\n", template.module.script(element))
        self.module = self  # read as template.module.script(element)

    def script(self, element: folium.MacroElement, kwargs: dict[str, Any] | None = None) -> str:
        return self._script

    def render(self, **kwargs: Any) -> str:
        return self._template.render(**kwargs)

    def run_first(self, script: str) -> None:
        """Put ``script`` ahead of the element's own."""
        self._script = f"{script}\n{self._script}"


def _elements(element: folium.Element) -> Iterator[folium.Element]:
    yield element
    for child in element._children.values():
        yield from _elements(child)


def freeze(fmap: folium.Map) -> folium.Map:
    """Make a map that will not change again cheap to hand to st_folium on every run.

    st_folium renders the whole map on every run, serializing each layer's
    GeoJSON and compiling the result as a template, and measures its bounds:
    about 0.15 s for a script that is the same each time. Each element's
    script and the bounds are computed once here and kept.
    """
    fmap.render()  # some elements, such as the layer control, gather their parts here
    for element in _elements(fmap):
        if isinstance(element, folium.MacroElement) and hasattr(element._template.module, "script"):
            element._template = _FixedScript(element._template, element)
    fmap.render = lambda **kwargs: None
    # st_folium also asks for the bounds on each run, walking every coordinate
    bounds = fmap.get_bounds()
    fmap.get_bounds = lambda: bounds
    return fmap


def prepare(fmap: folium.Map) -> folium.Map:
    """A map built once for a session, made ready to hand to ``show`` on every run.

    The map's script must stay identical across runs, or the component
    remounts and the reader loses the view and the layer switches.
    """
    _LayerSwitchesToStFolium().add_to(fmap)
    _QuietFirstReport().add_to(fmap)
    _ClicksReportThePlaceOnly().add_to(fmap)
    # st_folium renames every element the first time it converts a map: convert
    # once here, so that from the first run on every run sends the same script
    generate_leaflet_string(fmap)
    frozen = freeze(fmap)
    _carry_our_code(frozen)
    return frozen


def _carry_our_code(fmap: folium.Map) -> None:
    """Our own code (geo.assets.OWN) inside the map: its styles in the header, its scripts ahead of the map's.

    As links, st_folium loaded storymap.js and labels.js one after the other,
    after Leaflet and before the map's script: two round trips before the map
    could draw (0.08 s of the first draw on a link with 40 ms of latency).
    They must run before the map is made: storymap.js hooks every new map.
    """
    fmap.get_root().header.add_child(folium.Element(f"<style>{assets.inline_css(assets.OWN)}</style>"))
    fmap._template.run_first(assets.inline_js(assets.OWN))


def session_copy(fmap: folium.Map) -> folium.Map:
    """A prepared map's own copy for one session, sharing every layer with the prepared one.

    A prepared map is frozen, so sessions can share its layers; but ``show``
    adds the selection to the map's children during each run, and a session
    drawing its map then must not see another's selection in its script.
    """
    # not copy.copy: branca's __getstate__ (meant for pickling) leaves out the frozen template
    session = object.__new__(type(fmap))
    session.__dict__.update(fmap.__dict__)
    session._children = type(fmap._children)(fmap._children)
    return session


def show(
    fmap: folium.Map,
    selection: Sequence[Place],
    *,
    frame_request: int | None,
    height: int,
    drawn_by_map: bool = False,
) -> None:
    """The map, with the selection drawn over it (and framed) without a remount; none closes the card.

    ``drawn_by_map``: the map drew the selection itself, and is sent nothing new.
    """
    group = selection_group(selection, frame_request=frame_request, drawn_by_map=drawn_by_map)
    try:
        st_folium(
            fmap,
            key=KEY,
            height=height,
            use_container_width=True,
            returned_objects=RETURNED,
            feature_group_to_add=group,
            # st_folium builds its script from the map, not from the whole page:
            # rendering the page as well would only cost every run time
            render=False,
        )
    finally:
        # st_folium adds the group to the map for good; left there, it would
        # change the map's script on the next run
        fmap._children.pop(group.get_name(), None)


def reported() -> Mapping[str, Any]:
    """What the map reported on its last change (empty before it reported anything).

    A run starts after st_folium's on_change copied it under ``KEY``.
    """
    return st.session_state.get(KEY) or {}


def last_click(state: Mapping[str, Any]) -> tuple[int, str | None] | None:
    """The last click st_folium reports: its count, and the id of the place clicked; None before any.

    st_folium counts clicks, so a second click on the place selected before
    another one was chosen elsewhere is a new count. Only the id is taken from
    what the browser sent, to look the place up in our own records.
    """
    clicks = state.get("last_object_clicked_count")
    if not isinstance(clicks, int) or not clicks:
        return None
    place_id = ((state.get("last_active_drawing") or {}).get("properties") or {}).get("id")
    return clicks, place_id if isinstance(place_id, str) else None


def visible_layers(state: Mapping[str, Any]) -> set[str] | None:
    """The ids of the overlays the reader has switched on, or None before the map reported any."""
    layers = state.get("selected_layers")
    if not isinstance(layers, list):
        return None
    return {layer.get("name") for layer in layers if isinstance(layer, dict)}
