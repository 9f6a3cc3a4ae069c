"""An editor's word where the place finder is wrong: the corrections file beside the reports.

``corrections.toml`` in the reports' folder (absent by default) holds one
``[[correction]]`` table per correction::

    [[correction]]
    name = "Star"                     # the name as the reports write it
    report = "2022-06-01_tehran.txt"  # optional: only in this report (else in every report)
    not_a_place = true                # the name is no place there

    [[correction]]
    name = "Aralik"
    geonameid = 323735                # the name means this GeoNames town ...
    # place = "aralik"                # ... or this layer place (by its id)

Each table says exactly one of ``not_a_place``, ``geonameid`` and ``place``.
A name is compared as the matcher compares layer names (any case, plain
hyphens, no diacritics) and only as a whole word. A correction replaces
whatever the finder made of the name there: it removes the mentions inside
the name (a longer name around it stays), and a ``geonameid`` or ``place`` correction maps each whole-word
occurrence to its place, found or not. A bad entry is one problem,
``file:line: reason``, and the others still apply.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo import wording
from geo.errors import InputError
from geo.mentions import Mention
from geo.reports import Report, quotes_by_place

CORRECTIONS_FILE = "corrections.toml"
TABLE = "correction"
_KEYS = {"name", "report", "not_a_place", "geonameid", "place"}
_SAYS = ("not_a_place", "geonameid", "place")
_HEADER = re.compile(rf"^[ \t]*\[\[[ \t]*{TABLE}[ \t]*\]\]", re.MULTILINE)
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Correction:
    """One editor's correction: ``name`` (in ``report``, or in all) is no place, or means ``place_id``."""

    name: str
    report: str | None
    not_a_place: bool
    geonameid: int | None
    place: str | None
    # where the editor wrote it, for problems: "corrections.toml:12"
    origin: str

    def problem(self, reason: str) -> InputError:
        return InputError(self.origin, reason)


def parse_corrections(text: str, path: Path) -> tuple[tuple[Correction, ...], list[InputError]]:
    """The good corrections of the file at ``path`` and one problem per bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _TOML_LINE.search(str(error))
        where = f"{path}:{line.group(1)}" if line else path
        return (), [InputError(where, f"is not valid TOML ({_TOML_LINE.sub('', str(error)).strip()})")]
    problems = [InputError(path, f"unknown table {key!r}: write [[{TABLE}]]") for key in data if key != TABLE]
    entries = data.get(TABLE, [])
    if not isinstance(entries, list):
        return (), [*problems, InputError(path, f"{TABLE} must be written [[{TABLE}]], a list of tables")]
    lines = [text.count("\n", 0, found.start()) + 1 for found in _HEADER.finditer(text)]
    corrections = []
    for number, entry in enumerate(entries):
        origin = f"{path}:{lines[number]}" if number < len(lines) else str(path)
        reason = _entry_problem(entry)
        if reason:
            problems.append(InputError(origin, reason))
            continue
        report = entry.get("report")
        corrections.append(
            Correction(
                name=entry["name"],
                report=report if report is None or report.endswith(".txt") else f"{report}.txt",
                not_a_place=entry.get("not_a_place", False),
                geonameid=entry.get("geonameid"),
                place=entry.get("place"),
                origin=origin,
            )
        )
    return tuple(corrections), problems


def _entry_problem(entry: Any) -> str | None:
    """Why one ``[[correction]]`` table cannot be applied, or None."""
    if not isinstance(entry, dict):
        return f"a {TABLE} must be a table"
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (a correction has {', '.join(sorted(_KEYS))})"
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        return "name must be the name as the reports write it"
    if "report" in entry and not (isinstance(entry["report"], str) and entry["report"].strip()):
        return "report must be a report's file name"
    says = [key for key in _SAYS if key in entry]
    if len(says) != 1:
        return f"say exactly one of not_a_place, geonameid, place for {name!r}"
    value = entry[says[0]]
    if says[0] == "not_a_place" and value is not True:
        return "not_a_place must be true"
    if says[0] == "geonameid" and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        return f"geonameid must be a GeoNames id (a positive whole number), not {value!r}"
    if says[0] == "place" and not (isinstance(value, str) and value.strip()):
        return "place must be a layer place's id"
    return None


def targets_of(
    corrections: Sequence[Correction],
    *,
    place_ids: set[str],
    town_by_geonameid: Mapping[int, str],
    reports: set[str],
) -> tuple[dict[Correction, str | None], list[InputError]]:
    """Each applicable correction's place id (None: no place), and a problem for each other one."""
    targets: dict[Correction, str | None] = {}
    problems = []
    for correction in corrections:
        if correction.report is not None and correction.report not in reports:
            problems.append(correction.problem(f"there is no report {correction.report!r} beside it"))
        elif correction.place is not None and correction.place not in place_ids:
            problems.append(correction.problem(f"there is no layer place with id {correction.place!r}"))
        elif correction.geonameid is not None and correction.geonameid not in town_by_geonameid:
            problems.append(
                correction.problem(f"GeoNames id {correction.geonameid} is not a town of the gazetteer")
            )
        else:
            target = correction.place or (
                town_by_geonameid[correction.geonameid] if correction.geonameid is not None else None
            )
            targets[correction] = target
    return targets, problems


def _occurrences(folded_text: str, name: str, segments: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whole-word spans of the folded ``name`` in the folded text, each inside one segment."""
    pattern = re.compile(rf"(?<!\w){re.escape(wording.folded(name))}(?!\w)")
    return [found.span() for start, end in segments for found in pattern.finditer(folded_text, start, end)]


def corrected(report: Report, targets: Mapping[Correction, str | None]) -> Report:
    """The report with the corrections that apply to it applied; the same report if none does."""
    # a correction for this report is applied after one for every report, so that it wins
    mine = sorted(
        ((c, t) for c, t in targets.items() if c.report in (None, report.source)),
        key=lambda pair: pair[0].report is not None,
    )
    if not mine:
        return report
    text = report.article.text
    folded_text = wording.folded(text)
    segments = [(s.start, s.end) for s in report.segments]
    mentions = list(report.mentions)
    changed = False
    for correction, target in mine:
        spans = _occurrences(folded_text, correction.name, segments)
        if not spans:
            continue
        changed = True
        # what the finder made of the name goes; a longer name around it ("... railway") stays
        mentions = [m for m in mentions if not any(start <= m.start and m.end <= end for start, end in spans)]
        if target is not None:
            mentions += [Mention(start, end, target) for start, end in spans]
    if not changed:
        return report
    mentions.sort(key=lambda m: (m.start, -m.end, m.place_id))
    return dataclasses.replace(
        report,
        mentions=tuple(mentions),
        quotes=quotes_by_place(report.article, report.segments, tuple(mentions)),
    )
