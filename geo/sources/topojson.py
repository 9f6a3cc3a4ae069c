"""Decode TopoJSON geometry objects into shapely geometries.

Only what the Natural Earth TopoJSON from ``world-atlas`` uses: quantized,
delta-encoded arcs and Polygon / MultiPolygon objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

SHAPE_TYPES = ("Polygon", "MultiPolygon")


def _is_pair(value: Any) -> bool:
    # bool is an int to Python but not a number to JSON
    return type(value) is list and len(value) == 2 and all(type(v) in (int, float) for v in value)


def _is_arc(arc: Any) -> bool:
    """Whether ``arc`` is a non-empty list of finite [x, y] number pairs."""
    if type(arc) is not list or not arc:
        return False
    try:
        points = np.array(arc)
    except ValueError:  # ragged: pairs of different lengths
        return False
    return points.dtype.kind in "if" and points.shape[1:] == (2,) and bool(np.isfinite(points).all())


def _arcs_problems(topology: dict[str, Any]) -> list[str]:
    arcs = topology.get("arcs")
    if type(arcs) is not list:
        return ["has no 'arcs' list"]
    bad = [i for i, arc in enumerate(arcs) if not _is_arc(arc)]
    if bad:
        more = f" (nor are {len(bad) - 1} more)" if len(bad) > 1 else ""
        return [f"arc {bad[0]} is not a list of [x, y] number pairs{more}"]
    transform = topology.get("transform")
    if transform is not None and not (
        type(transform) is dict and all(_is_pair(transform.get(key)) for key in ("scale", "translate"))
    ):
        return ["has a 'transform' without a [x, y] 'scale' and 'translate'"]
    return []


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    """The polygons (lists of rings) of a Polygon or MultiPolygon object, unchecked."""
    parts = geometry.get("arcs")
    if type(parts) is not list:
        return [None]
    return [parts] if geometry["type"] == "Polygon" else parts


def _ring_problem(ring: Any, arc_count: int) -> str | None:
    if type(ring) is not list or not ring or not all(type(i) is int for i in ring):
        return "has a ring that is not a list of arc indexes"
    outside = [i for i in ring if not -arc_count <= i < arc_count]
    return f"refers to arc {outside[0]}, but there are {arc_count} arcs" if outside else None


def _geometry_problem(geometry: Any, arc_count: int) -> str | None:
    """Why one geometry object cannot be decoded with ``arc_count`` arcs, or None."""
    if type(geometry) is not dict:
        return "is not an object"
    kind = geometry.get("type")
    if kind is None:
        return None
    if kind not in SHAPE_TYPES:
        return f"has the unsupported type {kind!r}"
    for polygon in _polygons(geometry):
        if type(polygon) is not list or not polygon:
            return "has a polygon that is not a list of rings"
        problem = next(filter(None, (_ring_problem(ring, arc_count) for ring in polygon)), None)
        if problem:
            return problem
    return None


def _object_problems(topology: dict[str, Any], name: str, arc_count: int) -> list[str]:
    collection = topology["objects"].get(name)
    geometries = collection.get("geometries") if type(collection) is dict else None
    if type(geometries) is not list:
        return [f"has no {name!r} object with a list of geometries"]
    problems = []
    for number, geometry in enumerate(geometries):
        problem = _geometry_problem(geometry, arc_count)
        if problem:
            problems.append(f"{name!r} geometry {number} {problem}")
    return problems


def topology_problems(topology: Any, names: Iterable[str]) -> list[str]:
    """Why ``topology`` cannot be decoded by this module, looking at the objects ``names``.

    Checked before decoding so that a malformed file is reported as such, with
    where it is malformed, rather than failing somewhere in the arithmetic.
    """
    if type(topology) is not dict or topology.get("type") != "Topology":
        return ["is not a TopoJSON Topology"]
    if type(topology.get("objects")) is not dict:
        return ["has no 'objects'"]
    problems = _arcs_problems(topology)
    if problems:
        return problems
    for name in names:
        problems += _object_problems(topology, name, len(topology["arcs"]))
    return problems


def decode_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """Absolute lon/lat coordinates of every arc in ``topology``."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=float)
        if transform:
            points = np.cumsum(points, axis=0)
            points = points * transform["scale"] + transform["translate"]
        arcs.append(points)
    return arcs


def _ring(arc_indexes: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for position, index in enumerate(arc_indexes):
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # consecutive arcs share their joining point; keep it once
        parts.append(points if position == 0 else points[1:])
    return np.concatenate(parts)


def _polygon(rings: list[list[int]], arcs: list[np.ndarray]) -> Polygon:
    # quantization collapses the tiniest islets and lakes to fewer than four
    # points; they are below the source's resolution, so they are dropped
    shell, *holes = (_ring(ring, arcs) for ring in rings)
    if len(shell) < 4:
        return Polygon()
    return Polygon(shell, [hole for hole in holes if len(hole) >= 4])


def to_shape(geometry: dict[str, Any], arcs: list[np.ndarray]) -> BaseGeometry:
    """The shapely geometry of one TopoJSON geometry object."""
    kind = geometry["type"]
    if kind == "Polygon":
        return _polygon(geometry["arcs"], arcs)
    if kind == "MultiPolygon":
        polygons = (_polygon(rings, arcs) for rings in geometry["arcs"])
        return MultiPolygon([polygon for polygon in polygons if not polygon.is_empty])
    raise ValueError(f"unsupported TopoJSON geometry type {kind!r}")


def iter_objects(
    topology: dict[str, Any], name: str, arcs: list[np.ndarray] | None = None
) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    """Yield ``(object, shape)`` for each geometry of the collection ``name``.

    ``arcs`` stands in for the topology's own decoded arcs, simplified ones say.
    """
    arcs = decode_arcs(topology) if arcs is None else arcs
    for geometry in topology["objects"][name]["geometries"]:
        if geometry.get("type"):
            yield geometry, to_shape(geometry, arcs)
