"""Escapers, one per place a string from a report or a layer file can land.

Each function makes text inert in one context only, and its docstring says
which: escaping for the wrong context is no escaping at all. Text is escaped
where it is written into HTML, a script or Markdown, never earlier, so data
handed to the browser (the map's GeoJSON) carries plain text.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

# Characters harmless in HTML but not inside a JavaScript template literal
_TEMPLATE_ESCAPES = {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}
# Jinja's openers "{{", "{%" and "{#"
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")
# Characters written as JavaScript escapes inside a script's strings: no
# "</script>", no entity, no quote that ends an attribute, no Jinja opener,
# no template-literal syntax, no line break older JavaScript ends a string at
_SCRIPT_ESCAPES = {char: f"\\u{ord(char):04x}" for char in "<>&'{`$\u2028\u2029"}
# A string in JSON text: nothing else in JSON holds a quote
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
# Characters with a meaning in Markdown, GFM, LaTeX ($) or Streamlit's
# directives (:red[...]); "&" starts an entity ("&lt;" would show as "<") and
# "/" completes ":material/", which Streamlit turns into an icon before parsing
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&/])")
# Text that Streamlit rewrites after parsing, where a backslash no longer
# reaches: " -- " and " -> " become a dash and an arrow, ":streamlit:" its logo
# and ":material_home:" an icon. "\ufeff" completes JavaScript's \s.
_STREAMLIT_REWRITES = re.compile(
    r"((?<![^\s\ufeff])(?:<->|->|<-|--|>=|<=|~=)(?![^\s\ufeff])|:(?:streamlit|material_\w+):)"
)
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def html_text(text: str) -> str:
    """``text`` as HTML that shows it as written.

    Safe as an element's text and as a quoted attribute value (both quote
    characters are escaped). Not safe in an unquoted attribute, as a URL, or
    inside ``<script>`` or ``<style>``, where entities are not decoded.
    """
    return html.escape(str(text), quote=True)


def template_literal(markup: str) -> str:
    """HTML made inert inside a JavaScript template literal.

    folium writes some HTML (``folium.Tooltip``, ``folium.Popup``, a layer's
    name in the layer control) straight into its script, inside backticks or
    quotes: `````, ``$`` and ``\\`` become entities, which the browser decodes
    only once the string is parsed as HTML. Safe only for ``markup`` that is
    already HTML (see ``html_text``) and ends up in ``innerHTML``.
    """
    return "".join(_TEMPLATE_ESCAPES.get(char, char) for char in markup)


def jinja_inert(markup: str) -> str:
    """HTML in which Jinja finds no opener: each ``{`` of ``{{``, ``{%``, ``{#`` as ``&#123;``.

    branca renders each element's script once more as a Jinja template, and
    st_folium rewrites ``{{'name'}}`` in it, so an opener would run on the
    server or change the text. Safe only for HTML, where the entity shows as
    ``{``; a script's strings need ``script_json`` instead.
    """
    return _JINJA_OPENER.sub("&#123;", markup)


def folium_html(text: str) -> str:
    """``text`` as HTML that folium may write raw into its script.

    HTML-escaped, then inert in a template literal, a quoted JavaScript
    string and Jinja: what a layer's name needs, which folium writes
    unescaped into the layer control's script and Leaflet into ``innerHTML``.
    """
    return jinja_inert(template_literal(html_text(text)))


def script_json(json_text: str) -> str:
    """JSON text made inert inside ``<script>`` and in Jinja, with the same value.

    Inside the JSON's strings, ``<``, ``>``, ``&``, ``'``, ``{``, `````,
    ``$``, U+2028 and U+2029 are written as ``\\uXXXX`` escapes (Jinja's
    ``tojson`` escapes the first four): no ``</script>``, no entity, no Jinja
    opener, no template-literal syntax, no line break. Everything outside the
    strings stays as it is, so the text still parses to the same value, in
    JSON and in JavaScript.
    """
    return _JSON_STRING.sub(lambda match: _script_escaped(match.group()), json_text)


def _script_escaped(json_string: str) -> str:
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in json_string)


def js_literal(value: Any) -> str:
    """``value`` as a JavaScript literal to write inside a ``<script>``, inert in HTML and in Jinja.

    Strings are kept exact, so that a layer's id comes back from the browser
    as it went: ``{`` is written as ``\\u007b`` rather than escaped away.
    Safe as an expression in a script, not in an HTML attribute.
    """
    # no spaces after separators: the labels and legends are a good part of the map's bytes
    return script_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def markdown_literal(text: str) -> str:
    """``text`` for a Streamlit Markdown string, shown as written.

    Special characters are backslash-escaped; what Streamlit would still
    rewrite is split by a code span, where Markdown shows text as it is.
    Safe in Streamlit's Markdown (``st.markdown``, ``st.caption``, labels),
    not inside a code span or in HTML.
    """
    pieces = _STREAMLIT_REWRITES.split(text)
    # split() puts the rewritable pieces at the odd positions
    return "".join(_unrewritable(piece) if n % 2 else _escaped(piece) for n, piece in enumerate(pieces))


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _unrewritable(piece: str) -> str:
    # A dash or an arrow goes whole into the code span; of ":streamlit:" only
    # the first colon, as a whole ":name:" in the source would make Streamlit
    # turn every escaped ":smile:" of the string into an emoji
    return f"`:`{_escaped(piece[1:])}" if piece.startswith(":") else f"`{piece}`"


def inline_script(js: str) -> str:
    """JavaScript source safe to place inside one ``<script>`` element.

    Only ``</script`` ends the element early; it becomes ``<\\/script``,
    which means the same wherever it can occur in a script (in a string,
    a regular expression or a comment).
    """
    return _SCRIPT_END.sub(r"<\\/\1", js)
