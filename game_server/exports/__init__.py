"""Exports: everything a room's groups wrote and decided, in the files L&D and HR use.

One module per format, each a function from the game record (``record.py``) to bytes.
The HTTP download (``transport/downloads.py``) and the CLI (``exports/cli.py``) both go
through ``FORMATS`` and ``render``, so a file downloaded during the game and one exported
from the store after the server stopped are made by the same code.

The format modules are imported on first use: matplotlib, reportlab and python-docx are
not loaded by a server that never makes a report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import cast

from .labels import local_time
from .record import FORMAT_VERSION, Record, content_of, load_record, record_from_entries, record_of


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extension: str
    media_type: str
    module: str
    function: str
    description: str
    suffix: str = ""
    """Added to the file name, so two formats with one extension get different names."""

    def load(self) -> Callable[[Record], bytes]:
        return cast(Callable[[Record], bytes], getattr(import_module(self.module), self.function))

    def render(self, record: Record) -> bytes:
        return self.load()(record)


def _format(
    name: str, ext: str, media: str, module: str, function: str, text: str, suffix: str = ""
) -> Format:
    return Format(name, ext, media, f"{__name__}.{module}", function, text, suffix)


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        _format("csv", "csv", "text/csv; charset=utf-8", "to_csv", "to_csv", "post-its, comma"),
        _format(
            "csv-semicolon",
            "csv",
            "text/csv; charset=utf-8",
            "to_csv",
            "to_csv_semicolon",
            "post-its, semicolon (Dutch Excel)",
            "-excel",
        ),
        _format("xlsx", "xlsx", _XLSX, "to_xlsx", "to_xlsx", "Excel workbook, all data"),
        _format("json", "json", "application/json", "to_json", "to_json", "game record"),
        _format(
            "md", "md", "text/markdown; charset=utf-8", "to_markdown", "to_markdown", "summary"
        ),
        _format("pdf", "pdf", "application/pdf", "to_pdf", "to_pdf", "printable report"),
        _format("docx", "docx", _DOCX, "to_docx", "to_docx", "report for Word"),
        _format(
            "policy",
            "docx",
            _DOCX,
            "to_policy",
            "to_policy",
            "learning policy section for Word",
            "-beleid",
        ),
    )
}


def file_name(record: Record, fmt: Format) -> str:
    """``leerklimaat-KMP47X-2025-03-14.pdf``: the room code and the session's date (and
    ``-excel`` before ``.csv`` for the semicolon CSV, so a browser does not save the two
    CSV files as ``….csv`` and ``… (1).csv``)."""
    from .workshop import file_name as workshop_file_name
    from .workshop import is_workshop

    if is_workshop(record):
        return workshop_file_name(record, fmt.extension, fmt.suffix)
    day = local_time(record["room"]["created_at"]).date().isoformat()
    return f"leerklimaat-{record['room']['code']}-{day}{fmt.suffix}.{fmt.extension}"


def render(record: Record, name: str) -> bytes:
    """The export of ``record`` in format ``name`` (a key of FORMATS); a workshop's record
    (``workshop.py``) gives the one file of the whole workshop."""
    from .workshop import is_workshop, render_workshop

    if is_workshop(record):
        return render_workshop(record, FORMATS[name].name)
    return FORMATS[name].render(record)


__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "Format",
    "Record",
    "content_of",
    "file_name",
    "load_record",
    "record_from_entries",
    "record_of",
    "render",
]
