"""Fidelity: how far the committed country outlines lie from Natural Earth's.

Goals of issue 3: within ``INSIDE_KM`` of the source inside the story region
and ``OUTSIDE_KM`` elsewhere, and the six countries a valid coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, shape

from bench.apps import TOPOJSON
from bench.deviation import boundary_deviation_km
from bench.report import Section
from geo import io
from geo.geometry import repair
from geo.region import COUNTRIES, STORY_REGION, extent
from geo.sources.topojson import iter_objects

INSIDE_KM, OUTSIDE_KM = 0.5, 5.0
WORLD = box(-180, -90, 180, 90)

NOTES = [
    "Hausdorff distance, both ways, between each country's outline in the Natural Earth source "
    "(decoded with `geo.sources.topojson.iter_objects`, `geo.geometry.repair`, not simplified) and in the "
    "committed `layers/countries.geojson`, with `bench.deviation.boundary_deviation_km` (5° tiles, "
    "each in its own azimuthal equidistant projection, in km on the ground).",
    f"Story region: `geo.region.STORY_REGION` ({extent(STORY_REGION)}); elsewhere: the world box "
    "minus that region. Armenia lies wholly inside the region, so it has nothing elsewhere (0 km).",
    "`shapely.coverage_is_valid` over the six committed countries: without a gap width it checks "
    "that neighbours neither overlap nor have edges that almost but not exactly match; with "
    "`gap_width=0.01` it also rejects slivers of gap narrower than 0.01°.",
]


@dataclass(frozen=True)
class Deviation:
    """A country's outline against the source's, in km on the ground."""

    country: str
    inside_km: float
    outside_km: float


@dataclass(frozen=True)
class Fidelity:
    """Every country's deviation, in the order of their ISO codes, and whether the countries tile."""

    deviations: list[Deviation]
    edges_match: bool
    no_gaps: bool

    def add_to(self, section: Section) -> None:
        for d in self.deviations:
            section.add(
                f"{d.country}: inside the story region",
                f"{d.inside_km:.3f} km",
                f"<= {INSIDE_KM} km",
                d.inside_km <= INSIDE_KM,
            )
            section.add(
                f"{d.country}: elsewhere",
                f"{d.outside_km:.3f} km",
                f"<= {OUTSIDE_KM} km",
                d.outside_km <= OUTSIDE_KM,
            )
        edges, gaps = self.edges_match, self.no_gaps
        section.add("committed countries: no overlaps, shared edges match", str(edges), "True", edges)
        section.add("committed countries: no gaps narrower than 0.01°", str(gaps), "True", gaps)
        worst_in = max(self.deviations, key=lambda d: d.inside_km)
        worst_out = max(self.deviations, key=lambda d: d.outside_km)
        section.summary = (
            f"worst inside the story region {worst_in.inside_km:.3f} km ({worst_in.country}); worst "
            f"elsewhere {worst_out.outside_km:.3f} km ({worst_out.country}); coverage valid: "
            f"{edges and gaps}"
        )
        section.notes += NOTES


def source_countries(topojson: Path) -> dict[str, Any]:
    """The 3+3 countries as Natural Earth draws them, repaired but not simplified, by ISO alpha-3."""
    topology = io.read_json(topojson)
    return {
        COUNTRIES[obj["id"]].iso3: repair(geometry)
        for obj, geometry in iter_objects(topology, "countries")
        if obj.get("id") in COUNTRIES
    }


def committed_countries() -> dict[str, Any]:
    """The committed countries layer, by ISO alpha-3."""
    data = io.read_json(io.LAYERS_DIR / "countries.geojson")
    return {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in data["features"]}


def measure() -> Fidelity:
    source, committed = source_countries(TOPOJSON), committed_countries()
    outside = WORLD.difference(STORY_REGION)
    deviations = [
        Deviation(
            name,
            inside_km=boundary_deviation_km(source[iso], committed[iso], STORY_REGION),
            outside_km=boundary_deviation_km(source[iso], committed[iso], outside),
        )
        for iso, name in sorted((country.iso3, country.name) for country in COUNTRIES.values())
    ]
    geometries = [committed[iso] for iso in sorted(committed)]
    return Fidelity(
        deviations,
        edges_match=bool(shapely.coverage_is_valid(geometries)),
        no_gaps=bool(shapely.coverage_is_valid(geometries, gap_width=0.01)),
    )
