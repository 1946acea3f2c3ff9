"""Writes ``format-3.json``, the export of a workshop's plenary room as format_version 3
wrote it: items gathered from three tables with their table labels (authors where the
table was not anonymous, cards a table put on a pile), a cluster across two tables, a
revealed dot vote, action points, and the consensus picture across the tables.

Run once when a format version is introduced (``python -m tests.unit.exports.make_format_3``);
the file is then kept as it is, so that every later server is tested on reading it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .plenary_room import plenary_record


def rich_record() -> dict[str, Any]:
    return dict(json.loads(json.dumps(plenary_record())))


if __name__ == "__main__":
    out = Path(__file__).with_name("format-3.json")
    out.write_text(json.dumps(rich_record(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
