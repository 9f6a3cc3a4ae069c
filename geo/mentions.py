"""Finding the places a report names: one Aho-Corasick automaton over every name.

The rules, each tested both ways in tests/test_mentions.py:

- Whole words. The layers' names (the story's own words, chosen by hand) are
  found in any case, with plain hyphens and without diacritics ("TURKIYE",
  "Zangezur Corridor", "Kars-Igdir-Nakhchivan railway"), every mention of every
  name; "Araz (Aras)" also names "Araz". A chain of stations ending in the
  layer's word ("Kars-Igdir-Aralik-Dilucu-Sadarak-Nakhchivan-Julfa railway")
  names the layer's line whose stations it holds in order, and each station that
  is a region town by any of its names ("Sadarak" of Sedarak); an area's or a line's
  name inside a longer layer name is a word of that name ("Zangezur corridor"
  is not the region Zangezur), a town's stays ("Kars" in "Kars–Nakhchivan
  railway"). A country's name after "East", "West", "North" or "South" is a
  province's or another country's ("East Azerbaijan"). A layer's name written
  all in lowercase that is an English word ("turkey") is that word.
- The gazetteer's names keep the case as written: "Van" is the town, "van" and
  "Vanadzor"'s first letters are not; demonyms ("Armenian") name no place.
- A layer place and all its names win: a name a layer uses never stands for
  a gazetteer town, a town a layer holds (same geonameid, or its own name
  within ``SAME_PLACE_KM``, or a layer point within ``SAME_POINT_KM``) is
  not looked up, not even by its other names; an alternate name that is a word
  of a layer's name is the layer's sense ("Zangezur" is the region of the
  corridor, not Kapan).
- A dateline in capitals at the start of a paragraph ("ANKARA, March 30",
  "YEREVAN —") is read as the name it is ("Ankara").
- The gazetteer's names are guarded, as they are many and not chosen by hand:
  - a common word: a name the report also writes in lowercase ("of",
    "van") is not a town where its capital may come from the start of a
    sentence, heading or list item ("Of course ...");
  - ordinary English: an alternate name that is a common English word or
    phrase by wordfreq ("White House" of Casablanca, "Star", "Center", "Int")
    counts only where a place stands, right after "in", "from", "near" ...
    or in a list of places ("talks in St Petersburg", "from Moscow and St
    Petersburg"); in a byline ("By ...") no name counts but
    there; a name with a digit is a date ("28 May", a village) and never counts;
  - an abbreviation: a name cut by an apostrophe ("Int'l") is no name;
  - another sense: "the Hakari river", "the Kars Treaty", "the treaties of
    Gulistan and Turkmenchay" name a river and treaties, not towns;
  - a person or a longer name: a name joined to a capitalised word that the
    report never writes in lowercase and that is no place's name, after it
    ("Ararat Mirzoyan", "Vladimir Putin") or, when that word is rare in
    English and no demonym, before it ("Bayati Shiraz", "Hin Shen");
  - a name inside a longer name: inside a layer place's name, only a town's
    own GeoNames name counts (Baku in "Baku–Tbilisi–Kars railway"); inside a
    longer gazetteer name, only the longer one counts.
- A name shared by several towns (how it chooses): a town whose own name it
  is beats one that has it as an alternate (Julfa, not Ras Al Khaimah); then a
  town in a country the report itself names (by a layer's country or town, or
  a town only one place has), else in the 3+3 countries; then a town within
  ``STORY_RADIUS_KM`` of the story's frame (the places of the curated layers,
  the same for every report of the collection) beats one further out, and
  among the far ones the nearer wins; last, population. The report's other
  places never pull by distance: London and Istanbul in a report do not take
  Aralik away from Igdir.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick

from geo import wording
from geo.gazetteer import Town
from geo.geometry import ELLIPSOID
from geo.region import COUNTRY_BY_ISO3, COUNTRY_CODES

# what may open a segment before its first word: quotes and brackets
_OPENERS = "“‘\"'([«"
_WORDS = re.compile(r"\w+")
# "Kars-Nakhchivan railway" (folded): the stations, then the kind of line
_CHAIN_NAME = re.compile(r"^(\w+(?:-\w+)+) (\w+)$")
_CHAIN_IN_TEXT = re.compile(r"(?<!\w)(\w+(?:-\w+)+) (\w+)(?!\w)")
_PARENTHESIS = re.compile(r"^(.+?) \(.+\)$")
_BYLINE = re.compile(r"[Bb][Yy] [^\W\d_]")
# a country's name after one of these names a province or another country ("East Azerbaijan")
_COMPASS = frozenset({"East", "West", "North", "South"})
# a layer place and a town of the same name this close are one place
SAME_PLACE_KM = 25.0
# a layer point this close to a town is that town, whatever the layer calls it
SAME_POINT_KM = 2.0
OWN, PLAIN, ALTERNATE = 2, 1, 0
# how English copy writes the Turkish and Azerbaijani letters ("Iğdır" as "Ighdir", "Laçın" as "Lachin")
_ENGLISH_SPELLING = str.maketrans({"ğ": "gh", "Ğ": "Gh", "ç": "ch", "Ç": "Ch", "ş": "sh", "Ş": "Sh"})
# a town this close to a place of the curated layers is in the region the story is about
STORY_RADIUS_KM = 300.0


class Candidate(NamedTuple):
    """A place a name may stand for (a tuple: there is one per name, 57,000 of them)."""

    place_id: str
    # OWN: the place's own name (its layer name or GeoNames name); PLAIN: that name as English copy
    # spells it ("Ighdir" for Iğdır); ALTERNATE: one of its other names. Truthy for the first two.
    own: int
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
    # a country's ISO 3166-1 alpha-3 code, for a place that is a country
    iso_a3: str | None = None


@dataclass(frozen=True, eq=False)
class Matcher:
    """The automata over every name, the towns they may find by id, and the story's frame."""

    automaton: ahocorasick.Automaton
    towns: dict[str, Town] = field(default_factory=dict)
    # the layers' names folded (any case, plain hyphens, no diacritics) -> the places they name
    layer_automaton: ahocorasick.Automaton = field(default_factory=ahocorasick.Automaton)
    # the layers' station chains: (folded stations, kind of line, place id)
    chains: tuple[tuple[tuple[str, ...], str, str], ...] = ()
    # the curated places other than countries, by which a name shared by several towns is chosen
    frame: tuple[Candidate, ...] = ()
    # each layer place's country, where it has one (a country, or a town with a GeoNames id)
    layer_countries: dict[str, str] = field(default_factory=dict)
    # "Armeni" of Armenia: a capitalised word that starts with one is a demonym ("Armenian Meghri")
    demonym_stems: frozenset[str] = frozenset()
    # the layer places that are areas or lines, not points (towns)
    areas: frozenset[str] = frozenset()


