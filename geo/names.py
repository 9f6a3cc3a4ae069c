"""Names as the code compares and keys them: folded for matching, slugged for ids.

At the bottom of the house: the gazetteer, its build and the search box all
use these, and this module imports nothing of the project.
"""

from __future__ import annotations

import re
import unicodedata

# Letters with no accent to strip that readers type as Latin ones: Iğdır, Azərbaycan
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ə": "e"})


def folded(text: str) -> str:
    """``text`` without case or accents: "Şuşa" and "susa", "Iğdır" and "igdir" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_PLAIN_LETTERS)


def slug(name: str) -> str:
    """``name`` as an id: folded to plain lowercase letters and digits joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", folded(name)).strip("-")
