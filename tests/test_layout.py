"""The README's layout section names every module of the library, the harness and the bench."""

from __future__ import annotations

import re

import pytest

from geo.io import PROJECT

LAYOUT = re.search(r"## Layout\n.*?(?=\n## |\Z)", (PROJECT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("folder", ["geo", "geo/sources", "harness", "bench"])
def test_the_layout_names_every_module(folder):
    assert LAYOUT, "README.md has a Layout section"
    section = LAYOUT.group(0)
    modules = sorted(path.name for path in (PROJECT / folder).glob("*.py") if path.name != "__init__.py")
    assert modules
    assert [name for name in modules if not re.search(rf"(?<![\w/]){re.escape(name)}\b", section)] == []
