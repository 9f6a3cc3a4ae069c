"""HTML for the context panel, the places overview and the sources: pure strings.

Everything from the article or a layer file passes through
``geo.escape.html_text``; the article's words are shown exactly as written,
with the mention marked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from geo.article import Quote
from geo.escape import html_text
from geo.labels import is_label_only
from geo.layers import Layer
from geo.measures import Measures, measure
from geo.reports import Report
from geo.story import Place, ReportView

# how many of a place's quotes from one report show before "N more from this report"
QUOTES_SHOWN = 3
# the id of a place's card template: geo/static/storymap.js shows a copy of it on the map
CARD_ID_PREFIX = "story-card-"


@dataclass(frozen=True)
class CardLimit:
    """How much of a place's quotes a card on the map holds; the panel under the map holds all.

    The newest ``reports`` reports first, each with its first ``quotes``
    quotes, so the map's bytes stay bounded however many reports name a place.
    """

    reports: int = 3
    quotes: int = 2


# the app's cards: the panel under the map shows everything the card leaves out
CARD_LIMIT = CardLimit()


def quote_html(quote: Quote) -> str:
    """One quote as a blockquote, each mention of the place in ``<mark>``."""
    parts, cursor = [], quote.start
    for start, end in quote.spans:
        parts.append(html_text(quote.text[cursor - quote.start : start - quote.start]))
        parts.append(f"<mark>{html_text(quote.text[start - quote.start : end - quote.start])}</mark>")
        cursor = end
    parts.append(html_text(quote.text[cursor - quote.start :]))
    return (
        f'<blockquote class="quote" data-start="{quote.start}" data-end="{quote.end}">'
        f"{''.join(parts)}</blockquote>"
    )


def _quotes_html(place: Place, reports: Mapping[str, Report], limit: CardLimit | None) -> str:
    if not place.quotes:
        which = "The reports do not" if len(reports) > 1 else "The article does not"
        return f'<p class="muted">{which} name this place; it is shown for context.</p>'
    groups = _by_report(place.quotes)
    if len(reports) <= 1:
        heading = f"<h4>What the article says ({_sentences(len(place.quotes))})</h4>"
    else:
        heading = (
            f"<h4>What the reports say ({_sentences(len(place.quotes))} in {_reports(len(groups))})</h4>"
        )
    if limit is None:
        return heading + "".join(
            _report_group_html(quotes, reports.get(source)) for source, quotes in groups.items()
        )
    newest = list(groups.items())[::-1]
    shown, rest = newest[: limit.reports], newest[limit.reports :]
    more = f'<p class="muted more">{_reports(len(rest))} more under the map</p>' if rest else ""
    return (
        heading
        + "".join(_report_group_html(quotes, reports.get(source), limit.quotes) for source, quotes in shown)
        + more
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


def _report_group_html(quotes: list[Quote], report: Report | None, limit: int | None = None) -> str:
    """One report's quotes on a place under its date and title.

    Beyond the first few, folded; with a ``limit``, the ones beyond it are
    only counted (a card: the panel under the map holds them).
    """
    label = report_label(report) if report else quotes[0].source
    if limit is not None:
        shown, rest = quotes[:limit], quotes[limit:]
        more = f'<p class="muted more">{_sentences(len(rest))} more under the map</p>' if rest else ""
    else:
        shown, rest = quotes[:QUOTES_SHOWN], quotes[QUOTES_SHOWN:]
        more = (
            f'<details class="more"><summary>{len(rest)} more from this report</summary>'
            + "".join(quote_html(quote) for quote in rest)
            + "</details>"
            if rest
            else ""
        )
    return (
        f'<div class="report-quotes" data-source="{html_text(quotes[0].source)}">'
        f'<h5 class="report">{html_text(label)}</h5>'
        + "".join(quote_html(quote) for quote in shown)
        + more
        + "</div>"
    )


def _reports(count: int) -> str:
    return f"{count} report{'' if count == 1 else 's'}"


def _whole_from_ten(value: float) -> str:
    # rounded first, so 9.96 reads "10", not "10.0"
    rounded = round(value, 1)
    return f"{rounded:,.0f}" if rounded >= 10 else f"{rounded:.1f}"


def km_text(km: float) -> str:
    """A distance or a length: whole kilometres from 10 km, one decimal below."""
    return f"{_whole_from_ten(km)} km"


def km2_text(km2: float) -> str:
    """An area, as precise as an outline drawn at this scale can say.

    Below 100 km² as ``km_text`` rounds kilometres, below 10,000 km² to the nearest
    10 km², below a million to three significant figures, and from a million
    "about 17.0 million km²".
    """
    if round(km2, 1) < 100:
        return f"{_whole_from_ten(km2)} km²"
    rounded = round(km2, -1) if km2 < 10_000 else round(km2, 2 - math.floor(math.log10(km2)))
    if rounded >= 1_000_000:
        return f"about {km2 / 1_000_000:.1f} million km²"
    return f"{rounded:,.0f} km²"


def _length_parts(measures: Measures) -> str:
    """Where a line runs: "in Azerbaijan 179 km, Armenia 35 km", "along the Azerbaijan–Iran border 336 km"."""
    names = {area_id: html_text(name) for area_id, name in measures.names.items()}
    inside = ", ".join(f"{names[area]} {km_text(km)}" for area, km in measures.length_by_country_km.items())
    along = ", ".join(
        f"along the {names[first]}–{names[second]} border {km_text(km)}"
        for (first, second), km in measures.length_along_border_km.items()
    )
    return ", ".join(filter(None, [f"in {inside}" if inside else "", along]))


def measures_html(measures: Measures) -> str:
    """What was measured of a place, as a short list; nothing for nothing."""
    rows = []
    if measures.length_km is not None:
        parts = _length_parts(measures)
        rows.append(f"Length as drawn: {km_text(measures.length_km)}" + (f" ({parts})" if parts else ""))
    if measures.area_km2 is not None:
        rows.append(f"Area as drawn: {km2_text(measures.area_km2)}")
    if measures.distances_km:
        nearest = measures.distances_km.items()
        distances = ", ".join(f"{html_text(measures.names[place])} {km_text(km)}" for place, km in nearest)
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
    limit: CardLimit | None = None,
) -> str:
    """The context panel for one place, or its card on the map: names, layer, note, measures and quotes.

    ``reports`` names each quote's report (its date and title) by file name;
    the quotes come grouped by report, oldest first. With a ``limit`` (a card
    in the app), the newest reports come first and only the limit's quotes.
    """
    aliases = ", ".join(html_text(alias) for alias in place.aliases)
    flags = '<span class="flag">approximate</span>' if place.approximate else ""
    return (
        f'<section class="place" data-place="{html_text(place.id)}">'
        f"<h3>{html_text(place.name)} {flags}</h3>"
        + (f'<p class="aliases">Also: {aliases}</p>' if aliases else "")
        + f'<p class="layer">Layer: {html_text(layer_title)}</p>'
        + (f'<p class="note">{html_text(place.note)}</p>' if place.note else "")
        + (measures_html(measures) if measures else "")
        + _quotes_html(place, reports or {}, limit)
        + "</section>"
    )


def cards_html(view: ReportView, *, limit: CardLimit | None, measured: bool) -> str:
    """Every place's card, each in an inert ``<template>`` that geo/static/storymap.js copies.

    The same ``place_html`` as the panel under the map, so the card and the
    panel cannot drift; ``measured`` adds the measures (the offline file,
    which has no panel under its map).
    """
    reports = {report.source: report for report in view.reports}

    def card(place: Place) -> str:
        measures = measure(place, view) if measured else None
        return place_html(place, view.layer_title(place.layer), measures, reports, limit)

    return "".join(
        f'<template id="{CARD_ID_PREFIX}{html_text(place.id)}">{card(place)}</template>'
        for layer in view.layers
        if not layer.is_backdrop
        for place in view.places_in(layer.id)
        if not is_label_only(place)
    )


def _sentences(count: int) -> str:
    return f"{count} sentence{'' if count == 1 else 's'}"


def places_overview_html(view: ReportView) -> str:
    """What to click: every place drawn, by layer, with how often the report shown names it."""
    here = " in this report" if view.several_reports else ""
    groups = []
    for layer in view.layers:
        places = view.places_in(layer.id)
        if not places:
            continue
        items = "".join(
            f"<li>{html_text(p.name)} <span class='muted'>· "
            f"{_sentences(len(view.quotes.get(p.id, ())))}{here}</span></li>"
            for p in places
        )
        groups.append(f"<h4>{html_text(view.layer_title(layer.id))}</h4><ul class='overview'>{items}</ul>")
    text, says = ("report", "the reports say") if view.several_reports else ("article", "the article says")
    return (
        f"<p>Choose a place on the map, in the {text} or under Places to read what {says} "
        "about it.</p>" + "".join(groups)
    )


def sources_html(layers: list[Layer]) -> str:
    """Every layer's source, licence and the command that rebuilds it."""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html_text(str(layer.provenance.get(key, '')))}</td>"
            for key in ("title", "source", "licence", "retrieved", "method")
        )
        + "</tr>"
        for layer in layers
    )
    columns = ("Layer", "Source", "Licence", "Retrieved", "How it was made")
    head = "".join(f"<th>{name}</th>" for name in columns)
    return f'<table class="sources"><tr>{head}</tr>{rows}</table>'


# the panels' own look, wherever they are shown: the app's page and the offline file
PANEL_CSS = """
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
"""


def _first_mention(quote: Quote, rank: Mapping[str, int]) -> tuple[int, int]:
    """Where a quote first names its place: its report's rank, then the offset in it."""
    return rank.get(quote.source, len(rank)), min((start for start, _ in quote.spans), default=quote.start)


def reading_order(view: ReportView) -> list[str]:
    """The places with a card as a reader meets them.

    The ones the reports name come first, by first mention, then the rest in the layers' order.
    """
    rank = {report.source: n for n, report in enumerate(view.reports)}
    places = [p for p in view.places.values() if not view.layer(p.layer).is_backdrop and not is_label_only(p)]
    first = {p.id: min(_first_mention(q, rank) for q in p.quotes) for p in places if p.quotes}
    return sorted(first, key=first.__getitem__) + [p.id for p in places if p.id not in first]
