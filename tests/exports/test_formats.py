"""Each downloaded file, opened with its own reader, holds exactly the game that was played:
counts, texts, piles and figures; hostile post-it texts stay intact and harmless; in the
room with anonymous post-its no export names or identifies an author."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from game_server.exports.record import FORMAT_VERSION
from tests.exports.conftest import (
    FORMULA,
    HOSTILE,
    MARKUP,
    QUADRANT_PLAYERS,
    QUOTES,
    SCALE_PLAYERS,
    Played,
    Room,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WORDS = {
    "nl": {
        "green": "groen",
        "pink": "roze",
        "red": "rood",
        "yes": "ja",
        "no": "nee",
        "anonymous": "anoniem",
        "consensus": "overeenstemming",
        "mixed": "gemengd",
        "discussion": "discussie",
        "first": "eerste",
        "second": "tweede",
        "mean": "gemiddelde",
        "spread": "spreiding",
        "agreement": "overeenstemming",
        "count": "aantal",
        "post_it": "post-it",
    },
    "en": {
        "green": "green",
        "pink": "pink",
        "red": "red",
        "yes": "yes",
        "no": "no",
        "anonymous": "anonymous",
        "consensus": "agreement",
        "mixed": "mixed",
        "discussion": "discussion",
        "first": "first",
        "second": "second",
        "mean": "mean",
        "spread": "spread",
        "agreement": "agreement",
        "count": "count",
        "post_it": "post-it",
    },
}
SHEETS = {
    "nl": ["Overzicht", "Post-its", "Plaatsingen", "Kaarten", "Stapels", "Plenair", "Actiepunten"],
    "en": ["Overview", "Post-its", "Placements", "Cards", "Piles", "Plenary", "Action points"],
}
MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)


# -- what the game says, from the facilitator's view and the test's own bookkeeping -----------


def words(room: Room) -> dict[str, str]:
    return WORDS[room.language]


def local(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, AMSTERDAM).replace(tzinfo=None)


def number(room: Room, card_id: str) -> int:
    return int(room.view["agenda"].index(card_id)) + 1


def card_name(room: Room, card_id: str) -> str:
    card = room.view["cards"][card_id]
    return str((card["title"] or card["text"])[room.language])


def pile_word(room: Room, pile: str | None) -> str:
    return words(room)[pile] if pile else ""


def played_cards(room: Room) -> list[str]:
    cards = room.view["cards"]
    return [c for c in room.view["agenda"] if cards[c]["started"] and not cards[c]["skipped"]]


def on_pile(room: Room, pile: str) -> tuple[list[str], list[str]]:
    cards = [c for c in played_cards(room) if room.view["cards"][c]["pile"] == pile]
    post_its = [p["id"] for p in room.post_its() if p["pile"] == pile]
    return cards, post_its


def open_questions(room: Room) -> list[str]:
    return [p["id"] for p in room.post_its() if p["colour"] == "pink" and not p["resolved"]]


def action_points(room: Room) -> list[dict[str, Any]]:
    return sorted(room.view["action_points"].values(), key=lambda a: (a["created_at"], a["id"]))


def names(room: Room) -> dict[str, str]:
    return {pid: p["name"] for pid, p in room.view["players"].items()}


def charted_cards(room: Room) -> list[str]:
    return [
        c
        for c in room.view["agenda"]
        if any(room.view["placements"][c][r]["positions"] for r in ("first", "second"))
    ]


def flat(text: str) -> str:
    """Whitespace-normalised text without characters outside the BMP (emoji)."""
    return " ".join("".join(ch for ch in text if ord(ch) <= 0xFFFF).split())


# -- CSV ----------------------------------------------------------------------------------


def read_csv(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("csv-semicolon", ";")])
def test_csv_has_one_row_per_post_it(
    played: Played, downloads: dict[tuple[str, str], bytes], fmt: str, delimiter: str
) -> None:
    for room in played.rooms():
        w = words(room)
        data = downloads[(room.code, fmt)]
        assert delimiter in data.decode("utf-8-sig").splitlines()[0]
        rows = read_csv(data, delimiter)
        header, body = rows[0], rows[1:]
        assert len(header) == 14  # the post-it's columns, its cluster, dots, table, kind
        post_its = room.post_its()
        assert len(body) == len(post_its) > 0
        for row, p in zip(body, post_its, strict=True):
            assert len(row) == 14, row
            code, nr, card, colour, text, author, pile, resolved, created, edited = row[:10]
            assert row[10:12] == ["", ""]  # no clusters, no votes shown in these games
            assert row[12:] == ["", w["post_it"]]  # a room's own post-its: no table
            assert (code, nr, card) == (
                room.code,
                str(number(room, p["card_id"])),
                card_name(room, p["card_id"]),
            )
            assert colour == w[p["colour"]]
            if p["text"].startswith(FORMULA_START):
                assert text == "'" + p["text"]  # neutralised: a spreadsheet shows it as text
            else:
                assert text == p["text"]
            assert author == (w["anonymous"] if room.anonymous else room.authors[p["id"]])
            assert pile == pile_word(room, p["pile"])
            assert resolved == (w["yes"] if p["resolved"] else w["no"])
            assert created == local(p["created_at"]).strftime("%Y-%m-%d %H:%M:%S")
            last = p["edited_at"] or p["created_at"]
            assert edited == local(last).strftime("%Y-%m-%d %H:%M:%S")
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_START), cell
    scale_texts = {p["text"] for p in played.scale.post_its()}
    assert set(HOSTILE) <= scale_texts
    assert any(p["edited_at"] for p in played.scale.post_its())


# -- XLSX ---------------------------------------------------------------------------------


def workbook(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(ws: Any) -> tuple[dict[str, int], list[list[Any]]]:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return {str(h): i for i, h in enumerate(rows[0])}, rows[1:]


def test_xlsx_holds_post_its_placements_figures_piles_and_action_points(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    for room in played.rooms():
        w, lang = words(room), room.language
        wb = workbook(downloads[(room.code, "xlsx")])
        assert wb.sheetnames == SHEETS[lang]
        for ws in wb.worksheets:
            assert ws.freeze_panes == "A2", ws.title
            assert all(c.font.bold for c in ws[1] if c.value), ws.title
        overview, post_its_ws, placements_ws, cards_ws, piles_ws, plenary_ws, points_ws = (
            wb.worksheets
        )
        _, plenary_rows = sheet_rows(plenary_ws)
        shown = sum(len(room.view["plenary"][h]) for h in ("present", "develop", "questions"))
        assert len(plenary_rows) == shown

        facts = {r[0]: r[1] for r in overview.iter_rows(values_only=True)}
        assert room.code in facts.values() and room.title in facts.values()
        assert len(room.view["players"]) in facts.values()
        assert any(isinstance(v, datetime) for v in facts.values())

        # Post-its: exact text, even a formula, stored as text; real dates.
        assert post_its_ws.column_dimensions["E"].width >= 40
        _, rows = sheet_rows(post_its_ws)
        post_its = room.post_its()
        assert len(rows) == len(post_its)
        for r, (row, p) in enumerate(zip(rows, post_its, strict=True), start=2):
            assert row[0] == room.code and row[1] == number(room, p["card_id"])
            assert row[3] == w[p["colour"]] and row[4] == p["text"]
            assert post_its_ws.cell(row=r, column=5).data_type == "s"
            assert row[5] == (w["anonymous"] if room.anonymous else room.authors[p["id"]])
            assert row[6] == pile_word(room, p["pile"]) or (row[6] is None and not p["pile"])
            assert row[8] == local(p["created_at"])
            assert row[9] == local(p["edited_at"] or p["created_at"])

        # Placements: per player per card.
        who = names(room)
        _, rows = sheet_rows(placements_ws)
        expected = {}
        for card_id in room.view["agenda"]:
            section = room.view["placements"][card_id]
            first, second = section["first"]["positions"], section["second"]["positions"]
            for pid in first.keys() | second.keys():
                expected[(number(room, card_id), who[pid])] = (first.get(pid), second.get(pid))
        assert len(rows) == len(expected)
        figures_of = room.view["figures"]
        for row in rows:
            a, b = expected[(row[0], row[2])]
            if room.view["board"]["kind"] == "scale":
                assert row[3] == (a["square"] if a else None)
                assert row[4] == (b["square"] if b else None)
                assert row[5] == (b["square"] - a["square"] if a and b else None)
            else:
                assert row[3:7] == [a["x"], a["y"], b["x"], b["y"]]
                card_id = room.view["agenda"][row[0] - 1]
                pid = next(p for p, n in who.items() if n == row[2])
                assert row[7] == figures_of[card_id]["shifts"][pid]["length"]

        # Figures per card: the rules' figures, word for word.
        columns, rows = sheet_rows(cards_ws)
        assert len(rows) == len(room.view["agenda"])
        for row, card_id in zip(rows, room.view["agenda"], strict=True):
            figures = figures_of[card_id]
            assert row[columns[w["first"] + ": " + w["count"]]] == figures["first"]["count"]
            for r in ("first", "second"):
                f = figures[r]
                spread = row[columns[f"{w[r]}: {w['spread']}"]]
                assert spread == f["spread"]
                agreement = row[columns[f"{w[r]}: {w['agreement']}"]]
                assert agreement == (w[f["consensus"]] if f["consensus"] else "–")
                if room.view["board"]["kind"] == "scale":
                    assert row[columns[f"{w[r]}: {w['mean']}"]] == f["mean"]
                    for square, count in f["distribution"].items():
                        assert row[columns[f"{w[r]}: {square}"]] == count
                else:
                    mean_x = row[columns[f"{w[r]}: {w['mean']} x"]]
                    assert mean_x == (f["mean"]["x"] if f["mean"] else None)
            shift_column = "verschuiving" if lang == "nl" else "mean shift"
            assert row[columns[shift_column]] == figures["shift"]
            suggested = row[columns["voorgestelde stapel" if lang == "nl" else "suggested pile"]]
            assert (suggested or "") == pile_word(room, figures["suggested_pile"])
            final = row[columns["gekozen stapel" if lang == "nl" else "chosen pile"]]
            assert (final or "") == pile_word(room, room.view["cards"][card_id]["pile"])

        # Piles: the cards and post-its on each pile.
        _, rows = sheet_rows(piles_ws)
        got = [(r[0], r[2], r[4]) for r in rows]
        want = []
        for pile in ("green", "red"):
            cards, pile_post_its = on_pile(room, pile)
            for card_id in cards:
                text = room.view["cards"][card_id]["text"][lang]
                want.append((w[pile], number(room, card_id), text))
            for pid in pile_post_its:
                p = room.view["post_its"][pid]
                want.append((w[pile], number(room, p["card_id"]), p["text"]))
        assert got == want

        # Action points, in the order they were made; an edit is kept.
        _, rows = sheet_rows(points_ws)
        points = action_points(room)
        assert [r[:4] for r in rows] == [
            [a["what"], a["who"], a["first_step"], a["evaluate_when"]] for a in points
        ]
        assert all(isinstance(r[5], datetime) for r in rows)
    formula_point = next(r for r in workbook_points(played, downloads) if r[0] == "=SUM(A1:A9)")
    assert formula_point is not None


def workbook_points(played: Played, downloads: dict[tuple[str, str], bytes]) -> list[list[Any]]:
    ws = workbook(downloads[(played.scale.code, "xlsx")])["Actiepunten"]
    assert ws.cell(row=3, column=1).data_type == "s"
    return sheet_rows(ws)[1]


# -- JSON ---------------------------------------------------------------------------------


def keys_in(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


def test_json_is_the_complete_game_record_without_secrets(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    for room in played.rooms():
        data = downloads[(room.code, "json")]
        text = data.decode("utf-8")
        record = json.loads(text)
        assert record["format_version"] == FORMAT_VERSION
        assert record["room"]["code"] == room.code
        assert record["title"] == room.title
        assert record["options"] == room.view["options"]
        assert record["phase"] == room.view["phase"]
        assert "secret" not in keys_in(record) and "token" not in text
        for token in (room.facilitator_token, room.projector_token, room.player_token):
            assert token.rsplit(".", 1)[1] not in text
        assert [c["id"] for c in record["cards"]] == room.view["agenda"]
        for card in record["cards"]:
            assert card["figures"] == room.view["figures"][card["id"]]
            assert card["pile"] == room.view["cards"][card["id"]]["pile"]
            assert card["skipped"] == room.view["cards"][card["id"]]["skipped"]
        assert len(record["post_its"]) == len(room.post_its())
        for got, p in zip(record["post_its"], room.post_its(), strict=True):
            for key in ("id", "card_id", "colour", "text", "pile", "resolved", "created_at"):
                assert got[key] == p[key], key
            assert got["edited_at"] == p["edited_at"]
            if room.anonymous:
                assert got["author_id"] is None and got["author"] is None
            else:
                assert got["author"] == room.authors[p["id"]]
                assert got["author_id"] == room.player_ids[room.authors[p["id"]]]
        summary = record["summary"]
        assert (summary["green_pile"]["cards"], summary["green_pile"]["post_its"]) == tuple(
            on_pile(room, "green")
        )
        assert (summary["red_pile"]["cards"], summary["red_pile"]["post_its"]) == tuple(
            on_pile(room, "red")
        )
        assert summary["open_questions"] == open_questions(room)
        assert summary["action_points"] == [a["id"] for a in action_points(room)]
    texts = [p["text"] for p in json.loads(downloads[(played.scale.code, "json")])["post_its"]]
    assert set(HOSTILE) <= set(texts)


# -- Markdown -----------------------------------------------------------------------------


def html_text(text: str) -> str:
    """How markdown-it renders plain text: & < > " escaped, a line break as <br />."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;").replace("\n", "<br />\n")


