"""Entries to and from the text columns of a store.

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


def decode_entry(version: int, command_key: str, at: int, events: str, result: str) -> Entry:
    """Rebuild an entry from its stored columns."""
    decoded_events: list[dict[str, JSONValue]] = json.loads(events)
    decoded_result: dict[str, JSONValue] = json.loads(result)
    return Entry(
        version=version,
        command_key=command_key,
        events=decoded_events,
        at=at,
        result=decoded_result,
    )
