"""What a link to the page carries: the selected places, the visible layers, the report.

``?place=shusha`` opens with Shusha selected; ``&layers=countries,towns``
shows only those layers; ``&report=2022-08-26_lachin`` shows that report
beside the map. Pure functions over query parameters, so the app's
``st.query_params`` and the tests read links the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from geo.search import place_named
from geo.story import Story

PLACE = "place"
LAYERS = "layers"
# the report shown beside the map, by its file name without ".txt"
REPORT = "report"


@dataclass(frozen=True)
class Permalink:
    """The selection and the hidden layers a link asks for, and what it got wrong."""

    places: tuple[str, ...] = ()
    hidden_layers: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


def switchable_layers(story: Story) -> list[str]:
    """The ids of the layers a reader can switch, in drawing order: those with places."""
    return [layer.id for layer in story.layers if layer.kind.switchable and story.places_in(layer.id)]


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def read_permalink(params: Mapping[str, str], story: Story) -> Permalink:
    """The link's selection and layers; a place may be named by its id or any of its names.

    Unknown names are reported, not used.
    """
    problems = []
    named = {name: place_named(story, name) for name in _ids(params.get(PLACE, ""))}
    unknown = [name for name, place in named.items() if place is None]
    if unknown:
        problems.append(f"The link names places this map does not have: {', '.join(unknown)}")
    hidden: frozenset[str] = frozenset()
    if LAYERS in params:
        layers = _ids(params[LAYERS])
        switchable = switchable_layers(story)
        unknown_layers = [layer for layer in layers if layer not in switchable]
        if unknown_layers:
            problems.append(f"The link names layers this map does not have: {', '.join(unknown_layers)}")
        # an empty list is the link the page writes with every layer off: it hides them all;
        # a link that names only layers this map lacks hides none, rather than all
        if not layers or set(layers) & set(switchable):
            hidden = frozenset(switchable) - set(layers)
    known = tuple(dict.fromkeys(place.id for place in named.values() if place))
    return Permalink(known, hidden, tuple(problems))


def permalink_params(
    places: Collection[str], visible_layers: Collection[str], story: Story
) -> dict[str, str]:
    """The query parameters for a selection; ``layers`` only when some are off."""
    params = {PLACE: ",".join(places)} if places else {}
    switchable = switchable_layers(story)
    if set(switchable) - set(visible_layers):
        params[LAYERS] = ",".join(layer for layer in switchable if layer in visible_layers)
    return params


def read_report_link(params: Mapping[str, str], story: Story) -> tuple[str | None, tuple[str, ...]]:
    """The file name of the report ``?report=`` names (its id or file name, any case), or None.

    Also what the link got wrong, as whole sentences: the rest of the link is still followed.
    """
    if REPORT not in params:
        return None, ()
    wanted = params[REPORT].strip()
    if not wanted:
        return None, ("The link's report= names no report, so the newest report is shown.",)
    report = story.find_report(wanted)
    if report is None:
        return None, (f"The link names a report this map does not have ({wanted}), so the newest is shown.",)
    return report.source, ()


def report_params(source: str | None, story: Story) -> dict[str, str]:
    """``report`` for the chosen report, when there is more than one to choose from."""
    if source is None or len(story.reports) < 2:
        return {}
    return {REPORT: story.report(source).stem}
