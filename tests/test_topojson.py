import pytest
from shapely.geometry import MultiPolygon, Polygon

from geo.sources.topojson import decode_arcs, iter_objects, to_shape, topology_problems

# Two unit squares sharing the arc x=1, quantized with scale 1 and delta-encoded
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [10, 20]},
    "arcs": [
        [[1, 0], [0, 1]],  # shared edge (11,20) -> (11,21)
        [[1, 1], [-1, 0], [0, -1], [1, 0]],  # rest of the left square
        [[1, 0], [1, 0], [0, 1], [-1, 0]],  # rest of the right square
    ],
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "left"},
                {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "id": "right"},
                {"type": None, "id": "null"},
            ],
        }
    },
}


def test_arcs_are_delta_decoded_and_transformed():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0].tolist() == [[11, 20], [11, 21]]


def test_shared_arcs_rebuild_both_neighbours():
    shapes = {obj["id"]: shape for obj, shape in iter_objects(TOPOLOGY, "squares")}
    assert set(shapes) == {"left", "right"}, "null geometries are skipped"
    left, right = shapes["left"], shapes["right"]
    assert isinstance(left, Polygon)
    assert isinstance(right, MultiPolygon)
    assert left.equals(Polygon([(10, 20), (11, 20), (11, 21), (10, 21)]))
    assert right.equals(MultiPolygon([Polygon([(11, 20), (12, 20), (12, 21), (11, 21)])]))
    assert left.intersection(right).area == 0
    assert left.touches(right)


def test_rings_collapsed_by_quantization_are_dropped():
    topology = {"arcs": [[[0, 0], [1, 0], [-1, 0]]], "objects": {}}
    assert to_shape({"type": "Polygon", "arcs": [[0]]}, decode_arcs(topology)).is_empty


def test_unsupported_types_are_refused():
    with pytest.raises(ValueError, match="LineString"):
        to_shape({"type": "LineString", "arcs": [0]}, decode_arcs(TOPOLOGY))


def test_a_well_formed_topology_has_no_problems():
    assert topology_problems(TOPOLOGY, ["squares"]) == []


def with_changes(**changes) -> dict:
    """TOPOLOGY with some top-level members replaced (None removes one)."""
    topology = {**TOPOLOGY, **changes}
    return {key: value for key, value in topology.items() if value is not None}


def squares(*geometries) -> dict:
    return {"squares": {"type": "GeometryCollection", "geometries": list(geometries)}}


@pytest.mark.parametrize(
    ("topology", "problem"),
    [
        ([TOPOLOGY], "is not a TopoJSON Topology"),
        (with_changes(type="FeatureCollection"), "is not a TopoJSON Topology"),
        (with_changes(objects=[]), "has no 'objects'"),
        (with_changes(arcs=None), "has no 'arcs' list"),
        (
            with_changes(arcs=[[[1, 0]], [[1, "0"]], []]),
            "arc 1 is not a list of [x, y] number pairs (nor are 1 more)",
        ),
        (with_changes(arcs=[[[1, 0], [0]]]), "arc 0 is not a list of [x, y] number pairs"),
        (
            with_changes(transform={"scale": [1, 1]}),
            "has a 'transform' without a [x, y] 'scale' and 'translate'",
        ),
        (with_changes(objects={}), "has no 'squares' object with a list of geometries"),
        (
            with_changes(objects=squares({"type": "Polygon", "arcs": [[3]]})),
            "'squares' geometry 0 refers to arc 3, but there are 3 arcs",
        ),
        (
            with_changes(objects=squares({"type": "Polygon", "arcs": [[-4]]})),
            "refers to arc -4, but there are 3 arcs",
        ),
        (
            with_changes(objects=squares({"type": "Polygon", "arcs": [[0.5]]})),
            "has a ring that is not a list of arc indexes",
        ),
        (
            with_changes(objects=squares({"type": "Polygon", "arcs": []})),
            "has a polygon that is not a list of rings",
        ),
        (
            with_changes(objects=squares({"type": "MultiPolygon", "arcs": [[[0, 1]], 2]})),
            "has a polygon that is not a list of rings",
        ),
        (
            with_changes(objects=squares(None, {"type": "LineString", "arcs": [0]})),
            "geometry 0 is not an object",
        ),
    ],
)
def test_malformed_topologies_say_where(topology, problem):
    problems = topology_problems(topology, ["squares"])
    assert any(problem in found for found in problems), problems


def test_every_malformed_geometry_is_named():
    topology = with_changes(
        objects=squares(
            {"type": "Point"}, {"type": "Polygon", "arcs": [[0, 1]]}, {"type": "Polygon", "arcs": [[7]]}
        )
    )
    assert topology_problems(topology, ["squares"]) == [
        "'squares' geometry 0 has the unsupported type 'Point'",
        "'squares' geometry 2 refers to arc 7, but there are 3 arcs",
    ]
