"""The consensus picture in the reports says how far apart the tables ended in words a
workshop group reads ("de tafels liggen gemiddeld 2,3 vakjes uit elkaar"), as the
projector says it, with the exact spread between the tables after it as the detail; in
every report format and both languages, for a scale and a quadrant board."""

from __future__ import annotations

import io

import docx
import openpyxl
from pypdf import PdfReader

from game_server.exports import render
from game_server.exports.labels import Labels
from game_server.rules.workshop.consensus import apart

from .plenary_room import plenary_record

SCALE_NL = [
    "Kaart 2: Titel 1 — de tafels liggen gemiddeld 0,3 vakje uit elkaar"
    " (spreiding tussen de tafels 0,12)",
    "Kaart 1: Titel 0 — de tafels liggen gemiddeld 2,3 vakjes uit elkaar"
    " (spreiding tussen de tafels 0,77)",
]
QUADRANT_EN = [
    "Card 2: Title 1 — the tables are on average 9% of the board apart"
    " (spread between the tables 0.09)",
    "Card 1: Title 0 — the tables are on average 65% of the board apart"
    " (spread between the tables 0.61)",
]


def flat(text: str) -> str:
    return " ".join(text.split())


def report_texts(record: dict[str, object]) -> dict[str, str]:
    pdf = PdfReader(io.BytesIO(render(record, "pdf")))
    document = docx.Document(io.BytesIO(render(record, "docx")))
    book = openpyxl.load_workbook(io.BytesIO(render(record, "xlsx")))
    sheet = next(ws for ws in book.worksheets if ws.title.endswith("Consensus"))
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    return {
        "xlsx": " ".join(cells),
        "md": flat(render(record, "md").decode("utf-8").replace("**", "")),
        "pdf": flat(" ".join(p.extract_text() for p in pdf.pages)),
        "docx": flat(" ".join(p.text for p in document.paragraphs)),
    }


def test_the_reports_say_how_far_apart_the_tables_are_in_words() -> None:
    for record, lines in (
        (plenary_record("scale", "nl"), SCALE_NL),
        (plenary_record("quadrant", "en"), QUADRANT_EN),
    ):
        for fmt, text in report_texts(record).items():
            for line in lines:
                if fmt == "xlsx":  # a column of its own, the figure in the next
                    line = line.split(" — ")[1].split(" (")[0]
                assert line in text, (fmt, line)
            assert "verschil tussen tafels" not in text


def test_the_words_for_a_distance() -> None:
    nl, en = Labels("nl"), Labels("en")
    assert nl.apart("scale", 0.04) == "de tafels staan op hetzelfde vakje"
    assert nl.apart("scale", 0.25) == "de tafels liggen gemiddeld 0,3 vakje uit elkaar"
    assert nl.apart("scale", 1.0) == "de tafels liggen gemiddeld 1 vakje uit elkaar"
    assert nl.apart("scale", 1.5) == "de tafels liggen gemiddeld 1,5 vakjes uit elkaar"
    assert en.apart("scale", 0.8) == "the tables are on average 0.8 squares apart"
    assert en.apart("scale", 1.0) == "the tables are on average 1 square apart"
    assert en.apart("quadrant", 0.004) == "the tables are on the same point"
    assert nl.apart("scale", None) == ""
    two = {
        "tables": {
            "t1": {"second": {"count": 2, "mean": 1.5}},
            "t2": {"first": {"count": 1, "mean": 4}},
        }
    }
    assert apart("scale", two) == 2.5
    corners = {
        "tables": {
            "t1": {"first": {"count": 1, "mean": {"x": -1, "y": -1}}, "second": None},
            "t2": {"first": {"count": 1, "mean": {"x": 1, "y": -1}}, "second": None},
        }
    }
    assert apart("quadrant", corners) == 1.0  # the board's whole width
    assert apart("scale", {"tables": {"t1": {"first": {"count": 1, "mean": 3}}}}) is None
