"""The JSON Schema the browser client's command types are generated from is the schema of
the rule records (the web client's ``npm test`` checks the TypeScript against it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_checked_in_schema_is_what_the_rule_records_give() -> None:
    spec = importlib.util.spec_from_file_location(
        "protocol_types", ROOT / "scripts/protocol_types.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    checked_in = module.SCHEMA.read_text(encoding="utf-8")
    assert checked_in == module.schema_text(), (
        "web_client/src/protocol.schema.json is stale: "
        "run .venv/bin/python scripts/protocol_types.py"
    )
