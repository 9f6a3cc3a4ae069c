"""Leaflet's files, taken from the installed ``xstatic-leaflet`` package.

The map must work with no internet, so nothing is loaded from a CDN: the app
serves these files itself and the standalone HTML export inlines them.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
LEAFLET_JS = "leaflet.js"
LEAFLET_CSS = "leaflet.css"
LEAFLET_VERSION = xstatic_leaflet.VERSION


def publish(static_dir: Path) -> Path:
    """Copy Leaflet (script, stylesheet, images) into ``static_dir/leaflet``.

    Returns the folder. The files are copied every time (about 150 KB), so a
    partial copy or one from another Leaflet version never lingers.
    """
    target = Path(static_dir) / "leaflet"
    shutil.copytree(
        LEAFLET_DIR,
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("*.map", "*esm*", "leaflet-src*"),
    )
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
