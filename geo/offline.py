"""The map as one HTML page that opens offline: title, map, legend and the places' cards.

The page is what the app's download button and ``python -m geo html`` write.
The cards are the app's own (``geo.maps.build_map`` puts them in
``<template>``s, geo/static/storymap.js shows one inside the map), here with
every quote and the measures, since the file has no panel under its map.
"""

from __future__ import annotations

from geo import assets
from geo.escape import html_text
from geo.maps import RawHtml, build_map
from geo.panel import PANEL_CSS
from geo.story import Story

TITLE = "The Shusha Declaration, on a map"
HINT = (
    "Choose a place on the map (click it, or move to it with Tab and press Enter) "
    "to read what the article says about it; Esc closes it."
)


def header_html(story: Story) -> str:
    """The page's heading, and the report's date and source file, escaped."""
    caption = ""
    if story.article:
        caption = (
            f'<p class="offline-caption">Report dated {html_text(story.article.date or "unknown")} '
            "on the declaration signed by Azerbaijan and Turkey in Shusha · source file "
            f"{html_text(story.article.source)}</p>"
        )
    hint = f'<p class="offline-caption offline-hint">{html_text(HINT)}</p>'
    return f'<header class="offline-header"><h1>{html_text(TITLE)}</h1>{caption}{hint}</header>'


def standalone_html(story: Story, *, css: str, js: str) -> str:
    """The page with ``css`` and ``js`` (Leaflet and its plugins) inlined.

    ``css`` and ``js`` are ready to inline, as ``geo.assets.inline_css`` and
    ``inline_js`` give them; the page's own style and script are always added.
    """
    fmap = build_map(story, full_cards=True)
    page = fmap.get_root()
    page.title = html_text(TITLE)
    own_css = assets.inline_css((assets.OFFLINE,))
    inlined = f"<style>{css}\n{own_css}\n{PANEL_CSS}</style><script>{js}</script>"
    # after the charset, which a browser looks for in the first kilobyte only
    after_charset = list(page.header._children).index("meta_http") + 1
    page.header.add_child(RawHtml(inlined), name="inlined", index=after_charset)
    page.html.add_child(RawHtml(header_html(story)), name="offline-header", index=0)
    return page.render()


def offline_html(story: Story) -> str:
    """``standalone_html`` with Leaflet, its plugin and our own script inlined."""
    return standalone_html(story, css=assets.inline_css(), js=assets.inline_js())
