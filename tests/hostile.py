"""Hostile inputs: injection strings woven into an article and into layer files.

``CORPUS`` holds the attack shapes. Each is text that a reader must see
exactly as written; each that a careless page would treat as markup or code
calls ``alert(1)`` or the sentinel ``xss()`` that the browser tests install.

``write_inputs`` writes a seeds folder and a layers folder that pass
``python -m geo validate``: every place of every layer the article can name
gets a hostile name, alias and note, two layers get hostile titles, and the
article quotes every string beside a place name.
"""

from __future__ import annotations

import itertools
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo import io

CORPUS: tuple[str, ...] = (
    # script and event-handler tags
    "<script>xss()</script>",
    "<script src=data:text/javascript,xss()></script>",
    "<img src=x onerror=xss()>",
    "<img src=x onerror=alert(1)//",
    "<svg onload=xss()>",
    "<svg/onload=alert(1)>",
    "<body onload=xss()>",
    '<iframe src="javascript:xss()"></iframe>',
    '<iframe srcdoc="<script>parent.xss()</script>"></iframe>',
    "<details open ontoggle=xss()>",
    "<input autofocus onfocus=xss()>",
    "<video><source onerror=xss()></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=xss()>news</marquee>",
    '<div onmouseover="xss()" style="position:fixed;inset:0">hover</div>',
    '<a href="javascript:xss()">read more</a>',
    '<object data="javascript:xss()"></object>',
    '<embed src="javascript:alert(1)">',
    "<form><button formaction=javascript:xss()>go</button></form>",
    "<link rel=stylesheet href=x onerror=xss()>",
    "<select autofocus onfocus=xss()></select>",
    "<textarea autofocus onfocus=xss()></textarea>",
    # out of an attribute, a JS string or a JSON object
    '"><img src=x onerror=xss()>',
    "'><svg onload=xss()>",
    '" onmouseover="xss()',
    "' autofocus onfocus='xss()",
    '"});xss();({"',
    "';xss();//",
    "\\';xss();//",
    "\\x3cimg src=x onerror=xss()\\x3e",
    "\\u003csvg onload=xss()\\u003e",
    "</script><script>xss()</script>",
    # javascript: and data: URLs
    "javascript:xss()",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:xss()",
    "javascript&colon;xss()",
    "data:text/html,<script>xss()</script>",
    # template literals, backticks, backslashes, template engines
    "${xss()}",
    "`${alert(1)}`",
    "`;xss();`",
    "\\`;xss();\\`",
    "\\${xss()}",
    "{{constructor.constructor('xss()')()}}",
    "{% if 1 %}{{ xss() }}{% endif %}",
    '{{ "<img src=x onerr" ~ "or=xss()>" }}',
    # mutation XSS: markup a sanitiser or a re-parse would turn into code
    '<noscript><p title="</noscript><img src=x onerror=xss()>">',
    "<svg><style><img src=x onerror=xss()></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=xss()>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=xss()>",
    '<!--<img src="--><img src=x onerror=xss()>">',
    '<xmp><p title="</xmp><img src=x onerror=xss()>">',
    "<![CDATA[><img src=x onerror=xss()>]]>",
    # Markdown, LaTeX and Streamlit's own Markdown
    "[read more](javascript:xss())",
    '![map](x" onerror="xss())',
    "<javascript:xss()>",
    "$\\href{javascript:xss()}{x}$",
    "**bold** _italic_ # heading ~~struck~~ $x$",
    ":red[red] :material/warning: :streamlit: a -- b -> c",
    # entity- and URL-encoded handlers
    "&lt;img src=x onerror=xss()&gt;",
    "&#60;svg onload=xss()&#62;",
    "<img src=x onerror=&#x78;&#x73;&#x73;&#x28;&#x29;>",
    '<a href="&#106;avascript:xss()">x</a>',
    "%3Cscript%3Exss()%3C%2Fscript%3E",
)

# The article's file name: Markdown, LaTeX and what Streamlit rewrites in its
# Markdown (" -- " to a dash, ":streamlit:" to its logo, ":material_x:" to an icon)
# the second report: a later date, a file name of its own that a page might run
SECOND_REPORT_NAME = "b_<img src=x onerror=xss()>_{{7*7}}_$y$ [e](javascript:xss()).txt"
SECOND_DATE_HEADER = " date 2022-02-02 "
# the collection's title in the editor's collection.toml, hostile too
COLLECTION_TITLE = "<script>xss()</script> $x$ **b** :material/home: [e](javascript:xss()) {{7*7}}"
ARTICLE_NAME = "a_$x$_*b*_#c [d](javascript:xss()) &lt;i&gt; -- :material_home: :streamlit:.txt"
LAYER_TITLES = {
    "towns": "<img src=x onerror=xss()>Towns `${alert(1)}`",
    "regions": "Regions</script><script>xss()</script> & co",
}
# Layers the article names places of; land is a backdrop with no names
NAMED_LAYERS = ("countries", "regions", "corridor", "towns")
DATE_HEADER = " date 2021-06-15 "


@dataclass(frozen=True)
class Town:
    id: str
    real_name: str
    lon: float
    lat: float


