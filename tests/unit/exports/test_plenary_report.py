"""The reports open with what the plenary decided: actions, then what is still to develop
(by votes, with its dots), what is present, the open questions; clusters with their
post-its; and the sheets carry clusters and dots. Rendered from the format-2 record (a
cluster voted to the top, an action point made from it)."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
from pypdf import PdfReader

from game_server.exports.to_csv import to_csv
from game_server.exports.to_docx import to_docx
from game_server.exports.to_markdown import to_markdown
from game_server.exports.to_pdf import to_pdf
from game_server.exports.to_xlsx import to_xlsx

from .make_format_2 import rich_record

ORDER = (
    "Een leeruur per week",  # the action point
    "Elementen die nog ontwikkeld dienen te worden",
    "Tijd om te leren",  # the top cluster, 3 dots
    "Elementen die al aanwezig zijn",
    "Vragen die zijn blijven liggen",
    "Mag dat in werktijd?",
    "Per kaart",
)


def in_order(text: str) -> None:
    """Each part of ORDER comes after the one before it."""
    at = 0
    for part in ORDER:
        at = text.index(part, at) + len(part)


def test_markdown_opens_with_the_decisions() -> None:
    md = to_markdown(rich_record()).decode()
    in_order(md)
    assert "Tijd om te leren (Cluster · 2 post-its) — **3 stippen**" in md
    assert "   - groen: Geen tijd om te leren — Anna" in md
    assert "**Van:** Tijd om te leren" in md
    assert md.count("Mag dat in werktijd?") == 2  # once in the plenary, once with its card


def test_docx_and_pdf_open_with_the_decisions() -> None:
    document = docx.Document(io.BytesIO(to_docx(rich_record())))
    word = "\n".join(p.text for p in document.paragraphs)
    word += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Tijd om te leren — 3 stippen" in word and "1 stip" in word
    reader = PdfReader(io.BytesIO(to_pdf(rich_record())))
    pdf = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    in_order(pdf)
    assert "— 3 stippen" in pdf


def test_sheets_carry_clusters_and_dots() -> None:
    record = rich_record()
    rows = list(csv.reader(io.StringIO(to_csv(record).decode("utf-8-sig"))))
    clustered = [r for r in rows[1:] if r[10] == "Tijd om te leren"]
    assert len(clustered) == 2 and all(r[11] == "3" for r in clustered)
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(record)))
    plenary = [row for row in wb["Plenair"].iter_rows(values_only=True)][1:]
    assert plenary[0][2:5] == ("Tijd om te leren", "Cluster · 2 post-its", 3)
