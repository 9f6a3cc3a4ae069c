"""Simplify a TopoJSON topology arc by arc, so shared borders stay shared.

An arc is a stretch of border or coast between two junctions; neighbours use
the same arc, so simplifying each arc once keeps their borders identical. Each
stretch is simplified with Douglas-Peucker in kilometres on the ground (an
azimuthal equidistant projection centred on the stretch), which bounds how far
the result strays from the source: fine detail inside the focus, where the
story happens, coarse elsewhere. Positions are then rounded, finer inside.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString

from geo.region import Detail


def arc_indexes(geometry: dict[str, Any]) -> set[int]:
    """The arcs a TopoJSON Polygon or MultiPolygon object is made of."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return {arc if arc >= 0 else ~arc for polygon in polygons for ring in polygon for arc in ring}


def simplify_arcs(arcs: list[np.ndarray], wanted: Iterable[int], detail: Detail) -> list[np.ndarray]:
    """``arcs`` with each of the ``wanted`` ones simplified; the others as they are."""
    simplified = list(arcs)
    for index in wanted:
        simplified[index] = simplify_arc(arcs[index], detail)
    return simplified


def simplify_arc(points: np.ndarray, detail: Detail) -> np.ndarray:
    """One arc, simplified and rounded; its two ends never move but for rounding."""
    inside = shapely.contains_xy(detail.focus, points[:, 0], points[:, 1])
    kept = [points[:1]]
    for start, end in _stretches(inside, detail.stretch):
        tolerance = detail.fine_km if inside[start : end + 1].any() else detail.coarse_km
        kept.append(douglas_peucker_km(points[start : end + 1], tolerance)[1:])
    simplified = np.concatenate(kept)
    if _is_ring(points) and len(simplified) < 4:
        simplified = _triangle(points)
    return round_positions(simplified, detail)


def _stretches(inside: np.ndarray, length: int) -> Iterator[tuple[int, int]]:
    """Index ranges that are all inside or all outside, at most ``length`` long."""
    count = len(inside)
    cuts = {0, count - 1} | set(range(0, count, length))
    cuts |= {i for i in range(1, count) if inside[i] != inside[i - 1]}
    yield from pairwise(sorted(cuts))


def douglas_peucker_km(points: np.ndarray, tolerance_km: float) -> np.ndarray:
    """The points Douglas-Peucker keeps at ``tolerance_km`` on the ground."""
    if len(points) < 3:
        return points
    lon, lat = points.mean(axis=0)
    local = Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon}", always_xy=True)
    x, y = local.transform(points[:, 0], points[:, 1])
    kept = shapely.simplify(LineString(np.column_stack([x, y])), tolerance_km * 1000, preserve_topology=False)
    kept_x = np.asarray(kept.coords)[:, 0]
    return points[np.isin(x, kept_x)]


def _is_ring(points: np.ndarray) -> bool:
    return len(points) >= 4 and bool((points[0] == points[-1]).all())


def _triangle(ring: np.ndarray) -> np.ndarray:
    """The smallest ring that keeps an islet: its start and two far points."""
    start = ring[0]
    far = ring[np.argmax(((ring - start) ** 2).sum(axis=1))]
    along, offset = far - start, ring - start
    side = np.abs(along[0] * offset[:, 1] - along[1] * offset[:, 0])
    third = ring[np.argmax(side)]
    return np.array([start, far, third, start])


def round_positions(points: np.ndarray, detail: Detail) -> np.ndarray:
    """Positions rounded to the decimals of where they lie: the same everywhere."""
    inside = shapely.contains_xy(detail.focus, points[:, 0], points[:, 1])
    scale = np.where(inside, 10.0**detail.fine_decimals, 10.0**detail.coarse_decimals)[:, None]
    return np.round(points * scale) / scale
