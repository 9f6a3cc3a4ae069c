"""The map as one HTML page that opens offline: title, map, legend and the places' panels.

The page is what the app's download button and ``python -m geo html`` write.
Every place's panel is the app's own (``geo.panel.place_html``), rendered
here into a ``<template>``; geo/static/offline.js shows a copy of the one
chosen on the map. No HTML is ever built in the browser from data.
"""

from __future__ import annotations

from typing import Any

import folium
import jinja2

from geo import assets
from geo.escape import html_text
from geo.maps import build_map
from geo.measures import measure
from geo.panel import PANEL_CSS, place_html
from geo.story import Story

TITLE = "The Shusha Declaration, on a map"
HINT = (
    "Choose a place on the map (click it, or move to it with Tab and press Enter) "
    "to read what the article says about it."
)


class _Markup(folium.Element):
    """HTML written into the page as it is.

    ``folium.Element`` parses its text as a Jinja template, and a name or a
    quote may hold ``{{``: this element's text is never parsed.
    """

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


class _PlacePanel(folium.MacroElement):
    """The side panel, written after the map's own element, and the script that fills it."""

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
        OfflinePanel.follow({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "PlacePanel"
        self.markup = markup

    def render(self, **kwargs: Any) -> None:
        # the map adds its own element when it renders, before its children:
        # added now, the panel follows it in the page, as a reader meets them
        self.get_root().html.add_child(_Markup(self.markup), name=self.get_name())
        super().render(**kwargs)


def header_html(story: Story) -> str:
    """The page's heading, and the report's date and source file, escaped."""
    caption = ""
    if story.article:
        caption = (
            f'<p class="offline-caption">Report dated {html_text(story.article.date or "unknown")} '
            "on the declaration signed by Azerbaijan and Turkey in Shusha · source file "
            f"{html_text(story.article.source)}</p>"
        )
    return f'<header class="offline-header"><h1>{html_text(TITLE)}</h1>{caption}</header>'


def panel_html(story: Story) -> str:
    """The side panel: a hint until a place is chosen, and every place's panel in a template.

    A template's content is inert: nothing in it shows or runs until
    geo/static/offline.js copies it into the panel.
    """
    templates = "".join(
        f'<template id="place-{html_text(place.id)}">'
        f"{place_html(place, layer.title, measure(place, story))}</template>"
        for layer in story.layers
        if not layer.is_backdrop
        for place in story.places_in(layer.id)
    )
    return (
        '<aside class="offline-panel" aria-label="The place chosen">'
        f'<div id="offline-place" aria-live="polite"><p class="muted">{html_text(HINT)}</p></div>'
        f"{templates}</aside>"
    )


def standalone_html(story: Story, *, css: str, js: str) -> str:
    """The page with ``css`` and ``js`` (Leaflet and its plugins) inlined.

    ``css`` and ``js`` are ready to inline, as ``geo.assets.inline_css`` and
    ``inline_js`` give them; the page's own style and script are always added.
    """
    fmap = build_map(story)
    page = fmap.get_root()
    page.title = html_text(TITLE)
    own_css, own_js = assets.inline_css((assets.OFFLINE,)), assets.inline_js((assets.OFFLINE,))
    inlined = f"<style>{css}\n{own_css}</style><script>{js};\n{own_js}</script>{PANEL_CSS}"
    # after the charset, which a browser looks for in the first kilobyte only
    after_charset = list(page.header._children).index("meta_http") + 1
    page.header.add_child(_Markup(inlined), name="inlined", index=after_charset)
    page.html.add_child(_Markup(header_html(story)), name="offline-header", index=0)
    _PlacePanel(panel_html(story)).add_to(fmap)
    return page.render()


def offline_html(story: Story) -> str:
    """``standalone_html`` with Leaflet, its plugin and our own script inlined."""
    return standalone_html(story, css=assets.inline_css(), js=assets.inline_js())
