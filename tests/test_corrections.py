"""The editor's corrections file: good entries change what the reports name, bad ones are named by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo import io
from geo.corrections import CORRECTIONS_FILE, parse_corrections
from geo.export import geojson_text
from geo.story import Story

REPORT = (
    " date 2023-03-30 IGDIR, March 30 - The new line would run past Aralik, a district on the border, "
    "officials said.\n\nA spokesman in Kapan said the exclave would gain a station. "
    "The Star newspaper in Kars printed the plan.\n"
)
OTHER = " date 2023-04-02 Officials in Kapan and Goris welcomed the plan for the exclave.\n"
# the GeoNames id of the other Aralık, in Iğdır's far west; the finder chooses the one by the border
OTHER_ARALIK = 323736


def _story(tmp_path: Path, corrections: str) -> Story:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "line.txt").write_text(REPORT, encoding="utf-8")
    (seeds / "other.txt").write_text(OTHER, encoding="utf-8")
    (seeds / CORRECTIONS_FILE).write_text(corrections, encoding="utf-8")
    return io.load_story(seeds, io.LAYERS_DIR)


def _named(story: Story, source: str) -> set[str]:
    return {m.place_id for m in story.report(source).mentions}


GOOD = """\
# the editor's word on two reports
[[correction]]
name = "Kapan"
report = "line.txt"
not_a_place = true

[[correction]]
name = "aralik"
geonameid = 323736

[[correction]]
name = "exclave"
place = "nakhchivan"
"""


def test_without_corrections_the_finder_decides(tmp_path):
    story = _story(tmp_path, "")
    assert {"kapan", "aralik-tr-323735"} <= _named(story, "line.txt")
    assert "nakhchivan" not in _named(story, "line.txt")
    assert story.problems == ()


def test_good_corrections_apply_to_their_report_or_to_all(tmp_path):
    story = _story(tmp_path, GOOD)
    assert story.problems == ()
    line, other = _named(story, "line.txt"), _named(story, "other.txt")
    assert "kapan" not in line, "not a place in the report it names"
    assert "kapan" in other, "still a place in the other report"
    assert "aralik-tr-323735" not in line
    assert f"aralik-tr-{OTHER_ARALIK}" in line, "the name means the GeoNames town the editor gave"
    assert "nakhchivan" in line, "a word the finder missed means a layer place"
    assert "nakhchivan" in other
    # the quotes follow: the exclave's sentence is now a quote on Nakhchivan, verbatim
    quotes = story.places["nakhchivan"].quotes
    assert any("the exclave would gain a station" in q.text for q in quotes)
    assert story.places[f"aralik-tr-{OTHER_ARALIK}"].layer == "found"
    assert "aralik-tr-323735" not in story.places


def test_the_export_honours_the_corrections(tmp_path):
    features = json.loads(geojson_text(_story(tmp_path, GOOD).view(every_report=True)))["features"]
    ids = {f["properties"]["id"] for f in features}
    assert f"aralik-tr-{OTHER_ARALIK}" in ids
    assert "aralik-tr-323735" not in ids


BROKEN = """\
[[correction]]
name = "Kapan"
not_a_place = true
geonameid = 12

[[correction]]
name = "Goris"
colour = "red"
not_a_place = true

[[correction]]
name = "Aralik"
geonameid = "323736"

[[correction]]
name = "exclave"
place = "no-such-place"

[[correction]]
name = "Kars"
report = "missing.txt"
not_a_place = true

[[correction]]
name = "Kars"
geonameid = 1

[[correction]]
not_a_place = true

[[correction]]
name = "Star"
not_a_place = true
"""


def test_each_bad_entry_is_named_by_line_and_the_rest_applies(tmp_path):
    story = _story(tmp_path, BROKEN)
    path = tmp_path / "seeds" / CORRECTIONS_FILE
    assert [str(p) for p in story.problems] == [
        f"{path}:1: say exactly one of not_a_place, geonameid, place for 'Kapan'",
        f"{path}:6: unknown key 'colour' (a correction has geonameid, name, not_a_place, place, report)",
        f"{path}:11: geonameid must be a GeoNames id (a positive whole number), not '323736'",
        f"{path}:28: name must be the name as the reports write it",
        f"{path}:15: there is no layer place with id 'no-such-place'",
        f"{path}:19: there is no report 'missing.txt' beside it",
        f"{path}:24: GeoNames id 1 is not a town of the gazetteer",
    ]
    line = _named(story, "line.txt")
    assert {"kapan", "aralik-tr-323735", "kars"} <= line, "the bad entries change nothing"
    assert "goris" in _named(story, "other.txt")


def test_a_file_that_is_not_toml_is_named_with_its_line(tmp_path):
    story = _story(tmp_path, '[[correction]]\nname = "Kapan"\nnot_a_place = tru\n')
    (problem,) = story.problems
    assert str(problem).startswith(f"{tmp_path / 'seeds' / CORRECTIONS_FILE}:3: is not valid TOML (")
    assert "kapan" in _named(story, "line.txt"), "the reports still stand"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("correction = 3\n", "correction must be written [[correction]], a list of tables"),
        ("[[corection]]\nname = 'Kapan'\n", "unknown table 'corection': write [[correction]]"),
        ("[[correction]]\nname = 'Kapan'\nnot_a_place = false\n", "not_a_place must be true"),
        ("[[correction]]\nname = 'Kapan'\nreport = 3\nnot_a_place = true\n", "report must be a report's"),
    ],
)
def test_malformed_tables_are_problems(text, reason):
    corrections, problems = parse_corrections(text, Path("c.toml"))
    assert corrections == ()
    assert reason in str(problems[0])


def test_a_report_may_be_named_without_its_suffix():
    (correction,), problems = parse_corrections(
        "[[correction]]\nname = 'Kapan'\nreport = 'line'\nnot_a_place = true\n", Path("c.toml")
    )
    assert problems == []
    assert correction.report == "line.txt"
    assert correction.origin == "c.toml:1"


def test_a_correction_keeps_a_longer_name_around_it(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "chain.txt").write_text(
        "Work began on the Kars-Igdir-Aralik-Nakhchivan railway, officials said.\n", encoding="utf-8"
    )
    (seeds / CORRECTIONS_FILE).write_text("[[correction]]\nname = 'Kars'\nnot_a_place = true\n")
    story = io.load_story(seeds, io.LAYERS_DIR)
    assert "kars-nakhchivan-railway" in {m.place_id for m in story.report("chain.txt").mentions}
    assert "kars" not in {m.place_id for m in story.report("chain.txt").mentions}
