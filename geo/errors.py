"""The exceptions the library raises for bad input or output.

Every one is a ``GeoError``: one problem with one file (or data source), shown
as ``file: reason``. The subclasses keep the builtin bases callers catch.
"""

from __future__ import annotations

from pathlib import Path


class GeoError(Exception):
    """One problem with one file or data source, shown as ``path: reason``."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class InputError(GeoError, ValueError):
    """One problem with one input file."""


class OutputError(GeoError, OSError):
    """A file that could not be written."""