def test_markdown_summary_keeps_typed_text_as_text(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    for room in played.rooms():
        source = downloads[(room.code, "md")].decode("utf-8")
        html = MarkdownIt("commonmark").enable("table").render(source)
        # Nothing anybody typed became markup.
        for tag in ("<a ", "<em>", "<b>", "<code>", "<img", "<ul>\n<li>punt"):
            assert tag not in html, tag
        assert html.count("<h1>") == 1 and html.count("<h2>") == 2
        reported = [
            c
            for c in room.view["agenda"]
            if c in played_cards(room)
            or c in charted_cards(room)
            or any(p["card_id"] == c for p in room.post_its())
        ]
        assert html.count("<h3>") == 4 + len(reported)
        # A numbered list for the action points and for every plenary heading with items.
        headings = sum(1 for h in ("present", "develop", "questions") if room.view["plenary"][h])
        assert html.count("<ol>") == (1 if action_points(room) else 0) + headings
        for p in room.post_its():
            assert html_text(p["text"]) in html, p["text"]
        # The sections hold what the game decided.
        sections = re.split(r"<h[23]>", html)
        open_section = next(
            s for s in sections if s.startswith(("Vragen die zijn", "Questions that remained"))
        )
        for pid in [p["id"] for p in room.post_its()]:
            text = html_text(room.view["post_its"][pid]["text"])
            assert (text in open_section) == (pid in open_questions(room)), text
        for a in action_points(room):
            for key in ("what", "who", "first_step", "evaluate_when"):
                assert html_text(a[key]) in html
        for card_id in played_cards(room):
            assert html_text(card_name(room, card_id)) in html
    scale = downloads[(played.scale.code, "md")].decode("utf-8")
    assert html_text(MARKUP) in MarkdownIt("commonmark").render(scale)
    assert "Deelnemers: 4" in scale


# -- PDF ----------------------------------------------------------------------------------


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, flat("\n".join(page.extract_text() for page in reader.pages))


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def test_pdf_report_has_title_page_summary_charts_and_post_its(
    played: Played, downloads: dict[tuple[str, str], bytes], tmp_path: Path
) -> None:
    for room in played.rooms():
        data = downloads[(room.code, "pdf")]
        reader, text = pdf_text(data)
        assert len(reader.pages) >= 4
        assert room.title in str(reader.metadata.title)
        first_page = flat(reader.pages[0].extract_text())
        assert room.code in first_page and flat(room.title) in first_page
        created = local(room.view["created_at"])
        if room.language == "nl":
            day = f"{created.day} {MONTHS_NL.split()[created.month - 1]} {created.year}"
            assert day in first_page
            assert "Deelnemers 4" in first_page and "Kaartsets Leerklimaat" in first_page
            assert "Wat de plenaire terugkoppeling besloot" in text
            assert text.index("Actiepunten") < text.index("Elementen die nog ontwikkeld")
            assert "Per kaart" in text
        else:
            assert "Participants 3" in first_page and "What the plenary decided" in text
        for card_id in played_cards(room):
            assert flat(card_name(room, card_id)) in text
        for p in room.post_its():
            assert flat(p["text"]) in text, p["text"]
        for a in action_points(room):
            assert flat(a["what"]) in text
        fonts = embedded_fonts(reader)
        assert fonts and all(fonts.values()), fonts
        # DejaVu Sans, and the fallbacks only for what it lacks (the scale room's 😀).
        fallbacks = ("DroidSansFallback", "Symbola")
        assert all(n.split("+")[-1].startswith(("DejaVuSans", *fallbacks)) for n in fonts), fonts
        assert any("DejaVuSans" in name for name in fonts), fonts
        # Every page renders (poppler), with one chart image per card that has placements.
        images = sum(len(page.images) for page in reader.pages)
        assert images == len(charted_cards(room))
        path = tmp_path / f"{room.code}.pdf"
        path.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / room.code)], check=True
        )
        assert len(list(tmp_path.glob(f"{room.code}-*.png"))) == len(reader.pages)


