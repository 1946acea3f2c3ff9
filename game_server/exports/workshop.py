"""One file for a whole workshop: every table's record, labelled by its table.

The workshop record (``workshop_record``) is the workshop (its tables, participants and
settings) and, per table, that table's ordinary room record (``record.py``). Each format
renders it from the per-table renderers, so a table reads the same in the workshop file
as in its own: each table's title carries its table's name ("Teamdag · Tafel 2"), the
CSV files gain a first column with the table, the workbook's sheets and the PDF's
bookmarks are named by table, and the report documents follow one another.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from ..rules import workshop as ws
from ..rules.events import card_data
from ..stores.base import RoomStore
from .labels import Labels, local_time
from .record import FORMAT_VERSION, Record, load_record

WORKSHOP_FORMAT = "leerklimaat-workshop"
TABLE_WORD = {"nl": "Tafel", "en": "Table"}


def is_workshop(record: Record) -> bool:
    return record.get("format") == WORKSHOP_FORMAT


def workshop_record(
    w: ws.Workshop, tables: list[tuple[ws.Table, Record]], *, version: int, exported_at: int
) -> Record:
    return {
        "format": WORKSHOP_FORMAT,
        "format_version": FORMAT_VERSION,
        "workshop": {
            "code": w.code,
            "created_at": w.created_at,
            "version": version,
            "exported_at": exported_at,
            "title": w.title,
            "phase": w.phase,
            "options": w.options.model_dump(),
            "board": {
                "id": w.board.id,
                "kind": w.board.kind,
                "size": w.board.size,
                "spec": json.loads(json.dumps(dict(w.board.spec))),
            },
            "cards": [card_data(w.cards[c]) for c in w.agenda],
            "tables_mode": w.tables_mode.as_dict(),
            "seating": w.seating,
            "steering": w.steering,
            "participants": [
                {
                    "id": p.id,
                    "name": p.name,
                    "table_id": p.table_id,
                    "joined_at": p.joined_at,
                    "removed": p.removed,
                }
                for p in w.participants.values()
            ],
        },
        "tables": [
            {"id": t.id, "name": t.name, "code": t.code, "record": record} for t, record in tables
        ],
    }


async def load_workshop_record(
    store: RoomStore, w: ws.Workshop, *, version: int, exported_at: int, library: Any = None
) -> Record:
    """The workshop's record, each table read from the store (a table never opened,
    e.g. made in size mode but never sat at, is left out)."""
    from ..stores.base import RoomNotFound

    tables = []
    for table in w.tables.values():
        try:
            record = await load_record(store, table.code, exported_at=exported_at, library=library)
        except RoomNotFound:
            continue
        tables.append((table, record))
    return workshop_record(w, tables, version=version, exported_at=exported_at)


def labelled(record: Record) -> list[tuple[dict[str, Any], Record]]:
    """Each table and its record, the record's title carrying the table's name."""
    out = []
    for table in record["tables"]:
        inner = copy.deepcopy(table["record"])
        inner["title"] = f"{inner['title']} · {table['name']}"
        out.append((table, inner))
    return out


def file_name(record: Record, extension: str, suffix: str = "") -> str:
    w = record["workshop"]
    day = local_time(w["created_at"]).date().isoformat()
    return f"leerklimaat-workshop-{w['code']}-{day}{suffix}.{extension}"


def render_workshop(record: Record, name: str) -> bytes:
    if name == "json":
        return json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
    if name in ("csv", "csv-semicolon"):
        return _csv(record, ";" if name == "csv-semicolon" else ",")
    if name == "md":
        return _markdown(record)
    if name == "xlsx":
        return _xlsx(record)
    if name == "docx":
        return _docx(record)
    if name == "pdf":
        return _pdf(record)
    raise KeyError(name)


def _csv(record: Record, delimiter: str) -> bytes:
    from .to_csv import neutralise, post_it_rows

    language = record["workshop"]["options"]["language"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    header_written = False
    for table, inner in labelled(record):
        rows = post_it_rows(inner)
        if not header_written:
            writer.writerow([TABLE_WORD[language], *(neutralise(c) for c in rows[0])])
            header_written = True
        for row in rows[1:]:
            writer.writerow([neutralise(table["name"]), *(neutralise(c) for c in row)])
    if not header_written:
        writer.writerow([TABLE_WORD[language]])
    return out.getvalue().encode("utf-8-sig")


def _markdown(record: Record) -> bytes:
    from .to_markdown import escape, to_markdown

    w = record["workshop"]
    parts = [f"# {escape(w['title'], hashes=True)}\n"]
    for table, inner in labelled(record):
        parts.append(f"\n---\n\n<!-- {escape(table['name'])} -->\n\n")
        parts.append(to_markdown(inner).decode("utf-8"))
    return "".join(parts).encode("utf-8")


def _xlsx(record: Record) -> bytes:
    from openpyxl import Workbook

    from . import to_xlsx

    wb = Workbook()
    for n, (table, inner) in enumerate(labelled(record)):
        labels = Labels(inner["options"]["language"])
        if n:
            wb.active = wb.create_sheet()  # the builders' first sheet is the active one
        before = set(wb.sheetnames) - {wb.active.title} if n else set()
        for build in (
            to_xlsx._overview,
            to_xlsx._post_its,
            to_xlsx._placements,
            to_xlsx._cards,
            to_xlsx._piles,
            to_xlsx._action_points,
        ):
            build(wb, inner, labels)
        for sheet in wb.worksheets:
            if sheet.title not in before and not sheet.title.startswith(f"{table['id']} "):
                sheet.title = f"{table['id']} {sheet.title}"[:31]
        before = set(wb.sheetnames)
    wb.properties.title = record["workshop"]["title"]
    wb.properties.creator = "Leerklimaat online"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx(record: Record) -> bytes:
    from docx.enum.text import WD_BREAK

    from .to_docx import _Report

    first: _Report | None = None
    for _table, inner in labelled(record):
        report = _Report(inner)
        if first is None:
            first = report
        else:
            report.doc = first.doc
            first.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        report.title_page()
        report.summary()
        report.per_card()
    if first is None:
        from docx import Document

        doc = Document()
        doc.add_heading(record["workshop"]["title"], 0)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    first.doc.core_properties.title = record["workshop"]["title"]
    out = io.BytesIO()
    first.doc.save(out)
    return out.getvalue()


def _pdf(record: Record) -> bytes:
    from pypdf import PdfReader, PdfWriter

    from .to_pdf import to_pdf

    writer = PdfWriter()
    for table, inner in labelled(record):
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(to_pdf(inner))))
        writer.add_outline_item(title=table["name"], page_number=start)
    writer.add_metadata({"/Title": record["workshop"]["title"]})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
