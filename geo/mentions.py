"""Finding the places a report names: one Aho-Corasick automaton over every name.

The rules, each tested both ways in tests/test_mentions.py:

- Whole words, case as written: "Van" is the town, "van" and "Vanadzor"'s
  first letters are not. So demonyms name no place: "Armenian" and
  "Azerbaijani" go on with letters after the country's name.
- A layer place and all its names win: a name a layer uses never stands for
  a gazetteer town, a town a layer holds (same geonameid, or its own name
  within ``SAME_PLACE_KM``, or a layer point within ``SAME_POINT_KM``) is
  not looked up, not even by its other names,
  and layer names are found exactly as the layers give them, every mention
  of every name (the hand-made layers are the story's own words).
- The gazetteer's names are guarded, as they are many and not chosen by hand:
  - a common word: a name the report also writes in lowercase ("of",
    "van") is not a town where its capital may come from the start of a
    sentence, heading or list item ("Of course ...");
  - a person: a name followed by a capitalised word that the report never
    writes in lowercase and that is no place's name ("Ararat Mirzoyan",
    "Vladimir Putin") is a first name, not a town;
  - a name inside a longer name: inside a layer place's name, only a town's
    own GeoNames name counts (Baku in "Baku–Tbilisi–Kars railway"; not
    Zangezur, an old name of Kapan, in "Zangezur corridor"); inside a longer
    gazetteer name, only the longer one counts.
- A name shared by several towns: a town whose own name it is beats one
  that has it as an alternate (Julfa, not Ras Al Khaimah); then a town in the
  3+3 countries; then the one nearest, on average, to the other places the
  same report names (the Julfas on each bank of the Araz); then population.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick

from geo.gazetteer import Town
from geo.geometry import ELLIPSOID
from geo.region import COUNTRY_CODES

# what may open a segment before its first word: quotes and brackets
_OPENERS = "“‘\"'([«"
_NEXT_WORD = re.compile(r" (\w+)")
_WORDS = re.compile(r"\w+")
# a layer place and a town of the same name this close are one place
SAME_PLACE_KM = 25.0
# a layer point this close to a town is that town, whatever the layer calls it
SAME_POINT_KM = 2.0


class Candidate(NamedTuple):
    """A place a name may stand for (a tuple: there is one per name, 57,000 of them)."""

    place_id: str
    # the name is the place's own (its layer name or GeoNames name), not an alternate
    own: bool
    from_layer: bool
    country: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Mention:
    """``text[start:end]`` names the place ``place_id``."""

    start: int
    end: int
    place_id: str


@dataclass(frozen=True)
class LayerPlace:
    """What the matcher needs of a layer place: its id, names, a point, its GeoNames id if any."""

    id: str
    names: tuple[str, ...]
    latitude: float
    longitude: float
    geonameid: int | None = None
    # a point (a town) rather than a line or an area, whose point is only representative
    is_point: bool = False


@dataclass(frozen=True, eq=False)
class Matcher:
    """The automaton over every name, and the towns it may find, by id."""

    automaton: ahocorasick.Automaton
    towns: dict[str, Town] = field(default_factory=dict)


def town_ids(towns: Iterable[Town], layer_ids: set[str]) -> dict[str, Town]:
    """The towns by id; a town whose id a layer place has takes ``-<cc>`` after it."""
    return {(f"{t.id}-{t.country.lower()}" if t.id in layer_ids else t.id): t for t in towns}


def build_matcher(layer_places: Sequence[LayerPlace], towns: Iterable[Town]) -> Matcher:
    """One automaton over the layers' names and the names of the towns no layer holds."""
    entries: dict[str, list[Candidate]] = defaultdict(list)
    for place in layer_places:
        for name in dict.fromkeys(n for n in place.names if n.strip()):
            entries[name].append(
                Candidate(place.id, True, True, "", place.latitude, place.longitude, population=0)
            )
    layer_names = set(entries)
    found_towns = town_ids(
        (t for t in towns if not _held(t, layer_places, entries)), {p.id for p in layer_places}
    )
    for town_id, town in found_towns.items():
        # one record for the town's own name and one shared by its other names: 57,000 names, 20,000 records
        own = Candidate(town_id, True, False, town.country, town.latitude, town.longitude, town.population)
        other = own._replace(own=False)
        if town.name not in layer_names:
            entries[town.name].append(own)
        for name in town.other_names:
            if name not in layer_names and name != town.name:
                entries[name].append(other)
    automaton = ahocorasick.Automaton()
    for name, candidates in entries.items():
        automaton.add_word(name, (name, tuple(candidates)))
    automaton.make_automaton()
    return Matcher(automaton, found_towns)


def _held(town: Town, layer_places: Sequence[LayerPlace], layer_names: dict[str, list[Candidate]]) -> bool:
    """Whether a layer holds the town: by its GeoNames id, its own name nearby, or a point on it."""
    if any(place.geonameid == town.geonameid for place in layer_places):
        return True
    here = Candidate("", True, False, town.country, town.latitude, town.longitude, town.population)
    if any(_distance_km(here, place) <= SAME_PLACE_KM for place in layer_names.get(town.name, ())):
        return True
    # a degree of latitude is 111 km: only points within a tenth of a degree need measuring
    near = (p for p in layer_places if p.is_point and abs(p.latitude - town.latitude) < 0.1)
    return any(_distance_km(here, place) <= SAME_POINT_KM for place in near)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Match(NamedTuple):
    start: int
    end: int
    name: str
    candidates: tuple[Candidate, ...]


