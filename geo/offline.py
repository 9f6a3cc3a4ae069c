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
from geo.reports import written_date
from geo.story import ReportView

HINT = (
    "Choose a place on the map (click it, or move to it with Tab and press Enter) "
    "to read what {} about it; Esc closes it."
)


def header_html(view: ReportView) -> str:
    """The collection's title, what the map shows (the report's date and headline), and how to use it."""
    caption = ""
    if view.report and not (view.every_report and view.several_reports):
        caption = f"{written_date(view.report.date)} · {view.report.title}"
    elif view.report:
        caption = f"Every report's places: {len(view.reports)} reports"
    shown = f'<p class="offline-caption">{html_text(caption)}</p>' if caption else ""
    hint = HINT.format("the reports say" if view.several_reports else "the article says")
    return (
        f'<header class="offline-header"><h1>{html_text(view.story.title)}</h1>{shown}'
        f'<p class="offline-caption offline-hint">{html_text(hint)}</p></header>'
    )


def standalone_html(view: ReportView, *, css: str, js: str) -> str:
    """The page with ``css`` and ``js`` (Leaflet and its plugins) inlined.

    ``css`` and ``js`` are ready to inline, as ``geo.assets.inline_css`` and
    ``inline_js`` give them; the page's own style and script are always added.
    """
    fmap = build_map(view, full_cards=True)
    page = fmap.get_root()
    page.title = html_text(view.story.title)
    own_css = assets.inline_css((assets.OFFLINE,))
    inlined = f"<style>{css}\n{own_css}</style><script>{js}</script>"
    # after the charset, which a browser looks for in the first kilobyte only
    after_charset = list(page.header._children).index("meta_http") + 1
    page.header.add_child(RawHtml(inlined), name="inlined", index=after_charset)
    page.html.add_child(RawHtml(header_html(view)), name="offline-header", index=0)
    return page.render()


def offline_html(view: ReportView) -> str:
    """``standalone_html`` with Leaflet, its plugin and our own script inlined."""
    return standalone_html(view, css=assets.inline_css(), js=assets.inline_js())
