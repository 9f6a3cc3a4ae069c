"""Build the folium map of a story: no files and no Streamlit.

Every string from the article or a layer file is escaped here before folium
sees it: folium puts tooltip values into ``innerHTML`` unescaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

import folium
import folium.elements
import jinja2
from folium.plugins import MarkerCluster
from shapely.geometry import mapping

from geo import assets
from geo.layers import Layer, Style
from geo.story import Place, Story

MAP_CENTER = (40.4, 45.6)
MAP_ZOOM = 6
MAX_ZOOM = 18
SEA_COLOR = "#cddfe8"
SELECTION_COLOR = "#ffb000"
# a layer with more points than this is clustered, so nearby points merge
CLUSTER_ABOVE = 50
# the sea behind the land; no focus box around a clicked shape
MAP_CSS = (
    f"<style>.leaflet-container {{ background: {SEA_COLOR}; }} "
    "path.leaflet-interactive:focus { outline: none; }</style>"
)
# shown in the map's corner; each layer's full record is in its provenance file
CREDITS = {"Natural Earth": "Natural Earth (public domain)", "GeoNames": "GeoNames (CC BY 4.0)"}
# Characters that are harmless in HTML but not inside a JS template literal
_TEMPLATE_ESCAPES = {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}
# Jinja's openers "{{", "{%" and "{#": branca parses the script that each
# element renders as a template once more, so they would run on the server
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def escape(text: str) -> str:
    """``text`` made inert for HTML, JS strings, template literals and Jinja."""
    escaped = html.escape(str(text), quote=True)
    escaped = "".join(_TEMPLATE_ESCAPES.get(char, char) for char in escaped)
    return _JINJA_OPENER.sub("&#123;", escaped)


def _map_feature(place_id: str, name: str, geometry: Any, layer: Layer) -> dict[str, Any]:
    # Only what the map needs: the id to look the place up server-side. Ids
    # are validated slugs; a layer's id is its file's name, so it is escaped
    return {
        "type": "Feature",
        "geometry": mapping(geometry),
        "properties": {"id": place_id, "name": escape(name), "layer": escape(layer.id)},
    }


def _map_data(layer: Layer, places: list[Place]) -> dict[str, Any]:
    if layer.is_context:
        features = [_map_feature(f"{layer.id}-{n}", "", g, layer) for n, g in enumerate(layer.frame.geometry)]
    else:
        features = [_map_feature(p.id, p.name, p.geometry, layer) for p in places]
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


def _highlight(style: dict[str, Any]) -> dict[str, Any]:
    return {**style, "weight": style["weight"] + 2, "fillOpacity": min(1.0, style["fillOpacity"] + 0.15)}


def swatch_html(style: Style) -> str:
    """A legend key for a layer, shown beside its switch in the layer control."""
    border = "dashed" if style.dash else "solid"
    colors = style.palette or (style.color,)
    # the key shows the fill as the map does: its colours at the layer's opacity
    fill = f"linear-gradient(90deg,{','.join(colors)})" if style.fill_opacity else "transparent"
    return (
        f'<span class="legend-key" aria-hidden="true" style="display:inline-block;width:1.6em;'
        f"height:.9em;vertical-align:middle;border:2px {border} {style.color};"
        f'position:relative;overflow:hidden"><span style="position:absolute;inset:0;'
        f'background:{fill};opacity:{max(style.fill_opacity, 0.35)}"></span></span>'
    )


def hiding_areas(places: list[Place]) -> set[str]:
    """Areas that, filled, would cover whole areas drawn under them.

    A filled path takes every click inside it, so an area that contains an
    earlier-drawn area (the Caucasus over Armenia) is drawn as an outline.
    """
    areas = [p for p in places if p.geometry.geom_type in ("Polygon", "MultiPolygon")]
    hiding = set()
    for position, upper in enumerate(areas):
        below = areas[:position]
        if any(upper.geometry.contains(lower.geometry.representative_point()) for lower in below):
            hiding.add(upper.id)
    return hiding


def _layer_overlay(
    layer: Layer, places: list[Place], outlined: set[str], static_url: str | None
) -> folium.GeoJson | MarkerCluster:
    """A layer as one GeoJSON overlay; many points are clustered."""
    clustered = sum(p.geometry.geom_type == "Point" for p in places) > CLUSTER_ABOVE
    # a sticky tooltip follows the mouse, and fails when a cluster takes its marker away
    geojson = _layer_geojson(layer, places, outlined, sticky_tooltips=not clustered)
    if not clustered:
        return geojson
    cluster = MarkerCluster(name=geojson.layer_name, options={"showCoverageOnHover": False})
    scripts, styles = assets.MARKERCLUSTER.urls(static_url) if static_url else ([], [])
    cluster.default_js = [(url, url) for url in scripts]
    cluster.default_css = [(url, url) for url in styles]
    geojson.control = False
    geojson.add_to(cluster)
    return cluster


def _layer_geojson(
    layer: Layer, places: list[Place], outlined: set[str], *, sticky_tooltips: bool
) -> folium.GeoJson:
    data = _map_data(layer, places)
    palette = layer.style.palette or (layer.style.color,)
    styles = {
        feature["properties"]["id"]: _path_style(
            layer.style, palette[n % len(palette)], fill=feature["properties"]["id"] not in outlined
        )
        for n, feature in enumerate(data["features"])
    }
    interactive = not layer.is_context
    tooltip = folium.GeoJsonTooltip(fields=["name"], labels=False, sticky=sticky_tooltips)
    return folium.GeoJson(
        data,
        name=f"{swatch_html(layer.style)} {escape(layer.title)}",
        style_function=lambda feature: styles[feature["properties"]["id"]],
        highlight_function=(lambda f: _highlight(styles[f["properties"]["id"]])) if interactive else None,
        tooltip=tooltip if interactive else None,
        marker=folium.CircleMarker(radius=layer.style.radius, fill=True),
        interactive=interactive,
        control=interactive,
    )


class _Credits(folium.MacroElement):
    """Adds the data sources to Leaflet's attribution control."""

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Credits"
        self.text = text


