"""The benchmark's figures as tables: one per goal, for RESULTS.md and the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def results_markdown(sections: list[Section], machine: dict[str, str], preamble: list[str]) -> str:
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
            *preamble,
            "",
            "## Machine",
            "",
            "| | |",
            "| --- | --- |",
            *(f"| {_cell(key)} | {_cell(value)} |" for key, value in machine.items()),
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
