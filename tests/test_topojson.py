import pytest
from shapely.geometry import MultiPolygon, Polygon

from geo.topojson import decode_arcs, iter_objects, to_shape

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
