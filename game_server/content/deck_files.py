"""Decks the facilitator writes in the browser: check them, read them from a YAML, XLSX or
CSV upload, and write them as YAML (the ``cards/`` format) or XLSX (one row per card).

Pure functions over bytes and dicts, no I/O: the HTTP routes in
``transport/deck_routes.py`` call them, and nothing is stored. Validation is the content
models' (``models.Deck``), so a deck made in the browser passes ``leerklimaat
check-content`` once it is saved into ``cards/``. Every problem names where it is: the
line of a YAML file, the row and column of a table, the field of a deck sent as JSON.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook, load_workbook
from pydantic import ValidationError
from ruamel.yaml import YAML

from .loader import _error_loc, _format_loc, issue, read_deck
from .models import Deck
from .problems import DeckProblem, ProblemCodeLiteral, english

MAX_UPLOAD_BYTES = 1024 * 1024
"""The largest file read: a deck of 60 cards in two languages is well under 200 KB."""
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
"""An XLSX is a zip: the most it may unpack to (a small zip can unpack to gigabytes)."""
MAX_ROWS = 200
"""The most card rows read from a table; a room opens with at most 60 cards."""

CARD_COLUMNS = ("id", "kind", "title_nl", "title_en", "text_nl", "text_en", "minutes")
"""The columns of the card sheet (XLSX) or of a CSV file, in this order when written."""
DECK_KEYS = (
    "id",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "source",
    "board",
    "minutes",
)
"""The rows (key, value) of the XLSX sheet ``deck``."""
CARDS_SHEET = "kaarten"
DECK_SHEET = "deck"
_KIND_WORDS = {"stelling": "statement", "casus": "case", "casuskaart": "case"}
"""Dutch words for a card kind, accepted in a table (people type them in Excel)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck, and where: ``line`` (YAML), ``row`` and ``column``
    (a table, rows counted as in Excel), ``field`` (the deck's key path, e.g.
    ``cards[2].text.nl``) and ``card`` (the card's index) whenever they apply.

    What is wrong is a ``code`` with ``params`` (``problems.py``), never a sentence: the
    browser says it in the facilitator's language; ``message`` is the English text."""

    code: ProblemCodeLiteral
    params: dict[str, Any] = _field(default_factory=dict)
    field: str = ""
    card: int | None = None
    line: int | None = None
    row: int | None = None
    column: str | None = None

    @property
    def message(self) -> str:
        return english(self.code, self.params)

    def as_json(self) -> DeckProblem:
        return {
            "code": self.code,
            "params": self.params,
            "message": self.message,
            "field": self.field,
            "card": self.card,
            "line": self.line,
            "row": self.row,
            "column": self.column,
        }


Result = tuple[Deck | None, list[Problem]]


# --- checking a deck given as data ---------------------------------------------------------


def check_deck(data: Any, boards: Collection[str]) -> Result:
    """A deck as JSON-shaped data (from the browser), validated by the content models.

    A card or deck text given in one language only is used for both (the browser lets a
    facilitator write only Dutch); the deck file written from it then has both, as
    ``cards/`` requires.
    """
    if not isinstance(data, dict):
        return None, [Problem("not_a_deck")]
    filled = _both_languages(data)
    try:
        deck = Deck.model_validate(filled)
    except ValidationError as exc:
        return None, [_problem(err) for err in exc.errors()]
    if deck.board is not None and deck.board not in boards:
        return None, [_no_board(deck.board, boards)]
    return deck, []


def _no_board(board: str, boards: Collection[str], column: str | None = None) -> Problem:
    return Problem(
        "no_board", {"board": board, "available": sorted(boards)}, "board", column=column
    )


def _problem(err: Any, *, rows: bool = False) -> Problem:
    loc = _error_loc(err, is_board=False)
    where = _format_loc(loc)
    code, params = issue(err, loc, Deck)
    card = loc[1] if len(loc) > 1 and loc[0] == "cards" and isinstance(loc[1], int) else None
    if not rows:
        return Problem(code, params, where, card)
    if card is not None:
        column = "_".join(str(p) for p in loc[2:]) or None
        return Problem(code, params, where, card, row=card + 2, column=column)
    return Problem(code, params, where, column="_".join(str(p) for p in loc) or None)


def _both_languages(data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("name", "description"):
        out[key] = _fill(out.get(key))
    cards = out.get("cards")
    if isinstance(cards, list):
        out["cards"] = [_card_languages(c) if isinstance(c, dict) else c for c in cards]
    return out


def _card_languages(card: dict[str, Any]) -> dict[str, Any]:
    out = {**card, "text": _fill(card.get("text"))}
    if card.get("title"):
        out["title"] = _fill(card["title"])
    return out


def _fill(value: Any) -> Any:
    """``{"nl": "x"}`` or ``{"nl": "x", "en": ""}`` as ``{"nl": "x", "en": "x"}``."""
    if not isinstance(value, dict):
        return value
    nl, en = value.get("nl"), value.get("en")
    if _blank(en) and isinstance(nl, str) and not _blank(nl):
        return {**value, "en": nl}
    if _blank(nl) and isinstance(en, str) and not _blank(en):
        return {**value, "nl": en}
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- reading an upload ---------------------------------------------------------------------


def read_upload(raw: bytes, name: str, boards: Collection[str]) -> Result:
    """A deck file the facilitator dropped: YAML, XLSX or CSV, told apart by its name."""
    if len(raw) > MAX_UPLOAD_BYTES:
        return None, [Problem("file_too_big", {"kb": MAX_UPLOAD_BYTES // 1024})]
    suffix = Path(name).suffix.lower()
    if suffix in (".yaml", ".yml"):
        deck, errors = read_deck(raw, name, boards)
        return deck, [_yaml_problem(e.line, e.code, e.params, e.field) for e in errors]
    if suffix == ".xlsx":
        return _read_xlsx(raw, name, boards)
    if suffix in (".csv", ".txt"):
        return _read_csv(raw, name, boards)
    return None, [Problem("unknown_file_kind")]


def _yaml_problem(line: int | None, code: str, params: dict[str, Any], where: str) -> Problem:
    match = re.match(r"cards\[(\d+)\]", where)
    return Problem(
        cast(ProblemCodeLiteral, code),
        params,
        where,
        int(match.group(1)) if match else None,
        line=line,
    )


def _read_xlsx(raw: bytes, name: str, boards: Collection[str]) -> Result:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            return None, [Problem("unpacks_too_big", {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)})]
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        return None, [Problem("not_xlsx")]
    try:
        cards_sheet = book[CARDS_SHEET] if CARDS_SHEET in book.sheetnames else book.worksheets[0]
        rows = [list(r) for r in cards_sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True)]
        meta: dict[str, Any] = {}
        if DECK_SHEET in book.sheetnames and book[DECK_SHEET] is not cards_sheet:
            for row in book[DECK_SHEET].iter_rows(max_row=50, values_only=True):
                if row and isinstance(row[0], str) and len(row) > 1:
                    meta[row[0].strip().lower()] = row[1]
    finally:
        book.close()
    return _from_table(rows, meta, name, boards)


def _read_csv(raw: bytes, name: str, boards: Collection[str]) -> Result:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves CSV so
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append(list(row))
        if len(rows) > MAX_ROWS + 1:
            break
    return _from_table(rows, {}, name, boards)


def _from_table(
    rows: list[list[Any]], meta: dict[str, Any], name: str, boards: Collection[str]
) -> Result:
    rows = [r for r in rows if any(_cell(v) for v in r)] if rows else []
    if not rows:
        return None, [Problem("no_rows")]
    header = [_cell(v).lower() for v in rows[0]]
    unknown = [h for h in header if h and h not in CARD_COLUMNS]
    columns = list(CARD_COLUMNS)
    problems = [
        Problem("unknown_column", {"column": h, "columns": columns}, row=1, column=h)
        for h in unknown
    ]
    if "text_nl" not in header and "text_en" not in header:
        problems.append(Problem("text_column_needed", row=1))
    if len(rows) - 1 > MAX_ROWS:
        problems.append(Problem("too_many_rows", {"max": MAX_ROWS}, row=MAX_ROWS + 2))
    if problems:
        return None, problems
    cards = []
    for number, row in enumerate(rows[1:], start=1):
        values = {h: _cell(row[i]) if i < len(row) else "" for i, h in enumerate(header) if h}
        card: dict[str, Any] = {
            "id": values.get("id") or f"kaart-{number}",
            "kind": _KIND_WORDS.get(values.get("kind", "").lower(), values.get("kind", "").lower())
            or "statement",
            "text": {"nl": values.get("text_nl", ""), "en": values.get("text_en", "")},
        }
        if values.get("title_nl") or values.get("title_en"):
            card["title"] = {"nl": values.get("title_nl", ""), "en": values.get("title_en", "")}
        if values.get("minutes"):
            card["minutes"] = _number(values["minutes"])
        cards.append(card)
    stem = Path(name).stem
    data: dict[str, Any] = {
        "id": _cell(meta.get("id")) or slug(stem),
        "name": {"nl": _cell(meta.get("name_nl")) or stem, "en": _cell(meta.get("name_en"))},
        "description": {
            "nl": _cell(meta.get("description_nl")) or "Eigen kaarten.",
            "en": _cell(meta.get("description_en")) or "Own cards.",
        },
        "source": _cell(meta.get("source")) or f"Eigen kaarten ({Path(name).name})",
        "cards": cards,
    }
    if _cell(meta.get("board")):
        data["board"] = _cell(meta.get("board"))
    if _cell(meta.get("minutes")):
        data["minutes"] = _number(_cell(meta.get("minutes")))
    filled = _both_languages(data)
    try:
        deck = Deck.model_validate(filled)
    except ValidationError as exc:
        return None, [_problem(err, rows=True) for err in exc.errors()]
    if deck.board is not None and deck.board not in boards:
        return None, [_no_board(deck.board, boards, column="board")]
    return deck, []


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number(text: str) -> Any:
    """A whole number typed in a cell; anything else is left for the model to refuse."""
    return int(text) if re.fullmatch(r"\d{1,3}", text) else text


def slug(text: str) -> str:
    """A valid deck or card id made from a name: ``Ons Team (1)`` -> ``ons-team-1``."""
    folded = text.lower().translate(
        str.maketrans("àáâäãåèéêëìíîïòóôöõùúûüýÿñç", "aaaaaaeeeeiiiiooooouuuuyync")
    )
    made = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40].strip("-")
    return made or "eigen-kaarten"


# --- writing ---------------------------------------------------------------------------------


def deck_data(deck: Deck) -> dict[str, Any]:
    """The deck as plain data in the key order of ``cards/`` files, no empty keys."""
    return deck.model_dump(mode="json", exclude_none=True)


def write_yaml(deck: Deck) -> str:
    """The deck as a ``cards/`` file: valid for ``leerklimaat check-content``."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # one line per text: easier to edit than wrapped lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    buffer.write(
        "# A deck written in Leerklimaat online. Format: docs/content.md.\n"
        f"# Put it in cards/ as {deck.id}.yaml to offer it to every facilitator.\n"
    )
    yaml.dump(deck_data(deck), buffer)
    return buffer.getvalue()


def write_xlsx(deck: Deck) -> bytes:
    """The deck as a workbook: sheet ``kaarten`` with one row per card, sheet ``deck``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = CARDS_SHEET
    sheet.append(list(CARD_COLUMNS))
    for card in deck.cards:
        sheet.append(
            [
                card.id,
                card.kind,
                card.title.nl if card.title else None,
                card.title.en if card.title else None,
                card.text.nl,
                card.text.en,
                card.minutes,
            ]
        )
    meta = book.create_sheet(DECK_SHEET)
    values = {
        "id": deck.id,
        "name_nl": deck.name.nl,
        "name_en": deck.name.en,
        "description_nl": deck.description.nl,
        "description_en": deck.description.en,
        "source": deck.source,
        "board": deck.board,
        "minutes": deck.minutes,
    }
    for key in DECK_KEYS:
        meta.append([key, values[key]])
    for ws in (sheet, meta):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, even when it starts with "="
    sheet.column_dimensions["E"].width = 60
    sheet.column_dimensions["F"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def deck_from_cards(cards: Iterable[Any], meta: Deck) -> Deck:
    """A room's copy of its cards (``rules.Card``) of one deck, as that deck again: what a
    played room gives back when its deck is saved. ``meta`` supplies name, description,
    source, board and minutes; the cards are the room's, ids without the deck prefix."""
    data = deck_data(meta)
    data["cards"] = [
        {
            "id": card.id.partition("/")[2] or card.id,
            "kind": card.kind,
            **({"title": dict(card.title)} if card.title else {}),
            "text": dict(card.prompt or card.text),
            **({"minutes": card.minutes} if card.minutes != meta.minutes and card.minutes else {}),
        }
        for card in cards
    ]
    return Deck.model_validate(data)
