"""How a name stands in a report's text: the facts the matcher's rules read off the words.

Each function looks at the text only; which place a name means is geo.mentions'
business. "Common" is judged with wordfreq's English frequencies (Zipf scale:
"of" 7.4, "star" 5.2, "int" 3.8, "kiev" 3.5, "shiraz" 2.8, "aralik" 0), never
with a hand list of words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from wordfreq import zipf_frequency

# a word or phrase this frequent in English ("star", "center", "white house", "int") is ordinary English
COMMON_ZIPF = 3.5
# where a place stands in English: right after one of these
PLACE_PREPOSITIONS = frozenset(
    {"in", "from", "to", "near", "at", "of", "outside", "via", "into", "toward", "towards", "across"}
)
# one character each, so that a folded text keeps every offset of the original
_PLAIN = {"ı": "i", "ə": "e", "–": "-", "—": "-", "\u2010": "-", "\u2011": "-", "’": "'", "‘": "'"}
_PREVIOUS_WORD = re.compile(r"(\w+)[ ]$")
_NEXT = re.compile(r"[ ](\w+)")
# "Int'l", "Nat'l", "Gov't": letters after an apostrophe that are not a possessive 's
_ABBREVIATION = re.compile(r"['’](?!s\b)[^\W\d_]")
# "ANKARA, March 30", "YEREVAN —", "ST PETERSBURG (Reuters) -": capitals before a comma, bracket or dash
_DATELINE = re.compile(r"([^\W\d_a-z]{2,}(?: [^\W\d_a-z]{2,})*)(?=,| ?\(| [—–-])")
# "the treaties of Gulistan and Turkmenchay", "Treaty of Kars": the names that follow
_NAME = r"[^\W\d_][\w'’]*(?:[ -][^\W\d_a-z][\w'’]*)?"
_TREATY_OF = re.compile(rf"\b[Tt]reat(?:y|ies) of ({_NAME}(?:(?:,| and|, and) {_NAME})*)")
# "the Hakari river", "the Kars Treaty": the name is the river's or the treaty's
_ANOTHER_SENSE_AFTER = re.compile(r"[ ](?:[Rr]iver|[Tt]reaty|[Tt]reaties)\b")


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character without case or accent, as one character: offsets stay those of the text."""
    if char in _PLAIN:
        return _PLAIN[char]
    base = unicodedata.normalize("NFKD", char)[0].lower()
    return base if len(base) == 1 else char


def folded(text: str) -> str:
    """``text`` folded character by character (see ``fold_char``): "Türkiye" and "turkiye" alike."""
    return text.translate({ord(char): fold_char(char) for char in set(text)})


@lru_cache(maxsize=65536)
def is_common_english(name: str) -> bool:
    """Whether ``name`` is an ordinary English word or phrase ("White House", "Star", "Int")."""
    return zipf_frequency(name.lower(), "en") >= COMMON_ZIPF


def previous_word(text: str, start: int) -> str | None:
    """The word right before ``start``, one space between; None if something else is there."""
    found = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return found.group(1) if found else None


def next_word(text: str, end: int) -> str | None:
    """The word right after ``end``, one space between; None if something else is there."""
    found = _NEXT.match(text, end)
    return found.group(1) if found else None


def after_place_preposition(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows "in", "from", "near" ...: where a place stands."""
    word = previous_word(text, start)
    return word is not None and word.lower() in PLACE_PREPOSITIONS


def before_abbreviation_apostrophe(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is cut short by an apostrophe: "Int'l", not "Kars's"."""
    return _ABBREVIATION.match(text, end) is not None


def in_another_sense(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` names a river or a treaty: "the Hakari river"."""
    return _ANOTHER_SENSE_AFTER.match(text, end) is not None


def treaty_spans(text: str) -> list[tuple[int, int]]:
    """The stretches that name treaties after "treaty of" / "treaties of"."""
    if "reat" not in text:
        return []
    return [found.span(1) for found in _TREATY_OF.finditer(text)]


def dateline(text: str, start: int) -> tuple[int, int] | None:
    """The span of a dateline in capitals at ``start`` ("ANKARA, March 30"), or None."""
    found = _DATELINE.match(text, start)
    if found is None or not found.group(1).isupper():
        return None
    return found.span(1)


def title_cased(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span written as a name is ("ANKARA" as "Ankara"), where lengths allow."""
    pieces, cursor = [], 0
    for start, end in spans:
        titled = text[start:end].title()
        if len(titled) == end - start:
            pieces += [text[cursor:start], titled]
            cursor = end
    return "".join(pieces) + text[cursor:]
