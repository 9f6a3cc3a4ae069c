"""Derive the map's layers from Natural Earth and GeoNames.

Pure functions: they take decoded source data and return GeoDataFrames in
WGS84, one row per place, with the properties every layer shares (``id``,
``name``, ``aliases``, ``note``, ``approximate``). ``python -m geo
build-layers`` reads the sources and writes the results with ``geo.io``.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, MultiPolygon, Point, box
from shapely.geometry.base import BaseGeometry

from geo.geometry import polygons_of, repair
from geo.region import (
    ARAZ_BORDER,
    ARAZ_VALLEY,
    COORDINATE_DECIMALS,
    COUNTRIES,
    DETAIL,
    EXTENSION_TOWNS,
    HORADIZ,
    KARABAKH_BUFFER_M,
    KARABAKH_TOWNS,
    LACHIN_ROAD,
    LAND_ONLY_DETAIL,
    NAKHCHIVAN,
    NEAR_LAND,
    NORTH_BANK_OFFSET_M,
    NORTH_BANK_SIMPLIFY_M,
    NORTH_CAUCASUS,
    REFERENCE_TOWNS,
    ROUTE_2025_NAME,
    SEAS,
    SEDARAK,
    SHARUR,
    SYUNIK_TOWNS,
    TOWNS,
)
from geo.sources import story_regions
from geo.sources.simplify import arc_indexes, simplify_arcs
from geo.sources.topojson import decode_arcs, iter_objects
from geo.sources.topojson import topology_problems as decoding_problems
from geo.sources.world_land import world_land

LONLAT = "EPSG:4326"
# UTM zone 38N: metres around the South Caucasus, for buffers and offsets
LOCAL_METRIC = "EPSG:32638"


def _frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=LONLAT)


def _point(city: dict[str, Any]) -> Point:
    return Point(city["longitude"], city["latitude"])


def simplified_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """The topology's arcs, those of the 3+3 countries and of the land around simplified."""
    arcs = decode_arcs(topology)
    countries = [g for g in topology["objects"]["countries"]["geometries"] if g.get("id") in COUNTRIES]
    shared = set().union(*(arc_indexes(g) for g in countries))
    land_only = {
        i
        for land in topology["objects"]["land"]["geometries"]
        for i in arc_indexes(land) - shared
        if NEAR_LAND.intersects(box(*arcs[i].min(0), *arcs[i].max(0)))
    }
    return simplify_arcs(simplify_arcs(arcs, shared, DETAIL), land_only, LAND_ONLY_DETAIL)


def countries_layer(topology: dict[str, Any], arcs: list[np.ndarray]) -> gpd.GeoDataFrame:
    """The 3+3 countries from Natural Earth, drawn with the simplified ``arcs``."""
    rows = []
    for obj, shape in iter_objects(topology, "countries", arcs):
        if obj.get("id") not in COUNTRIES:
            continue
        country = COUNTRIES[obj["id"]]
        rows.append(
            {
                "id": country.name.lower(),
                "name": country.name,
                "aliases": list(country.aliases),
                "iso_a3": country.iso3,
                "note": country.de_facto_note,
                "approximate": False,
                "geometry": repair(shape),
            }
        )
    return _frame(rows).sort_values("name", ignore_index=True)


def _coarse_land(coarse_topology: dict[str, Any]) -> BaseGeometry:
    """1:110m land within reach but away from the story, simplified and rounded (world_land.py)."""
    ((_, land),) = iter_objects(coarse_topology, "land")
    rounded = world_land(repair(land))
    # cut last, so that its edge along the 1:10m land stays straight and they meet
    return rounded.difference(NEAR_LAND)


def land_layer(
    topology: dict[str, Any], arcs: list[np.ndarray], coarse_topology: dict[str, Any]
) -> gpd.GeoDataFrame:
    """Land wherever the map can go, so coasts and seas read without a tile basemap.

    Near the story it is the 1:10m land drawn with ``arcs``, the countries'
    simplified arcs; elsewhere the 1:110m land of ``coarse_topology``.
    """
    ((_, land),) = iter_objects(topology, "land", arcs)
    near = repair(land).intersection(NEAR_LAND)
    whole = MultiPolygon(polygons_of(shapely.make_valid(near.union(_coarse_land(coarse_topology)))))
    return _frame(
        [{"id": "land", "name": "Land", "aliases": [], "note": "", "approximate": False, "geometry": whole}]
    )


def towns_layer(cities: dict[int, dict[str, Any]]) -> gpd.GeoDataFrame:
    """The towns the article names, at their GeoNames positions."""
    rows = [
        {
            "id": slug,
            "name": name,
            "aliases": list(aliases),
            "note": note,
            "approximate": False,
            "geonameid": geonameid,
            "geometry": _point(cities[geonameid]),
        }
        for geonameid, (slug, name, aliases, note) in TOWNS.items()
    ]
    return _frame(rows)


