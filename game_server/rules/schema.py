"""The JSON Schema of the protocol's commands, from the pydantic models.

``scripts/protocol_types.py`` writes it to ``web_client/src/protocol.schema.json`` and turns
it into ``protocol.generated.ts`` (json-schema-to-typescript); tests check both files, so
the browser client's command types cannot drift from the rule records.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import workshop
from .commands import CreateRoom
from .decide import RULES
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


def protocol_schema() -> dict[str, Any]:
    """One schema: ``Command`` (the union of every rule record's schema, discriminated by
    ``type``) with every command and ``CreateRoom`` (and what they use) in ``$defs``, and
    ``WorkshopCommand`` (a workshop's commands) and ``CreateWorkshop`` beside them."""
    workshop_schemas = [rule.schema for rule in workshop.RULES.values()]
    models: list[type[BaseModel]] = [
        *(rule.schema for rule in RULES.values()),
        CreateRoom,
        *workshop_schemas,
        CreateWorkshop,
    ]
    _, top = models_json_schema([(model, "validation") for model in models])
    defs = _untitled(top["$defs"])
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
