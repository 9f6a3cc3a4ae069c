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

from geo import story_regions
from geo.geometry import polygons_of, repair
from geo.simplify import Detail, arc_indexes, simplify_arcs
from geo.topojson import decode_arcs, iter_objects
from geo.topojson import topology_problems as decoding_problems

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
# What a country's panel says of its outline, where Natural Earth draws a de
# facto line that readers may not expect (ISO 3166-1 numeric, as above)
DE_FACTO_NOTES = {
    "643": "Natural Earth draws Crimea with Russia (its de facto line).",
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

# Towns of Karabakh whose hull outlines the region (approximate), by GeoNames id
KARABAKH_TOWNS = {
    586268: "Kalbajar",
    584871: "Tartar",
    148619: "Aghdam",
    148106: "Fuzuli",
    148141: "Jabrayil",
    146901: "Zangilan",
    147305: "Qubadli",
    147625: "Lachin",
}
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
                "note": DE_FACTO_NOTES.get(obj["id"], ""),
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
                "aliases": [story_regions.ROUTE_2025_NAME],
                "approximate": True,
                "status": "proposed",
                "note": "Proposed and approximate: no such road or railway exists as "
                "drawn. Shown from Horadiz along the north bank of the Araz, "
                "through Armenia's Meghri section, to Nakhchivan. The name and the "
                "project are Azerbaijan's and Turkey's; Armenia rejects a corridor "
                "outside its control through its Syunik province. In August 2025 the "
                "US-brokered deal named the route through Armenia the "
                f"{story_regions.ROUTE_2025_NAME} (TRIPP).",
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


# The places a reader of the story needs for orientation: GeoNames id -> (slug, name, other names, kind, note)
REFERENCE_TOWNS = {
    587084: ("baku", "Baku", ["Bakı"], "capital", "Capital of Azerbaijan."),
    616052: ("yerevan", "Yerevan", ["Erevan", "Երևան"], "capital", "Capital of Armenia."),
    611717: ("tbilisi", "Tbilisi", ["Tiflis", "თბილისი"], "capital", "Capital of Georgia."),
    112931: ("tehran", "Tehran", ["Teheran", "تهران"], "capital", "Capital of Iran."),
    323786: ("ankara", "Ankara", [], "capital", "Capital of Turkey."),
    147429: (
        "nakhchivan-city",
        "Nakhchivan city",
        ["Nakhichevan city"],
        "capital",
        "Capital of the Nakhchivan exclave of Azerbaijan, the corridor's western end.",
    ),
    174823: ("meghri", "Meghri", ["Մեղրի"], "town", "Town in Armenia's Syunik province, on the Araz."),
    148003: ("horadiz", "Horadiz", [], "town", "Town in Azerbaijan on the Araz, the corridor's eastern end."),
}
# Label points in open water: Natural Earth's land as world-atlas ships it has no seas to name,
# so each is a point chosen by hand in open water (outside Natural Earth's land when chosen; the
# build checks it lies outside the six countries)
SEAS = {
    "caspian-sea": ("Caspian Sea", Point(50.6, 41.9)),
    "black-sea": ("Black Sea", Point(37.4, 42.9)),
}
# Where the Araz is the border with Iran: from the Turkish tripoint to where the border leaves the river
ARAZ_BORDER = box(44.7, 38.8, 48.0, 39.8)


def _reference_town(geonameid: int, city: dict[str, Any]) -> dict[str, Any]:
    slug, name, aliases, kind, note = REFERENCE_TOWNS[geonameid]
    return {
        "id": slug,
        "name": name,
        "aliases": aliases,
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
        f"draws {name} (id {iso_numeric}) {drawn.count(iso_numeric)} times; the layers need it once"
        for iso_numeric, (_, name, _) in COUNTRIES.items()
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
        ({geonameid: slug.title() for slug, geonameid in EXTENSION_TOWNS.items()}, "the railway to Kars"),
        (KARABAKH_TOWNS, "the outline of Karabakh"),
        (story_regions.SYUNIK_TOWNS, "the outline of Syunik"),
        (story_regions.LACHIN_ROAD, "the Lachin corridor"),
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
