"""Broken inputs, one per way a file can be wrong, and what validate must say.

Each case writes its broken file into a copy of the real inputs; ``reason`` is
the part of the message that names the problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.inputs import point_layer, write_layer


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # the file the message must name, relative to the inputs folder
    reason: str
    # writes the broken input into (seeds, layers), as a layer named ``name``
    write: Callable[[Path, Path, str], None]

    def path(self, root: Path, name: str = "bad") -> Path:
        return root / self.file.format(name=name)


def layer_text(text: str | bytes) -> Callable[[Path, Path, str], None]:
    def write(_seeds: Path, layers: Path, name: str) -> None:
        path = write_layer(layers, name, "")
        (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)

    return write


def layer_data(data: object) -> Callable[[Path, Path, str], None]:
    return layer_text(json.dumps(data))


def with_geometry(geometry: object, **properties) -> dict:
    data = point_layer(name="Bad place", place_id="bad-place", **properties)
    data["features"][0]["geometry"] = geometry
    return data


def article_bytes(content: bytes | None) -> Callable[[Path, Path, str], None]:
    def write(seeds: Path, _layers: Path, _name: str) -> None:
        for old in seeds.glob("*.txt"):
            old.unlink()
        if content is not None:
            (seeds / "article.txt").write_bytes(content)

    return write


def huge_layer(_seeds: Path, layers: Path, name: str) -> None:
    with write_layer(layers, name, "").open("wb") as file:
        file.truncate(21 * 10**6)


def no_provenance(_seeds: Path, layers: Path, name: str) -> None:
    write_layer(layers, name, point_layer(name="Bad place", place_id=f"{name}-place"))
    (layers / f"{name}.provenance.json").unlink()


def duplicate_across_layers(_seeds: Path, layers: Path, name: str) -> None:
    write_layer(layers, name, point_layer(name="Another Shusha", place_id="shusha"))


SQUARE = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
BOWTIE = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]

CASES = [
    Case("truncated-json", "layers/{name}.geojson", "is not valid JSON", layer_text('{"type": "Feature')),
    Case("empty-file", "layers/{name}.geojson", "is empty", layer_text("")),
    Case("not-utf8", "layers/{name}.geojson", "is not UTF-8 text", layer_text(b'{"name": "\xff"}')),
    Case("not-a-collection", "layers/{name}.geojson", "is not a GeoJSON FeatureCollection", layer_data([1])),
    Case("no-geometry", "layers/{name}.geojson", "has no geometry", layer_data(with_geometry(None))),
    Case(
        "unknown-type",
        "layers/{name}.geojson",
        "unsupported geometry type 'Circle'",
        layer_data(with_geometry({"type": "Circle", "coordinates": [0, 0], "radius": 3})),
    ),
    Case(
        "unclosed-ring",
        "layers/{name}.geojson",
        "has an unclosed ring",
        layer_data(with_geometry({"type": "Polygon", "coordinates": [SQUARE[:-1]]})),
    ),
    Case(
        "self-intersection",
        "layers/{name}.geojson",
        "invalid geometry: Self-intersection",
        layer_data(with_geometry({"type": "Polygon", "coordinates": [BOWTIE]})),
    ),
    Case(
        "out-of-range",
        "layers/{name}.geojson",
        "outside longitude/latitude range",
        layer_data(with_geometry({"type": "Point", "coordinates": [46.7, 139.7]})),
    ),
    Case(
        "not-numbers",
        "layers/{name}.geojson",
        "malformed coordinates",
        layer_data(with_geometry({"type": "Point", "coordinates": ["46.7", True]})),
    ),
    Case(
        "nan",
        "layers/{name}.geojson",
        "NaN is not a JSON number",
        layer_text(
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a", '
            '"name": "A"}, "geometry": {"type": "Point", "coordinates": [NaN, 1]}}]}'
        ),
    ),
    Case(
        "projected",
        "layers/{name}.geojson",
        "projected coordinates?",
        layer_data(with_geometry({"type": "Point", "coordinates": [4407000.5, 5001000.25]})),
    ),
    Case(
        "crs-member",
        "layers/{name}.geojson",
        "declares crs 'urn:ogc:def:crs:EPSG::32638'",
        layer_data(
            {**point_layer(), "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}}}
        ),
    ),
    Case(
        "duplicate-ids",
        "layers/{name}.geojson",
        "more than one feature with id 'twin'",
        layer_data(
            {
                "type": "FeatureCollection",
                "features": point_layer(place_id="twin")["features"] * 2,
            }
        ),
    ),
    Case(
        "duplicate-across-layers",
        "layers/{name}.geojson",
        "feature id 'shusha' is already used",
        duplicate_across_layers,
    ),
    Case(
        "no-provenance", "layers/{name}.provenance.json", "every layer records its provenance", no_provenance
    ),
    Case("oversized", "layers/{name}.geojson", "inputs are limited to 20 MB", huge_layer),
    Case("missing-article", "seeds", "no article", article_bytes(None)),
    Case("empty-article", "seeds/article.txt", "is empty", article_bytes(b" date 2021-06-15 \n")),
    Case("not-utf8-article", "seeds/article.txt", "is not UTF-8 text", article_bytes(b"Shusha \xe9t\xe9")),
]
