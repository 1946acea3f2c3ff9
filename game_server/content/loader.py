"""Read the board and deck files and report every problem with its file and line.

The content root holds two folders: ``boards/*.yaml`` (one board per file) and
``cards/*.yaml`` (one deck per file). Each file's ``id`` must equal its file name without
``.yaml``. Files whose name starts with a dot (editor and macOS leftovers) are skipped.

Validation is done by the pydantic models in ``models.py``; this module only parses the
YAML (with ruamel, which remembers where every key and value was written), maps each
pydantic error location back to a line in the file, and does the few checks that span
more than one value: the file name, duplicate ids across files and a deck's board.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from game_server.content.models import (
    DUPLICATE_CARD_ID,
    ID_PATTERN,
    Board,
    Deck,
    QuadrantBoard,
    ScaleBoard,
    SessionPlan,
)
from game_server.content.problems import ID_HINT, ProblemCodeLiteral, english

ENV_VAR = "LEERKLIMAAT_CONTENT_DIR"
"""Environment variable that points at a content root (a folder with boards/ and cards/)."""

BOARDS_DIR = "boards"
DECKS_DIR = "cards"
PLANS_DIR = "plans"
"""Session plans; optional: a content root without this folder simply offers none."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # game_server/
_BOARD_ADAPTER: TypeAdapter[ScaleBoard | QuadrantBoard] = TypeAdapter(Board)
_BOARD_KINDS: dict[str, type[BaseModel]] = {"scale": ScaleBoard, "quadrant": QuadrantBoard}
_ID_HINT = ID_HINT

Loc = tuple[str | int, ...]


class ContentError(Exception):
    """A problem in a content file.

    ``path`` is relative to the content root (e.g. ``cards/leerklimaat.yaml``), ``line`` is
    1-based (None when no line applies, e.g. a missing folder), ``detail`` says what is wrong
    in English. A problem a facilitator can meet in an uploaded deck also has ``code`` and
    ``params`` (``problems.py``: the browser writes it in its own language) and ``field``,
    the key path it is about (``cards[2].text.nl``; empty for the whole file).
    """

    def __init__(
        self,
        path: Path,
        line: int | None,
        detail: str,
        *,
        code: str = "invalid",
        params: dict[str, Any] | None = None,
        field: str = "",
    ) -> None:
        super().__init__(path, line, detail)
        self.path = path
        self.line = line
        self.detail = detail
        self.code = code
        self.params = params or {}
        self.field = field

    def __str__(self) -> str:
        where = self.path.as_posix()
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.detail}"


@dataclass(frozen=True)
class Library:
    """All boards and decks, keyed by id."""

    boards: dict[str, Board]
    decks: dict[str, Deck]
    plans: dict[str, SessionPlan] = field(default_factory=dict)


def content_root() -> Path:
    """Where the content lives.

    ``$LEERKLIMAAT_CONTENT_DIR`` if set; else the repository root (the parent of
    ``game_server/``) if it has ``boards/`` and ``cards/``; else the copy packaged in
    ``game_server/content_files/``.
    """
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    repo = _PACKAGE_DIR.parent
    if (repo / BOARDS_DIR).is_dir() and (repo / DECKS_DIR).is_dir():
        return repo
    return _PACKAGE_DIR / "content_files"


def load_library(root: Path | None = None) -> Library:
    """Load every board and deck under ``root`` (default: ``content_root()``).

    Raises the first ContentError if anything is wrong; the others are attached to it as
    exception notes. Use ``check_library`` to get them all as a list.
    """
    library, errors = _scan(content_root() if root is None else Path(root))
    if errors:
        first = errors[0]
        if len(errors) > 1:
            first.add_note(f"... and {len(errors) - 1} more problem(s):")
            for other in errors[1:]:
                first.add_note(str(other))
        raise first
    return library


def check_library(root: Path | None = None) -> list[ContentError]:
    """Every problem in every content file under ``root``; an empty list means all is well."""
    return _scan(content_root() if root is None else Path(root))[1]


def read_deck(
    raw: bytes, name: str, boards: Collection[str]
) -> tuple[Deck | None, list[ContentError]]:
    """One deck file given as bytes (an upload), checked as ``check_library`` checks a file
    in ``cards/``, except that its id need not match ``name`` (browsers rename downloads:
    ``ons-team (1).yaml``). ``boards``: the board ids a deck may name."""
    file = _parse(raw, Path(name))
    model = _validate(file, is_board=False) if file.data is not None else None
    board = file.data.get("board") if isinstance(file.data, dict) else None
    if isinstance(board, str) and board not in boards and ("board",) not in file.bad_locs:
        params = {"board": board, "available": sorted(boards)}
        file.errors.append(_coded(file, ("board",), "no_board", params))
    file.errors.sort(key=lambda e: e.line or 0)
    return (model if isinstance(model, Deck) and not file.errors else None), file.errors


