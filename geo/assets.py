"""Leaflet and Leaflet.markercluster from the installed ``xstatic`` packages, and our own map code.

The map must work with no internet, so nothing is loaded from a CDN: the app
serves Leaflet and its plugin itself and the standalone HTML export inlines
them. Our own code (``OWN``) is never served as a file: it travels inside
the map, in the app (streamlit_map.prepare) and the export alike.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import rcssmin
import rjsmin
import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster

from geo.escape import inline_script


@dataclass(frozen=True)
class Package:
    """The browser files of one installed package, and where they are served."""

    folder: str  # under the static folder
    source: Path
    version: str
    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    images: str | None = None  # a folder of PNGs the stylesheet refers to
    # our own files are written for people to read: the browser gets them minified
    minified: bool = False

    def content(self, path: Path) -> bytes:
        """The bytes of one of the package's files as the browser gets them."""
        if self.minified and path.suffix == ".js":
            return rjsmin.jsmin(path.read_text(encoding="utf-8")).encode("utf-8")
        if self.minified and path.suffix == ".css":
            return rcssmin.cssmin(path.read_text(encoding="utf-8")).encode("utf-8")
        return path.read_bytes()

    def files(self) -> list[Path]:
        names = [*self.scripts, *self.styles]
        images = sorted((self.source / self.images).glob("*.png")) if self.images else []
        return [self.source / name for name in names] + images

    def urls(self, static_url: str) -> tuple[list[str], list[str]]:
        """The script and stylesheet URLs under ``static_url``."""
        base = f"{static_url}/{self.folder}"
        return [f"{base}/{name}" for name in self.scripts], [f"{base}/{name}" for name in self.styles]


LEAFLET = Package(
    "leaflet",
    Path(xstatic_leaflet.BASE_DIR),
    xstatic_leaflet.VERSION,
    ("leaflet.js",),
    ("leaflet.css",),
    images="images",
)
MARKERCLUSTER = Package(
    "markercluster",
    Path(xstatic_markercluster.BASE_DIR),
    xstatic_markercluster.VERSION,
    ("leaflet.markercluster.js",),
    ("MarkerCluster.css", "MarkerCluster.Default.css"),
)
# where Streamlit serves the project's static/ folder (server.enableStaticServing), as a URL relative
# to the st_folium component's iframe, so that it holds under server.baseUrlPath too
STATIC_URL = "../../app/static"
# what the story map adds to Leaflet (geo/static), run after Leaflet
OUR_STATIC = Path(__file__).resolve().parent / "static"
STORYMAP = Package("storymap", OUR_STATIC, "1", ("storymap.js",), ("storymap.css",), minified=True)
# the names on the map (geo/static/labels.js), run after Leaflet
LABELS = Package("labels", OUR_STATIC, "1", ("labels.js",), ("labels.css",), minified=True)
# the files the app serves (publish), and our own code, which travels inside the map
SERVED = (LEAFLET, MARKERCLUSTER)
OWN = (STORYMAP, LABELS)
PACKAGES = (*SERVED, *OWN)
# what only the offline page adds (geo/offline.py): inlined there, never served
OFFLINE = Package("offline", OUR_STATIC, "1", (), ("offline.css",), minified=True)


def publish(static_dir: Path) -> Path:
    """Copy the served packages' files under ``static_dir``; returns that folder.

    A file is rewritten only when it differs, through a temporary file and an
    atomic rename, so a server starting next to a running one never serves a
    half-written ``leaflet.js``.
    """
    for package in SERVED:
        for source in package.files():
            destination = Path(static_dir) / package.folder / source.relative_to(package.source)
            content = package.content(source)
            if destination.exists() and destination.read_bytes() == content:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
            partial.write_bytes(content)
            os.replace(partial, destination)
    return Path(static_dir)


def _data_uri(folder: Path, match: re.Match[str]) -> str:
    encoded = base64.b64encode((folder / match.group(1)).read_bytes()).decode("ascii")
    return f"url(data:image/png;base64,{encoded})"


def inline_css(packages: Sequence[Package] = PACKAGES) -> str:
    """The stylesheets of ``packages``, with their images embedded as data URIs."""
    parts = []
    for package in packages:
        embed = partial(_data_uri, package.source)
        for name in package.styles:
            css = package.content(package.source / name).decode("utf-8")
            parts.append(re.sub(r"url\((images/[\w.-]+\.png)\)", embed, css))
    return "\n".join(parts)


def inline_js(packages: Sequence[Package] = PACKAGES) -> str:
    """The scripts of ``packages``, safe to place inside one ``<script>`` element."""
    scripts = [p.content(p.source / name).decode("utf-8") for p in packages for name in p.scripts]
    return inline_script(";\n".join(scripts))
