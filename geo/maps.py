"""Build the folium map of a story: no files and no Streamlit.

Every string from the article or a layer file that folium or Leaflet writes
into HTML is escaped here (``geo.escape``). The map's GeoJSON carries names
as plain text: geo/static/storymap.js sets them as text, never as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

import folium
import folium.elements
import jinja2
import rcssmin
import shapely
from folium.map import FitBounds
from folium.plugins import MarkerCluster
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo import assets
from geo.escape import folium_html, html_text, jinja_inert, js_literal, script_json, template_literal
from geo.geometry import AREAS
from geo.labels import is_label_only, labels_data
from geo.layers import Layer, Style
from geo.panel import CARD_ID_PREFIX, CARD_LIMIT, PANEL_CSS, cards_html, reading_order
from geo.region import LAND_REACH
from geo.story import Place, ReportView

MAP_CENTER = (40.4, 45.6)
MAP_ZOOM = 6
MAX_ZOOM = 18
# How far the reader can go: the whole inhabited world, since a report may name any
# city of the gazetteer; layers/land.geojson covers it all (coarsely far from the story).
# The map never zooms out past filling itself with these bounds
# (geo/static/storymap.js), so nothing beyond them shows.
_WEST, _SOUTH, _EAST, _NORTH = LAND_REACH.bounds
MAP_BOUNDS = ((_SOUTH, _WEST), (_NORTH, _EAST))
MIN_ZOOM = 3
# pixels kept free on the right of a report's framed places, where the legend sits
LEGEND_ROOM = 200
# a selected town is framed no closer than this
POINT_ZOOM = 8
SEA_COLOR = "#cddfe8"
SELECTION_COLOR = "#0057b8"
# the class of the selection's paths, which geo/static/storymap.js keeps under the layers
SELECTION_CLASS = "story-selection"
# the selection's halo, drawn by Python for a choice made outside the map and by
# storymap.js round a place chosen in it: storymap.js draws it under the story's
# layers, so the lines along a selected border (the corridor on the Araz) stay on top
SELECTION_STYLE = {
    "color": SELECTION_COLOR,
    "weight": 7,
    "opacity": 0.75,
    "fillColor": SELECTION_COLOR,
    "fillOpacity": 0.12,
    "className": SELECTION_CLASS,
}
# the halo round a point, in pixels
SELECTION_RADIUS = 11
# a layer with more points than this is clustered, so nearby points merge
CLUSTER_ABOVE = 50
# the sea behind the land; no focus box around a clicked shape; and the cards'
# look, the panel's own (PANEL_CSS), so that a card and the panel under the map
# look alike wherever the map is shown
MAP_CSS = (
    f"<style>.leaflet-container {{ background: {SEA_COLOR}; }} "
    f"path.leaflet-interactive:focus {{ outline: none; }}\n{rcssmin.cssmin(PANEL_CSS)}</style>"
)


def _map_feature(place_id: str, name: str, geometry: Any) -> dict[str, Any]:
    # Only what the map needs: the id to look the place up server-side (ids
    # are validated slugs) and the name for the tooltip, as plain text
    return {
        "type": "Feature",
        "geometry": mapping(geometry),
        "properties": {"id": place_id, "name": name},
    }


def _map_data(layer: Layer, places: list[Place]) -> dict[str, Any]:
    if layer.is_backdrop:
        features = [_map_feature(f"{layer.id}-{n}", "", g) for n, g in enumerate(layer.frame.geometry)]
    else:
        features = [_map_feature(p.id, p.name, p.geometry) for p in places if not is_label_only(p)]
    return {"type": "FeatureCollection", "features": features}


def _path_style(style: Style, color: str, *, fill: bool = True) -> dict[str, Any]:
    return {
        "fill": fill,
        "color": color,
        "weight": style.weight,
        "fillColor": color,
        "fillOpacity": style.fill_opacity,
        "dashArray": style.dash,
        "opacity": 0.9,
    }


def _feature_look(layer: Layer, feature_id: str, position: int) -> tuple[Style, str]:
    """The style and colour a feature is drawn with: its own if the layer's record gives one."""
    for feature_style in layer.kind.feature_styles:
        if feature_style.feature_id == feature_id:
            return feature_style.style, feature_style.style.color
    palette = layer.style.palette or (layer.style.color,)
    return layer.style, palette[position % len(palette)]


