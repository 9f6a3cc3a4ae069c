"""The exceptions the library raises for bad input."""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """One problem with one input file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class InputErrors(ValueError):
    """Every problem found in a set of inputs, raised once."""

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
