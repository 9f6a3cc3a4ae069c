"""Inputs that tests write for themselves: tiny layers, their provenance, many generated places.

Not a test module and not a fixture file: tests import these helpers by name.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, box

from geo import io
from geo.article import Article
from geo.io import PROJECT
from geo.layers import PROVENANCE_KEYS, Layer
from geo.story import Story, build_story

# what would make a browser fetch from elsewhere: scripts, stylesheets, CSS urls
OUTSIDE_URL = re.compile(
    r"""<script[^>]*\ssrc=["']?(?:https?:)?//|<link[^>]*\shref=["']?(?:https?:)?//|url\(["']?(?:https?:)?//""",
    re.IGNORECASE,
)
ARTICLE_SHA256 = "b670fe6db6a265e978d0536c585a8aaedeb932fcf782d58c35b974e231d73943"


def point_layer(name: str = "Shusha", place_id: str = "shusha", **properties) -> dict:
    """A one-feature layer, for tests that write their own layer files."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [46.75, 39.76]},
        "properties": {"id": place_id, "name": name, "aliases": [], **properties},
    }
    return {"type": "FeatureCollection", "features": [feature]}


def provenance() -> dict:
    return {key: f"test {key}" for key in PROVENANCE_KEYS}


def write_layer(layers_dir: Path, layer_id: str, data: dict | str) -> Path:
    """Write a layer file (JSON or raw text) and a valid provenance record."""
    layers_dir.mkdir(parents=True, exist_ok=True)
    path = layers_dir / f"{layer_id}.geojson"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    (layers_dir / f"{layer_id}.provenance.json").write_text(json.dumps(provenance()), encoding="utf-8")
    return path


def story_of(article: Article, places: dict[str, tuple[str, ...]]) -> Story:
    """A story of ``article`` and one layer of ``places`` (id: its names), its quotes found as the app
    finds them; a place whose id names a railway is a line, the others points."""
    rows = [
        {
            "id": place_id,
            "name": names[0],
            "aliases": list(names[1:]),
            "note": "",
            "approximate": False,
            "geometry": LineString([(45, 39), (46, 40)]) if "railway" in place_id else Point(46.75, 39.76),
        }
        for place_id, names in places.items()
    ]
    layer = Layer("towns", gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326"), provenance())
    return build_story([article], [layer], [])


# One small place of every geometry type geo.validate accepts, in Armenia and Azerbaijan (as shapely
# keeps one geometry of each type for its tests): every operation on places runs over all of them
EVERY_GEOMETRY = {
    "Point": Point(44.51, 40.18),
    "MultiPoint": MultiPoint([(45.0, 40.0), (45.5, 40.2)]),
    "LineString": LineString([(44.8, 40.9), (46.2, 40.6)]),
    "MultiLineString": MultiLineString([[(44.6, 39.6), (45.0, 39.8)], [(46.4, 40.2), (46.9, 40.4)]]),
    "Polygon": box(47.0, 40.3, 47.6, 40.7),
    "MultiPolygon": MultiPolygon([box(44.9, 40.5, 45.1, 40.7), box(48.0, 40.0, 48.4, 40.4)]),
}
EVERY_GEOMETRY_LAYER = "shapes"


def shape_id(geometry_type: str) -> str:
    """The id of the ``EVERY_GEOMETRY`` place of that type: "multi-line-string" for a MultiLineString."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", geometry_type).lower()


def every_geometry_layer() -> dict:
    """``EVERY_GEOMETRY`` as a layer file's FeatureCollection, one place each, named by its type."""
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(shapely.to_geojson(geometry)),
            "properties": {"id": shape_id(kind), "name": f"A {kind}", "aliases": []},
        }
        for kind, geometry in EVERY_GEOMETRY.items()
    ]
    return {"type": "FeatureCollection", "features": features}


def many_points(count: int, seed: int = 1) -> dict:
    """A layer of ``count`` generated places scattered over the South Caucasus."""
    chance = random.Random(seed)
    features = []
    for number in range(1, count + 1):
        feature = point_layer(name=f"Place {number}", place_id=f"p-{number:04d}")["features"][0]
        lon, lat = chance.uniform(40, 50), chance.uniform(38, 44)
        feature["geometry"]["coordinates"] = [round(lon, 4), round(lat, 4)]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


# short reports written for the many-reports tests, beside the shipped seed
REPORTS = PROJECT / "tests" / "reports"
SEED = "000_e2059bc9e9e59328.txt"


def reports_folder(folder: Path) -> Path:
    """The shipped seed and the test reports of tests/reports, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(io.SEEDS_DIR / SEED, folder)
    for report in REPORTS.glob("*.txt"):
        shutil.copy(report, folder)
    return folder
