"""What an editor checks: the places only the gazetteer found, each with its sentence and rivals.

``python -m geo review`` prints ``review_lines``: for each name a report
matched in the gazetteer alone, the report, the sentence, the town chosen
(GeoNames id, country, distance from the story's nearest town) and the other
towns of that name, then how to correct one in the corrections file.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.corrections import CORRECTIONS_FILE
from geo.gazetteer import Town
from geo.layers import FOUND
from geo.story import Place, Story

# the other towns of one name shown; the rest are counted
MAX_OTHERS = 4


@dataclass(frozen=True)
class Finding:
    """One name a report matched only in the gazetteer: where, and what it may mean."""

    name: str
    source: str
    sentence: str
    place: Place
    # the GeoNames town chosen, and the other towns with that name
    town: Town
    others: tuple[Town, ...]


def _towns_by_name(towns: Iterable[Town]) -> dict[str, list[Town]]:
    by_name: dict[str, list[Town]] = defaultdict(list)
    for town in towns:
        for name in dict.fromkeys(town.names):
            by_name[name].append(town)
    return by_name


def findings(story: Story, towns: Iterable[Town]) -> list[Finding]:
    """Each (report, name, place) the gazetteer alone found, in the order of the reports."""
    towns = list(towns)
    by_name = _towns_by_name(towns)
    by_id = {town.geonameid: town for town in towns}
    found = []
    for report in story.reports:
        text, starts = report.article.text, [s.start for s in report.segments]
        seen = set()
        for mention in report.mentions:
            place = story.places.get(mention.place_id)
            name = text[mention.start : mention.end]
            if place is None or place.layer != FOUND.id or (name, place.id) in seen:
                continue
            seen.add((name, place.id))
            segment = report.segments[bisect.bisect_right(starts, mention.start) - 1]
            # a dateline in capitals was matched as the name it is: "ANKARA" as "Ankara"
            rivals = by_name.get(name) or by_name.get(name.title(), [])
            town = by_id[place.extra["geonameid"]]
            others = tuple(t for t in rivals if t.geonameid != town.geonameid)
            sentence = " ".join(text[segment.start : segment.end].split())
            found.append(Finding(name, report.source, sentence, place, town, others))
    return found


def _town_words(town: Town) -> str:
    return f"{town.name} (GeoNames {town.geonameid}, {town.country}, population {town.population:,})"


def _chosen_words(finding: Finding) -> str:
    extra = finding.place.extra
    away = f", {extra['story_km']:,} km from {extra['story_town']}" if "story_km" in extra else ""
    return f"{_town_words(finding.town)}{away}"


def _finding_lines(finding: Finding) -> list[str]:
    others = [_town_words(town) for town in finding.others[:MAX_OTHERS]]
    if len(finding.others) > MAX_OTHERS:
        others.append(f"and {len(finding.others) - MAX_OTHERS} more")
    return [
        f"{finding.source}: “{finding.name}” -> {_chosen_words(finding)}",
        f"  sentence: {finding.sentence}",
        f"  other candidates: {'; '.join(others) if others else 'none'}",
    ]


def review_lines(found: Sequence[Finding], seeds_dir: Path) -> list[str]:
    """The findings as an editor reads them, then how to correct one."""
    lines = [line for finding in found for line in _finding_lines(finding)]
    reports = len({finding.source for finding in found})
    lines.append(f"{len(found)} names found only by the gazetteer in {reports} reports.")
    if found:
        example = next((finding for finding in found if finding.others), found[0])
        means = f"geonameid = {example.others[0].geonameid}" if example.others else "not_a_place = true"
        lines += [
            f"To correct one, add to {Path(seeds_dir) / CORRECTIONS_FILE}:",
            "  [[correction]]",
            # a JSON string is a TOML basic string, quotes and backslashes escaped
            f"  name = {json.dumps(example.name, ensure_ascii=False)}",
            f"  report = {json.dumps(example.source, ensure_ascii=False)}  # leave out for every report",
            f'  {means}  # or: not_a_place = true, geonameid = <id>, place = "<layer place id>"',
        ]
    return lines
