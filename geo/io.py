"""Reading and writing the project's inputs and outputs: articles, layers, JSON."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
from shapely.geometry import shape

from geo.article import Article, parse_article
from geo.corrections import CORRECTIONS_FILE, Correction, parse_corrections
from geo.errors import InputError, OutputError
from geo.gazetteer import Gazetteer, Town, parse_gazetteer
from geo.layers import Layer
from geo.reports import PARSED_REPORTS, report_problem
from geo.story import DEFAULT_TITLE, Story, build_story
from geo.validate import feature_collection_problems, provenance_problems

# the repository: its one definition, which the tests, harness/ and bench/ use too
PROJECT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT / "seeds"
LAYERS_DIR = PROJECT / "layers"
LAYER_SUFFIX = ".geojson"
# far above any real layer (the largest is 0.2 MB); stops a runaway file early
MAX_INPUT_BYTES = 20 * 10**6
PROVENANCE_SUFFIX = ".provenance.json"
# a news report is a few kilobytes; a larger file is something else
MAX_REPORT_BYTES = 2 * 10**6
# the committed gazetteer (not a map layer: the places no layer holds come from it)
GAZETTEER_FILE = PROJECT / "geo" / "data" / "gazetteer.tsv"
# the newsroom's small file beside the reports: ``title = "..."`` names the collection
COLLECTION_FILE = "collection.toml"
# the shipped seeds' title when they have no collection.toml; other folders get DEFAULT_TITLE
SHIPPED_TITLE = "The Shusha Declaration, on a map"


def _folder_problem(folder: Path, lost: str) -> InputError | None:
    """Why ``folder`` cannot be read as a folder of inputs, and the ``lost`` inputs; or None."""
    if Path(folder).is_dir():
        return None
    reason = "is not a folder" if Path(folder).exists() else "the folder does not exist"
    return InputError(folder, f"{reason}, so {lost}")


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                path, f"is {size / 1e6:.0f} MB; inputs are limited to {MAX_INPUT_BYTES // 10**6} MB"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(path, f"is not UTF-8 text (byte {error.start})") from error


def read_report(path: Path) -> Article:
    """One report file; raises InputError naming why it cannot be read as a report."""
    try:
        stat = path.stat()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from error
    return _cached_report(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=PARSED_REPORTS)
def _cached_report(path: Path, _mtime_ns: int, size: int) -> Article:
    """A report read once while its file is unchanged (same time and size)."""
    if size > MAX_REPORT_BYTES:
        raise InputError(
            path, f"is {size / 1e6:.1f} MB; a report is limited to {MAX_REPORT_BYTES // 10**6} MB"
        )
    article = parse_article(_read_text(path), source=path.name)
    problem = report_problem(article)
    if problem:
        raise InputError(path, problem)
    return article


def report_reads() -> int:
    """How many report files have been read from disk (not from the cache) so far."""
    return _cached_report.cache_info().misses


def read_reports(seeds_dir: Path) -> tuple[list[Article], list[InputError]]:
    """Every readable report (``*.txt``) in ``seeds_dir``, and why each other one is not."""
    problem = _folder_problem(seeds_dir, "there is no article")
    if problem:
        return [], [problem]
    paths = sorted(Path(seeds_dir).glob("*.txt"))
    if not paths:
        return [], [InputError(seeds_dir, "no article (.txt file) found")]
    articles, problems = [], []
    for path in paths:
        try:
            articles.append(read_report(path))
        except InputError as problem:
            problems.append(problem)
    return articles, problems


def read_collection_title(seeds_dir: Path) -> str:
    """The title ``collection.toml`` beside the reports gives; a default when it is absent.

    Raises InputError naming the file when it cannot be read or gives no usable title.
    """
    path = Path(seeds_dir) / COLLECTION_FILE
    if not path.is_file():
        return SHIPPED_TITLE if Path(seeds_dir).resolve() == SEEDS_DIR else DEFAULT_TITLE
    try:
        title = tomllib.loads(_read_text(path)).get("title")
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"is not valid TOML ({error})") from error
    if not isinstance(title, str) or not title.strip():
        raise InputError(path, 'needs a line title = "…" with the collection\'s title')
    return " ".join(title.split())


def load_story(
    seeds_dir: Path = SEEDS_DIR, layers_dir: Path = LAYERS_DIR, gazetteer_file: Path | None = GAZETTEER_FILE
) -> Story:
    """Read the reports, the layers, the gazetteer and the editor's corrections, keeping whatever is good."""
    articles, problems = read_reports(seeds_dir)
    corrections, correction_problems = read_corrections(Path(seeds_dir) / CORRECTIONS_FILE)
    problems += correction_problems
    try:
        title = read_collection_title(seeds_dir)
    except InputError as problem:
        problems.append(problem)
        title = DEFAULT_TITLE
    layers, layer_problems = read_layers(layers_dir)
    gazetteer = None
    if gazetteer_file is not None:
        try:
            gazetteer = load_gazetteer(gazetteer_file)
        except InputError as problem:
            problems.append(problem)
    return build_story(
        articles,
        layers,
        problems + layer_problems,
        gazetteer=gazetteer,
        title=title,
        corrections=corrections,
    )


