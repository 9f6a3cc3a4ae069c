"""Finding a place by any of its names, as a reader types them."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # geo.story needs folded() through geo.gazetteer: no import at run time
    from geo.story import Place, ReportView, Story

# Letters with no accent to strip that readers type as Latin ones: Iğdır, Azərbaycan
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ə": "e"})


def folded(text: str) -> str:
    """``text`` without case or accents: "Şuşa" and "susa", "Iğdır" and "igdir" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_PLAIN_LETTERS)


def find_places(story: Story | ReportView, query: str) -> list[Place]:
    """The places with a name that contains ``query``, ignoring case and accents."""
    wanted = folded(query.strip())
    return [place for place in story.places.values() if any(wanted in folded(name) for name in place.names)]


def place_named(story: Story | ReportView, name: str) -> Place | None:
    """The place whose id or any name is ``name``, ignoring case and accents ("Shushi" is Shusha)."""
    if name in story.places:
        return story.places[name]
    wanted = folded(name.strip())
    for place in story.places.values():
        if wanted in {folded(other) for other in (place.id, *place.names)}:
            return place
    return None