def town_ids(towns: Iterable[Town], layer_ids: set[str]) -> dict[str, Town]:
    """The towns by id; a town whose id a layer place has takes ``-<cc>`` after it."""
    return {(f"{t.id}-{t.country.lower()}" if t.id in layer_ids else t.id): t for t in towns}


def _spellings(place: LayerPlace) -> list[str]:
    """A layer place's names, and the first part of a name with a parenthesis ("Araz (Aras)")."""
    names = [n for n in place.names if n.strip()]
    names += [found.group(1) for n in names if (found := _PARENTHESIS.match(n))]
    return list(dict.fromkeys(names))


def _plain_spellings(name: str) -> list[str]:
    """A region town's own name as English copy also spells it: "Iğdır" as "Ighdir" and "Igdir",
    "Laçın" as "Lachin" and "Lacin"."""
    if name.isascii():
        return []
    spelled = [name.translate(_ENGLISH_SPELLING), name]
    plain = ["".join(char if char.isupper() else wording.fold_char(char) for char in s) for s in spelled]
    return [p for p in dict.fromkeys(plain) if p != name and p.isascii()]


def _layer_country(place: LayerPlace, by_geonameid: dict[int, Town]) -> str:
    if place.iso_a3:
        return COUNTRY_BY_ISO3.get(place.iso_a3, "")
    town = by_geonameid.get(place.geonameid) if place.geonameid else None
    return town.country if town else ""