# --- scanning -------------------------------------------------------------------------


@dataclass
class _File:
    path: Path  # relative to the content root
    data: Any  # the parsed YAML (CommentedMap etc.), None if it could not be parsed
    errors: list[ContentError]
    bad_locs: set[Loc]  # locations pydantic already complained about


def _scan(root: Path) -> tuple[Library, list[ContentError]]:
    errors: list[ContentError] = []
    board_files = _load_folder(root, BOARDS_DIR, errors)
    deck_files = _load_folder(root, DECKS_DIR, errors)

    boards: dict[str, Board] = {}
    known_boards: set[str] = set()  # also boards whose file has errors: avoid follow-up errors
    for file, model in board_files:
        known_boards.add(file.path.stem)
        if isinstance(file.data, dict) and isinstance(file.data.get("id"), str):
            known_boards.add(file.data["id"])
        if isinstance(model, ScaleBoard | QuadrantBoard) and not file.errors:
            boards[model.id] = model

    decks: dict[str, Deck] = {}
    for file, model in deck_files:
        board = file.data.get("board") if isinstance(file.data, dict) else None
        if isinstance(board, str) and board not in known_boards and ("board",) not in file.bad_locs:
            available = ", ".join(sorted(boards)) or "none"
            detail = f"board: there is no board '{board}' (available: {available})"
            file.errors.append(_error(file, ("board",), detail))
        if isinstance(model, Deck) and not file.errors:
            decks[model.id] = model

    plan_files = _load_folder(root, PLANS_DIR, errors) if (root / PLANS_DIR).is_dir() else []
    plans: dict[str, SessionPlan] = {}
    for file, model in plan_files:
        if isinstance(model, SessionPlan):
            _check_plan(file, model, known_boards, decks)
            if not file.errors:
                plans[model.id] = model

    for file, _ in (*board_files, *deck_files, *plan_files):
        errors.extend(file.errors)
    errors.sort(key=lambda e: (e.path.as_posix(), e.line or 0))
    return Library(boards=boards, decks=decks, plans=plans), errors


def _check_plan(file: _File, plan: SessionPlan, boards: set[str], decks: dict[str, Deck]) -> None:
    """A plan's board, deck and cards must exist."""
    if plan.board not in boards:
        available = ", ".join(sorted(boards)) or "none"
        detail = f"board: there is no board '{plan.board}' (available: {available})"
        file.errors.append(_error(file, ("board",), detail))
    deck = decks.get(plan.deck)
    if deck is None:
        available = ", ".join(sorted(decks)) or "none"
        detail = f"deck: there is no (valid) deck '{plan.deck}' (available: {available})"
        file.errors.append(_error(file, ("deck",), detail))
        return
    known = {card.id for card in deck.cards}
    for index, card_id in enumerate(plan.cards or []):
        if card_id not in known:
            detail = f"cards[{index}]: the deck '{deck.id}' has no card '{card_id}'"
            file.errors.append(_error(file, ("cards", index), detail))
    if plan.cards is not None and len(set(plan.cards)) != len(plan.cards):
        file.errors.append(_error(file, ("cards",), "cards: a card is named twice"))


_Content = ScaleBoard | QuadrantBoard | Deck | SessionPlan


def _load_folder(
    root: Path, folder: str, errors: list[ContentError]
) -> list[tuple[_File, _Content | None]]:
    """Read and validate every file in one folder; ids must be unique within the folder."""
    directory = root / folder
    if not directory.is_dir():
        errors.append(ContentError(Path(folder), None, f"folder not found (looked in {root})"))
        return []
    paths = sorted(
        p for p in directory.glob("*.yaml") if p.is_file() and not p.name.startswith(".")
    )
    if not paths:
        errors.append(ContentError(Path(folder), None, "no .yaml files in this folder"))
    loaded: list[tuple[_File, _Content | None]] = []
    for path in paths:
        file = _read(path, path.relative_to(root))
        model: _Content | None = None
        if file.data is not None:
            model = _validate(file, is_board=folder == BOARDS_DIR, top=_TOPS.get(folder, Deck))
            _check_id(file)
        loaded.append((file, model))

    # The same id in two files: blame the file whose name does not match the id.
    owners: dict[str, _File] = {}
    for file, model in sorted(
        ((f, m) for f, m in loaded if m is not None), key=lambda fm: fm[0].path.stem != fm[1].id
    ):
        assert model is not None
        if model.id in owners:
            other = owners[model.id].path.as_posix()
            file.errors.append(
                _error(file, ("id",), f"id: '{model.id}' is already used by {other}")
            )
        else:
            owners[model.id] = file
    return loaded