def _whole_word_matches(matcher: Matcher, text: str, start: int) -> list[_Match]:
    if len(matcher.automaton) == 0:
        return []
    found = []
    for last, (name, candidates) in matcher.automaton.iter(text, start):
        first, end = last - len(name) + 1, last + 1
        before = text[first - 1] if first > 0 else " "
        after = text[end] if end < len(text) else " "
        if not (_is_word_char(before) or _is_word_char(after)):
            found.append(_Match(first, end, name, candidates))
    return found


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, as a regular expression of the names, longest first, finds them."""
    kept, cursor = [], -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= cursor:
            kept.append((start, end))
            cursor = end
    return kept


def _layer_mentions(matches: list[_Match]) -> list[Mention]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for match in matches:
        for candidate in match.candidates:
            if candidate.from_layer:
                spans[candidate.place_id].append((match.start, match.end))
    return [Mention(s, e, place_id) for place_id, found in spans.items() for s, e in _leftmost_longest(found)]


@dataclass(frozen=True)
class _Context:
    """What the rules need to know of the report: its text, words and segment starts."""

    text: str
    lowercase_words: frozenset[str]
    segment_starts: frozenset[int]
    match_starts: frozenset[int]


def _opens_segment(context: _Context, start: int) -> bool:
    position = start
    while position > 0 and context.text[position - 1] in _OPENERS:
        position -= 1
    return position in context.segment_starts


def _is_common_word(match: _Match, context: _Context) -> bool:
    return match.name.lower() in context.lowercase_words and _opens_segment(context, match.start)


def _is_first_name(match: _Match, context: _Context) -> bool:
    following = _NEXT_WORD.match(context.text, match.end)
    if following is None:
        return False
    word = following.group(1)
    return (
        word[0].isupper()
        and word.lower() not in context.lowercase_words
        and following.start(1) not in context.match_starts
    )


def _inside(match: _Match, others: list[_Match]) -> list[_Match]:
    return [
        other
        for other in others
        if other is not match and other.start <= match.start and match.end <= other.end
    ]


def _town_matches(matches: list[_Match], context: _Context) -> list[_Match]:
    """The gazetteer matches the rules keep, each with the candidates it may still mean."""
    layer = [m for m in matches if any(c.from_layer for c in m.candidates)]
    towns = [m for m in matches if not any(c.from_layer for c in m.candidates)]
    kept = []
    for match in towns:
        if _inside(match, towns) or _is_common_word(match, context) or _is_first_name(match, context):
            continue
        candidates = match.candidates
        if _inside(match, layer):
            candidates = tuple(c for c in candidates if c.own)
        if candidates:
            kept.append(_Match(match.start, match.end, match.name, candidates))
    return kept


def _distance_km(a: Candidate | LayerPlace, b: Candidate | LayerPlace) -> float:
    """On the WGS84 ellipsoid, as every distance in geo: about 3 µs a call against a haversine's 1.4,
    and the five test reports with the seed need some 1,100 calls (2 ms)."""
    _forward, _back, metres = ELLIPSOID.inv(a.longitude, a.latitude, b.longitude, b.latitude)
    return metres / 1000


def _narrowed(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Own names first, then the 3+3 countries: each step only where it leaves some."""
    for prefer in (lambda c: c.own, lambda c: c.country in COUNTRY_CODES):
        preferred = tuple(c for c in candidates if prefer(c))
        candidates = preferred or candidates
    return candidates


def _choose(candidates: tuple[Candidate, ...], anchors: list[Candidate]) -> Candidate:
    if len(candidates) == 1:
        return candidates[0]

    def key(candidate: Candidate) -> tuple[float, int]:
        others = [a for a in anchors if a.place_id != candidate.place_id]
        mean = sum(_distance_km(candidate, a) for a in others) / len(others) if others else 0.0
        return (mean, -candidate.population)

    return min(candidates, key=key)


def _resolved(towns: list[_Match], layer_anchors: list[Candidate]) -> list[Mention]:
    narrowed = [(match, _narrowed(match.candidates)) for match in towns]
    single = [cands[0] for _m, cands in narrowed if len({c.place_id for c in cands}) == 1]
    # each place votes once, however often the report names it
    anchors = list({anchor.place_id: anchor for anchor in layer_anchors + single}.values())
    return [Mention(m.start, m.end, _choose(cands, anchors).place_id) for m, cands in narrowed]


def find_mentions(matcher: Matcher, text: str, segments: Sequence[tuple[int, int]]) -> list[Mention]:
    """Every mention of a place in ``text`` within the ``segments`` (start, end), by the rules above."""
    if not segments:
        return []
    ends = dict(segments)
    starts = sorted(ends)
    matches = [m for m in _whole_word_matches(matcher, text, starts[0]) if _within(m, starts, ends)]
    context = _Context(
        text=text,
        lowercase_words=frozenset(w for w in _WORDS.findall(text) if w.islower()),
        segment_starts=frozenset(starts),
        match_starts=frozenset(m.start for m in matches),
    )
    layer = _layer_mentions(matches)
    anchors = [c for m in matches for c in m.candidates if c.from_layer]
    towns = _resolved(_town_matches(matches, context), anchors)
    return sorted(layer + towns, key=lambda mention: (mention.start, -mention.end, mention.place_id))


def _within(match: _Match, starts: list[int], ends: dict[int, int]) -> bool:
    """Whether the match lies inside one segment."""
    position = bisect.bisect_right(starts, match.start) - 1
    return position >= 0 and match.end <= ends[starts[position]]
