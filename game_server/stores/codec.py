"""The one codec of entries: to and from the text a store keeps (SQLite's columns, a Redis
entry, which is also the message the fan-out sends between processes).

Events and results are stored as compact JSON text, not pickles or msgpack, so a data
directory can be read with nothing more than the ``sqlite3`` command-line tool.

Only JSON-shaped values survive a round trip unchanged: dicts with string keys, lists, str,
int, float (finite), bool and None. A tuple comes back as a list, which compares unequal
to the tuple, and a non-string dict key comes back as a string, so callers should build
events from lists and string keys. Values that JSON cannot express at all (sets, bytes,
NaN, arbitrary objects) are refused when encoding, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .base import Entry, JSONValue


def encode_json(value: Any) -> str:
    """Compact JSON text for ``value``; ValueError if it is not JSON-shaped."""
    try:
        # ensure_ascii=False keeps Dutch text and emoji readable in the sqlite3 CLI.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not JSON-shaped: {exc}") from exc


def encode_events(events: Sequence[dict[str, JSONValue]]) -> str:
    """The events of an entry as a JSON array."""
    return encode_json(list(events))


def encode_entry(entry: Entry) -> str:
    """One entry as one compact JSON document (Redis keeps it; the fan-out sends it)."""
    return encode_json(
        {
            "v": entry.version,
            "k": entry.command_key,
            "at": entry.at,
            "e": list(entry.events),
            "r": entry.result,
        }
    )


def decode_entry(raw: str | bytes) -> Entry:
    """The inverse of ``encode_entry``."""
    data = json.loads(raw)
    return Entry(
        version=int(data["v"]),
        command_key=str(data["k"]),
        events=data["e"],
        at=int(data["at"]),
        result=data["r"],
    )


def entry_from_columns(version: int, command_key: str, at: int, events: str, result: str) -> Entry:
    """Rebuild an entry from SQLite's columns (events and result are separate JSON texts,
    written with ``encode_events`` and ``encode_json``)."""
    decoded_events: list[dict[str, JSONValue]] = json.loads(events)
    decoded_result: dict[str, JSONValue] = json.loads(result)
    return Entry(
        version=version,
        command_key=command_key,
        events=decoded_events,
        at=at,
        result=decoded_result,
    )
