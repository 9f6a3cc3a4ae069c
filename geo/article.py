"""The article: its header, its sentences, and the quotes that name a place.

Offsets are indexes into the article file's text as decoded from UTF-8, so
for every segment and quote ``text[start:end]`` is exactly what it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The seed files start with metadata such as " date 2021-06-15 " before the text
_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
# A sentence ends at . ! ? or … (after any closing quotes or brackets) when
# the next one starts, perhaps after an opening quote, with a capital or a digit.
_SENTENCE_END = re.compile(r"[.!?…]+[”’\"')\]]*\s+[“‘\"'(\[]?(\w)")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Dr.", "St.", "e.g.", "i.e.", "vs.")
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Article:
    """The article's text, its date, and where the text proper begins."""

    text: str
    date: str | None
    body_start: int
    source: str


@dataclass(frozen=True)
class Segment:
    """A sentence, heading or list item: ``text[start:end]``."""

    start: int
    end: int
    kind: str  # "sentence", "heading" or "list item"


@dataclass(frozen=True)
class Quote:
    """A segment that names a place, with the ``spans`` (start, end) where it names it.

    Offsets index the text of the report ``source`` (its file name), dated ``date``.
    """

    text: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    source: str
    date: str | None = None


def parse_article(text: str, *, source: str) -> Article:
    """Split off the metadata header that precedes the article's text."""
    header = _HEADER.match(text)
    if header is None:
        return Article(text=text, date=None, body_start=0, source=source)
    return Article(text=text, date=header.group(1), body_start=header.end(), source=source)


def _paragraphs(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines from ``start`` on, without edge spaces."""
    for line in re.finditer(r"[^\n]+", text[start:]):
        stripped = line.group().strip()
        if stripped:
            first = start + line.start() + line.group().index(stripped)
            yield first, first + len(stripped)


def _ends_with_abbreviation(text: str, end: int) -> bool:
    return any(text.endswith(abbreviation, 0, end) for abbreviation in _ABBREVIATIONS)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of one paragraph."""
    sentence_start = start
    for boundary in _SENTENCE_END.finditer(text, start, end):
        first = boundary.group(1)
        sentence_end = boundary.start() + len(boundary.group().split()[0])
        if not (first.isupper() or first.isdigit()) or _ends_with_abbreviation(text, sentence_end):
            continue
        yield sentence_start, sentence_end
        sentence_start = boundary.start(1) - (1 if text[boundary.start(1) - 1] in "“‘\"'([" else 0)
    yield sentence_start, end


def _is_heading(paragraph: str) -> bool:
    short = len(paragraph.split()) <= _HEADING_MAX_WORDS
    one_sentence = len(list(_sentences(paragraph, 0, len(paragraph)))) == 1
    return short and one_sentence and paragraph[-1] not in '.;:,”’"'


def segment(article: Article) -> list[Segment]:
    """Every sentence, heading and list item of the article, in order.

    A line that ends with ``;`` is a list item, and so is the line right
    after such a line (the last item of a list ends with a full stop).
    """
    segments = []
    previous_is_item = False
    for start, end in _paragraphs(article.text, article.body_start):
        paragraph = article.text[start:end]
        is_item = paragraph.endswith(";") or previous_is_item
        previous_is_item = paragraph.endswith(";")
        if is_item:
            kind = "list item"
        elif _is_heading(paragraph):
            kind = "heading"
        else:
            kind = "sentence"
        segments.extend(Segment(s, e, kind) for s, e in _sentences(article.text, start, end))
    return segments
