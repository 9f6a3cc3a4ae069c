"""The exceptions the library raises for bad input."""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """One problem with one input file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OutputError(OSError):
    """A file that could not be written."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
