"""Checks on parsed inputs. Each returns every problem it finds as text."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import shapely
from shapely.geometry import shape

from geo.geometry import GEOMETRY_TYPES
from geo.layers import PROVENANCE_KEYS

# how deep each geometry type nests its positions (one entry for each of GEOMETRY_TYPES)
NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
# the only crs members that mean WGS84 longitude/latitude (RFC 7946 drops crs altogether)
WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _feature_problems(feature: Any, position: int) -> list[str]:
    where = f"feature {position}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [f"{where} is not a GeoJSON Feature"]
    problems = []
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return [f"{where} has no properties"]
    place_id = properties.get("id")
    if not isinstance(place_id, str) or not SLUG.match(place_id):
        problems.append(f"{where} has id {place_id!r}; expected a slug such as 'shusha'")
    else:
        where = f"feature {place_id!r}"
    problems += [f"{where} {reason}" for reason in _property_problems(properties)]
    return problems + [f"{where} {reason}" for reason in _geometry_problems(feature.get("geometry"))]


def _is_name(value: Any) -> bool:
    # a name with spaces at its edges would never be found in the article
    return isinstance(value, str) and bool(value.strip()) and value == value.strip()


def _property_problems(properties: dict[str, Any]) -> list[str]:
    problems = []
    if not _is_name(properties.get("name")):
        problems.append(f"has name {properties.get('name')!r}; expected text without edge spaces")
    aliases = properties.get("aliases", [])
    if not isinstance(aliases, list) or not all(_is_name(alias) for alias in aliases):
        problems.append(f"has aliases {aliases!r}; expected a list of names")
    if not isinstance(properties.get("note", ""), str | None):
        problems.append(f"has note {properties['note']!r}; expected text")
    if not isinstance(properties.get("approximate", False), bool):
        problems.append(f"has approximate {properties['approximate']!r}; expected true or false")
    return problems


def _is_position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and all(isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n) for n in value)
    )


def _positions(coordinates: Any, depth: int) -> list[Any] | None:
    """Every position in nested ``coordinates`` of the given depth, or None if malformed."""
    if depth == 0:
        return [coordinates] if _is_position(coordinates) else None
    if not isinstance(coordinates, list):
        return None
    found = []
    for item in coordinates:
        positions = _positions(item, depth - 1)
        if positions is None:
            return None
        found += positions
    return found


def _rings(geometry: dict[str, Any]) -> list[list[Any]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _coordinate_problems(geometry: dict[str, Any]) -> list[str]:
    depth = NESTING[geometry["type"]]
    if _positions(geometry.get("coordinates"), depth) is None:
        return ["has malformed coordinates: expected finite [longitude, latitude] numbers"]
    for ring in _rings(geometry):
        if len(ring) < 4 or ring[0] != ring[-1]:
            return ["has an unclosed ring: a ring needs 4 or more positions and ends where it starts"]
    return []


def _geometry_problems(geometry: Any) -> list[str]:
    if not isinstance(geometry, dict):
        return ["has no geometry"]
    if geometry.get("type") not in GEOMETRY_TYPES:
        return [f"has unsupported geometry type {geometry.get('type')!r}"]
    problems = _coordinate_problems(geometry)
    if problems:
        return problems
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as error:
        return [f"has malformed coordinates ({error})"]
    if geom.is_empty:
        return ["has an empty geometry"]
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return [
            f"has coordinates outside longitude/latitude range (bounds {geom.bounds}); "
            "projected coordinates? GeoJSON is WGS84 longitude, latitude"
        ]
    if not geom.is_valid:
        return [f"has an invalid geometry: {shapely.is_valid_reason(geom)}"]
    return []


def feature_collection_problems(data: Any) -> list[str]:
    """Why ``data`` is not a usable GeoJSON FeatureCollection of places."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return ["is not a GeoJSON FeatureCollection"]
    features = data.get("features")
    if not isinstance(features, list):
        return ["has no list of features"]
    problems = _crs_problems(data.get("crs"))
    problems += [p for i, feature in enumerate(features) for p in _feature_problems(feature, i)]
    problems += _duplicate_id_problems(features)
    if not features:
        problems.append("has no features")
    return problems


def _crs_problems(crs: Any) -> list[str]:
    if crs is None:
        return []
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if name in WGS84_CRS_NAMES:
        return []
    return [f"declares crs {name or crs!r}; GeoJSON layers must be WGS84 longitude, latitude"]


def _duplicate_id_problems(features: list[Any]) -> list[str]:
    counts = Counter(
        f["properties"].get("id")
        for f in features
        if isinstance(f, dict) and isinstance(f.get("properties"), dict)
    )
    repeated = sorted(i for i, count in counts.items() if isinstance(i, str) and count > 1)
    return [f"has more than one feature with id {place_id!r}" for place_id in repeated]


def provenance_problems(provenance: Any) -> list[str]:
    """Why ``provenance`` does not say where a layer came from."""
    if not isinstance(provenance, dict):
        return ["is not a JSON object"]
    return [
        f"has no {key!r}"
        for key in PROVENANCE_KEYS
        if not isinstance(provenance.get(key), str) or not provenance[key].strip()
    ]