# -- DOCX ---------------------------------------------------------------------------------


def docx_texts(data: bytes) -> tuple[Any, list[str]]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return document, texts


def test_docx_report_opens_and_holds_the_game(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    for room in played.rooms():
        document, texts = docx_texts(downloads[(room.code, "docx")])
        joined = "\n".join(texts)
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        nl = room.language == "nl"
        decided = "Wat de plenaire terugkoppeling besloot" if nl else "What the plenary decided"
        first = headings.index(decided)  # the decisions open the report: actions first
        assert headings[first + 1] == ("Actiepunten" if nl else "Action points")
        assert room.title in texts and room.code in texts
        for p in room.post_its():
            assert any(t.endswith("\n" + p["text"]) for t in texts), p["text"]
        for card_id in played_cards(room):
            assert card_name(room, card_id) in joined
        assert len(document.inline_shapes) == len(charted_cards(room))
        header = ["Wat", "Wie is verantwoordelijk"] if room.language == "nl" else ["What"]
        table = next(
            t for t in document.tables if [c.text for c in t.rows[0].cells][: len(header)] == header
        )
        assert [[c.text for c in r.cells][1:4] for r in table.rows[1:]] == [
            [a["who"], a["first_step"], a["evaluate_when"]] for a in action_points(room)
        ]


# -- anonymity and hostile text across every format -------------------------------------


def all_text(fmt: str, data: bytes) -> str:
    if fmt in ("csv", "csv-semicolon", "md", "json"):
        return data.decode("utf-8-sig")
    if fmt == "pdf":
        return pdf_text(data)[1]
    if fmt == "docx":
        return "\n".join(docx_texts(data)[1])
    wb = workbook(data)
    return "\n".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
    )


