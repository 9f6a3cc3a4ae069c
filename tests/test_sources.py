"""geo.sources, the build tools: the running app, the story and the map never load them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from geo.io import PROJECT

# Imports every module app.py imports (read from its source, so a new import is covered), then loads
# the story, draws the map, writes the offline page and validates; prints the build modules loaded.
PROBE = textwrap.dedent(
    """
    import ast, importlib, sys
    from pathlib import Path

    for node in ast.parse(Path("app.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                importlib.import_module(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            module = importlib.import_module(node.module)
            for alias in node.names:
                if not hasattr(module, alias.name):
                    importlib.import_module(f"{node.module}.{alias.name}")
    from geo import io
    from geo.__main__ import main
    from geo.labels import labels_data
    from geo.maps import build_map
    from geo.offline import offline_html

    story = io.load_story()
    build_map(story.view()).get_root().render()
    labels_data(story)
    offline_html(story.view())
    assert main(["validate"]) == 0
    assert story.places, "the probe must load a real story"
    print(sorted(name for name in sys.modules if name.split(".")[:2] == ["geo", "sources"]))
    """
)


def loaded_build_modules(probe: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_app_the_story_and_the_map_never_import_the_build_tools():
    assert loaded_build_modules(PROBE) == "[]"


@pytest.mark.parametrize("module", ["geo.sources.build", "geo.sources.geonames"])
def test_the_probe_sees_a_build_module_when_one_is_imported(module):
    """The probe can fail: importing a build module shows in what it prints."""
    assert module in loaded_build_modules(f"import {module}\n{PROBE}")