def read_corrections(path: Path) -> tuple[tuple[Correction, ...], list[InputError]]:
    """The editor's corrections at ``path`` (none if there is no such file), and each bad entry."""
    if not path.exists():
        return (), []
    try:
        text = _read_text(path)
    except InputError as problem:
        return (), [problem]
    return parse_corrections(text, path)


def read_json(path: Path) -> Any:
    """Parsed JSON; raises InputError naming the file and the problem."""
    text = _read_text(path)
    if not text.strip():
        raise InputError(path, "is empty")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise InputError(path, f"is not valid JSON ({error.msg}, line {error.lineno})") from error
    except ValueError as error:
        raise InputError(path, f"is not valid JSON ({error})") from error
    except RecursionError as error:
        raise InputError(path, "is not valid JSON (nested too deeply)") from error


def _refuse_constant(name: str) -> None:
    # Python's json accepts NaN and Infinity, which JSON and GeoJSON do not
    raise ValueError(f"{name} is not a JSON number")


def _frame(data: dict[str, Any]) -> gpd.GeoDataFrame:
    rows = [
        {
            "aliases": [],
            "note": "",
            "approximate": False,
            **feature["properties"],
            "geometry": shape(feature["geometry"]),
        }
        for feature in data["features"]
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def read_checked(path: Path, check: Callable[[Any], list[str]]) -> tuple[Any, list[InputError]]:
    """The parsed JSON of ``path`` and one InputError per problem with it."""
    try:
        data = read_json(path)
    except InputError as problem:
        return None, [problem]
    return data, [InputError(path, reason) for reason in check(data)]


def read_layer(path: Path) -> tuple[Layer | None, list[InputError]]:
    """One layer and its provenance record, or None and every problem found."""
    data, problems = read_checked(path, feature_collection_problems)
    provenance_file = path.with_name(path.name.removesuffix(LAYER_SUFFIX) + PROVENANCE_SUFFIX)
    if provenance_file.exists():
        provenance, provenance_issues = read_checked(provenance_file, provenance_problems)
        problems += provenance_issues
    else:
        problems.append(InputError(provenance_file, "is missing: every layer records its provenance"))
    if problems:
        return None, problems
    layer_id = path.name.removesuffix(LAYER_SUFFIX)
    return Layer(id=layer_id, frame=_frame(data), provenance=provenance, path=path), []


def read_layers(layers_dir: Path) -> tuple[list[Layer], list[InputError]]:
    """Every good layer in ``layers_dir``, and every problem with the others."""
    problem = _folder_problem(layers_dir, "there are no layers")
    if problem:
        return [], [problem]
    layers, problems = [], []
    paths = sorted(Path(layers_dir).glob(f"*{LAYER_SUFFIX}"))
    if not paths:
        problems.append(InputError(layers_dir, f"holds no {LAYER_SUFFIX} layers"))
    for path in paths:
        layer, layer_problems = read_layer(path)
        layers += [layer] if layer else []
        problems += layer_problems
    return layers, problems


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text, creating the folder; raises OutputError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(path, f"cannot be written ({error.strerror or error})") from error


def json_text(data: Any) -> str:
    """``data`` as the JSON this project writes: UTF-8 text, indented, a trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON (``json_text``)."""
    write_text(path, json_text(data))


def write_layer(layers_dir: Path, layer: Layer) -> None:
    """Write a layer as GeoJSON beside its provenance record."""
    collection = json.loads(layer.frame.to_json(drop_id=True))
    compact = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    write_text(Path(layers_dir) / f"{layer.id}{LAYER_SUFFIX}", compact + "\n")
    write_json(Path(layers_dir) / f"{layer.id}{PROVENANCE_SUFFIX}", layer.provenance)


def gazetteer_provenance_path(path: Path) -> Path:
    """Where the provenance record of the gazetteer at ``path`` lives."""
    return path.with_name(path.stem + PROVENANCE_SUFFIX)


def load_gazetteer(path: Path = GAZETTEER_FILE) -> Gazetteer:
    """The gazetteer and its provenance record, read once while the table is unchanged."""
    try:
        stat = path.stat()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from error
    return _cached_gazetteer(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _cached_gazetteer(path: Path, _mtime_ns: int, _size: int) -> Gazetteer:
    record_path = gazetteer_provenance_path(path)
    record = read_json(record_path)
    if not isinstance(record, dict):
        raise InputError(record_path, "is not a JSON object")
    return Gazetteer(read_gazetteer(path), MappingProxyType(record))


def read_gazetteer(path: Path = GAZETTEER_FILE) -> tuple[Town, ...]:
    """The committed gazetteer; raises InputError naming what is wrong with it."""
    try:
        return parse_gazetteer(_read_text(path))
    except ValueError as error:
        if isinstance(error, InputError):
            raise
        raise InputError(path, f"is not a gazetteer table ({error})") from error
