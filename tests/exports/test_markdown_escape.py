"""``to_markdown.escape``: whatever people type renders as exactly that text (checked with
markdown-it-py, a CommonMark renderer, for generated texts)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from game_server.exports.to_markdown import escape, heading

RENDERER = MarkdownIt("commonmark").enable("table")
# Characters that mean something to Markdown, letters, digits, spaces and newlines.
ALPHABET = st.sampled_from(list("\\`*_{}[]()<>#+-.!|~&=^:;'\"/@%$?,\n\t 0123456789abcXYZéë“”😀"))


def html_text(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;").replace("\n", "<br />\n")


def shown(text: str) -> str:
    """What any Markdown renderer can keep of a text: no blank space at the start of a line."""
    lines = [line.lstrip(" \t") for line in text.split("\n")]
    return "\n".join(lines)


def render(source: str) -> str:
    return RENDERER.render(source)


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip()))
@example("# kop *nadruk* _schuin_ [link](http://x) <b>vet</b> &amp; `code`\n1. lijst\n- punt")
@example('=HYPERLINK("http://x","y")')
@example("a\n\nb")
@example("tekst\n===")
@example("---")
@example("1) een\n2. twee")
@example("<!-- x -->")
@example("www.example.com en http://x.nl")
@example("a \\\nb")
def test_escaped_text_renders_as_itself(text: str) -> None:
    text = text.strip()
    html = render(escape(text, line_start=True))
    assert html == f"<p>{html_text(shown(text))}</p>\n", (text, escape(text, line_start=True))


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip()))
def test_escaped_text_stays_inside_its_list_item(text: str) -> None:
    text = text.strip()
    html = render(f"- **Groen**: {escape(text, '  ')} — Anna\n- volgende\n")
    item = re.fullmatch(
        r"<ul>\n<li><strong>Groen</strong>: (.*) — Anna</li>\n<li>volgende</li>\n</ul>\n",
        html,
        re.S,
    )
    assert item is not None, (text, html)
    assert item.group(1) == html_text(shown(text))


@settings(max_examples=300, deadline=None)
@given(
    st.text(ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip()),
    st.integers(min_value=1, max_value=3),
)
@example("Casus #3 – fout #", 3)
@example("Casus #3 – fout #", 1)
@example("# kop ##", 2)
@example("x \\#", 3)
@example("Titel\nmet # twee regels #", 1)
@example("tekst\n===", 2)
@example("a\n\nb", 1)
def test_heading_renders_as_itself(text: str, level: int) -> None:
    text = text.strip()
    html = render(heading(level, text))
    if level >= 2:  # only the title's level keeps line breaks
        text = " ".join(text.split("\n"))
    shown_text = html_text(shown(text)).strip()
    assert html == f"<h{level}>{shown_text}</h{level}>\n", (text, heading(level, text))
