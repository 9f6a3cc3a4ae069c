"""geo.layers: the registry of layer titles, order and styles."""

import geopandas as gpd

from geo.layers import DEFAULT_STYLE, LAYER_ORDER, STYLES, Layer, sort_layers


def layer(layer_id, **provenance):
    return Layer(layer_id, gpd.GeoDataFrame(geometry=[]), provenance)


def test_known_layers_in_drawing_order_then_others_by_id():
    layers = [layer(i) for i in ("zeta", "towns", "alpha", "land", "countries")]
    assert [item.id for item in sort_layers(layers)] == ["land", "countries", "towns", "alpha", "zeta"]


def test_title_comes_from_provenance_with_the_id_as_fallback():
    assert layer("towns", title="Towns in the article").title == "Towns in the article"
    assert layer("extra").title == "extra"


def test_styles_for_known_and_unknown_layers():
    assert set(STYLES) == set(LAYER_ORDER)
    assert layer("towns").style is STYLES["towns"]
    assert layer("mine").style is DEFAULT_STYLE


def test_only_the_backdrop_is_context():
    assert [layer_id for layer_id in LAYER_ORDER if layer(layer_id).is_context] == ["land"]
