"""The committed gazetteer as the app reads it: its table, its size, the story's towns."""

from __future__ import annotations

import gzip
import time

import pytest

from geo import gazetteer, io
from geo.gazetteer import Town


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "header"), ("id\tname\n", "header"), ("\t".join(gazetteer.COLUMNS) + "\nbaku\t1\n", "line 2")],
)
def test_a_broken_table_is_named(tmp_path, text, reason):
    path = tmp_path / "gazetteer.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        io.read_gazetteer(path)


def test_the_gazetteer_stays_small_and_quick_to_load():
    data = io.GAZETTEER_FILE.read_bytes()
    assert len(data) < 1_500_000
    assert len(gzip.compress(data)) < 600_000
    started = time.perf_counter()
    towns = io.read_gazetteer()
    assert time.perf_counter() - started < 2.0
    assert all(isinstance(town, Town) for town in towns[:10])


def test_the_story_towns_are_in_it_with_their_other_names():
    towns = {town.id: town for town in io.read_gazetteer()}
    assert "Stepanakert" in towns["khankendi"].other_names
    assert towns["baku"].country == "AZ"
    assert towns["washington"].country == "US"
    assert {"julfa-az", "julfa-ir", "goris", "gori"} <= set(towns)
