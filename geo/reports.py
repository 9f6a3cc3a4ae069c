"""The reports: each one parsed once, by content, with its title and the places it names.

Parsing (sentences and mentions) is the costly part of reading a folder of
reports, so ``parse_report`` keeps what it made for each text and matcher:
adding one report to a large folder parses only that one.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from geo.article import Article, Quote, Segment, segment
from geo.mentions import Matcher, Mention, find_mentions

TITLE_MAX = 110
# a report whose tags take more than this share of its text is a page, not a report
MARKUP_SHARE = 0.5
_TAG = re.compile(r"<[^<>]{0,400}>")
_DOCUMENT = re.compile(r"\s*<(?:!doctype|html|\?xml)", re.IGNORECASE)
# how many parsed reports to keep: well above any folder this app is meant for
PARSED_REPORTS = 20_000


@dataclass(frozen=True)
class Report:
    """One report: its text, date, title, sentences, the places it names and its quotes on each."""

    article: Article
    title: str
    segments: tuple[Segment, ...]
    mentions: tuple[Mention, ...]
    # the sentences that name each place, by place id, in the order of the text
    quotes: Mapping[str, tuple[Quote, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def source(self) -> str:
        return self.article.source

    @property
    def date(self) -> str | None:
        return self.article.date

    @property
    def stem(self) -> str:
        """The file name without ``.txt``, as a link carries it."""
        return self.source.removesuffix(".txt")


def report_problem(article: Article) -> str | None:
    """Why the report cannot be read as a report, or None."""
    body = article.text[article.body_start :]
    if not body.strip():
        return "is empty"
    if _DOCUMENT.match(body):
        return "is an HTML or XML document, not a report's text"
    tags = sum(len(tag) for tag in _TAG.findall(body))
    if tags > MARKUP_SHARE * len(body.strip()):
        return f"is mostly markup ({tags / len(body.strip()):.0%} of it in <tags>), not a report's text"
    return None


def title_of(article: Article, segments: tuple[Segment, ...]) -> str:
    """The report's first sentence (after its date line), cut at a word and marked "…" if it is long."""
    if not segments:
        return article.source
    first = " ".join(article.text[segments[0].start : segments[0].end].split())
    return shortened(first, TITLE_MAX)


def shortened(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at the last space that leaves room for "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    at_space = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return at_space.rstrip(" ,;:–—-") + "…"


def written_date(date: str | None) -> str:
    """An ISO date as a reader writes it ("15 June 2021"); "Undated" for None."""
    if date is None:
        return "Undated"
    day = datetime.date.fromisoformat(date)
    return f"{day.day} {day:%B %Y}"


def sort_key(report: Report) -> tuple[bool, str, str]:
    """Oldest first; an undated report last; then by file name."""
    return (report.date is None, report.date or "", report.source)


@lru_cache(maxsize=PARSED_REPORTS)
def parse_report(article: Article, matcher: Matcher) -> Report:
    """The report's sentences and mentions, made once per text, file name and matcher."""
    segments = tuple(segment(article))
    mentions = tuple(find_mentions(matcher, article.text, [(s.start, s.end) for s in segments]))
    quotes = quotes_by_place(article, segments, mentions)
    return Report(article, title_of(article, segments), segments, mentions, quotes)


def quotes_by_place(
    article: Article, segments: tuple[Segment, ...], mentions: tuple[Mention, ...]
) -> Mapping[str, tuple[Quote, ...]]:
    """Each segment that names a place, as a quote of that place with its mentions in it."""
    ends = {seg.start: seg.end for seg in segments}
    starts = sorted(ends)
    spans: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for mention in mentions:  # they come in the order of the text
        start = starts[bisect.bisect_right(starts, mention.start) - 1]
        spans.setdefault(mention.place_id, {}).setdefault(start, []).append((mention.start, mention.end))
    text, source, date = article.text, article.source, article.date
    return MappingProxyType(
        {
            place_id: tuple(
                Quote(text[start : ends[start]], start, ends[start], tuple(found), source, date)
                for start, found in sorted(by_start.items())
            )
            for place_id, by_start in spans.items()
        }
    )


def parse_count() -> int:
    """How many reports have been parsed (not taken from the cache) so far."""
    return parse_report.cache_info().misses
