"""Build-only: the regions and the road the reports name beyond the article (issue 16).

Syunik (Zangezur) and the Lachin corridor (a road, not a proposal: so not in
the proposed corridor's layer) join the regions layer, drawn approximately
from GeoNames towns and Natural Earth borders, as Karabakh is; Nakhchivan, the
autonomous republic, is already the reference layer's exclave. The towns they are drawn from are
facts in geo/region.py, which the provenance record is written from.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.region import LACHIN_ROAD, SYUNIK_BUFFER_M, SYUNIK_TOWNS

LONLAT = "EPSG:4326"
# metres around Syunik's towns: an equal-distance projection centred on the province
SYUNIK_METRIC = "+proj=aeqd +lat_0=39.2 +lon_0=46.3 +datum=WGS84 +units=m"


def _point(city: dict[str, Any]) -> Point:
    return Point(city["longitude"], city["latitude"])


def syunik(armenia: Any, cities: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Armenia's southern province, approximate; Zangezur is the historic region's name."""
    towns = gpd.GeoSeries([_point(cities[g]) for g in SYUNIK_TOWNS], crs=LONLAT).to_crs(SYUNIK_METRIC)
    hull = towns.union_all().convex_hull.buffer(SYUNIK_BUFFER_M, quad_segs=4)
    outline = gpd.GeoSeries([hull], crs=SYUNIK_METRIC).to_crs(LONLAT).iloc[0]
    return {
        "id": "syunik",
        "name": "Syunik",
        "aliases": ["Syunik province", "Siunik", "Zangezur"],
        "approximate": True,
        "note": "Approximate outline of Armenia's southernmost province, between Nakhchivan, Iran "
        "and Azerbaijan: drawn around Sisian, Goris, Tegh, Kapan, Kajaran, Meghri and Agarak. "
        "Zangezur is the name of the historic region, which also took in the districts of "
        "Azerbaijan east of it; Azerbaijan uses it for the province and the proposed corridor.",
        "geometry": outline.intersection(armenia),
    }


def lachin_corridor(azerbaijan: Any, cities: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """The road between Armenia and Karabakh through Lachin, approximate."""
    road = LineString([_point(cities[g]) for g in LACHIN_ROAD])
    return {
        "id": "lachin-corridor",
        "name": "Lachin corridor",
        "aliases": [],
        "approximate": True,
        "note": "Approximate: the road from Armenia's border at Kornidzor through Lachin to "
        "Khankendi (Stepanakert), Karabakh's link with Armenia under the 2020 ceasefire. In 2022 "
        "a new road bypassing the town of Lachin replaced it; in 2023 Azerbaijan set up a checkpoint on it.",
        "geometry": road.intersection(azerbaijan),
    }
