"""A folder of reports: dates, titles, quotes by report, bad reports skipped, parsed once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo import io
from geo.permalink import read_report_link, report_params
from geo.reports import parse_count
from geo.timeline import CHOSEN, timeline_rows, timeline_spec
from tests.commands import run_geo
from tests.inputs import SEED, reports_folder


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    return reports_folder(tmp_path_factory.mktemp("reports") / "seeds")


@pytest.fixture(scope="module")
def many(seeds):
    return io.load_story(seeds)


def test_reports_are_dated_and_titled_oldest_first_undated_last(many):
    assert [(r.source, r.date) for r in many.reports] == [
        (SEED, "2021-06-15"),
        ("2022-08-26_lachin.txt", "2022-08-26"),
        ("2023-09-25_pipeline.txt", "2023-09-25"),
        ("2025-08-08_washington.txt", "2025-08-08"),
        ("undated_3plus3.txt", None),
    ]
    assert many.report("2025-08-08_washington.txt").title == (
        "Armenia and Azerbaijan initialled a peace text in Washington."
    )
    assert many.report("undated_3plus3.txt").title.startswith("The 3+3 format met in Tehran")


def test_every_quote_carries_its_report_and_indexes_its_text(many):
    for place in many.places.values():
        for quote in place.quotes:
            report = many.report(quote.source)
            assert report.article.text[quote.start : quote.end] == quote.text
            assert quote.date == report.date


def test_a_place_named_in_several_reports_has_their_quotes_oldest_first(many):
    sources = [quote.source for quote in many.places["shusha"].quotes]
    assert sources == [SEED] * 6 + ["2022-08-26_lachin.txt", "2025-08-08_washington.txt"]


def test_the_seed_keeps_its_quotes_among_other_reports(many, story):
    for place_id, place in story.places.items():
        assert [q for q in many.places[place_id].quotes if q.source == SEED] == list(place.quotes)


def test_towns_only_the_gazetteer_knows_form_their_own_layer(many):
    found = {place.id: place for place in many.places_in("found")}
    assert many.layer("found").title == "Other places, found by name (GeoNames)"
    assert {"goris", "khankendi", "washington", "moscow"} <= set(found)
    assert not {"ilham", "recep", "putin", "erdogan", "vladimir", "van", "of"} & set(found)
    # a place of the reference layer is found there, as the layers' places win
    named_reference = {place.id for place in many.places_in("reference") if place.quotes}
    assert {"baku", "yerevan", "tehran", "nakhchivan", "meghri"} <= named_reference
    assert not named_reference & set(found)
    # the name the reports use first, then the others in use
    assert found["khankendi"].names == ("Stepanakert", "Khankendi")
    khankendi = found["khankendi"]
    assert "GeoNames feature 146970: Khankendi" in khankendi.note
    assert khankendi.note.startswith("Found by name in the GeoNames gazetteer: matched “Stepanakert”")
    assert (khankendi.extra["story_km"], khankendi.extra["story_town"]) == (6, "Shusha")
    assert found["khankendi"].extra["country"] == "AZ"


def test_the_test_reports_give_these_counts(many):
    # 27 places of the layers (the reference layer's among them) and 8 found in the gazetteer;
    # "the Lachin corridor" and "Syunik" are the regions layer's since issue 16
    assert len(many.places) == 35
    assert sum(len(place.quotes) for place in many.places.values()) == 67


def test_a_report_names_these_places(many):
    assert many.named_in("2022-08-26_lachin.txt") == {
        "azerbaijan",
        "khankendi",
        "lacin-az",
        "lachin-corridor",
        "moscow",
        "shusha",
    }


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b" date 2024-01-01 \n", "is empty"),
        (b"Shusha \xe9t\xe9", "is not UTF-8 text"),
        (b"<!DOCTYPE html><html><body>Shusha</body></html>", "is an HTML or XML document"),
        (b"<div><span><b>Shusha</b></span><i></i><p></p><p></p></div>", "is mostly markup"),
        (b"Shusha. " * 300_000, "a report is limited to 2 MB"),
    ],
)
def test_a_bad_report_is_named_and_the_others_kept(tmp_path, content, reason):
    seeds = reports_folder(tmp_path / "seeds")
    (seeds / "bad.txt").write_bytes(content)
    story = io.load_story(seeds)
    assert [(p.path.name, reason in p.reason) for p in story.problems] == [("bad.txt", True)]
    assert len(story.reports) == 5


def test_adding_a_report_reads_and_parses_only_that_one(tmp_path):
    seeds = reports_folder(tmp_path / "seeds")
    io.load_story(seeds)
    reads, parses = io.report_reads(), parse_count()
    (seeds / "2026-01-01_new.txt").write_text(" date 2026-01-01 Talks in Baku went on.\n", encoding="utf-8")
    story = io.load_story(seeds)
    assert (io.report_reads() - reads, parse_count() - parses) == (1, 1)
    assert story.reports[-2].source == "2026-01-01_new.txt"


def test_cli_lists_the_reports_and_counts_each(seeds):
    listed = run_geo("reports", "--seeds", seeds)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(f"2021-06-15  {SEED}  12 places, 36 quotes")
    assert lines[4].startswith("undated     undated_3plus3.txt  6 places")
    assert lines[-1] == "5 reports"
    one = run_geo("reports")
    assert one.stdout.splitlines()[-1] == "1 report"
    validated = run_geo("validate", "--seeds", seeds)
    assert validated.stdout.splitlines()[0] == "ok: 35 places in 7 layers, 67 quotes"
    assert "2025-08-08  2025-08-08_washington.txt  9 places" in validated.stdout


def test_export_adds_each_quote_s_report_and_date(seeds, tmp_path):
    out = tmp_path / "all.geojson"
    assert run_geo("export", "--seeds", seeds, out).returncode == 0
    features = {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    quotes = features["washington"]["properties"]["quotes"]
    assert [(q["source"], q["date"]) for q in quotes] == [("2025-08-08_washington.txt", "2025-08-08")]
    text = (seeds / "2025-08-08_washington.txt").read_text(encoding="utf-8")
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)


def test_a_link_names_a_report_by_its_id_or_file_name_in_any_case(many, story):
    assert read_report_link({"report": "2022-08-26_lachin"}, many) == ("2022-08-26_lachin.txt", ())
    assert read_report_link({"report": "2022-08-26_Lachin.TXT"}, many) == ("2022-08-26_lachin.txt", ())
    for wanted in ("nowhere", "", "  "):
        source, (problem,) = read_report_link({"report": wanted}, many)
        assert source is None
        assert wanted.strip() in problem
        assert problem.endswith("so the newest report is shown.") or problem.endswith("the newest is shown.")
        assert not problem.rstrip(".").endswith(":"), "a whole sentence, not a bare colon"
    assert report_params("2022-08-26_lachin.txt", many) == {"report": "2022-08-26_lachin"}
    assert report_params(SEED, story) == {}, "one report: nothing to choose, nothing in the URL"


def test_the_map_of_one_report_draws_only_the_places_it_names(many):
    view = many.view("2025-08-08_washington.txt")
    found = {place.id for place in view.places_in("found")}
    assert found == {"goris", "washington"}, "Meghri, Nakhchivan and Yerevan are reference places"
    not_named = {p for p in view.places if view.places[p].layer != "reference"} - many.named_in(
        "2025-08-08_washington.txt"
    )
    assert not_named == set()


def test_the_timeline_holds_the_dated_reports_only(many):
    rows = timeline_rows(many, "2022-08-26_lachin.txt")
    assert [row["date"] for row in rows] == ["2021-06-15", "2022-08-26", "2023-09-25", "2025-08-08"]
    assert rows[1] == {
        "source": "2022-08-26_lachin.txt",
        "date": "2022-08-26",
        "written": "26 August 2022",
        "title": "Azerbaijan took back the town of Lachin as the road through the Lachin corridor moved.",
        "places": 6,
        "shown": True,
    }
    assert [row["shown"] for row in rows] == [False, True, False, False], "the report shown is marked"


def test_a_click_on_the_timeline_chooses_a_report_by_its_file():
    (param,) = timeline_spec()["params"]
    assert param == {"name": CHOSEN, "select": {"type": "point", "fields": ["source"], "on": "click"}}
