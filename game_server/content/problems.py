"""What can be wrong with a deck file, as a code with parameters.

A facilitator reads these in the browser, in the UI's language, so the server never sends
a sentence of its own: every problem is a ``code`` from ``PROBLEM_CODES`` and its
``params`` (numbers, the file's own keys, values and column names), and the web client
writes the text (``deck.problem.<code>`` in ``web_client/src/i18n``). ``english`` writes
the same problem in English for ``leerklimaat check-content`` and for API callers, which
also get it as ``message``.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from typing_extensions import TypeAliasType, TypedDict

ProblemCodeLiteral = Literal[
    # the deck's fields (the content models' errors)
    "missing",
    "kind_missing",
    "bad_kind",
    "unknown_key",
    "not_text",
    "empty",
    "too_long",
    "bad_id",
    "not_group",
    "not_list",
    "too_few",
    "too_many",
    "not_one_of",
    "not_whole_number",
    "too_small",
    "too_large",
    "duplicate_card_id",
    "text_control",
    "text_character",
    "text_lines",
    "invalid",
    "no_board",
    "not_a_deck",
    # a YAML file
    "not_utf8",
    "file_empty",
    "not_a_map",
    "yaml_syntax",
    "yaml_tabs",
    "yaml_colon",
    "yaml_quote",
    "yaml_indent",
    "yaml_duplicate_key",
    # an upload, and a table (XLSX or CSV)
    "file_too_big",
    "unknown_file_kind",
    "unpacks_too_big",
    "not_xlsx",
    "no_rows",
    "unknown_column",
    "text_column_needed",
    "too_many_rows",
    "unreadable",
    "not_json",
]
ProblemCode = TypeAliasType("ProblemCode", ProblemCodeLiteral)
PROBLEM_CODES: tuple[str, ...] = get_args(ProblemCodeLiteral)


class DeckProblem(TypedDict):
    """One problem as the deck routes answer it (docs/protocol.md, "Deck files")."""

    code: ProblemCode
    params: dict[str, Any]
    message: str
    """The problem in English (for scripts and ``check-content``); the browser shows its
    own text for ``code``."""
    field: str
    card: int | None
    line: int | None
    row: int | None
    column: str | None


ENGLISH: dict[str, str] = {
    "missing": "field required (this key is missing)",
    "kind_missing": "field required (this key is missing; use 'scale' or 'quadrant')",
    "bad_kind": "should be one of {allowed_tags}, found '{found}'",
    "unknown_key": "unknown key{allowed_here}",
    "not_text": "should be text{quote_hint}",
    "empty": "must not be empty",
    "too_long": "too long: at most {max} characters{this_one}",
    "bad_id": "not a valid id{found_note}: {id_hint}",
    "not_group": "should be a group of keys{keys_note}, each on its own indented line{found_note}",
    "not_list": "should be a list, one item per line starting with '- '{found_note}",
    "too_few": "needs at least {min} item(s)",
    "too_many": "may have at most {max} items",
    "not_one_of": "should be {one_of}{found_note}",
    "not_whole_number": "should be a whole number{found_note}",
    "too_small": "should be at least {min}{found_note}",
    "too_large": "should be at most {max}{found_note}",
    "duplicate_card_id": "card id '{id}' is used twice in this deck (first at cards[{first}])",
    "text_control": "contains control characters",
    "text_character": "contains {char}, which is not a text character",
    "text_lines": "must be a single line",
    "invalid": "this value is not valid",
    "no_board": "there is no board '{board}' (available: {available_list})",
    "not_a_deck": "expected a deck: a map with id, name, description, source, cards",
    "not_utf8": "the file is not UTF-8 text; save it with UTF-8 encoding",
    "file_empty": "the file is empty",
    "not_a_map": "expected keys such as 'id:' and 'name:' here, found {found_kind}",
    "yaml_syntax": "YAML syntax error",
    "yaml_tabs": "YAML syntax error (indent with spaces, not tabs)",
    "yaml_colon": (
        "YAML syntax error (if a text contains ': ', put the whole text between double quotes)"
    ),
    "yaml_quote": "YAML syntax error: a quote is opened and not closed",
    "yaml_indent": "YAML syntax error: the indentation does not match the lines above",
    "yaml_duplicate_key": "a key appears twice in the same place{key_note}",
    "file_too_big": "the file is larger than {kb} KB",
    "unknown_file_kind": "unknown kind of file: use a .yaml, .xlsx or .csv file",
    "unpacks_too_big": "the file unpacks to more than {mb} MB; is it a deck?",
    "not_xlsx": "this is not an Excel workbook (.xlsx) that can be read",
    "no_rows": "the file has no rows",
    "unknown_column": "unknown column '{column}' (columns: {columns_list})",
    "text_column_needed": "a column 'text_nl' or 'text_en' is needed",
    "too_many_rows": "more than {max} cards",
    "unreadable": "the file could not be read",
    "not_json": "the body is not JSON",
}

ID_HINT = (
    "use only lowercase letters (a-z), digits and '-', "
    "starting with a letter or digit, at most 40 characters"
)


def english(code: str, params: dict[str, Any]) -> str:
    """The problem in English: the words ``check-content`` has always printed."""
    found = params.get("found")
    words = {
        **params,
        "found_note": f" (found {found!r})" if found is not None else "",
        "allowed_here": f" (allowed here: {', '.join(params['allowed'])})"
        if params.get("allowed")
        else "",
        "quote_hint": "; put it between double quotes" if params.get("number") else "",
        "this_one": f", this one has {params['length']}"
        if params.get("length") is not None
        else "",
        "id_hint": ID_HINT,
        "keys_note": f" ({', '.join(params['keys'])})" if params.get("keys") else "",
        "one_of": _one_of(params.get("allowed") or []),
        "allowed_tags": ", ".join(f"'{v}'" for v in params.get("allowed") or []),
        "available_list": ", ".join(params.get("available") or []) or "none",
        "found_kind": "a list" if params.get("found_kind") == "list" else "a single value",
        "key_note": f": {params['key']!r}" if params.get("key") else "",
        "columns_list": ", ".join(params.get("columns") or []),
    }
    return ENGLISH[code].format_map(_Words(words))


class _Words(dict[str, Any]):
    """A parameter the caller left out reads as "?" rather than failing the message."""

    def __missing__(self, key: str) -> str:
        return "?"


def _one_of(values: list[str]) -> str:
    quoted = [f"'{v}'" for v in values]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"
