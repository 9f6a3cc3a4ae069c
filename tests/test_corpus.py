"""The place finder scored on realistic wire copy (tests/reports/news) against a hand-made answer key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from geo import io
from geo.story import Story

NEWS = Path(__file__).resolve().parent / "reports" / "news"
# measured when the regions of issue 16 landed (Syunik, the Lachin corridor, the 2025 route's name):
# a rule that breaks lowers them
MIN_RECALL = 1.0
MIN_PRECISION = 1.0


@pytest.fixture(scope="module")
def news() -> Story:
    return io.load_story(NEWS, io.LAYERS_DIR)


def scores(story: Story, answers: dict[str, list[str]]) -> tuple[float, float]:
    """Recall and precision over (report, place) pairs."""
    wanted = {(source, place) for source, places in answers.items() for place in places}
    found = {(r.source, m.place_id) for r in story.reports for m in r.mentions}
    right = wanted & found
    return len(right) / len(wanted), len(right) / len(found)


def test_every_report_has_an_answer(news):
    answers = tomllib.loads((NEWS / "answers.toml").read_text(encoding="utf-8"))["places"]
    assert sorted(answers) == sorted(report.source for report in news.reports)


def test_the_finder_finds_what_a_careful_reader_marks(news):
    answers = tomllib.loads((NEWS / "answers.toml").read_text(encoding="utf-8"))["places"]
    recall, precision = scores(news, answers)
    assert recall >= MIN_RECALL, f"recall {recall:.1%}"
    assert precision >= MIN_PRECISION, f"precision {precision:.1%}"


def test_no_trap_of_the_corpus_is_taken_for_a_town(news):
    found = {m.place_id for r in news.reports for m in r.mentions}
    # White House, Star, Center, Int'l, Gulistan/Turkmanchai, Bayati Shiraz, Hakari river, Hin Shen, Zangezur
    traps = {"casablanca", "star", "merkez-tr-13589445", "inta", "golestanak", "torkaman"}
    traps |= {"shiraz-ir-115019", "hakkari", "shnogh"}
    assert not found & traps
    zangezur = {
        m.place_id for r in news.reports for m in r.mentions if r.article.text[m.start : m.end] == "Zangezur"
    }
    assert zangezur == {"syunik"}, "the region's name is the region, not the town Kapan"
    # "East Azerbaijan" is Iran's province, not the country
    tehran = news.report("2022-06-01_tehran_culture.txt")
    assert "azerbaijan" not in {m.place_id for m in tehran.mentions}