def build_matcher(layer_places: Sequence[LayerPlace], towns: Iterable[Town]) -> Matcher:
    """One automaton over the layers' names and the names of the towns no layer holds."""
    towns = list(towns)
    by_geonameid = {town.geonameid: town for town in towns}
    entries: dict[str, list[Candidate]] = defaultdict(list)
    layer_folded: dict[str, list[str]] = defaultdict(list)
    chains, frame, countries = [], [], {}
    for place in layer_places:
        country = countries[place.id] = _layer_country(place, by_geonameid)
        candidate = Candidate(place.id, OWN, True, country, place.latitude, place.longitude, population=0)
        if not place.iso_a3:
            frame.append(candidate)
        for name in _spellings(place):
            entries[name].append(candidate)
            layer_folded[wording.folded(name)].append(place.id)
            if chain := _CHAIN_NAME.match(wording.folded(name)):
                chains.append((tuple(chain.group(1).split("-")), chain.group(2), place.id))
    layer_names = set(entries)
    layer_words = frozenset(w for name in layer_names for w in _WORDS.findall(name)) - layer_names
    found_towns = town_ids(
        (t for t in towns if not _held(t, layer_places, entries)), {p.id for p in layer_places}
    )
    for town_id, town in found_towns.items():
        # one record for the town's own name and one shared by its other names: 57,000 names, 20,000 records
        own = Candidate(town_id, OWN, False, town.country, town.latitude, town.longitude, town.population)
        other, plain = own._replace(own=ALTERNATE), own._replace(own=PLAIN)
        if town.name not in layer_names:
            entries[town.name].append(own)
        for name in _plain_spellings(town.name) if town.country in COUNTRY_CODES else ():
            if name not in layer_names:
                entries[name].append(plain)
        for name in town.other_names:
            if name not in layer_names and name not in layer_words and name != town.name:
                entries[name].append(other)
    automaton = ahocorasick.Automaton()
    for name, candidates in entries.items():
        automaton.add_word(name, (name, tuple(candidates)))
    automaton.make_automaton()
    folded_automaton = ahocorasick.Automaton()
    for name, place_ids in layer_folded.items():
        folded_automaton.add_word(name, (name, tuple(dict.fromkeys(place_ids))))
    folded_automaton.make_automaton()
    stems = frozenset(name[:-1] for name in layer_names if len(name) > 3 and " " not in name)
    return Matcher(
        automaton,
        found_towns,
        folded_automaton,
        tuple(chains),
        tuple(frame),
        {place_id: country for place_id, country in countries.items() if country},
        stems,
        frozenset(place.id for place in layer_places if not place.is_point),
    )


def _held(town: Town, layer_places: Sequence[LayerPlace], layer_names: dict[str, list[Candidate]]) -> bool:
    """Whether a layer holds the town: by its GeoNames id, its own name nearby, or a point on it."""
    if any(place.geonameid == town.geonameid for place in layer_places):
        return True
    here = Candidate("", OWN, False, town.country, town.latitude, town.longitude, town.population)
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


def _whole_word(text: str, first: int, end: int) -> bool:
    before = text[first - 1] if first > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (_is_word_char(before) or _is_word_char(after))


def _whole_word_matches(automaton: ahocorasick.Automaton, text: str, start: int) -> list[_Match]:
    if len(automaton) == 0:
        return []
    found = []
    for last, (name, candidates) in automaton.iter(text, start):
        first, end = last - len(name) + 1, last + 1
        if _whole_word(text, first, end):
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


def _layer_spans(matcher: Matcher, text: str, folded: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, place id) of every layer name in any case, and of every chain of stations."""
    found = []
    for first, end, _name, place_ids in _whole_word_matches(matcher.layer_automaton, folded, start):
        written = text[first:end]
        if written.islower() and wording.is_common_english(written):
            continue  # "turkey" in lowercase is the bird
        # "East Azerbaijan" is Iran's province, not the country
        compass = wording.previous_word(text, first) in _COMPASS
        found += [(first, end, p) for p in place_ids if not (compass and _is_country(matcher, p))]
    # "Zangezur corridor" is the corridor, not the region Zangezur: an area or a line inside a
    # longer layer name is that name's word; a town inside it ("Kars" in "Kars–Nakhchivan railway") stays
    names = [(first, end) for first, end, _id in found]
    found = [
        (first, end, place_id)
        for first, end, place_id in found
        if place_id not in matcher.areas
        or not any(s <= first and end <= e and (s, e) != (first, end) for s, e in names)
    ]
    for chain in _CHAIN_IN_TEXT.finditer(folded, start) if matcher.chains else ():
        stations, kind = chain.group(1).split("-"), chain.group(2)
        for wanted, line_kind, place_id in matcher.chains:
            if kind == line_kind and _in_order(wanted, stations):
                found.append((chain.start(), chain.end(), place_id))
    return found


def _is_country(matcher: Matcher, place_id: str) -> bool:
    return place_id in matcher.areas and place_id in matcher.layer_countries


def _in_order(wanted: tuple[str, ...], stations: list[str]) -> bool:
    remaining = iter(stations)
    return all(station in remaining for station in wanted)


def _layer_mentions(spans: list[tuple[int, int, str]]) -> list[Mention]:
    by_place: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, place_id in spans:
        by_place[place_id].append((start, end))
    return [
        Mention(s, e, place_id) for place_id, found in by_place.items() for s, e in _leftmost_longest(found)
    ]


@dataclass(frozen=True)
class _Context:
    """What the rules need to know of the report: its text, words and segment starts."""

    text: str
    lowercase_words: frozenset[str]
    segment_starts: frozenset[int]
    match_starts: frozenset[int]
    match_ends: frozenset[int]
    byline_segments: tuple[tuple[int, int], ...]
    treaties: tuple[tuple[int, int], ...]
    demonym_stems: frozenset[str]
    # the chains of stations the report writes ("Kars-Igdir-Nakhchivan railway")
    chains: tuple[tuple[int, int], ...] = ()


def _opens_segment(context: _Context, start: int) -> bool:
    position = start
    while position > 0 and context.text[position - 1] in _OPENERS:
        position -= 1
    return position in context.segment_starts


def _is_common_word(match: _Match, context: _Context) -> bool:
    return match.name.lower() in context.lowercase_words and _opens_segment(context, match.start)


def _is_unknown_capitalised(word: str | None, position: int, context: _Context) -> bool:
    """A capitalised word the report never writes in lowercase and that starts no place's name."""
    return (
        word is not None
        and word[0].isupper()
        and word.lower() not in context.lowercase_words
        and position not in context.match_starts
    )


