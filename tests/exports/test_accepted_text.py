"""Every text the server accepts renders in every export: the longest text each field takes
(post-its of 140 short lines, action points of 100 lines in every field, a 40-line session
title, 60-character words), right-to-left and CJK text and emoji, and a case card titled
``Casus #3 – fout #``. A game is played over a real server with real clients; each file
is downloaded and opened with its own reader (the PDF's text read back with poppler's
``pdftotext``, as a person copying it would get it)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from game_server.rules.model import MAX_NAME_LENGTH, MAX_POST_IT_LENGTH
from tests.exports.conftest import FORMATS, export_url, get
from tests.exports.test_formats import embedded_fonts, html_text
from tests.support.cli import leerklimaat
from tests.support.game import open_table
from tests.support.server import ServerProcess, running

TITLE = ("Titel " * 14).strip()[:79]  # 79 of 80 characters, one line (titles are)
LONG_NAME = "Maximiliaan-" + "x" * (MAX_NAME_LENGTH - 12)
NAMES = [LONG_NAME, "שרה כהן", "فاطمة", "王小明"]

LINES = ("q\n" * 140).strip()  # 279 characters, 140 lines: taller than a page
WORD = "w" * MAX_POST_IT_LENGTH  # one word wider than any column
HEBREW = "שלום עולם, מה שלומך היום?"
HEBREW_LONG = ("אבגד הוזח " * 28).strip()  # wraps over several lines
ARABIC = "مرحبا بالعالم، كيف حالك اليوم؟"
CJK = "学习氛围很好。日本語のテキスト。한국어 텍스트"
CJK_LONG = "学" * MAX_POST_IT_LENGTH
EMOJI = "Goed idee 😀👍🎉"
MIXED = "We zeggen שלום tegen iedereen"
POST_ITS = [LINES, WORD, HEBREW, HEBREW_LONG, ARABIC, CJK, CJK_LONG, EMOJI, MIXED]

CASE_TITLE = "Casus #3 – fout #"
CASE_TEXT = ("c\n" * 200).strip()  # 399 of 400 characters
LONG_CASE_TITLE = "C" * 60
POINT_KEYS = ("what", "who", "first_step", "evaluate_when")
TALL_POINT = {
    k: (f"{letter}\n" * 100).strip() for k, letter in zip(POINT_KEYS, "vjkz", strict=True)
}
WIDE_POINT = {k: letter * 200 for k, letter in zip(POINT_KEYS, "yxgh", strict=True)}
POINTS = [TALL_POINT, WIDE_POINT]

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


@dataclass
class Game:
    server: ServerProcess
    code: str
    token: str
    files: dict[str, bytes]


async def play(url: str) -> tuple[str, str]:
    table = await open_table(
        url, "schaal-5", ["leerklimaat/veiligheid"], players=NAMES, title=TITLE
    )
    fac = table.fac
    try:
        assert fac.created is not None
        await fac.do("start")  # read
        await table.player(NAMES[0]).do("add_case_card", title=CASE_TITLE, text=CASE_TEXT)
        await table.player(NAMES[1]).do("add_case_card", title=LONG_CASE_TITLE, text=HEBREW)
        for card in range(3):
            await fac.do("next_step")  # place
            for n, name in enumerate(NAMES):
                await table.player(name).do("place_pawn", position={"square": n + 1})
            await table.settle()
            await fac.do("next_step")  # discuss
            if card == 0:
                for n, text in enumerate(POST_ITS):
                    colour = "pink" if n % 2 else "green"
                    await table.player(NAMES[n % len(NAMES)]).do(
                        "add_post_it", colour=colour, text=text
                    )
            await fac.do("next_step")  # revise
            await fac.do("next_step")  # the next card, or sort
        await fac.do("next_step")  # summary
        for point in POINTS:
            await fac.do("add_action_point", **point)
        await table.settle()
        return str(fac.code), str(fac.created["facilitator_token"])
    finally:
        await table.close()


@pytest.fixture(scope="module")
def game(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Game]:
    base = tmp_path_factory.mktemp("accepted")
    with running(base / "data", log_path=base / "server.log") as server:
        code, token = asyncio.run(play(server.url))
        files = {}
        for fmt in FORMATS:
            reply = get(export_url(server, code, fmt), token)
            assert reply.status == 200, (fmt, reply.status, reply.body[:500])
            files[fmt] = reply.body
        yield Game(server, code, token, files)


def every_text() -> list[str]:
    return [*POST_ITS, *(v for p in POINTS for v in p.values()), *NAMES, CASE_TEXT]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    # Arabic is drawn in its shaped (presentation) forms; NFKC gives the letters back.
    return unicodedata.normalize("NFKC", result.stdout.decode("utf-8")).translate(BIDI_CONTROLS)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_lines(text: str, code: str) -> list[str]:
    """The report's lines without the page footers (which interrupt a text that continues
    on the next page)."""
    footer = re.compile(rf"^(Leerklimaat · sessie {code} · .*|pagina \d+)$")
    return [line for line in text.splitlines() if line.strip() and not footer.match(line)]


def test_the_pdf_holds_every_accepted_text(game: Game, tmp_path: Path) -> None:
    text = pdf_text(game.files["pdf"], tmp_path)
    lines = body_lines(text, game.code)
    flat = squeezed("".join(lines))
    # Texts taller than a page are there line by line (the action point's four columns
    # each hold 100 lines of one letter), words wider than a column in full.
    for tall in (LINES, CASE_TEXT, *TALL_POINT.values()):
        letter = tall[0]
        assert lines.count(letter) >= tall.count(letter), (letter, lines.count(letter))
    for wide in (WORD, CJK_LONG, LONG_NAME, LONG_CASE_TITLE):
        assert wide in flat, wide[:20]
    for wide in WIDE_POINT.values():  # its row continues on the next page, column by column
        assert flat.count(wide[0]) >= len(wide), wide[:20]
    assert CASE_TITLE in text
    assert squeezed(TITLE) in flat  # the longest title, over several lines of its page
    # Right to left: each word reads back as itself (not mirrored), the words in order.
    for rtl in ("שלום עולם", "מה שלומך היום", "مرحبا بالعالم", "كيف حالك اليوم"):
        assert squeezed(rtl) in flat, (rtl, text)
    for mirrored in ("םולש", "םלוע", "דגבא"):
        assert mirrored not in text
    assert flat.count("אבגדהוזח") >= 27
    assert "שרה כהן" in text and "فاطمة" in text
    assert squeezed(MIXED) in flat
    # CJK and emoji are drawn and copy out as themselves (not as boxes).
    assert CJK in text and "王小明" in text
    assert EMOJI in text
    assert "□" not in text
    fonts = embedded_fonts(PdfReader(io.BytesIO(game.files["pdf"])))
    assert fonts and all(fonts.values()), fonts


def test_docx_xlsx_csv_and_json_keep_every_text_exactly(game: Game) -> None:
    document = docx.Document(io.BytesIO(game.files["docx"]))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    joined = "\n".join(texts)
    for value in every_text():
        assert value in joined, value[:20]
    assert TITLE in texts

    # The learning policy: every action point's texts exactly, in its table of actions.
    policy = docx.Document(io.BytesIO(game.files["policy"]))
    rows = [[c.text for c in row.cells] for row in policy.tables[0].rows[1:]]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (p["what"], p["who"], p["first_step"], p["evaluate_when"]) for p in POINTS
    ]

    wb = openpyxl.load_workbook(io.BytesIO(game.files["xlsx"]))
    cells = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    for value in [*POST_ITS, *(v for p in POINTS for v in p.values()), TITLE]:
        assert value in cells, value[:20]
    assert any(LONG_NAME == c for c in cells) and any("王小明" == c for c in cells)

    for fmt, delimiter in (("csv", ","), ("csv-semicolon", ";")):
        rows = list(
            csv.reader(
                io.StringIO(game.files[fmt].decode("utf-8-sig"), newline=""), delimiter=delimiter
            )
        )
        assert [r[4] for r in rows[1:]] == POST_ITS

    record = json.loads(game.files["json"])
    assert [p["text"] for p in record["post_its"]] == POST_ITS
    assert record["title"] == TITLE
    assert [{k: a[k] for k in POINT_KEYS} for a in record["action_points"]] == POINTS


def test_markdown_renders_every_text_as_itself_also_in_headings(game: Game) -> None:
    html = MarkdownIt("commonmark").enable("table").render(game.files["md"].decode("utf-8"))
    assert f"<h1>{html_text(TITLE)}</h1>" in html
    assert re.search(r"<h3>Kaart \d: Casus #3 – fout #</h3>", html), html[:3000]
    assert re.search(rf"<h3>Kaart \d: {LONG_CASE_TITLE}</h3>", html)
    for value in [*POST_ITS, *(v for p in POINTS for v in p.values())]:
        assert html_text(value) in html, value[:20]


def test_the_cli_exports_the_same_room_after_the_server_stopped(game: Game, tmp_path: Path) -> None:
    game.server.stop(timeout=3.0)
    for fmt in ("pdf", "docx", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        result = leerklimaat(
            "export", game.code, "-f", fmt, "-o", out, "--data-dir", game.server.data_dir
        )
        assert "Traceback" not in result.stderr
        assert out.stat().st_size > 1000


def test_the_exports_call_the_room_a_session_as_the_screens_do(game: Game, tmp_path: Path) -> None:
    pdf = pdf_text(game.files["pdf"], tmp_path)
    md = game.files["md"].decode("utf-8")
    header = game.files["csv"].decode("utf-8-sig").splitlines()[0]
    document = docx.Document(io.BytesIO(game.files["docx"]))
    word = [c.text for t in document.tables for r in t.rows for c in r.cells]
    word += [p.text for p in document.sections[0].footer.paragraphs]
    wb = openpyxl.load_workbook(io.BytesIO(game.files["xlsx"]))
    overview = [row[0] for row in wb.worksheets[0].iter_rows(values_only=True)]
    assert f"Sessie {game.code}" in md and "Sessie" in overview and "Sessie" in word
    assert header.startswith("sessie,") and f"sessie {game.code}" in pdf
    for text in (pdf, md, header, "\n".join(word), "\n".join(map(str, overview))):
        assert "kamer" not in text.lower()
