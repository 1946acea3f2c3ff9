"""The one rule for text that people type: what characters a text field may hold.

Every text field schema (commands, the join name, the room title, imported records, deck
files) validates with ``plain_text``, so a text the server accepts can be shown on every
screen and written into every export format. XLSX and DOCX are XML 1.0 documents, so the
rule is XML 1.0's character set, minus what no person types on purpose:

- control characters: C0 (U+0000-U+001F) except tab and newline, DEL, and C1
  (U+0080-U+009F). Carriage return is refused too: a new line is ``\\n`` only;
- surrogates (U+D800-U+DFFF): a lone one can reach us through a JSON ``\\ud800`` escape;
- the 66 Unicode non-characters: U+FDD0-U+FDEF and the last two code points of every
  plane (U+FFFE, U+FFFF, U+1FFFE, ..., U+10FFFF).
"""

from __future__ import annotations

import re

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

_NON_CHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NOT_TEXT = re.compile(f"[\ud800-\udfff\ufdd0-\ufdef{_NON_CHARACTERS}]")
_LINE_BREAKS = re.compile("[\n\t\u2028\u2029]")
"""What ``one_line`` refuses beside what ``plain_text`` refuses: a new line, a tab, and
Unicode's line and paragraph separators (a browser or a Word document breaks the line
there too)."""


def _refuse(kind: str, message: str) -> PydanticCustomError:
    # A custom error, not a ValueError: its message reaches clients and file authors as
    # is, without pydantic's "Value error, " in front.
    return PydanticCustomError(kind, message)


def plain_text(value: str) -> str:
    """``value`` unchanged, or an error naming the first character no field may hold."""
    if _CONTROL.search(value):
        raise _refuse("text_control", "contains control characters")
    found = _NOT_TEXT.search(value)
    if found:
        raise _refuse(
            "text_character",
            f"contains U+{ord(found.group()):04X}, which is not a text character",
        )
    return value


def one_line(value: str) -> str:
    if _LINE_BREAKS.search(value):
        raise _refuse("text_lines", "must be a single line")
    return value


def as_one_line(value: str) -> str:
    """``value`` as ``one_line`` and ``plain_text`` would accept it: every run of line
    breaks, tabs, control characters and spaces one space. For text that reached the store
    before the rule did (a stored title is shown, never refused)."""
    value = _NOT_TEXT.sub("", value)
    return " ".join(_CONTROL.sub(" ", _LINE_BREAKS.sub(" ", value)).split())


def not_blank(value: str) -> str:
    """Trimmed of surrounding white space; an error if nothing is left."""
    value = value.strip()
    if not value:
        raise _refuse("text_empty", "must not be empty")
    return value


def typed_text(value: str) -> str:
    """What every text field checks: ``plain_text``, then trimmed and not empty."""
    return not_blank(plain_text(value))


TYPED_TEXT = AfterValidator(typed_text)
"""Put in a text field's ``Annotated[str, Field(max_length=...), TYPED_TEXT]``."""
ONE_LINE = AfterValidator(one_line)