def feature_keys(layer: Layer, places: list[Place]) -> list[str]:
    """The legend keys of the layer's features that have a look of their own, escaped."""
    present = {place.id for place in places}
    return [
        f"{swatch_html(feature_style.style)} {html_text(feature_style.label)}"
        for feature_style in layer.kind.feature_styles
        if feature_style.feature_id in present
    ]


def _highlight(style: dict[str, Any]) -> dict[str, Any]:
    return {**style, "weight": style["weight"] + 2, "fillOpacity": min(1.0, style["fillOpacity"] + 0.15)}


def swatch_html(style: Style) -> str:
    """A layer's key in the legend; its shape is in geo/static/storymap.css."""
    border = "dashed" if style.dash else "solid"
    colors = style.palette or (style.color,)
    # the key shows the fill as the map does: its colours at the layer's opacity
    fill = f"linear-gradient(90deg,{','.join(colors)})" if style.fill_opacity else "transparent"
    return (
        f'<span class="legend-key" aria-hidden="true" style="border:2px {border} {style.color}">'
        f'<span style="background:{fill};opacity:{max(style.fill_opacity, 0.35)}"></span></span>'
    )


def hiding_areas(places: list[Place]) -> set[str]:
    """Areas that, filled, would cover whole areas drawn under them.

    A filled path takes every click inside it, so an area that contains an
    earlier-drawn area (the Caucasus over Armenia) is drawn as an outline.
    """
    areas = [p for p in places if p.geometry.geom_type in AREAS]
    hiding = set()
    for position, upper in enumerate(areas):
        below = areas[:position]
        if any(upper.geometry.contains(lower.geometry.representative_point()) for lower in below):
            hiding.add(upper.id)
    return hiding


def _layer_overlay(
    layer: Layer, title: str, places: list[Place], outlined: set[str], *, show: bool, static_url: str | None
) -> folium.GeoJson | MarkerCluster:
    """A layer as one GeoJSON overlay named ``title``; many points are clustered."""
    clustered = sum(p.geometry.geom_type == "Point" for p in places) > CLUSTER_ABOVE
    # a sticky tooltip follows the mouse, and fails when a cluster takes its marker away
    geojson = _layer_geojson(layer, title, places, outlined, show=show, sticky_tooltips=not clustered)
    if not clustered:
        return geojson
    cluster = MarkerCluster(
        name=geojson.layer_name,
        show=show,
        options={"showCoverageOnHover": False},
    )
    scripts, styles = assets.MARKERCLUSTER.urls(static_url) if static_url else ([], [])
    cluster.default_js = [(url, url) for url in scripts]
    cluster.default_css = [(url, url) for url in styles]
    geojson.control = False
    geojson.add_to(cluster)
    return cluster


def _layer_geojson(
    layer: Layer, title: str, places: list[Place], outlined: set[str], *, show: bool, sticky_tooltips: bool
) -> folium.GeoJson:
    data = _map_data(layer, places)
    ids = [feature["properties"]["id"] for feature in data["features"]]
    styles = {
        feature_id: _path_style(*_feature_look(layer, feature_id, n), fill=feature_id not in outlined)
        for n, feature_id in enumerate(ids)
    }
    interactive = not layer.is_backdrop
    # StoryMap names each place in a tooltip, as text (geo/static/storymap.js)
    describe = "StoryMap.describePlace" if sticky_tooltips else "StoryMap.describeClusteredPlace"
    return _PlainTextGeoJson(
        data,
        name=folium_html(title),
        style_function=lambda feature: styles[feature["properties"]["id"]],
        highlight_function=(lambda f: _highlight(styles[f["properties"]["id"]])) if interactive else None,
        marker=folium.CircleMarker(radius=layer.style.radius, fill=True),
        on_each_feature=JsCode(describe) if interactive else None,
        interactive=interactive,
        control=interactive,
        show=show or not interactive,
    )


