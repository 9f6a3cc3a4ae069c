"""Every place of every layer as one RFC 7946 FeatureCollection."""

from __future__ import annotations

from typing import Any

from shapely.geometry import mapping
from shapely.geometry.polygon import orient

from geo import io
from geo.geometry import AREAS, polygons_of
from geo.measures import size_of
from geo.story import Place, ReportView


def _rfc7946_geometry(place: Place) -> dict[str, Any]:
    # RFC 7946 wants exterior rings counter-clockwise and holes clockwise
    if place.geometry.geom_type in AREAS:
        oriented = [orient(polygon, sign=1.0) for polygon in polygons_of(place.geometry)]
        geometry = oriented[0] if len(oriented) == 1 else type(place.geometry)(oriented)
        return mapping(geometry)
    return mapping(place.geometry)


def _size(place: Place) -> dict[str, float]:
    """``length_km`` for a line, ``area_km2`` for a polygon, to 0.1."""
    size = size_of(place)
    if size.length_km is not None:
        return {"length_km": round(size.length_km, 1)}
    if size.area_km2 is not None:
        return {"area_km2": round(size.area_km2, 1)}
    return {}


def place_feature(place: Place, layer_title: str) -> dict[str, Any]:
    """One place as a GeoJSON Feature with its names, layer, size and quotes."""
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": _rfc7946_geometry(place),
        "properties": {
            **place.extra,
            "id": place.id,
            "name": place.name,
            "aliases": list(place.aliases),
            "layer": place.layer,
            "layer_title": layer_title,
            "approximate": place.approximate,
            "note": place.note,
            **_size(place),
            "quotes": [
                {"text": q.text, "start": q.start, "end": q.end, "source": q.source, "date": q.date}
                for q in place.quotes
            ],
        },
    }


def feature_collection(view: ReportView) -> dict[str, Any]:
    """The places of a view as GeoJSON; quote offsets index the text of the report ``source``."""
    features = [place_feature(place, view.layer_title(place.layer)) for place in view.places.values()]
    return {"type": "FeatureCollection", "features": features}


def geojson_text(view: ReportView) -> str:
    """``feature_collection`` as the text of a .geojson file."""
    return io.json_text(feature_collection(view))