def _read(path: Path, rel: Path) -> _File:
    """Parse one YAML file; syntax problems become errors on the returned _File."""
    return _parse(path.read_bytes(), rel)


def _parse(raw: bytes, rel: Path) -> _File:
    """Parse YAML bytes named ``rel``; syntax problems become errors on the returned _File."""
    file = _File(path=rel, data=None, errors=[], bad_locs=set())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        file.errors.append(ContentError(rel, line, english("not_utf8", {}), code="not_utf8"))
        return file
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        file.errors.append(_yaml_error(rel, exc))
        return file
    if data is None:
        file.errors.append(ContentError(rel, 1, english("file_empty", {}), code="file_empty"))
    elif not isinstance(data, CommentedMap):
        params = {"found_kind": "list" if isinstance(data, CommentedSeq) else "value"}
        line = data.lc.line + 1 if isinstance(data, CommentedSeq) else 1
        detail = english("not_a_map", params)
        file.errors.append(ContentError(rel, line, detail, code="not_a_map", params=params))
    else:
        file.data = data
    return file


def _yaml_error(rel: Path, exc: YAMLError) -> ContentError:
    line: int | None = None
    problem = str(exc)
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or problem
    # The parser's own words are English and technical: the facilitator gets a code for the
    # mistakes people make (tabs, a colon in a text, an open quote, indentation), and the
    # English detail keeps the parser's words for check-content.
    detail = f"YAML syntax error: {problem}"
    code, params = "yaml_syntax", {}
    if isinstance(exc, DuplicateKeyError):
        detail = f"a key appears twice in the same place: {problem}"
        key = re.search(r'duplicate key "([^"]*)"', problem)
        code, params = "yaml_duplicate_key", {"key": key.group(1) if key else ""}
    elif "'\\t'" in problem:
        detail += " (indent with spaces, not tabs)"
        code = "yaml_tabs"
    elif "mapping values are not allowed" in problem:
        detail += " (if a text contains ': ', put the whole text between double quotes)"
        code = "yaml_colon"
    elif "quoted scalar" in problem or "quoted scalar" in str(getattr(exc, "context", "")):
        code = "yaml_quote"
    elif "expected <block end>" in problem or "could not find expected ':'" in problem:
        code = "yaml_indent"
    return ContentError(rel, line, detail, code=code, params=params)


_TOPS: dict[str, type[Deck | SessionPlan]] = {DECKS_DIR: Deck, PLANS_DIR: SessionPlan}


def _validate(
    file: _File, *, is_board: bool, top: type[Deck | SessionPlan] = Deck
) -> _Content | None:
    data = file.data
    described: type[BaseModel] | None = top
    if is_board:
        kind = data.get("kind")
        described = _BOARD_KINDS.get(kind) if isinstance(kind, str) else None
    try:
        if is_board:
            return _BOARD_ADAPTER.validate_python(_plain(data))
        return top.model_validate(_plain(data))
    except ValidationError as exc:
        for err in exc.errors():
            loc = _error_loc(err, is_board=is_board)
            file.bad_locs.add(loc)
            code, params = issue(err, loc, described)
            file.errors.append(_coded(file, loc, code, params, key_line=_is_extra(err)))
        return None


def _check_id(file: _File) -> None:
    """A file's id must equal its file name without .yaml."""
    file_id = file.data.get("id")
    stem = file.path.stem
    if not isinstance(file_id, str) or file_id == stem or ("id",) in file.bad_locs:
        return
    detail = f"id: '{file_id}' must be the same as the file name '{stem}'"
    detail += " (change the id or rename the file"
    detail += f"; file names follow the id rules too: {_ID_HINT})" if not _valid_id(stem) else ")"
    file.errors.append(_error(file, ("id",), detail))


