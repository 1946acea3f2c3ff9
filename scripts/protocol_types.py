"""Writes the browser client's command types from the pydantic models.

    .venv/bin/python scripts/protocol_types.py

1. ``web_client/src/protocol.schema.json``: ``game_server.rules.schema.protocol_schema()``
   (checked by ``tests/unit/test_protocol_types.py``);
2. ``web_client/src/protocol.generated.ts``: that schema through json-schema-to-typescript
   (``npm run generate:protocol``; checked by the web client's ``npm test``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "web_client" / "src" / "protocol.schema.json"


def schema_text() -> str:
    sys.path.insert(0, str(ROOT))
    from game_server.rules.schema import protocol_schema

    return json.dumps(protocol_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    SCHEMA.write_text(schema_text(), encoding="utf-8")
    subprocess.run(
        ["npm", "run", "--silent", "generate:protocol"], cwd=ROOT / "web_client", check=True
    )


if __name__ == "__main__":
    main()
