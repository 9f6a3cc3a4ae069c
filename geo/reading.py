"""The article as the reader reads it beside the map: every mention a link.

Pure strings and records: each place mention becomes a button that selects
the place, and each segment carries its start, by which the page marks the
sentences that name the selected places.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from geo.article import Segment
from geo.escape import html_text
from geo.story import ReportView


@dataclass(frozen=True)
class Clause:
    """One of the declaration's clauses (a list item) and the places it names."""

    text: str
    start: int
    place_ids: tuple[str, ...]


def places_by_segment(view: ReportView) -> dict[int, tuple[str, ...]]:
    """The ids of the places each segment names, in the order it names them, by its start."""
    named: dict[int, list[tuple[int, str]]] = {}
    for place_id, quotes in view.quotes.items():
        for quote in quotes:
            named.setdefault(quote.start, []).append((quote.spans[0][0], place_id))
    return {start: tuple(place_id for _at, place_id in sorted(found)) for start, found in named.items()}


def clauses(view: ReportView) -> list[Clause]:
    """The article's list items, which are the declaration's clauses, in order.

    A list item of two sentences is one clause naming the places of both.
    """
    if view.article is None:
        return []
    named = places_by_segment(view)
    found = []
    for line in _segments_by_line(view):
        if line[0].kind != "list item":
            continue
        place_ids = dict.fromkeys(place_id for seg in line for place_id in named.get(seg.start, ()))
        text = view.article.text[line[0].start : line[-1].end]
        found.append(Clause(text, line[0].start, tuple(place_ids)))
    return found


def clauses_html(view: ReportView) -> str:
    """The clauses as a numbered list, each with a button that shows the places it names (page/places.js)."""
    items = []
    for clause in clauses(view):
        button = ""
        if clause.place_ids:
            names = ", ".join(view.places[place_id].name for place_id in clause.place_ids)
            button = (
                f'<button type="button" data-places="{html_text(",".join(clause.place_ids))}">'
                f"Show on the map: {html_text(names)}</button>"
            )
        items.append(f"<li><p>{html_text(clause.text)}</p>{button}</li>")
    return f'<ol class="clauses">{"".join(items)}</ol>' if items else ""


def _mentions(view: ReportView) -> dict[int, tuple[int, str]]:
    """Every mention of a place: its end and the place's id, by its start.

    Where two mentions start together ("Kars" in "Kars–Nakhchivan railway"),
    the longer one is the link.
    """
    mentions: dict[int, tuple[int, str]] = {}
    for place_id, quotes in view.quotes.items():
        for quote in quotes:
            for start, end in quote.spans:
                if end > mentions.get(start, (start, ""))[0]:
                    mentions[start] = (end, place_id)
    return mentions


def _segment_html(view: ReportView, segment: Segment, mentions: dict[int, tuple[int, str]]) -> str:
    text, parts, cursor = view.article.text, [], segment.start
    for start in sorted(m for m in mentions if segment.start <= m < segment.end):
        end, place_id = mentions[start]
        if start < cursor:  # a mention inside a longer one already linked
            continue
        parts.append(html_text(text[cursor:start]))
        parts.append(
            f'<button type="button" class="mention" data-place="{html_text(place_id)}" '
            f'aria-pressed="false">{html_text(text[start:end])}</button>'
        )
        cursor = end
    parts.append(html_text(text[cursor : segment.end]))
    return "".join(parts)


def _segments_by_line(view: ReportView) -> list[list[Segment]]:
    """Segments grouped as the file's lines group them."""
    paragraphs: list[list[Segment]] = []
    previous_end = None
    for seg in view.segments:
        if previous_end is None or "\n" in view.article.text[previous_end : seg.start]:
            paragraphs.append([])
        paragraphs[-1].append(seg)
        previous_end = seg.end
    return paragraphs


def article_html(view: ReportView) -> str:
    """The whole article: headings, paragraphs and the list, every mention a button."""
    if view.article is None:
        return ""
    mentions = _mentions(view)
    blocks, in_list = [], False
    for paragraph in _segments_by_line(view):
        spans = " ".join(
            f'<span class="segment" data-start="{seg.start}">{_segment_html(view, seg, mentions)}</span>'
            for seg in paragraph
        )
        kind = paragraph[0].kind
        if (kind == "list item") != in_list:  # consecutive list items make one list
            in_list = not in_list
            blocks.append("<ul>" if in_list else "</ul>")
        tag = {"heading": "h4", "list item": "li"}.get(kind, "p")
        blocks.append(f"<{tag}>{spans}</{tag}>")
    return "".join(blocks) + ("</ul>" if in_list else "")


def marked_segments(view: ReportView, selected: Collection[str]) -> list[int]:
    """The starts of the segments that name any of the ``selected`` places."""
    wanted = set(selected)
    return sorted(start for start, ids in places_by_segment(view).items() if wanted & set(ids))
