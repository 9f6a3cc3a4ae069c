"""Finding a place by any of its names: in a link, and in the places list as a reader types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.names import folded

if TYPE_CHECKING:  # only types: the story imports nothing of the screens above it
    from geo.story import Place, ReportView, Story


def search_keys(place: Place) -> str:
    """Every name of the place folded, one per line: what page/places.js matches a query against.

    A query matches when, folded the same way in the browser, it is part of one of these lines.
    """
    return "\n".join(dict.fromkeys(folded(name) for name in place.names))


def place_named(story: Story | ReportView, name: str) -> Place | None:
    """The place whose id or any name is ``name``, ignoring case and accents ("Shushi" is Shusha)."""
    if name in story.places:
        return story.places[name]
    wanted = folded(name.strip())
    for place in story.places.values():
        if wanted in {folded(other) for other in (place.id, *place.names)}:
            return place
    return None
