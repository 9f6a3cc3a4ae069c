"""The reports: each one parsed once, by content, with its title and the places it names.

Parsing (sentences and mentions) is the costly part of reading a folder of
reports, so ``parse_report`` keeps what it made for each text and matcher:
adding one report to a large folder parses only that one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.article import Article, Segment, segment
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
    """One report: its text, date, title, sentences and the places it names."""

    article: Article
    title: str
    segments: tuple[Segment, ...]
    mentions: tuple[Mention, ...]

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
    """The report's first sentence (after its date line), cut short if it is long."""
    if not segments:
        return article.source
    first = " ".join(article.text[segments[0].start : segments[0].end].split())
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"


def sort_key(report: Report) -> tuple[bool, str, str]:
    """Oldest first; an undated report last; then by file name."""
    return (report.date is None, report.date or "", report.source)


@lru_cache(maxsize=PARSED_REPORTS)
def parse_report(article: Article, matcher: Matcher) -> Report:
    """The report's sentences and mentions, made once per text, file name and matcher."""
    segments = tuple(segment(article))
    mentions = find_mentions(matcher, article.text, [(s.start, s.end) for s in segments])
    return Report(article, title_of(article, segments), segments, tuple(mentions))


def parse_count() -> int:
    """How many reports have been parsed (not taken from the cache) so far."""
    return parse_report.cache_info().misses
