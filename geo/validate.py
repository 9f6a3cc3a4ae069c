"""Checks on parsed inputs. Each returns every problem it finds as text."""

from __future__ import annotations

import re
from typing import Any

import shapely
from shapely.geometry import shape

from geo.layers import PROVENANCE_KEYS

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
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


def _geometry_problems(geometry: Any) -> list[str]:
    if not isinstance(geometry, dict):
        return ["has no geometry"]
    if geometry.get("type") not in GEOMETRY_TYPES:
        return [f"has unsupported geometry type {geometry.get('type')!r}"]
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as error:
        return [f"has malformed coordinates ({error})"]
    if geom.is_empty:
        return ["has an empty geometry"]
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return [f"has coordinates outside longitude/latitude range (bounds {geom.bounds})"]
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
    problems = [p for i, feature in enumerate(features) for p in _feature_problems(feature, i)]
    if not features:
        problems.append("has no features")
    return problems


def provenance_problems(provenance: Any) -> list[str]:
    """Why ``provenance`` does not say where a layer came from."""
    if not isinstance(provenance, dict):
        return ["is not a JSON object"]
    return [
        f"has no {key!r}"
        for key in PROVENANCE_KEYS
        if not isinstance(provenance.get(key), str) or not provenance[key].strip()
    ]
