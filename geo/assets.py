"""Leaflet's files, taken from the installed ``xstatic-leaflet`` package.

The map must work with no internet, so nothing is loaded from a CDN: the app
serves these files itself and the standalone HTML export inlines them.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
LEAFLET_JS = "leaflet.js"
LEAFLET_CSS = "leaflet.css"
LEAFLET_VERSION = xstatic_leaflet.VERSION


def _served_files() -> list[Path]:
    """Leaflet's minified script, stylesheet and images: no sources or source maps."""
    files = [LEAFLET_DIR / LEAFLET_JS, LEAFLET_DIR / LEAFLET_CSS]
    return files + sorted((LEAFLET_DIR / "images").glob("*.png"))


def publish(static_dir: Path) -> Path:
    """Copy Leaflet (script, stylesheet, images) into ``static_dir/leaflet``.

    Returns the folder. A file is rewritten only when it differs, through a
    temporary file and an atomic rename, so a server starting next to a
    running one never serves a half-written ``leaflet.js``.
    """
    target = Path(static_dir) / "leaflet"
    for source in LEAFLET_DIR.rglob("*"):
        if (
            source.is_dir()
            or source.suffix == ".map"
            or source.name.startswith(("leaflet-src", "leaflet.esm"))
        ):
            continue
        destination = target / source.relative_to(LEAFLET_DIR)
        content = source.read_bytes()
        if destination.exists() and destination.read_bytes() == content:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
        partial.write_bytes(content)
        os.replace(partial, destination)
    return target


def _data_uri(match: re.Match[str]) -> str:
    image = LEAFLET_DIR / match.group(1)
    encoded = base64.b64encode(image.read_bytes()).decode("ascii")
    return f"url(data:image/png;base64,{encoded})"


def inline_css() -> str:
    """Leaflet's stylesheet with its images embedded as data URIs."""
    css = (LEAFLET_DIR / LEAFLET_CSS).read_text(encoding="utf-8")
    return re.sub(r"url\((images/[\w.-]+\.png)\)", _data_uri, css)


def inline_js() -> str:
    """Leaflet's script, safe to place inside a ``<script>`` element."""
    script = (LEAFLET_DIR / LEAFLET_JS).read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