def _is_first_name(match: _Match, context: _Context) -> bool:
    word = wording.next_word(context.text, match.end)
    return _is_unknown_capitalised(word, match.end + 1, context)


def _is_part_of_longer_name(match: _Match, context: _Context) -> bool:
    """ "Bayati Shiraz", "Hin Shen": a rare capitalised word, no demonym, joined before the name."""
    word = wording.previous_word(context.text, match.start)
    if word is None or _opens_segment(context, match.start):
        return False
    position = match.start - 1 - len(word)
    return (
        _is_unknown_capitalised(word, position, context)
        and not wording.is_common_english(word)
        and not any(word.startswith(stem) for stem in context.demonym_stems)
    )


def _in_another_sense(match: _Match, context: _Context) -> bool:
    return wording.in_another_sense(context.text, match.end) or any(
        start <= match.start and match.end <= end for start, end in context.treaties
    )


def _in_byline(match: _Match, context: _Context) -> bool:
    return any(start <= match.start < end for start, end in context.byline_segments)


def _stands_as_a_place(match: _Match, context: _Context) -> bool:
    """After "in", "from" ...; or after "and" that follows a name ("from Moscow and St Petersburg")."""
    if _in_byline(match, context):
        return False
    if wording.after_place_preposition(context.text, match.start):
        return True
    word = wording.previous_word(context.text, match.start)
    return word in ("and", "or") and match.start - len(word) - 2 in context.match_ends


def _plain_candidates(match: _Match, context: _Context) -> tuple[Candidate, ...]:
    """The candidates left once an alternate name that is ordinary English (or a digit) is judged."""
    if any(char.isdigit() for char in match.name):
        return ()
    if _stands_as_a_place(match, context):
        return match.candidates
    if _in_byline(match, context):
        return ()
    if wording.is_common_english(match.name):
        return tuple(c for c in match.candidates if c.own)
    return match.candidates


def _inside(match: _Match, spans: Iterable[tuple[int, int]]) -> bool:
    return any(
        start <= match.start and match.end <= end and (start, end) != (match.start, match.end)
        for start, end in spans
    )


def _town_matches(
    matches: list[_Match], layer_spans: list[tuple[int, int, str]], context: _Context
) -> list[_Match]:
    """The gazetteer matches the rules keep, each with the candidates it may still mean."""
    layer = {(start, end) for start, end, _id in layer_spans}
    towns = [m for m in matches if not any(c.from_layer for c in m.candidates)]
    town_spans = [(m.start, m.end) for m in towns]
    kept = []
    for match in towns:
        if (
            (match.start, match.end) in layer
            or _inside(match, town_spans)
            or _is_common_word(match, context)
            or _is_first_name(match, context)
            or _is_part_of_longer_name(match, context)
            or _in_another_sense(match, context)
            or wording.before_abbreviation_apostrophe(context.text, match.end)
        ):
            continue
        candidates = _plain_candidates(match, context)
        if _inside(match, layer):
            # a station of a chain may be written by any of its names ("Sadarak" for Sedarak)
            station = _inside(match, context.chains)
            candidates = tuple(c for c in candidates if c.own or (station and c.country in COUNTRY_CODES))
        if candidates:
            kept.append(_Match(match.start, match.end, match.name, candidates))
    return kept