def _north_bank_of_araz(countries: gpd.GeoDataFrame) -> LineString:
    """A line 1.5 km north of the Iranian border (the Araz), Julfa to Horadiz.

    Built from the border itself because a straight line through the towns
    of the valley cuts through Iran where the river bends south.
    """
    by_iso = countries.to_crs(LOCAL_METRIC).set_index("iso_a3").geometry
    valley = gpd.GeoSeries([ARAZ_VALLEY], crs=LONLAT).to_crs(LOCAL_METRIC).iloc[0]
    north_side = by_iso["AZE"].union(by_iso["ARM"])
    bank = by_iso["IRN"].buffer(NORTH_BANK_OFFSET_M).boundary
    bank = shapely.line_merge(bank.intersection(north_side).intersection(valley))
    if not isinstance(bank, LineString):
        raise ValueError(f"expected one line along the Araz, got {bank.geom_type}")
    bank = gpd.GeoSeries([bank], crs=LOCAL_METRIC).simplify(NORTH_BANK_SIMPLIFY_M).to_crs(LONLAT).iloc[0]
    return bank if bank.coords[0][0] > bank.coords[-1][0] else bank.reverse()


def _turkey_border_crossing(countries: gpd.GeoDataFrame) -> Point:
    """The middle of Nakhchivan's short border with Turkey."""
    by_iso = countries.set_index("iso_a3").geometry
    border = shapely.line_merge(by_iso["TUR"].boundary.intersection(by_iso["AZE"].boundary))
    return border.interpolate(0.5, normalized=True)


def _middle_of_gap(countries: gpd.GeoDataFrame, near: Point, first: str, second: str) -> Point:
    """Halfway between the borders of two countries, across the gap at ``near``.

    Sadarak sits 400 m from Armenia in the narrow neck of Nakhchivan between
    Armenia and Iran; the route keeps to the middle of the neck instead.
    """
    by_iso = countries.set_index("iso_a3").geometry.to_crs(LOCAL_METRIC)
    (here,) = gpd.GeoSeries([near], crs=LONLAT).to_crs(LOCAL_METRIC)
    ends = [shapely.ops.nearest_points(here, by_iso[iso].boundary)[1] for iso in (first, second)]
    middle = LineString(ends).interpolate(0.5, normalized=True)
    return gpd.GeoSeries([middle], crs=LOCAL_METRIC).to_crs(LONLAT).iloc[0]


def corridor_layer(countries: gpd.GeoDataFrame, cities: dict[int, dict[str, Any]]) -> gpd.GeoDataFrame:
    """The proposed Zangezur corridor and its planned extension to Kars."""
    bank = _north_bank_of_araz(countries)
    corridor = LineString([_point(cities[HORADIZ]), *bank.coords, _point(cities[NAKHCHIVAN])])
    sadarak_neck = _middle_of_gap(countries, _point(cities[SEDARAK]), "ARM", "IRN")
    crossing = _turkey_border_crossing(countries)
    turkish = [cities[geonameid] for geonameid in EXTENSION_TOWNS.values()]
    extension = LineString(
        [_point(cities[NAKHCHIVAN]), _point(cities[SHARUR]), sadarak_neck, crossing]
        + [_point(city) for city in turkish]
    )
    return _frame(
        [
            {
                "id": "zangezur-corridor",
                "name": "Zangezur corridor",
                "aliases": [ROUTE_2025_NAME],
                "approximate": True,
                "status": "proposed",
                "note": "Proposed and approximate: no such road or railway exists as "
                "drawn. Shown from Horadiz along the north bank of the Araz, "
                "through Armenia's Meghri section, to Nakhchivan. The name and the "
                "project are Azerbaijan's and Turkey's; Armenia rejects a corridor "
                "outside its control through its Syunik province. In August 2025 the "
                "US-brokered deal named the route through Armenia the "
                f"{ROUTE_2025_NAME} (TRIPP).",
                "geometry": corridor,
            },
            {
                "id": "kars-nakhchivan-railway",
                "name": "Kars–Nakhchivan railway",
                "aliases": ["Kars–Iğdır–Nakhchivan railway"],
                "approximate": True,
                "status": "planned",
                "note": "Planned and approximate: the route on to Turkey that would "
                "link the corridor to Kars, through Sharur, the Turkish border "
                "and Iğdır.",
                "geometry": extension,
            },
        ]
    )


