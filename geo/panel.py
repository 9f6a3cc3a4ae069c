"""HTML for the context panel, the places overview and the sources: pure strings.

Everything from the article or a layer file passes through ``html.escape``;
the article's words are shown exactly as written, with the mention marked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from geo.article import Quote
from geo.layers import Layer
from geo.measures import Measures
from geo.reports import Report
from geo.story import Place, Story

# how many of a place's quotes from one report show before "N more from this report"
QUOTES_SHOWN = 3

# Characters with a meaning in Markdown, GFM, LaTeX ($) or Streamlit's
# directives (:red[...]); "&" starts an entity ("&lt;" would show as "<") and
# "/" completes ":material/", which Streamlit turns into an icon before parsing
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&/])")
# Text that Streamlit rewrites after parsing, where a backslash no longer
# reaches: " -- " and " -> " become a dash and an arrow, ":streamlit:" its logo
# and ":material_home:" an icon. "\ufeff" completes JavaScript's \s.
_STREAMLIT_REWRITES = re.compile(
    r"((?<![^\s\ufeff])(?:<->|->|<-|--|>=|<=|~=)(?![^\s\ufeff])|:(?:streamlit|material_\w+):)"
)


def markdown_literal(text: str) -> str:
    """``text`` for a Streamlit Markdown string, shown as written.

    Special characters are backslash-escaped; what Streamlit would still
    rewrite is split by a code span, where Markdown shows text as it is.
    """
    pieces = _STREAMLIT_REWRITES.split(text)
    # split() puts the rewritable pieces at the odd positions
    return "".join(_unrewritable(piece) if n % 2 else _escaped(piece) for n, piece in enumerate(pieces))


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _unrewritable(piece: str) -> str:
    # A dash or an arrow goes whole into the code span; of ":streamlit:" only
    # the first colon, as a whole ":name:" in the source would make Streamlit
    # turn every escaped ":smile:" of the string into an emoji
    return f"`:`{_escaped(piece[1:])}" if piece.startswith(":") else f"`{piece}`"


def quote_html(quote: Quote) -> str:
    """One quote as a blockquote, each mention of the place in ``<mark>``."""
    parts, cursor = [], quote.start
    for start, end in quote.mentions:
        parts.append(html.escape(quote.text[cursor - quote.start : start - quote.start]))
        parts.append(f"<mark>{html.escape(quote.text[start - quote.start : end - quote.start])}</mark>")
        cursor = end
    parts.append(html.escape(quote.text[cursor - quote.start :]))
    return (
        f'<blockquote class="quote" data-start="{quote.start}" data-end="{quote.end}">'
        f"{''.join(parts)}</blockquote>"
    )


def _quotes_html(place: Place, reports: Mapping[str, Report]) -> str:
    if not place.quotes:
        return '<p class="muted">The article does not name this place; it is shown for context.</p>'
    groups = _by_report(place.quotes)
    if len(reports) <= 1:
        heading = f"<h4>What the article says ({_sentences(len(place.quotes))})</h4>"
    else:
        heading = (
            f"<h4>What the reports say ({_sentences(len(place.quotes))} in {_reports(len(groups))})</h4>"
        )
    return heading + "".join(
        _report_group_html(quotes, reports.get(source)) for source, quotes in groups.items()
    )


def _by_report(quotes: Sequence[Quote]) -> dict[str, list[Quote]]:
    """The quotes by report, in the order they come (oldest report first)."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.source, []).append(quote)
    return groups


def report_label(report: Report) -> str:
    """A report as the reader sees it named: its date (or "undated") and its title."""
    return f"{report.date or 'undated'} · {report.title}"


def _report_group_html(quotes: list[Quote], report: Report | None) -> str:
    """One report's quotes on a place under its date and title; beyond the first few, folded."""
    label = report_label(report) if report else quotes[0].source
    shown, rest = quotes[:QUOTES_SHOWN], quotes[QUOTES_SHOWN:]
    more = (
        f'<details class="more"><summary>{len(rest)} more from this report</summary>'
        + "".join(quote_html(quote) for quote in rest)
        + "</details>"
        if rest
        else ""
    )
    return (
        f'<div class="report-quotes" data-source="{html.escape(quotes[0].source)}">'
        f'<h5 class="report">{html.escape(label)}</h5>'
        + "".join(quote_html(quote) for quote in shown)
        + more
        + "</div>"
    )