# Far enough apart that no marker covers another at the app's zoom (GeoNames positions)
TOWNS = (
    Town("shusha", "Shusha", 46.74989, 39.76006),
    Town("fizuli", "Fizuli", 47.14529, 39.60094),
    Town("kars", "Kars", 43.09495, 40.60199),
    Town("baku", "Baku", 49.89201, 40.37767),
    Town("tbilisi", "Tbilisi", 44.83368, 41.69411),
    Town("yerevan", "Yerevan", 44.50349, 40.17720),
    Town("nakhchivan", "Nakhchivan", 45.41222, 39.20889),
    Town("ganja", "Ganja", 46.36056, 40.68278),
    Town("tabriz", "Tabriz", 46.29190, 38.08000),
    Town("batumi", "Batumi", 41.63392, 41.64228),
)


@dataclass(frozen=True)
class HostilePlace:
    """What the hostile layers say of one place, and its real name (an alias)."""

    id: str
    layer: str
    real_name: str
    name: str
    aliases: tuple[str, ...]
    note: str


def _town_features() -> list[dict[str, Any]]:
    return [
        {
            "type": "Feature",
            "properties": {"id": town.id, "name": town.real_name, "approximate": False},
            "geometry": {"type": "Point", "coordinates": [town.lon, town.lat]},
        }
        for town in TOWNS
    ]


def _real_features(layers_dir: Path, layer_id: str) -> list[dict[str, Any]]:
    if layer_id == "towns":
        return _town_features()
    path = layers_dir / f"{layer_id}{io.LAYER_SUFFIX}"
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def hostile_places() -> list[HostilePlace]:
    """Every named place, with the corpus dealt out as names, aliases and notes.

    The real name stays as an alias, so that the article can name the place
    in plain words too; names are all different, so each tooltip is known.
    """
    strings = itertools.cycle(CORPUS)
    places = []
    for layer_id in NAMED_LAYERS:
        for feature in _real_features(io.LAYERS_DIR, layer_id):
            name = next(strings)
            # more places than the corpus has strings for in threes: the corpus wraps, names stay unique
            while name in {place.name for place in places}:
                name = next(strings)
            alias, note = next(strings), next(strings)
            real = feature["properties"]["name"]
            place_id = feature["properties"]["id"]
            places.append(HostilePlace(place_id, layer_id, real, name, (real, alias), note))
    names = [place.name for place in places]
    assert len(set(names)) == len(names), "two places would share a hostile name"
    return places


def article_text(places: list[HostilePlace]) -> str:
    """The hostile article: every corpus string next to a place name, every place named.

    One sentence per line, each ending with a full stop, so that each is one
    quote of the places it names.
    """
    lines = [f"In {places[n % len(places)].real_name} {text} was said." for n, text in enumerate(CORPUS)]
    lines += [f"Delegates went to {place.name} and to {place.aliases[-1]} that day." for place in places]
    lines.append("In Shusha “<b>quoted</b>” and ‘<i>single</i>’ stay as written.")
    return DATE_HEADER + "\n".join(lines) + "\n"


def write_seeds(folder: Path) -> Path:
    """A seeds folder holding the hostile article under its hostile name, and a later report,
    hostile in its name and its title too, that says it all again."""
    folder.mkdir(parents=True)
    text = article_text(hostile_places())
    (folder / ARTICLE_NAME).write_text(text, encoding="utf-8")
    second = SECOND_DATE_HEADER + text.removeprefix(DATE_HEADER)
    (folder / SECOND_REPORT_NAME).write_text(second, encoding="utf-8")
    # a TOML basic string reads JSON's escapes of these characters the same
    (folder / "collection.toml").write_text(f"title = {json.dumps(COLLECTION_TITLE)}\n", encoding="utf-8")
    return folder


def _hostile_feature(feature: dict[str, Any], place: HostilePlace) -> dict[str, Any]:
    properties = {
        **feature["properties"],
        "name": place.name,
        "aliases": list(place.aliases),
        "note": place.note,
    }
    return {**feature, "properties": properties}


def _rewrite_layer(layers_dir: Path, layer_id: str, places: dict[str, HostilePlace]) -> None:
    path = layers_dir / f"{layer_id}{io.LAYER_SUFFIX}"
    features = [
        _hostile_feature(feature, places[feature["properties"]["id"]])
        for feature in _real_features(layers_dir, layer_id)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    if layer_id in LAYER_TITLES:
        provenance_path = layers_dir / f"{layer_id}{io.PROVENANCE_SUFFIX}"
        provenance = json.loads(provenance_path.read_text(encoding="utf-8"))
        provenance["title"] = LAYER_TITLES[layer_id]
        provenance["method"] = f"{CORPUS[0]} {CORPUS[-1]}"
        provenance_path.write_text(json.dumps(provenance), encoding="utf-8")


def write_layers(folder: Path) -> Path:
    """A copy of the real layers with every named place and two titles made hostile."""
    shutil.copytree(io.LAYERS_DIR, folder)
    # the hostile towns layer has Baku, Tbilisi, Yerevan and Nakhchivan under the reference layer's ids
    for suffix in (io.LAYER_SUFFIX, io.PROVENANCE_SUFFIX):
        (folder / f"reference{suffix}").unlink()
    places = {place.id: place for place in hostile_places()}
    for layer_id in NAMED_LAYERS:
        _rewrite_layer(folder, layer_id, places)
    return folder


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """The hostile seeds and layers folders, inside ``folder``."""
    return write_seeds(folder / "seeds"), write_layers(folder / "layers")
