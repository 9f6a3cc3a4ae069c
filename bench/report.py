"""The benchmark's figures as tables: one per goal, for RESULTS.md and the terminal.

The measures hand over numbers (each goal's dataclass); only here do they
become text: every dataclass adds its rows and notes to a ``Section``, and
the sections, the machine and the run become RESULTS.md and the summary.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import Protocol

from bench.apps import TOPOJSON
from bench.machine import Machine
from geo.io import PROJECT

COMMAND = "python -m bench"


@dataclass(frozen=True)
class Check:
    """One measured figure; ``passed`` is None for a figure that is context, not a goal."""

    what: str
    measured: str
    goal: str = ""
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "**FAIL**", None: ""}[self.passed]


@dataclass
class Section:
    """A goal's table and the notes that say how it was measured."""

    title: str
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # the goal figures in one line for the summary; by default, every check with a goal
    summary: str = ""

    def add(self, what: str, measured: str, goal: str = "", passed: bool | None = None) -> None:
        self.checks.append(Check(what, measured, goal, passed))

    @property
    def passed(self) -> bool:
        return all(check.passed is not False for check in self.checks)

    def goal_figures(self) -> str:
        return self.summary or "; ".join(
            f"{c.what}: {c.measured}" for c in self.checks if c.passed is not None
        )


class Figures(Protocol):
    """What a measure hands over: numbers that know how to show themselves in their goal's table."""

    def add_to(self, section: Section) -> None: ...


@dataclass(frozen=True)
class Failure:
    """A measure that raised: its error, recorded as a failed check rather than raised."""

    error: str

    def add_to(self, section: Section) -> None:
        section.add("measurement ran", self.error, "no error", False)


@dataclass
class Goal:
    """A goal's figures, in the order they are shown, and how long measuring them took."""

    title: str
    figures: list[Figures] = field(default_factory=list)
    seconds: float = 0.0

    def section(self) -> Section:
        section = Section(self.title, seconds=self.seconds)
        for figures in self.figures:
            figures.add_to(section)
        return section


@dataclass(frozen=True)
class Run:
    """When the whole run started and how long it took."""

    started: datetime.datetime
    seconds: float


def median(values: list[float]) -> float:
    return statistics.median(values)


def seconds(values: list[float]) -> str:
    """Times as the notes list them."""
    return ", ".join(f"{v:.3f}" for v in values)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def section_markdown(section: Section) -> str:
    verdict = "pass" if section.passed else "FAIL"
    lines = [
        f"## {section.title}: {verdict}",
        "",
        "| Figure | Measured | Goal | Result |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_cell(c.what)} | {_cell(c.measured)} | {_cell(c.goal)} | {c.verdict} |" for c in section.checks
    ]
    lines += ["", *(f"- {note}" for note in section.notes)] if section.notes else []
    lines += ["", f"_Section time: {section.seconds:.0f} s._", ""]
    return "\n".join(lines)


def preamble(run: Run) -> list[str]:
    """What was compared, when, and with which command."""
    return [
        f"- Date: {run.started.isoformat(timespec='seconds')}",
        f"- Command: `{COMMAND}` (from the repository root; Natural Earth source at "
        f"`{TOPOJSON.relative_to(PROJECT)}`, fetched as in `.ci/run`)",
        f"- Run time: {run.seconds:.0f} s",
        "- Ours: `app.py` with the committed `layers/`. Naive baseline: `bench/naive_app.py`, "
        "`GeoDataFrame.explore()` of the same six countries decoded from the TopoJSON as they are (no "
        "repair, no simplification) and the three towns at their GeoNames positions, handed to "
        '`st_folium(m, returned_objects=["last_active_drawing"])`.',
        "- Figures are ratios of our app to the naive baseline measured in the same run; absolute "
        "times are this machine's and only give scale.",
    ]


def results_markdown(sections: list[Section], machine: Machine, run: Run) -> str:
    """RESULTS.md: the command, the machine, a summary, then a table per goal."""
    summary = [
        f"| {s.title} | {'pass' if s.passed else '**FAIL**'} | {_cell(s.goal_figures())} |" for s in sections
    ]
    return "\n".join(
        [
            "# Benchmark: our app against the naive `explore()` baseline",
            "",
            f"Produced by `{COMMAND}`, run from the repository root. Do not edit by hand: run it again.",
            "",
            *preamble(run),
            "",
            "## Machine",
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {_cell(key)} | {_cell(value)} |" for key, value in machine.rows().items()),
            "",
            "## Summary",
            "",
            "| Goal | Result | Goal figures |",
            "| --- | --- | --- |",
            *summary,
            "",
            *(section_markdown(section) for section in sections),
        ]
    )


def summary_text(sections: list[Section]) -> str:
    """What the terminal shows at the end of a run."""
    lines = []
    for section in sections:
        lines.append(f"{section.title}: {'pass' if section.passed else 'FAIL'} ({section.seconds:.0f} s)")
        for check in section.checks:
            mark = {True: "ok  ", False: "FAIL", None: "    "}[check.passed]
            goal = f"  (goal {check.goal})" if check.goal else ""
            lines.append(f"  {mark} {check.what}: {check.measured}{goal}")
    return "\n".join(lines)