def _reports(count: int) -> str:
    return f"{count} report{'' if count == 1 else 's'}"


def _km(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def measures_html(measures: Measures) -> str:
    """What was measured of a place, as a short list; nothing for nothing."""
    rows = []
    if measures.length_km is not None:
        parts = ", ".join(
            f"{html.escape(measures.names[area_id])} {_km(km)} km"
            for area_id, km in measures.length_by_country_km.items()
        )
        rows.append(f"Length as drawn: {_km(measures.length_km)} km" + (f" (in {parts})" if parts else ""))
    if measures.area_km2 is not None:
        rows.append(f"Area as drawn: {measures.area_km2:,.0f} km²")
    if measures.distances_km:
        distances = ", ".join(
            f"{html.escape(measures.names[place_id])} {_km(km)} km"
            for place_id, km in measures.distances_km.items()
        )
        rows.append(f"Straight-line distance to {distances}")
    if not rows:
        return ""
    items = "".join(f"<li>{row}</li>" for row in rows)
    return (
        f'<ul class="measures">{items}</ul>'
        '<p class="muted small">Measured on the WGS84 ellipsoid from the outlines this map draws.</p>'
    )


def place_html(
    place: Place,
    layer_title: str,
    measures: Measures | None = None,
    reports: Mapping[str, Report] | None = None,
) -> str:
    """The context panel for one place: names, layer, note, measures and quotes.

    ``reports`` names each quote's report (its date and title) by file name;
    the quotes come grouped by report, oldest first.
    """
    aliases = ", ".join(html.escape(alias) for alias in place.aliases)
    flags = '<span class="flag">approximate</span>' if place.approximate else ""
    return (
        f'<section class="place" data-place="{html.escape(place.id)}">'
        f"<h3>{html.escape(place.name)} {flags}</h3>"
        + (f'<p class="aliases">Also: {aliases}</p>' if aliases else "")
        + f'<p class="layer">Layer: {html.escape(layer_title)}</p>'
        + (f'<p class="note">{html.escape(place.note)}</p>' if place.note else "")
        + (measures_html(measures) if measures else "")
        + _quotes_html(place, reports or {})
        + "</section>"
    )


def _sentences(count: int) -> str:
    return f"{count} sentence{'' if count == 1 else 's'}"


def places_overview_html(story: Story) -> str:
    """What to click: every place by layer, with how often the article names it."""
    groups = []
    for layer in story.layers:
        places = story.places_in(layer.id)
        if not places:
            continue
        items = "".join(
            f"<li>{html.escape(p.name)} <span class='muted'>· {_sentences(len(p.quotes))}</span></li>"
            for p in places
        )
        groups.append(f"<h4>{html.escape(layer.title)}</h4><ul class='overview'>{items}</ul>")
    return (
        "<p>Choose a place on the map, in the article or under Places to read what the article says "
        "about it.</p>" + "".join(groups)
    )


def sources_html(layers: list[Layer]) -> str:
    """Every layer's source, licence and the command that rebuilds it."""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(layer.provenance.get(key, '')))}</td>"
            for key in ("title", "source", "licence", "retrieved", "method")
        )
        + "</tr>"
        for layer in layers
    )
    columns = ("Layer", "Source", "Licence", "Retrieved", "How it was made")
    head = "".join(f"<th>{name}</th>" for name in columns)
    return f'<table class="sources"><tr>{head}</tr>{rows}</table>'


PANEL_CSS = """<style>
.place h3 { margin: 0 0 .2rem 0; }
.flag { font-size: .7rem; font-weight: 600; text-transform: uppercase; color: #7a4b94;
        border: 1px solid #7a4b94; border-radius: .3rem; padding: 0 .3rem; vertical-align: middle; }
.aliases, .layer, .muted { color: #555; margin: .1rem 0; }
.small { font-size: .8rem; }
ul.measures { margin: .3rem 0 0 0; }
.note { font-style: italic; }
blockquote.quote { border-left: 4px solid #b3261e; margin: .5rem 0; padding: .2rem .8rem; }
blockquote.quote mark { background: #ffe08a; padding: 0 .1rem; }
h5.report { margin: .6rem 0 .1rem 0; font-size: .9rem; color: #333; }
details.more summary { cursor: pointer; color: #0057b8; font-size: .85rem; }
table.sources td, table.sources th { vertical-align: top; padding: .2rem .4rem; font-size: .85rem; }
</style>"""
