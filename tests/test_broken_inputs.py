"""Broken inputs: validate names every problem with its file, the app keeps the rest."""

from __future__ import annotations

import pytest

from geo.__main__ import main
from harness.apptest import map_args, run_app_with, shown
from tests.broken import CASES, Case
from tests.commands import run_geo

LAYER_CASES = [case for case in CASES if case.file.startswith("layers/")]


def break_inputs(inputs, case: Case, name: str = "bad"):
    seeds, layers = inputs
    case.write(seeds, layers, name)
    return seeds, layers, case.path(seeds.parent, name)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_validate_names_the_file_and_the_problem(inputs, case, capsys):
    seeds, layers, path = break_inputs(inputs, case)
    assert main(["validate", "--seeds", str(seeds), "--layers", str(layers)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"error: {path}: ") and case.reason in line for line in errors), errors


def test_validate_reports_every_problem_at_once_without_traceback(inputs):
    seeds, layers = inputs
    for number, case in enumerate(LAYER_CASES):
        case.write(seeds, layers, f"bad-{number}")
    result = run_geo("validate", "--seeds", seeds, "--layers", layers)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for number, case in enumerate(LAYER_CASES):
        path = case.path(seeds.parent, f"bad-{number}")
        assert f"error: {path}: " in result.stderr, case.id
        assert case.reason in result.stderr, case.id


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_app_names_the_file_and_keeps_everything_good(inputs, case, monkeypatch):
    seeds, layers, path = break_inputs(inputs, case)
    app = run_app_with(monkeypatch, "--seeds", seeds, "--layers", layers)
    messages = [shown(error.value) for error in app.error]
    assert any(str(path) in message and case.reason in message for message in messages), messages
    script = map_args(app)["script"]
    for title in ("The 3+3 countries", "Towns in the article", "Zangezur corridor"):
        assert title in script, f"{title} lost because of {case.id}"
    if "article" not in case.id:
        assert app.caption, "the article is still shown"
