"""Decode TopoJSON geometry objects into shapely geometries.

Only what the Natural Earth TopoJSON from ``world-atlas`` uses: quantized,
delta-encoded arcs and Polygon / MultiPolygon objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


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