def regions_layer(countries: gpd.GeoDataFrame, cities: dict[int, dict[str, Any]]) -> gpd.GeoDataFrame:
    """Approximate outlines of the regions the article names in passing."""
    by_iso = countries.set_index("iso_a3").geometry
    towns = gpd.GeoSeries([_point(cities[g]) for g in KARABAKH_TOWNS], crs=LONLAT)
    hull = towns.to_crs(LOCAL_METRIC).union_all().convex_hull.buffer(KARABAKH_BUFFER_M, quad_segs=4)
    karabakh = gpd.GeoSeries([hull], crs=LOCAL_METRIC).to_crs(LONLAT).iloc[0]
    caucasus = shapely.union_all(
        [by_iso["GEO"], by_iso["ARM"], by_iso["AZE"], by_iso["RUS"].intersection(NORTH_CAUCASUS)]
    )
    frame = _frame(
        [
            story_regions.syunik(by_iso["ARM"], cities),
            story_regions.lachin_corridor(by_iso["AZE"], cities),
            {
                "id": "karabakh",
                "name": "Karabakh",
                "aliases": ["Qarabağ", "Nagorno-Karabakh", "Artsakh"],
                "approximate": True,
                "note": "Approximate outline: the region has no single agreed boundary. "
                "Drawn around the towns of Kalbajar, Tartar, Aghdam, Fizuli, "
                "Jabrayil, Zangilan, Qubadli and Lachin: the former Nagorno-Karabakh "
                "autonomous oblast and the districts around it. Azerbaijani: Qarabağ; "
                "Armenians call Nagorno-Karabakh Artsakh.",
                "geometry": karabakh.intersection(by_iso["AZE"]),
            },
            {
                "id": "caucasus",
                "name": "Caucasus",
                "aliases": ["Caucasus region"],
                "approximate": True,
                "note": "Approximate outline: Georgia, Armenia, Azerbaijan and "
                "Russia's North Caucasus, between the Black and Caspian seas.",
                "geometry": caucasus,
            },
        ]
    )
    return frame


def _reference_town(geonameid: int, city: dict[str, Any]) -> dict[str, Any]:
    slug, name, aliases, kind, note = REFERENCE_TOWNS[geonameid]
    return {
        "id": slug,
        "name": name,
        "aliases": list(aliases),
        "kind": kind,
        "note": note,
        "approximate": False,
        "geonameid": geonameid,
        "geometry": _point(city),
    }


def _nakhchivan_exclave(countries: gpd.GeoDataFrame, capital: Point) -> dict[str, Any]:
    """The part of Azerbaijan west of Armenia, cut off from the rest: the polygon that holds its capital."""
    azerbaijan = countries.set_index("iso_a3").geometry["AZE"]
    (exclave,) = [part for part in polygons_of(azerbaijan) if part.contains(capital)]
    return {
        "id": "nakhchivan",
        "name": "Nakhchivan",
        "aliases": ["Naxçıvan", "Nakhichevan", "Nakhchivan Autonomous Republic"],
        "kind": "exclave",
        "note": "Exclave of Azerbaijan between Armenia, Iran and Turkey, which the proposed "
        "corridor would join to the rest of Azerbaijan.",
        "approximate": False,
        "geometry": exclave,
    }


def _araz_border(countries: gpd.GeoDataFrame) -> dict[str, Any]:
    """The Araz where it is the border: Iran's border with Azerbaijan and Armenia along the river."""
    by_iso = countries.set_index("iso_a3").geometry
    border = by_iso["IRN"].boundary.intersection(by_iso["AZE"].union(by_iso["ARM"]).boundary)
    pieces = shapely.line_merge(border.intersection(ARAZ_BORDER))
    river = max(getattr(pieces, "geoms", [pieces]), key=lambda piece: piece.length)
    return {
        "id": "araz",
        "name": "Araz (Aras)",
        "aliases": ["Aras", "Araks", "Arax"],
        "kind": "river",
        "note": "The river that forms the border of Nakhchivan, Armenia and Azerbaijan with Iran, "
        "drawn along Natural Earth's border.",
        "approximate": False,
        "geometry": river,
    }


def _sea(sea_id: str, countries: gpd.GeoDataFrame) -> dict[str, Any]:
    name, point = SEAS[sea_id]
    if countries.geometry.contains(point).any():
        raise ValueError(f"the label point of the {name} is on land")
    return {
        "id": sea_id,
        "name": name,
        "aliases": [],
        "kind": "sea",
        "note": "Named for orientation; the map draws the sea as the space between the land.",
        "approximate": True,
        "geometry": point,
    }


