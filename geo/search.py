"""Finding a place by any of its names, as a reader types them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.names import folded

if TYPE_CHECKING:  # only types: the story imports nothing of the screens above it
    from geo.story import Place, ReportView, Story


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
