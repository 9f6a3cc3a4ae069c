"""`python -m geo review`: the places only the gazetteer found, as an editor checks them."""

from __future__ import annotations

import shutil
from pathlib import Path

from geo import io
from geo.__main__ import main
from geo.review import findings

REPORTS = Path(__file__).resolve().parent / "reports"
NEWS = REPORTS / "news"


def _review(capsys, seeds: Path) -> tuple[int, list[str]]:
    code = main(["review", "--seeds", str(seeds)])
    return code, capsys.readouterr().out.splitlines()


def test_review_lists_each_found_name_with_its_report_sentence_and_rivals(capsys):
    code, lines = _review(capsys, NEWS)
    assert code == 0
    at = lines.index(
        "2023-03-30_ankara_railway.txt: “Aralik” -> Aralık (GeoNames 323735, TR, population 5,809), "
        "34 km from Yerevan"
    )
    assert lines[at + 1].startswith("  sentence: ANKARA, March 30 (Reuters) - Turkiye and Azerbaijan")
    assert lines[at + 2].startswith("  other candidates: Aralık (GeoNames 323736, TR, population 1,756)")
    # a place far from the story says how far: an editor sees Washington is not on this map's ground
    (washington,) = [line for line in lines if line.startswith("2025-08-09_route.txt: “Washington”")]
    # on the WGS84 ellipsoid, as every distance in geo (a sphere says 8,726)
    assert washington.endswith(", 8,747 km from Ankara")


def test_review_lists_no_layer_place(capsys):
    _code, lines = _review(capsys, NEWS)
    heads = [line for line in lines if ": “" in line and " -> " in line]
    assert heads, "the news corpus names towns only the gazetteer knows"
    named = {head.split("“")[1].split("”")[0] for head in heads}
    assert not named & {"Nakhchivan", "Meghri", "Baku", "Yerevan", "Kars", "Shusha", "Armenia"}


def test_review_ends_with_how_to_correct_one(capsys):
    _code, lines = _review(capsys, REPORTS)
    count = sum(1 for line in lines if line.startswith("  sentence: "))
    assert f"{count} names found only by the gazetteer in 4 reports." in lines
    at = lines.index(f"To correct one, add to {REPORTS / 'corrections.toml'}:")
    assert lines[at + 1 : at + 3] == ["  [[correction]]", '  name = "Igdir"']


def test_the_suggested_correction_takes_the_name_off_the_review(tmp_path, capsys):
    seeds = tmp_path / "news"
    shutil.copytree(NEWS, seeds)
    _code, lines = _review(capsys, seeds)
    suggestion = lines[lines.index(f"To correct one, add to {seeds / 'corrections.toml'}:") + 1 :]
    (seeds / "corrections.toml").write_text("\n".join(suggestion) + "\n", encoding="utf-8")
    code, after = _review(capsys, seeds)
    assert code == 0, "the suggestion is a good entry"
    assert not any(line.startswith("2021-11-10_yerevan_syunik.txt: “Goris” -> Goris") for line in after)
    assert any(line.startswith("2021-11-10_yerevan_syunik.txt: “Goris” -> Gori (") for line in after)


def test_review_names_a_bad_correction_and_exits_1(tmp_path, capsys):
    seeds = tmp_path / "news"
    shutil.copytree(NEWS, seeds)
    (seeds / "corrections.toml").write_text("[[correction]]\nname = 'Goris'\n", encoding="utf-8")
    assert main(["review", "--seeds", str(seeds)]) == 1
    err = capsys.readouterr().err
    assert f"error: {seeds / 'corrections.toml'}:1: say exactly one of not_a_place" in err


def test_the_shipped_seed_has_nothing_to_review(story):
    assert findings(story, io.load_gazetteer().towns) == []
