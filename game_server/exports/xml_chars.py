"""Characters XML 1.0 cannot carry, removed from the record before any format sees it.

The server refuses such characters when they are typed, chosen as a name or imported, but
a room stored before that rule (or written by an older server) may still hold one. Word
and Excel files are XML, so a single U+FFFE in a post-it would stop the whole export; the
report is worth more than that one character. Non-characters (U+FDD0–U+FDEF and the last
two code points of every plane) are removed too: they are not meant for interchange, and
the JSON export must stay importable under the same rule.
"""

from __future__ import annotations

import re
from typing import Any

_NOT_CARRIED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def carried(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_CARRIED.sub("", text)


def carried_everywhere(value: Any) -> Any:
    """``value`` (JSON-shaped) with every string, also every key, ``carried``."""
    if isinstance(value, str):
        return carried(value)
    if isinstance(value, dict):
        return {carried_everywhere(k): carried_everywhere(v) for k, v in value.items()}
    if isinstance(value, list):
        return [carried_everywhere(v) for v in value]
    return value
