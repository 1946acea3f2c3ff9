"""The complete game record as JSON: for archiving, and for ``leerklimaat import``."""

from __future__ import annotations

import json

from .record import Record


def to_json(record: Record) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
