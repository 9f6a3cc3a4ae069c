"""The naive baseline: ``GeoDataFrame.explore()`` of the same sources, handed to st_folium.

``streamlit run bench/naive_app.py [-- TOPOJSON]`` (default
``.sources/package/countries-10m.json``). What a user would do without our
pipeline: decode the six countries from Natural Earth's TopoJSON as they are
(no repair, no simplification), add the three towns at their GeoNames
positions, concatenate, ``explore()`` and ``st_folium``. The one concession
to fairness is the decoded data being cached, as Streamlit's documentation
recommends, so that the baseline pays for drawing, not for reading files.

Leaflet's script and stylesheet come from the same local URLs as our app's;
the other CDN assets that folium adds (jQuery, Bootstrap, Font Awesome,
awesome-markers) are dropped, since nothing on this map uses them. The
OpenStreetMap tile layer that ``explore()`` adds is kept, and its requests
fail offline (the benchmark's browser aborts every request off this machine).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # ``streamlit run bench/naive_app.py`` puts only bench/ on the path
    sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
import xstatic.pkg.leaflet as xstatic_leaflet  # noqa: E402
from shapely.geometry import Point  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from geo import io  # noqa: E402
from geo.region import COUNTRIES, TOWNS  # noqa: E402
from geo.sources.geonames import geonames_cities  # noqa: E402
from geo.sources.topojson import iter_objects  # noqa: E402

DEFAULT_TOPOJSON = ROOT / ".sources" / "package" / "countries-10m.json"
# The same URLs as our app's (app.py serves static/leaflet/ at these, relative
# to the component's iframe); Streamlit serves bench/static/ for this script
LEAFLET_URL = "../../app/static/leaflet"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")
STATIC_DIR = Path(__file__).resolve().parent / "static"


def topojson_path() -> Path:
    """The TopoJSON named after ``--``, or the default source."""
    return Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TOPOJSON


@st.cache_resource
def published_leaflet() -> Path:
    """Leaflet from the installed xstatic-leaflet, copied to bench/static/leaflet (once)."""
    target = STATIC_DIR / "leaflet"
    if not all((target / name).exists() for name in LEAFLET_FILES):
        shutil.copytree(xstatic_leaflet.BASE_DIR, target, dirs_exist_ok=True)
    return target


@st.cache_data
def places(path: str) -> gpd.GeoDataFrame:
    """The six countries as Natural Earth draws them, and the three towns."""
    topology = io.read_json(Path(path))
    countries = gpd.GeoDataFrame(
        [
            {"id": obj["id"], "name": COUNTRIES[obj["id"]].name, "geometry": shape}
            for obj, shape in iter_objects(topology, "countries")
            if obj.get("id") in COUNTRIES
        ],
        geometry="geometry",
        crs="EPSG:4326",
    )
    cities = geonames_cities()
    towns = gpd.GeoDataFrame(
        [
            {
                "id": slug,
                "name": name,
                "geometry": Point(cities[geonameid]["longitude"], cities[geonameid]["latitude"]),
            }
            for geonameid, (slug, name, _aliases, _note) in TOWNS.items()
        ],
        geometry="geometry",
        crs="EPSG:4326",
    )
    return gpd.GeoDataFrame(pd.concat([countries, towns], ignore_index=True), crs="EPSG:4326")


def main() -> None:
    st.set_page_config(page_title="Naive explore() baseline", layout="wide")
    st.title("Naive baseline: GeoDataFrame.explore()")
    published_leaflet()
    fmap = places(str(topojson_path())).explore()
    fmap.default_js = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]
    st_folium(fmap, returned_objects=["last_active_drawing"])


main()
