import json

import pytest

from geo import io
from geo.errors import GeoError, InputError, OutputError
from tests.inputs import point_layer, write_layer


def test_reads_the_article(article):
    assert article.source.endswith(".txt")
    assert "Shusha" in article.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "is empty"), (b" date 2021-06-15 \n  \n", "is empty"), (b"Shusha \xff\xfe", "not UTF-8")],
)
def test_unusable_article_names_file_and_reason(tmp_path, content, reason):
    (tmp_path / "article.txt").write_bytes(content)
    articles, (problem,) = io.read_reports(tmp_path)
    assert articles == []
    assert problem.path == tmp_path / "article.txt"
    assert reason in problem.reason


def test_missing_article_names_the_folder(tmp_path):
    articles, (problem,) = io.read_reports(tmp_path)
    assert (articles, problem.path, problem.reason) == ([], tmp_path, "no article (.txt file) found")


def test_a_broken_layer_costs_only_that_layer(tmp_path):
    write_layer(tmp_path, "good", point_layer())
    write_layer(tmp_path, "truncated", '{"type": "FeatureCollection", "features": [')
    layers, problems = io.read_layers(tmp_path)
    assert [layer.id for layer in layers] == ["good"]
    assert [problem.path.name for problem in problems] == ["truncated.geojson"]
    assert "not valid JSON" in problems[0].reason


def test_layer_without_provenance_is_refused(tmp_path):
    path = write_layer(tmp_path, "towns", point_layer())
    (tmp_path / "towns.provenance.json").unlink()
    layer, problems = io.read_layer(path)
    assert layer is None
    assert [(p.path.name, p.reason) for p in problems] == [
        ("towns.provenance.json", "is missing: every layer records its provenance")
    ]


def test_provenance_must_say_where_from(tmp_path):
    path = write_layer(tmp_path, "towns", point_layer())
    (tmp_path / "towns.provenance.json").write_text(json.dumps({"title": "Towns"}))
    layer, problems = io.read_layer(path)
    assert layer is None
    assert "has no 'licence'" in [p.reason for p in problems]


def test_every_problem_of_a_layer_is_reported(tmp_path):
    data = point_layer(name=" Shusha ")
    data["features"][0]["geometry"] = None
    path = write_layer(tmp_path, "towns", data)
    (tmp_path / "towns.provenance.json").unlink()
    _, problems = io.read_layer(path)
    assert [p.path.name for p in problems] == ["towns.geojson"] * 2 + ["towns.provenance.json"]


def test_empty_layer_folder_is_a_problem(tmp_path):
    layers, problems = io.read_layers(tmp_path)
    assert layers == []
    assert "no .geojson" in problems[0].reason


def test_written_layer_reads_back_the_same(tmp_path, story):
    towns = story.layer("towns")
    io.write_layer(tmp_path, towns)
    again, problems = io.read_layer(tmp_path / "towns.geojson")
    assert problems == []
    assert again.provenance == towns.provenance
    assert list(again.frame["id"]) == list(towns.frame["id"])
    assert again.frame.geometry.geom_equals(towns.frame.geometry).all()


def test_a_missing_article_folder_is_named_as_such(tmp_path):
    _, (problem,) = io.read_reports(tmp_path / "nonexistent")
    assert problem.path == tmp_path / "nonexistent"
    assert problem.reason == "the folder does not exist, so there is no article"


def test_a_missing_layers_folder_is_named_as_such(tmp_path):
    layers, problems = io.read_layers(tmp_path / "nonexistent")
    assert layers == []
    assert [(p.path, p.reason) for p in problems] == [
        (tmp_path / "nonexistent", "the folder does not exist, so there are no layers")
    ]


def test_a_file_given_as_a_folder_is_not_one(tmp_path):
    (tmp_path / "layers.geojson").write_text("{}")
    _, problems = io.read_layers(tmp_path / "layers.geojson")
    assert [p.reason for p in problems] == ["is not a folder, so there are no layers"]


def test_every_error_shares_one_base_and_keeps_its_builtin_one():
    problems = [InputError("a.json", "is empty"), OutputError("b.html", "cannot be written")]
    assert all(isinstance(problem, GeoError) for problem in problems)
    assert isinstance(problems[0], ValueError)
    assert isinstance(problems[1], OSError)
    assert [str(problem) for problem in problems] == ["a.json: is empty", "b.html: cannot be written"]
