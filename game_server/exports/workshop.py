"""One file for a whole workshop: what its plenary decided, then every table's record,
labelled by its table.

The workshop record (``workshop_record``) is the workshop (its tables, participants and
settings), its plenary room's record once the plenary was opened (``plenary``, null
before), and, per table, that table's ordinary room record (``record.py``). Each format
renders it from the per-room renderers, so a table reads the same in the workshop file
as in its own: each table's title carries its table's name ("Teamdag · Tafel 2"), the
CSV files gain a first column with the table, the workbook's sheets and the PDF's
bookmarks are named by table.

The reports (PDF, DOCX, Markdown) start with the plenary: its action points, what to
develop by votes, what is present, the open questions and the consensus across the
tables (``plenary_part``), each item once with its table. Then per table its detail: per
card its chart, figures and post-its. A table's own summary is left out once there is a
plenary (it would repeat every open question the plenary already lists); a workshop
without a plenary gives each table's whole report, as before.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..rules import workshop as ws
from ..rules.events import card_data
from ..rules.workshop.seating import TABLE_WORD
from ..stores.base import RoomStore
from .labels import Labels, local_time, session_title
from .record import FORMAT_VERSION, Record, load_record

WORKSHOP_FORMAT = "leerklimaat-workshop"


def is_workshop(record: Record) -> bool:
    return record.get("format") == WORKSHOP_FORMAT


def workshop_record(
    w: ws.Workshop,
    tables: list[tuple[ws.Table, Record]],
    *,
    version: int,
    exported_at: int,
    plenary: tuple[ws.Table, Record] | None = None,
) -> Record:
    return {
        "format": WORKSHOP_FORMAT,
        "format_version": FORMAT_VERSION,
        "workshop": {
            "code": w.code,
            "created_at": w.created_at,
            "version": version,
            "exported_at": exported_at,
            "title": session_title(w.title, w.options.language, w.created_at),
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
        "plenary": None
        if plenary is None
        else {
            "id": plenary[0].id,
            "name": plenary[0].name,
            "code": plenary[0].code,
            "record": plenary[1],
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
    plenary = None
    if w.plenary is not None:
        try:
            record = await load_record(
                store, w.plenary.code, exported_at=exported_at, library=library
            )
            plenary = (w.plenary, record)
        except RoomNotFound:
            pass  # opened, but its room not made yet: the tables are all there is
    return workshop_record(w, tables, version=version, exported_at=exported_at, plenary=plenary)


def plenary_of(record: Record) -> Record | None:
    """The plenary room's record, its title the workshop's; None before the plenary."""
    block = record.get("plenary")
    if not block:
        return None
    inner = copy.deepcopy(block["record"])
    inner["title"] = record["workshop"]["title"]
    return dict(inner)


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
    if name == "policy":
        from .to_policy import workshop_policy

        return workshop_policy(record)
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
    plenary = plenary_of(record)
    if plenary is not None:
        # The plenary's items: copies of the tables' post-its and pile cards, with their
        # table ("tafel" column), cluster and dots; first column the plenary's name.
        rows = post_it_rows(plenary)
        if not header_written:
            writer.writerow([TABLE_WORD[language], *(neutralise(c) for c in rows[0])])
            header_written = True
        for row in rows[1:]:
            writer.writerow([neutralise(record["plenary"]["name"]), *map(neutralise, row)])
    if not header_written:
        writer.writerow([TABLE_WORD[language]])
    return out.getvalue().encode("utf-8-sig")


def _markdown(record: Record) -> bytes:
    from .plenary_part import plenary_part
    from .to_markdown import _plenary, action_lines, escape, per_card_lines, to_markdown

    w = record["workshop"]
    parts = [f"# {escape(w['title'], hashes=True)}\n"]
    plenary = plenary_of(record)
    if plenary is None:
        for table, inner in labelled(record):
            parts.append(f"\n---\n\n<!-- {escape(table['name'])} -->\n\n")
            parts.append(to_markdown(inner).decode("utf-8"))
        return "".join(parts).encode("utf-8")
    labels = Labels(w["options"]["language"])
    from .record import cards_by_id

    lines = ["", f"## {escape(record['plenary']['name'])}: {labels['plenary_decisions']}", ""]
    lines += _plenary(plenary_part(plenary, labels), labels, cards_by_id(plenary))
    lines += [f"## {labels['per_table']}", ""]
    for _table, inner in labelled(record):
        lines += [f"### {escape(inner['title'], hashes=True)}", ""]
        actions = plenary_part(inner, labels).actions
        if actions:  # made at the table before the plenary: kept with the table
            lines += action_lines(actions, labels, cards_by_id(inner), level=4)
        lines += per_card_lines(inner, labels, level=4)
    parts.append("\n".join(lines) + "\n")
    return "".join(parts).encode("utf-8")


def _xlsx(record: Record) -> bytes:
    from openpyxl import Workbook

    from . import to_xlsx

    Builder = Callable[[Any, Record, Labels], None]
    table_sheets: tuple[Builder, ...] = (
        to_xlsx._overview,
        to_xlsx._post_its,
        to_xlsx._placements,
        to_xlsx._cards,
        to_xlsx._piles,
        to_xlsx._action_points,
    )
    plenary_sheets: tuple[Builder, ...] = (
        to_xlsx._overview,
        to_xlsx._post_its,
        to_xlsx._plenary,
        to_xlsx._consensus,
        to_xlsx._action_points,
    )
    parts = [(str(table["id"]), inner, table_sheets) for table, inner in labelled(record)]
    plenary = plenary_of(record)
    if plenary is not None:
        parts.insert(0, (str(record["plenary"]["name"]), plenary, plenary_sheets))
    wb = Workbook()
    before: set[str] = set()
    for n, (prefix, inner, builders) in enumerate(parts):
        labels = Labels(inner["options"]["language"])
        if n:
            wb.active = wb.create_sheet()  # the builders' first sheet is the active one
            before = set(wb.sheetnames) - {wb.active.title}
        for build in builders:
            build(wb, inner, labels)
        for sheet in wb.worksheets:
            if sheet.title not in before and not sheet.title.startswith(f"{prefix} "):
                sheet.title = f"{prefix} {sheet.title}"[:31]
        before = set(wb.sheetnames)
    wb.properties.title = record["workshop"]["title"]
    wb.properties.creator = "Leerklimaat online"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx(record: Record) -> bytes:
    from docx.enum.text import WD_BREAK

    from .to_docx import _Report

    plenary = plenary_of(record)
    first: _Report | None = None
    if plenary is not None:
        first = _Report(plenary)
        w = record["workshop"]
        first.title_page(workshop=(w["code"], w["created_at"]))
        first.summary()  # ends with a page break
        labels = Labels(record["workshop"]["options"]["language"])
        first.doc.add_heading(labels["per_table"], level=1)
    for n, (_table, inner) in enumerate(labelled(record)):
        report = _Report(inner)
        if first is None:
            first = report
        else:
            report.doc = first.doc
            if n or plenary is None:
                first.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if plenary is None:
            report.title_page()
            report.summary()
            report.per_card()
        else:
            first.doc.add_heading(inner["title"], level=2)
            if inner["action_points"]:  # made at the table: kept with the table
                report.action_points(level=3)
            report.per_card(titled=False)
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


def _outline(reader: Any) -> list[tuple[str, int, int]]:
    """A PDF's bookmarks, flattened: title, page, depth."""
    found: list[tuple[str, int, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((str(item.title), reader.get_destination_page_number(item), depth))

    walk(reader.outline, 0)
    return found


def _pdf(record: Record) -> bytes:
    """With a plenary: one document, the plenary's title page and decisions, then per
    table its cards; bookmarks "Plenair" with a child per heading, then each table with a
    child per card. Without: each table's report, joined, a bookmark per table with its
    chapters below it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, NameObject, TextStringObject

    from .to_pdf import _Report, to_pdf

    plenary = plenary_of(record)
    if plenary is not None:
        # One document: page numbers run on, bookmarks nest as they are drawn.
        report = _Report(plenary)
        w = record["workshop"]
        story = [
            *report.title_page(workshop=(w["code"], w["created_at"])),
            *report.summary(bookmark=record["plenary"]["name"]),
        ]
        for table, inner in labelled(record):
            part = _Report(inner)
            cards = part.per_card(title=inner["title"], bookmark=table["name"])
            if inner["action_points"]:  # made at the table: kept with the table
                cards = [*cards[:2], *part.action_points(), *cards[2:]]
            story += cards
        labels = report.labels
        footer = (
            f"{labels['app']} · {labels['workshop']} {w['code']} · {labels.date(w['created_at'])}"
        )
        return report.build(story, footer=footer)
    writer = PdfWriter()
    for table, inner in labelled(record):
        start = len(writer.pages)
        reader = PdfReader(io.BytesIO(to_pdf(inner)))
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=table["name"], page_number=start)
        for child, page, depth in _outline(reader):
            if depth == 0:
                writer.add_outline_item(title=child, page_number=start + page, parent=parent)
    writer.add_metadata({"/Title": record["workshop"]["title"]})
    language = record["workshop"]["options"]["language"]
    writer.root_object[NameObject("/Lang")] = TextStringObject(
        "nl-NL" if language == "nl" else "en-GB"
    )
    writer.page_mode = "/UseOutlines"
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