def test_no_export_names_or_identifies_an_anonymous_author(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    room = played.quadrant
    assert room.anonymous
    ids = list(room.player_ids.values())
    for fmt in ("csv", "csv-semicolon", "md", "pdf", "docx"):
        text = all_text(fmt, downloads[(room.code, fmt)])
        for secret in [*QUADRANT_PLAYERS, *ids]:
            assert secret not in text, (fmt, secret)
    # The workbook lists placements per player (they are not anonymous), but the post-it
    # and pile sheets never name or identify anyone.
    wb = workbook(downloads[(room.code, "xlsx")])
    for ws in (wb["Post-its"], wb["Piles"]):
        cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row]
        for secret in [*QUADRANT_PLAYERS, *ids]:
            assert not any(secret in c for c in cells), (ws.title, secret)
    record = json.loads(downloads[(room.code, "json")])
    for post_it in record["post_its"]:
        values = json.dumps(post_it, ensure_ascii=False)
        assert post_it["author_id"] is None and post_it["author"] is None
        for secret in [*QUADRANT_PLAYERS, *ids]:
            assert secret not in values
    # The named room does name its authors.
    named = all_text("csv", downloads[(played.scale.code, "csv")])
    assert all(name in named for name in SCALE_PLAYERS)


def test_hostile_text_survives_every_format(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    room = played.scale
    for fmt in ("csv", "csv-semicolon", "json", "pdf", "docx", "xlsx", "md"):
        text = all_text(fmt, downloads[(room.code, fmt)])
        for hostile in HOSTILE:
            if fmt in ("csv", "csv-semicolon"):
                csv_cells = [
                    c
                    for row in read_csv(downloads[(room.code, fmt)], "," if fmt == "csv" else ";")
                    for c in row
                ]
                assert hostile in csv_cells or "'" + hostile in csv_cells, (fmt, hostile)
            elif fmt == "json":
                assert json.dumps(hostile, ensure_ascii=False) in text
            elif fmt == "pdf":
                assert flat(hostile) in text, (fmt, hostile)
            elif fmt == "md":
                continue  # checked as rendered HTML in the Markdown test
            else:
                assert hostile in text, (fmt, hostile)
    assert "😀" in all_text("docx", downloads[(room.code, "docx")]) and QUOTES in all_text(
        "xlsx", downloads[(room.code, "xlsx")]
    )
    assert FORMULA in all_text("xlsx", downloads[(room.code, "xlsx")])