def _distance_km(a: Candidate | LayerPlace, b: Candidate | LayerPlace) -> float:
    """On the WGS84 ellipsoid, as every distance in geo: about 3 µs a call against a haversine's 1.4,
    and the five test reports with the seed need some 1,100 calls (2 ms)."""
    _forward, _back, metres = ELLIPSOID.inv(a.longitude, a.latitude, b.longitude, b.latitude)
    return metres / 1000


def nearest_place(
    places: Sequence[LayerPlace], latitude: float, longitude: float
) -> tuple[LayerPlace, float] | None:
    """The place nearest to a point, and how far it is in km (on the ellipsoid); None if there are none."""
    here = Candidate("", OWN, False, "", latitude, longitude, 0)
    if not places:
        return None
    nearest = min(places, key=lambda place: _distance_km(here, place))
    return nearest, _distance_km(here, nearest)


def _choose(
    candidates: tuple[Candidate, ...], countries: frozenset[str], frame: tuple[Candidate, ...]
) -> str:
    """The place a shared name means, by the rules in the module's docstring."""
    best = max(c.own for c in candidates)
    for prefer in (
        lambda c: c.own == best,
        lambda c: c.country in countries,
        lambda c: c.country in COUNTRY_CODES,
    ):
        candidates = tuple(c for c in candidates if prefer(c)) or candidates
    if len({c.place_id for c in candidates}) == 1:
        return candidates[0].place_id

    def key(candidate: Candidate) -> tuple[float, int]:
        away = min((_distance_km(candidate, place) for place in frame), default=0.0)
        return (0.0 if away <= STORY_RADIUS_KM else away, -candidate.population)

    return min(candidates, key=key).place_id


def _report_countries(layer: list[Mention], towns: list[_Match], matcher: Matcher) -> frozenset[str]:
    """The countries the report names: a layer's country or town, or a town only one place has."""
    countries = {matcher.layer_countries.get(m.place_id, "") for m in layer}
    countries |= {m.candidates[0].country for m in towns if len({c.place_id for c in m.candidates}) == 1}
    return frozenset(countries - {""})


def find_mentions(matcher: Matcher, text: str, segments: Sequence[tuple[int, int]]) -> list[Mention]:
    """Every mention of a place in ``text`` within the ``segments`` (start, end), by the rules above."""
    if not segments:
        return []
    ends = dict(segments)
    starts = sorted(ends)
    text = _with_datelines_as_names(text, starts)
    folded = wording.folded(text)
    matches = [m for m in _whole_word_matches(matcher.automaton, text, starts[0]) if _within(m, starts, ends)]
    layer_spans = [s for s in _layer_spans(matcher, text, folded, starts[0]) if _within(s, starts, ends)]
    chain_ids = {place_id for _stations, _kind, place_id in matcher.chains}
    context = _Context(
        text=text,
        lowercase_words=frozenset(w for w in _WORDS.findall(text) if w.islower()),
        segment_starts=frozenset(starts),
        match_starts=frozenset(m.start for m in matches) | {s for s, _e, _p in layer_spans},
        match_ends=frozenset(m.end for m in matches) | {e for _s, e, _p in layer_spans},
        byline_segments=tuple((s, ends[s]) for s in starts if _BYLINE.match(text, s)),
        treaties=tuple(wording.treaty_spans(text)),
        demonym_stems=matcher.demonym_stems,
        chains=tuple((s, e) for s, e, p in layer_spans if p in chain_ids and "-" in folded[s:e]),
    )
    layer = _layer_mentions(layer_spans)
    towns = _town_matches(matches, layer_spans, context)
    countries = _report_countries(layer, towns, matcher)
    resolved = [Mention(m.start, m.end, _choose(m.candidates, countries, matcher.frame)) for m in towns]
    return sorted(layer + resolved, key=lambda mention: (mention.start, -mention.end, mention.place_id))


def _with_datelines_as_names(text: str, starts: list[int]) -> str:
    """The text with each dateline in capitals at a paragraph's start written as a name is."""
    spans = [
        span
        for start in starts
        if (start == starts[0] or text[start - 1] == "\n") and (span := wording.dateline(text, start))
    ]
    return wording.title_cased(text, spans) if spans else text


def _within(match: tuple[int, int, object] | _Match, starts: list[int], ends: dict[int, int]) -> bool:
    """Whether the match lies inside one segment."""
    position = bisect.bisect_right(starts, match[0]) - 1
    return position >= 0 and match[1] <= ends[starts[position]]
