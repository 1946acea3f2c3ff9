"""The shape of every acknowledgement: ``{"ok": true, ...}`` or ``{"ok": false, "error": ...}``."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

TRANSPORT_ERRORS: dict[str, str] = {
    "bad_request": "The message does not have the documented shape.",
    "unknown_event": "There is no such event.",
    "room_not_found": "There is no room with that code.",
    "bad_token": "That token is not valid for this room.",
    "not_in_room": "Enter a room first.",
    "unknown_content": "The board or a card named does not exist.",
    "rate_limited": "Too many attempts; wait a minute and try again.",
    "too_many_rooms": "This address made the most rooms or workshops it may for now; "
    "wait and try again.",
    "store_unavailable": "The game could not be saved right now; nothing was changed. "
    "Try again in a moment.",
    "internal_error": "Something went wrong on the server; nothing was changed.",
}


def ok(**fields: Any) -> dict[str, Any]:
    return {"ok": True, **fields}


def error(code: str, message: str | None = None, **details: Any) -> dict[str, Any]:
    text = message if message is not None else TRANSPORT_ERRORS[code]
    return {"ok": False, "error": {"code": code, "message": text, **details}}


MAX_PROBLEM = 200
"""Characters of one problem text: pydantic's texts can quote the input (a 16 KiB type)."""

_PROBLEMS = {
    "union_tag_invalid": "not a known command type (see docs/protocol.md, Commands)",
    "union_tag_not_found": "missing: the command type",
}


def _field(loc: tuple[int | str, ...], kind: str) -> str:
    if not loc and kind in _PROBLEMS:
        return "type"  # the command's discriminator: missing or not a known command
    return ".".join(str(part) for part in loc)


def _problem(kind: str, message: str) -> str:
    text = _PROBLEMS.get(kind, message).removeprefix("Value error, ")
    return text if len(text) <= MAX_PROBLEM else text[: MAX_PROBLEM - 1] + "…"


def invalid(exc: ValidationError) -> dict[str, Any]:
    """A bad_request reply that names each offending field by its documented dotted path."""
    problems = [
        {"field": _field(e["loc"], e["type"]), "problem": _problem(e["type"], e["msg"])}
        for e in exc.errors(include_url=False, include_input=False)[:10]
    ]
    summary = "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
    return error("bad_request", f"{TRANSPORT_ERRORS['bad_request']} {summary}", fields=problems)
