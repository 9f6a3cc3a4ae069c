"""Build the folium map of a story: pure, no files and no Streamlit.

Every string from the article or a layer file is escaped here before folium
sees it: folium puts tooltip values into ``innerHTML`` unescaped.
"""

from __future__ import annotations

import html
from typing import Any

import folium
import folium.elements
from shapely.geometry import mapping

from geo import assets
from geo.layers import Layer, Style
from geo.story import Place, Story

MAP_CENTER = (40.4, 45.6)
MAP_ZOOM = 6
SEA_COLOR = "#cddfe8"
# Characters that are harmless in HTML but not inside a JS template literal
_TEMPLATE_ESCAPES = {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}


def escape(text: str) -> str:
    """``text`` made inert for HTML, JS strings and template literals."""
    escaped = html.escape(str(text), quote=True)
    return "".join(_TEMPLATE_ESCAPES.get(char, char) for char in escaped)


def _map_feature(place_id: str, name: str, geometry: Any, layer: Layer) -> dict[str, Any]:
    # Only what the map needs: the id to look the place up server-side
    return {
        "type": "Feature",
        "geometry": mapping(geometry),
        "properties": {"id": place_id, "name": escape(name), "layer": layer.id},
    }


def _map_data(layer: Layer, places: list[Place]) -> dict[str, Any]:
    if layer.is_context:
        features = [_map_feature(f"{layer.id}-{n}", "", g, layer) for n, g in enumerate(layer.frame.geometry)]
    else:
        features = [_map_feature(p.id, p.name, p.geometry, layer) for p in places]
    return {"type": "FeatureCollection", "features": features}


def _path_style(style: Style, color: str) -> dict[str, Any]:
    return {
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
    fill = style.color if style.fill_opacity else "transparent"
    if style.palette:
        fill = f"linear-gradient(90deg,{','.join(style.palette)})"
    return (
        f'<span class="legend-key" style="display:inline-block;width:1.6em;height:.9em;'
        f"vertical-align:middle;border:2px {border} {style.color};background:{fill};"
        f'opacity:.85" aria-hidden="true"></span>'
    )


def _layer_overlay(layer: Layer, places: list[Place]) -> folium.GeoJson:
    data = _map_data(layer, places)
    palette = layer.style.palette or (layer.style.color,)
    styles = {
        feature["properties"]["id"]: _path_style(layer.style, palette[n % len(palette)])
        for n, feature in enumerate(data["features"])
    }
    interactive = not layer.is_context
    return folium.GeoJson(
        data,
        name=f"{swatch_html(layer.style)} {escape(layer.title)}",
        style_function=lambda feature: styles[feature["properties"]["id"]],
        highlight_function=(lambda f: _highlight(styles[f["properties"]["id"]])) if interactive else None,
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False) if interactive else None,
        marker=folium.CircleMarker(radius=layer.style.radius, fill=True) if layer.id == "towns" else None,
        interactive=interactive,
        control=interactive,
    )


def build_map(story: Story, *, asset_base: str | None = None) -> folium.Map:
    """The story's map: one switchable overlay per layer, no tile basemap.

    ``asset_base`` is the URL folder that serves Leaflet (see
    ``geo.assets.publish``); ``None`` leaves the assets for the caller to
    inline, as ``standalone_html`` does.
    """
    fmap = folium.Map(
        location=MAP_CENTER, zoom_start=MAP_ZOOM, tiles=None, control_scale=True, prefer_canvas=False
    )
    # nothing from a CDN: Leaflet only, from our own server or inlined
    fmap.default_js = [("leaflet", f"{asset_base}/{assets.LEAFLET_JS}")] if asset_base else []
    fmap.default_css = [("leaflet_css", f"{asset_base}/{assets.LEAFLET_CSS}")] if asset_base else []
    fmap.get_root().header.add_child(
        folium.Element(f"<style>.leaflet-container {{ background: {SEA_COLOR}; }}</style>")
    )
    for layer in story.layers:
        places = [p for p in story.places.values() if p.layer == layer.id]
        if places or layer.is_context:
            _layer_overlay(layer, places).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap


def standalone_html(story: Story) -> str:
    """The map as one HTML page that opens offline: Leaflet is inlined."""
    fmap = build_map(story)
    fmap.get_root().header.add_child(
        folium.Element(f"<style>{assets.inline_css()}</style><script>{assets.inline_js()}</script>"), index=0
    )
    return fmap.get_root().render()


SELECTION_COLOR = "#ffb000"


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
    folium.GeoJson(
        {"type": "Feature", "geometry": mapping(place.geometry), "properties": {}},
        style_function=lambda _feature: outline,
        marker=folium.CircleMarker(radius=11, fill=True),
        interactive=False,
    ).add_to(group)
    return group
