"""The JSON Schema of the protocol's commands and views, from the Python declarations.

``scripts/protocol_types.py`` writes it to ``web_client/src/protocol.schema.json`` and turns
it into ``protocol.generated.ts`` (json-schema-to-typescript); tests check both files, so
the browser client's command types cannot drift from the rule records, nor its view types
from ``view_types.View``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import models_json_schema

from ..content.problems import DeckProblem
from . import workshop
from .commands import CreateRoom
from .decide import RULES
from .view_types import view_adapter
from .workshop.create import CreateWorkshop


def _untitled(schema: Any) -> Any:
    """Drop the titles pydantic gives every field ("Command Id"): the converter would make
    each a type of its own. The models' own titles (their class names) stay."""
    if isinstance(schema, dict):
        out = {k: _untitled(v) for k, v in schema.items() if k != "properties"}
        if "properties" in schema:
            out["properties"] = {
                name: {k: _untitled(v) for k, v in field.items() if k != "title"}
                for name, field in schema["properties"].items()
            }
        return out
    if isinstance(schema, list):
        return [_untitled(item) for item in schema]
    return schema


def _view_defs() -> dict[str, Any]:
    """``View`` and every part of it, by name."""
    top = view_adapter.json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = {**top.pop("$defs"), "View": top}
    # A named alias (Phase, Pile, ...) has no title of its own: the converter names a
    # type by its title.
    return {name: {"title": name, **schema} for name, schema in defs.items()}


def _deck_problem_defs() -> dict[str, Any]:
    """``DeckProblem`` (an answer of the deck routes) and ``ProblemCode``: the browser
    writes a text per code, and its catalogue must have one for every code."""
    top = TypeAdapter(DeckProblem).json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = {**top.pop("$defs"), "DeckProblem": top}
    return {name: {"title": name, **schema} for name, schema in defs.items()}


def protocol_schema() -> dict[str, Any]:
    """One schema: ``Command`` (the union of every rule record's schema, discriminated by
    ``type``) with every command and ``CreateRoom`` (and what they use) in ``$defs``, and
    beside them ``View`` and its parts (``view_types.py``), and ``WorkshopCommand`` (a
    workshop's commands) and ``CreateWorkshop``."""
    workshop_schemas = [rule.schema for rule in workshop.RULES.values()]
    models: list[type[BaseModel]] = [
        *(rule.schema for rule in RULES.values()),
        CreateRoom,
        *workshop_schemas,
        CreateWorkshop,
    ]
    _, top = models_json_schema([(model, "validation") for model in models])
    commands, views = top["$defs"], {**_view_defs(), **_deck_problem_defs()}
    shared = sorted(commands.keys() & views.keys())
    if shared:
        raise ValueError(f"a command type and a view type share the names {shared}")
    defs = _untitled({**commands, **views})
    # The commands a workshop takes, as one more union the client can name.
    defs["WorkshopCommand"] = {
        "title": "WorkshopCommand",
        "oneOf": [{"$ref": f"#/$defs/{schema.__name__}"} for schema in workshop_schemas],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Command",
        "description": "Every command a client sends with the `command` event (docs/protocol.md).",
        "oneOf": [{"$ref": f"#/$defs/{rule.schema.__name__}"} for rule in RULES.values()],
        "$defs": defs,
    }