class _PlainTextGeoJson(folium.GeoJson):
    """folium's GeoJson, its data written into the script with no Jinja opener.

    folium writes the data with Jinja's ``tojson``, which escapes ``<``, ``>``,
    ``&`` and ``'`` but leaves ``{``. branca then renders the script once more
    as a Jinja template and st_folium rewrites ``{{'name'}}`` in it, so a name
    holding ``{{`` would run or change there: each ``{`` in the data's strings
    is written ``\\u007b`` instead, the same string to JavaScript.
    """

    _template = Template("{% macro script(this, kwargs) %}{{ this.plain_text_script(kwargs) }}{% endmacro %}")
    # the data exactly as folium's own template writes it
    _folium_json = folium.GeoJson._template.environment.from_string("{{ data|tojson }}")

    def plain_text_script(self, kwargs: Any) -> str:
        script = folium.GeoJson._template.module.script(self, kwargs)
        data = self._folium_json.render(data=self.data)
        # packed (``packed_collection``), written without the spaces after separators
        compact = json.dumps(packed_collection(self.data), separators=(",", ":"))
        return script.replace(data, f"StoryMap.unpack({script_json(compact)}, {10**PACKED_DECIMALS})", 1)


# Positions reach the browser as whole numbers of 10^-5 degrees (about a metre:
# the layers hold no finer ones), each line or ring as the steps from one
# position to the next, which geo/static/storymap.js adds up again. The same
# values as the GeoJSON, in about 60% of its bytes gzipped (the map's payload
# has a bound: tests/test_payload.py).
PACKED_DECIMALS = 5


def packed_positions(coordinates: Any) -> list[Any]:
    """A geometry's coordinates packed: each line or ring (a Point: its one position) as flat steps."""
    if coordinates and isinstance(coordinates[0], int | float):
        coordinates = [coordinates]
    if not coordinates or isinstance(coordinates[0][0], int | float):
        steps, previous = [], (0, 0)
        for position in coordinates:
            whole = (round(position[0] * 10**PACKED_DECIMALS), round(position[1] * 10**PACKED_DECIMALS))
            steps += [whole[0] - previous[0], whole[1] - previous[1]]
            previous = whole
        return steps
    return [packed_positions(part) for part in coordinates]


def packed_collection(collection: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection with each feature's positions packed (``packed_positions``)."""
    features = [
        {**feature, "geometry": {**feature["geometry"], "coordinates": packed_positions(coordinates)}}
        if (coordinates := feature["geometry"].get("coordinates")) is not None
        else feature
        for feature in collection["features"]
    ]
    return {**collection, "features": features}


def folium_html_markup(markup: str) -> str:
    """Escaped HTML made inert in Jinja and in a template literal; the browser shows the same text."""
    return jinja_inert(template_literal(markup))


class RawHtml(folium.Element):
    """HTML written into the page as it is, already escaped.

    ``folium.Element`` parses its text as a Jinja template, and a name or a
    quote may hold ``{{``: this element's text is never parsed.
    """

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


class _Cards(folium.MacroElement):
    """Shows a place's card inside the map when it is chosen there (``StoryMap.followCards``).

    The cards are ``<template>`` elements in the map's HTML, which st_folium
    puts in its frame and the offline file in its page; the script copies
    one, never builds HTML. ``order`` is the order Tab reaches the places in.
    A place chosen in the map gets its halo there too, drawn as Python draws it.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        StoryMap.followCards({{ this._parent.get_name() }}, {{ this.cards }});
        {% endmacro %}"""
    )

    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self._name = "Cards"
        # the cards' template ids before the place id; the place ids as a reader meets them;
        # the look of the halo round a place chosen in the map
        ring = {**SELECTION_STYLE, "radius": SELECTION_RADIUS}
        self.cards = js_literal({"prefix": CARD_ID_PREFIX, "order": order, "ring": ring})