def reference_layer(countries: gpd.GeoDataFrame, cities: dict[int, dict[str, Any]]) -> gpd.GeoDataFrame:
    """Places a reader needs to find the story's: capitals, Nakhchivan, the Araz, the seas."""
    towns = [_reference_town(geonameid, cities[geonameid]) for geonameid in REFERENCE_TOWNS]
    exclave = _nakhchivan_exclave(countries, _point(cities[NAKHCHIVAN]))
    seas = [_sea(sea_id, countries) for sea_id in SEAS]
    return _frame([exclave, *towns, _araz_border(countries), *seas])


def round_coordinates(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coordinates rounded to about a metre, valid after rounding."""
    rounded = frame.copy()
    rounded["geometry"] = shapely.set_precision(frame.geometry.values, 10**-COORDINATE_DECIMALS)
    return rounded


def topology_problems(topology: Any) -> list[str]:
    """Why ``topology`` is not the world-atlas countries file build-layers needs."""
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        return ["is not a TopoJSON Topology"]
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not {"countries", "land"} <= set(objects):
        return ["has no 'countries' and 'land' objects (use world-atlas' countries-10m.json)"]
    missing = sorted(set(COUNTRIES).difference(_ids(objects["countries"], drawn=False)))
    if missing:
        return [f"lacks the countries with ISO numeric ids {', '.join(missing)}"]
    return decoding_problems(topology, ["countries", "land"]) or _shape_problems(objects)


def _ids(collection: Any, *, drawn: bool) -> list[str]:
    """The ids of the geometries of ``collection``, only of those with a shape if ``drawn``."""
    geometries = collection.get("geometries") if isinstance(collection, dict) else None
    if not isinstance(geometries, list):
        return []
    return [
        g["id"]
        for g in geometries
        if isinstance(g, dict) and isinstance(g.get("id"), str) and (g.get("type") or not drawn)
    ]


def _shape_problems(objects: dict[str, Any]) -> list[str]:
    """Each of the 3+3 countries and the land must be drawn exactly once."""
    drawn = _ids(objects["countries"], drawn=True)
    problems = [
        f"draws {country.name} (id {iso_numeric}) {drawn.count(iso_numeric)} times; the layers need it once"
        for iso_numeric, country in COUNTRIES.items()
        if drawn.count(iso_numeric) != 1
    ]
    land_shapes = sum(1 for g in objects["land"]["geometries"] if g.get("type"))
    if land_shapes != 1:
        problems.append(f"has {land_shapes} 'land' shapes; the layers need one")
    return problems


def needed_towns() -> dict[int, str]:
    """Every GeoNames id the layers are built from, with the town and what it is for."""
    uses = [
        ({geonameid: name for geonameid, (_, name, _, _) in TOWNS.items()}, "the towns layer"),
        ({HORADIZ: "Horadiz", NAKHCHIVAN: "Nakhchivan", SHARUR: "Sharur"}, "the corridor"),
        (
            {SEDARAK: "Sedarak"} | {geonameid: name for name, geonameid in EXTENSION_TOWNS.items()},
            "the railway to Kars",
        ),
        (KARABAKH_TOWNS, "the outline of Karabakh"),
        (SYUNIK_TOWNS, "the outline of Syunik"),
        (LACHIN_ROAD, "the Lachin corridor"),
        ({geonameid: name for geonameid, (_, name, *_) in REFERENCE_TOWNS.items()}, "the reference layer"),
    ]
    needed: dict[int, str] = {}
    for towns, purpose in uses:
        for geonameid, name in towns.items():
            needed.setdefault(geonameid, f"{name}, for {purpose}")
    return needed


def geonames_problems(cities: dict[int, dict[str, Any]]) -> list[str]:
    """The towns ``needed_towns`` names that ``cities`` lacks, one problem each."""
    return [
        f"GeoNames id {geonameid} ({what}) is missing"
        for geonameid, what in needed_towns().items()
        if geonameid not in cities
    ]


def coarse_land_problems(topology: Any) -> list[str]:
    """Why ``topology`` is not the world-atlas land file build-layers needs."""
    if isinstance(topology, dict) and "land" not in (topology.get("objects") or {}):
        return ["has no 'land' object (use world-atlas' land-110m.json)"]
    return decoding_problems(topology, ["land"])


def build_frames(
    topology: dict[str, Any], cities: dict[int, dict[str, Any]], coarse_land: dict[str, Any]
) -> dict[str, gpd.GeoDataFrame]:
    """Every layer's places, by layer id, before rounding.

    ``coarse_land`` is world-atlas' land-110m.json, for land far from the story.
    """
    arcs = simplified_arcs(topology)
    countries = countries_layer(topology, arcs)
    return {
        "land": land_layer(topology, arcs, coarse_land),
        "countries": countries,
        "regions": regions_layer(countries, cities),
        "corridor": corridor_layer(countries, cities),
        "towns": towns_layer(cities),
        "reference": reference_layer(countries, cities),
    }