def _valid_id(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None


def _is_extra(err: ErrorDetails) -> bool:
    return err["type"] == "extra_forbidden"


def _error_loc(err: ErrorDetails, *, is_board: bool) -> Loc:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return ("kind",)
    if is_board and loc:
        loc = loc[1:]  # drop the discriminator tag ("scale" / "quadrant")
    if kind == DUPLICATE_CARD_ID:
        loc = (*loc, int(err.get("ctx", {})["index"]), "id")
    return loc


def _error(file: _File, loc: Loc, detail: str, *, key_line: bool = False) -> ContentError:
    return ContentError(file.path, _line_of(file.data, loc, key_line=key_line), detail)


def _coded(
    file: _File, loc: Loc, code: str, params: dict[str, Any], *, key_line: bool = False
) -> ContentError:
    where = _format_loc(loc)
    message = english(code, params)
    return ContentError(
        file.path,
        _line_of(file.data, loc, key_line=key_line),
        f"{where}: {message}" if where else message,
        code=code,
        params=params,
        field=where,
    )


# --- locations ------------------------------------------------------------------------


def _line_of(data: Any, loc: Loc, *, key_line: bool = False) -> int:
    """The 1-based line of ``loc`` in the parsed file.

    A scalar value gives the line of the value; a mapping or list gives the line of the key
    that holds it; a location that does not exist (a missing key) gives the line of the
    mapping it is missing from.
    """
    node = data
    line = (data.lc.line + 1) if isinstance(data, CommentedMap | CommentedSeq) else 1
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            child = node[part]
            scalar = child is not None and not isinstance(child, CommentedMap | CommentedSeq)
            if last and scalar and not key_line:
                line = node.lc.value(part)[0] + 1
            else:
                line = node.lc.key(part)[0] + 1
            node = child
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def _format_loc(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# --- messages -------------------------------------------------------------------------


def issue(
    err: ErrorDetails, loc: Loc, top: type[BaseModel] | None
) -> tuple[ProblemCodeLiteral, dict[str, Any]]:
    """A pydantic error as a problem code and its parameters (``problems.py``)."""
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    found = {"found": value} if isinstance(value, str | int | float) else {}
    if kind == "missing":
        return "missing", {}
    if kind == "extra_forbidden":
        return "unknown_key", {
            "key": str(loc[-1]) if loc else "",
            "allowed": _keys_at(top, loc[:-1]),
        }
    if kind == "union_tag_invalid":  # a board's kind
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        return "bad_kind", {"allowed": allowed, "found": ctx.get("tag")}
    if kind == "union_tag_not_found":
        return "kind_missing", {}
    if kind == "string_type":
        return "not_text", {"number": isinstance(value, int | float)}
    if kind in ("string_too_short", "text_empty"):
        return "empty", {}
    if kind == "string_too_long":
        length = len(value.strip()) if isinstance(value, str) else None
        return "too_long", {"max": ctx.get("max_length"), "length": length}
    if kind == "string_pattern_mismatch":
        return "bad_id", found
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "not_group", {"keys": _keys_at(top, loc), **found}
    if kind == "list_type":
        return "not_list", found
    if kind == "too_short":
        return "too_few", {"min": ctx.get("min_length")}
    if kind == "too_long":
        return "too_many", {"max": ctx.get("max_length")}
    if kind == "literal_error":
        return "not_one_of", {
            "allowed": re.findall(r"'([^']*)'", str(ctx.get("expected"))),
            **found,
        }
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "not_whole_number", found
    if kind == "greater_than_equal":
        return "too_small", {"min": ctx.get("ge"), **found}
    if kind == "less_than_equal":
        return "too_large", {"max": ctx.get("le"), **found}
    if kind == DUPLICATE_CARD_ID:
        return "duplicate_card_id", {"id": ctx.get("id"), "first": ctx.get("first")}
    if kind == "text_character":
        char = re.search(r"U\+[0-9A-F]{4,6}", err["msg"])
        return "text_character", {"char": char.group() if char else ""}
    if kind == "text_control":
        return "text_control", {}
    if kind == "text_lines":
        return "text_lines", {}
    return "invalid", {}


def _describe(err: ErrorDetails, loc: Loc, top: type[BaseModel] | None) -> str:
    """A message a facilitator can act on, prefixed with where in the file it is."""
    code, params = issue(err, loc, top)
    message = english(code, params)
    where = _format_loc(loc)
    return f"{where}: {message}" if where else message


def _keys_at(top: type[BaseModel] | None, loc: Loc) -> list[str]:
    """The keys the model at ``loc`` accepts, in the order they are defined."""
    annotation: Any = top
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            if get_origin(annotation) is not list:
                return []
            annotation = get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return []
            annotation = field.annotation
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated[...]`` and ``X | None`` down to X."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not NoneType]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _plain(node: Any) -> Any:
    """ruamel's round-trip types (CommentedMap, ScalarString, ...) as plain Python values."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node