class _Overlays(folium.MacroElement):
    """Hands the overlays to ``StoryMap.followOverlays`` (geo/static/storymap.js).

    It adds the legend of the visible layers (a key per feature drawn
    otherwise than its layer too) and their credits, keeps the
    drawing order, folds the layer switches on a narrow map, and lets
    st_folium report which layers the reader has switched on.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        StoryMap.followOverlays({{ this._parent.get_name() }}, [
        {%- for layer, id, legend, credits in this.overlays %}
            {layer: {{ layer.get_name() }}, id: {{ id }}, legend: {{ legend }}, credits: {{ credits }},
             keys: {{ this.keys[loop.index0] }}},
        {%- endfor %}
        ], {{ this.backdrop_credits }}, {{ this.control.get_name() }}, {{ this.selection_class }});
        {% endmacro %}"""
    )

    def __init__(
        self,
        overlays: list[tuple[folium.Layer, str, str, list[str]]],
        backdrop_credits: list[str],
        control: folium.LayerControl,
        keys: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__()
        self._name = "Overlays"
        self.control = control
        # the legend keys of features drawn otherwise than their layer, escaped HTML
        self.keys = [js_literal((keys or {}).get(layer_id, [])) for _, layer_id, _, _ in overlays]
        self.overlays = [
            (layer, js_literal(layer_id), js_literal(legend), js_literal(layer_credits))
            for layer, layer_id, legend, layer_credits in overlays
        ]
        self.backdrop_credits = js_literal(backdrop_credits)
        # the one definition: storymap.js finds the selection's paths by it
        self.selection_class = js_literal(SELECTION_CLASS)


class _Labels(folium.MacroElement):
    """Names every place through ``StoryLabels.show`` (geo/static/labels.js), after the overlays."""

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        StoryLabels.show({{ this._parent.get_name() }}, {{ this.data }});
        {% endmacro %}"""
    )

    def __init__(self, view: ReportView) -> None:
        super().__init__()
        self._name = "Labels"
        self.data = js_literal(labels_data(view))


class _MarkSelection(folium.MacroElement):
    """Tells labels.js which places the selection group shows, so their names stay on top.

    Added to the map, the group takes the place of the halo the map drew
    round a place chosen in it (``StoryMap.replaceSelection``).
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.storySelection = {{ this.ids }};
        {{ this._parent.get_name() }}.once("add", function (event) {
            StoryMap.replaceSelection(event.target._map, event.target);
        });
        {% endmacro %}"""
    )

    def __init__(self, place_ids: list[str]) -> None:
        super().__init__()
        self._name = "MarkSelection"
        self.ids = js_literal(place_ids)


def credits(layer: Layer) -> list[str]:
    """The short credits Leaflet shows while the layer is visible, escaped."""
    return [html_text(credit) for credit in layer.kind.credits]


def _drawing_order(view: ReportView, layer: Layer) -> list[Place]:
    """A layer's places, largest first, so smaller ones stay on top to click."""
    return sorted(view.places_in(layer.id), key=lambda place: -place.geometry.envelope.area)


def build_map(
    view: ReportView,
    *,
    static_url: str | None = None,
    hidden_layers: Collection[str] = (),
    full_cards: bool = False,
) -> folium.Map:
    """The map of a report's view: one switchable overlay per layer, no tile basemap, each place's card.

    The layers in ``hidden_layers`` start switched off. A view of one
    report among several opens framing the places that report names. A
    card holds a few quotes of the newest reports (the app's panel under the
    map shows all); ``full_cards`` gives every quote and the measures (the
    offline file).

    ``static_url`` is the URL folder where ``geo.assets.publish`` put Leaflet
    and its plugin; ``None`` leaves them for the caller to inline, as
    ``geo.offline`` does. Our own code (``geo.assets.OWN``, which the map's
    script calls) is always the caller's to carry: geo.offline inlines it in
    the page, streamlit_map.prepare at the head of the map's script.
    """
    fmap = folium.Map(
        location=MAP_CENTER,
        zoom_start=MAP_ZOOM,
        # with no tile layer to set it, clustering needs the map's own maximum
        # (folium passes max_zoom to tiles only; Leaflet's own name reaches the map)
        maxZoom=MAX_ZOOM,
        minZoom=MIN_ZOOM,
        maxBounds=MAP_BOUNDS,
        maxBoundsViscosity=1.0,
        # the wheel scrolls the page; storymap.js zooms with Ctrl or ⌘ held
        scrollWheelZoom=False,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    # nothing from a CDN: Leaflet only, from our own server or inlined
    scripts, styles = assets.LEAFLET.urls(static_url) if static_url else ([], [])
    fmap.default_js = [(url, url) for url in scripts]
    fmap.default_css = [(url, url) for url in styles]
    fmap.get_root().header.add_child(folium.Element(MAP_CSS))
    drawn = [place for layer in view.layers for place in _drawing_order(view, layer)]
    outlined = hiding_areas(drawn)
    overlays, backdrop_credits, keys = [], [], {}
    for layer in view.layers:
        places = _drawing_order(view, layer)
        if not (places or layer.is_backdrop):
            continue
        show = layer.id not in hidden_layers
        title = view.layer_title(layer.id)
        overlay = _layer_overlay(layer, title, places, outlined, show=show, static_url=static_url)
        overlay.add_to(fmap)
        if layer.is_backdrop:
            backdrop_credits += credits(layer)
        else:
            legend = f"{swatch_html(layer.style)} {html_text(title)}"
            overlays.append((overlay, layer.id, legend, credits(layer)))
            keys[layer.id] = feature_keys(layer, places)
    control = folium.LayerControl(collapsed=False).add_to(fmap)
    _Overlays(overlays, backdrop_credits, control, keys).add_to(fmap)
    _Labels(view).add_to(fmap)
    cards = cards_html(view, limit=None if full_cards else CARD_LIMIT, measured=full_cards)
    # inert for any later pass that reads the page as a template, like the map's other HTML
    fmap.get_root().html.add_child(RawHtml(folium_html_markup(cards)), name="story-cards")
    _Cards(reading_order(view)).add_to(fmap)
    if not view.every_report and view.framed:
        _open_framed(fmap, frame_bounds(view.framed))
    return fmap


def _open_framed(fmap: folium.Map, bounds: list[list[float]]) -> None:
    """The map opens on ``bounds``, with room on the right for the legend and the layer switches.

    Not animated: Leaflet starts an animated zoom on the next animation frame,
    after the framing of a place chosen in the link, and would undo it.
    """
    fit = FitBounds(
        bounds, max_zoom=POINT_ZOOM, padding_top_left=(24, 24), padding_bottom_right=(LEGEND_ROOM, 24)
    )
    fit.options["animate"] = False
    fit.add_to(fmap)


def highlight_layer(places: Sequence[Place]) -> folium.FeatureGroup:
    """The selected places drawn over the map, in a group of their own to add and take away.

    Python draws the halo of a choice made outside the map (a link, the
    article, the places list); storymap.js draws it round a place chosen in
    the map, in the same look (``SELECTION_STYLE``).
    """
    group = folium.FeatureGroup(name="Selected places", control=False)
    features = [
        {"type": "Feature", "geometry": mapping(place.geometry), "properties": {"id": place.id}}
        for place in places
    ]
    # not interactive: a click goes through the ring to the place under it
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda _feature: SELECTION_STYLE,
        marker=folium.CircleMarker(radius=SELECTION_RADIUS, fill=True),
        interactive=False,
    ).add_to(group)
    _MarkSelection([place.id for place in places]).add_to(group)
    return group


def frame_bounds(places: Sequence[Place]) -> list[list[float]]:
    """The ``[[south, west], [north, east]]`` that frame the places on the map."""
    west, south, east, north = _bounds([place.geometry for place in places])
    return [[south, west], [north, east]]


def _bounds(geometries: list[BaseGeometry]) -> tuple[float, float, float, float]:
    """The bounds to frame; a shape cut at the antimeridian (Russia) by its largest part."""
    west, south, east, north = shapely.union_all(geometries).bounds
    if east - west <= 180:
        return west, south, east, north
    parts = [part for geometry in geometries for part in getattr(geometry, "geoms", [geometry])]
    return max(parts, key=lambda part: part.area).bounds