class _KeepDrawingOrder(folium.MacroElement):
    """Puts the layers back in their order whenever the reader switches one on.

    Leaflet draws a layer switched back on over all the others, so without
    this the corridor would cover the towns at its ends and take their clicks.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.on("overlayadd", function () {
            [{% for layer in this.layers %}{{ layer.get_name() }},{% endfor %}].forEach(function (layer) {
                if ({{ this._parent.get_name() }}.hasLayer(layer)) { layer.bringToFront(); }
            });
        });
        {% endmacro %}"""
    )

    def __init__(self, layers: list[folium.GeoJson]) -> None:
        super().__init__()
        self._name = "KeepDrawingOrder"
        self.layers = layers


def _credit_sources(fmap: folium.Map, layers: list[Layer]) -> None:
    sources = " ".join(str(layer.provenance.get("source", "")) for layer in layers)
    credits = [credit for name, credit in CREDITS.items() if name in sources]
    if credits:
        _Credits(escape(" · ".join(credits))).add_to(fmap)


def _drawing_order(story: Story, layer: Layer) -> list[Place]:
    """A layer's places, largest first, so smaller ones stay on top to click."""
    places = [p for p in story.places.values() if p.layer == layer.id]
    return sorted(places, key=lambda place: -place.geometry.envelope.area)


def build_map(story: Story, *, static_url: str | None = None) -> folium.Map:
    """The story's map: one switchable overlay per layer, no tile basemap.

    ``static_url`` is the URL folder where ``geo.assets.publish`` put Leaflet
    and its plugin; ``None`` leaves them for the caller to inline, as
    ``standalone_html`` does.
    """
    fmap = folium.Map(
        location=MAP_CENTER,
        zoom_start=MAP_ZOOM,
        # with no tile layer to set it, clustering needs the map's own maximum
        # (folium passes max_zoom to tiles only; Leaflet's own name reaches the map)
        maxZoom=MAX_ZOOM,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    # nothing from a CDN: Leaflet only, from our own server or inlined
    scripts, styles = assets.LEAFLET.urls(static_url) if static_url else ([], [])
    fmap.default_js = [(url, url) for url in scripts]
    fmap.default_css = [(url, url) for url in styles]
    fmap.get_root().header.add_child(folium.Element(MAP_CSS))
    _credit_sources(fmap, story.layers)
    drawn = [place for layer in story.layers for place in _drawing_order(story, layer)]
    outlined = hiding_areas(drawn)
    overlays = []
    for layer in story.layers:
        places = _drawing_order(story, layer)
        if places or layer.is_context:
            overlays.append(_layer_overlay(layer, places, outlined, static_url).add_to(fmap))
    folium.LayerControl(collapsed=False).add_to(fmap)
    _KeepDrawingOrder(overlays).add_to(fmap)
    return fmap


def standalone_html(story: Story, *, css: str, js: str) -> str:
    """The map as one HTML page that opens offline, with its assets inlined.

    ``css`` and ``js`` are ready to inline, as ``geo.assets.inline_css`` and
    ``inline_js`` give them.
    """
    fmap = build_map(story)
    fmap.get_root().header.add_child(folium.Element(f"<style>{css}</style><script>{js}</script>"), index=0)
    return fmap.get_root().render()


def highlight_layer(place: Place) -> folium.FeatureGroup:
    """The selected place drawn over the map, to add without remounting it."""
    group = folium.FeatureGroup(name="Selected place", control=False)
    outline = {
        "color": SELECTION_COLOR,
        "weight": 6,
        "opacity": 0.9,
        "fillColor": SELECTION_COLOR,
        "fillOpacity": 0.15,
    }
    # a click on the ring around a selected town reaches the ring: it carries
    # the place's id, so that click selects the same place
    folium.GeoJson(
        {"type": "Feature", "geometry": mapping(place.geometry), "properties": {"id": place.id}},
        style_function=lambda _feature: outline,
        marker=folium.CircleMarker(radius=11, fill=True),
        interactive=False,
    ).add_to(group)
    return group


class _FixedScript:
    """A template that gives back the script its element rendered once."""

    def __init__(self, template: jinja2.Template, element: folium.MacroElement) -> None:
        self._template = template
        self._script = template.module.script(element)
        self.module = self  # read as template.module.script(element)

    def script(self, element: folium.MacroElement, kwargs: dict[str, Any] | None = None) -> str:
        return self._script

    def render(self, **kwargs: Any) -> str:
        return self._template.render(**kwargs)


def freeze(fmap: folium.Map) -> folium.Map:
    """Make a map that will not change again cheap to hand to st_folium on every run.

    st_folium renders the whole map on every run, serializing each layer's
    GeoJSON and compiling the result as a template, and measures its bounds:
    about 0.15 s for a script that is the same each time. Each element's
    script and the bounds are computed once here and kept.
    """

    def elements(element: folium.Element):
        yield element
        for child in element._children.values():
            yield from elements(child)

    fmap.render()  # some elements, such as the layer control, gather their parts here
    for element in elements(fmap):
        if isinstance(element, folium.MacroElement) and hasattr(element._template.module, "script"):
            element._template = _FixedScript(element._template, element)
    fmap.render = lambda **kwargs: None
    # st_folium also asks for the bounds on each run, walking every coordinate
    bounds = fmap.get_bounds()
    fmap.get_bounds = lambda: bounds
    return fmap
