import json
import re
from html import unescape
from html.parser import HTMLParser

import jinja2
import pytest
from jinja2.utils import htmlsafe_json_dumps

from geo.escape import (
    folium_html,
    html_text,
    inline_script,
    jinja_inert,
    js_literal,
    markdown_literal,
    script_json,
    template_literal,
)
from tests.hostile import ARTICLE_NAME, CORPUS

# Jinja's openers, which branca would render
JINJA_OPENER = re.compile(r"\{[{%#]")
# What Streamlit's Markdown gives a meaning to, as markdown_literal lists it
MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~<>$:&/")
# What markdown_literal may put in a code span: text Streamlit would rewrite
REWRITABLE = {"<->", "->", "<-", "--", ">=", "<=", "~=", ":"}


class _Parsed(HTMLParser):
    """What an HTML parser finds in some markup: tags, other markup, and the text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other: list[str] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append((f"/{tag}", []))

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"unknown declaration {data}")


def rendered_by_jinja(text: str) -> str:
    """``text`` after branca's second pass: rendered as a Jinja template."""
    return jinja2.Template(text).render()


def shown_by_markdown(markdown: str) -> tuple[str, list[str], list[str]]:
    """The text CommonMark shows for ``markdown``, its unescaped specials and its code spans.

    Only what markdown_literal writes: backslash escapes and code spans of
    single backticks.
    """
    shown, unescaped, spans, at = "", [], [], 0
    while at < len(markdown):
        char = markdown[at]
        if char == "\\" and at + 1 < len(markdown) and markdown[at + 1] in MARKDOWN_SPECIAL:
            shown, at = shown + markdown[at + 1], at + 2
        elif char == "`":
            end = markdown.index("`", at + 1)
            spans.append(markdown[at + 1 : end])
            shown, at = shown + spans[-1], end + 1
        else:
            if char in MARKDOWN_SPECIAL:
                unescaped.append(char)
            shown, at = shown + char, at + 1
    return shown, unescaped, spans


# ------------------------------------------------------------------- HTML


@pytest.mark.parametrize("text", CORPUS)
def test_html_text_is_shown_as_written_and_holds_no_markup(text):
    parsed = _Parsed(f"<p>{html_text(text)}</p>")
    assert parsed.tags == [("p", []), ("/p", [])]
    assert parsed.other == []
    assert parsed.text == text


@pytest.mark.parametrize("text", CORPUS)
@pytest.mark.parametrize("quote", ['"', "'"])
def test_html_text_stays_inside_a_quoted_attribute(text, quote):
    parsed = _Parsed(f"<p data-place={quote}{html_text(text)}{quote}></p>")
    assert parsed.tags == [("p", [("data-place", text)]), ("/p", [])]
    assert parsed.other == []


@pytest.mark.parametrize("text", CORPUS)
def test_template_literal_leaves_no_template_syntax_and_the_same_html(text):
    markup = template_literal(html_text(text))
    assert not re.search(r"[`$\\]", markup)
    assert unescape(markup) == text


@pytest.mark.parametrize("text", CORPUS)
def test_jinja_inert_leaves_jinja_nothing_to_render(text):
    markup = jinja_inert(html_text(text))
    assert not JINJA_OPENER.search(markup)
    assert rendered_by_jinja(markup) == markup
    assert unescape(markup) == text


def test_escape_defuses_html_and_template_literals():
    assert folium_html("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert folium_html("`${alert(1)}`\\") == "&#96;&#36;{alert(1)}&#96;&#92;"
    assert folium_html("\"'&") == "&quot;&#x27;&amp;"


@pytest.mark.parametrize("text", CORPUS)
def test_folium_html_is_inert_in_a_script_string_jinja_and_html(text):
    markup = folium_html(text)
    assert not re.search(r"[<>\"'`$\\]", markup), "nothing that ends a string or opens a tag"
    assert json.loads(f'"{markup}"') == markup, "a JavaScript string holds it as it is"
    assert rendered_by_jinja(markup) == markup
    parsed = _Parsed(markup)
    assert (parsed.tags, parsed.other, parsed.text) == ([], [], text)


# ------------------------------------------------------------- JavaScript


def test_js_literal_keeps_text_exact_and_inert():
    text = 'a{{ b }}</script>&\u2028"'
    literal = js_literal(text)
    assert json.loads(literal) == text
    assert not re.search(r"[<>&{\u2028]", literal)


@pytest.mark.parametrize("text", CORPUS)
def test_js_literal_is_the_text_and_inert_in_a_script(text):
    literal = js_literal(text)
    assert json.loads(literal) == text
    assert not re.search("[<>&'{`$\u2028\u2029]", literal)
    assert rendered_by_jinja(literal) == literal
    parsed = _Parsed(f"<script>var name = {literal};</script>")
    assert parsed.tags == [("script", []), ("/script", [])], "the literal cannot end its script"
    assert parsed.text == f"var name = {literal};"


def test_js_literal_takes_lists_and_line_separators():
    value = [*CORPUS, "a\u2028b\u2029c"]
    literal = js_literal(value)
    assert json.loads(literal) == value
    assert not re.search("[<{\u2028\u2029]", literal)


def test_script_json_escapes_inside_strings_only():
    value = {"type": "Feature", "properties": {"{{ key }}": list(CORPUS)}, "geometry": None}
    # folium writes its data with Jinja's tojson; script_json finishes the job
    json_text = script_json(htmlsafe_json_dumps(value, sort_keys=True))
    assert json.loads(json_text) == value
    assert json_text.startswith('{"geometry": null'), "JSON's own braces stay"
    assert not JINJA_OPENER.search(json_text)
    assert not re.search("[<>&'`$]", json_text)
    assert rendered_by_jinja(json_text) == json_text


def test_inline_script_cannot_close_its_element_and_means_the_same():
    js = 'var a = "</script><script>xss()</SCRIPT>"; // </Script >'
    inline = inline_script(js)
    assert "</script" not in inline.lower()
    assert json.loads(inline[len("var a = ") : inline.index(";")]) == "</script><script>xss()</SCRIPT>"
    parsed = _Parsed(f"<script>{inline}</script>")
    assert parsed.tags == [("script", []), ("/script", [])]


# --------------------------------------------------------------- Markdown


def test_markdown_literal_escapes_markdown_syntax():
    assert markdown_literal("$x$ *a* _b_ #c [d](e)") == r"\$x\$ \*a\* \_b\_ \#c \[d\]\(e\)"


@pytest.mark.parametrize("text", [*CORPUS, ARTICLE_NAME])
def test_markdown_literal_is_shown_as_written_with_nothing_left_to_format(text):
    markdown = markdown_literal(text)
    shown, unescaped, spans = shown_by_markdown(markdown)
    assert shown == text
    assert unescaped == [], "no link, emphasis, HTML or LaTeX: every special character escaped"
    assert set(spans) <= REWRITABLE, "code spans only keep Streamlit's rewrites away"
    # Streamlit loads its emoji plugin when the source holds a ":name:"
    assert not re.search(r":[\w+-][\w_+-]*:", markdown)
