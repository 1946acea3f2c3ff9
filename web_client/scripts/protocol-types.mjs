// Turns src/protocol.schema.json (written from the pydantic models by
// scripts/protocol_types.py) into src/protocol.generated.ts with json-schema-to-typescript.
// `node scripts/protocol-types.mjs` writes the file; test/protocol.generated.test.ts checks
// that the checked-in file is what this produces.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

export const SCHEMA = fileURLToPath(new URL("../src/protocol.schema.json", import.meta.url));
export const TARGET = fileURLToPath(new URL("../src/protocol.generated.ts", import.meta.url));

const BANNER = `/**
 * GENERATED from the pydantic command schemas and the view types (game_server/rules): do not edit.
 * Regenerate with \`.venv/bin/python scripts/protocol_types.py\` (see docs/architecture.md).
 */`;

const OPTIONS = {
  additionalProperties: false,
  format: true,
  style: { printWidth: 100 },
};

export async function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA, "utf-8"));
  const commands = await compile(schema, "Command", {
    ...OPTIONS,
    bannerComment: BANNER,
    unreachableDefinitions: true,
  });
  // The root is the command union, so the converter reaches View only from a root of its
  // own (it declares the $defs a root reaches; a view reaches no command type).
  const { $defs } = schema;
  const views = await compile({ ...$defs.View, $defs }, "View", { ...OPTIONS, bannerComment: "" });
  // The deck routes' problems (HTTP, not the socket): a root of their own for the same reason.
  const problems = await compile({ ...$defs.DeckProblem, $defs }, "DeckProblem", { ...OPTIONS, bannerComment: "" });
  return `${commands}\n${views}\n${problems}`;
}

/** The checked-in TypeScript, for the test (which has no Node types of its own). */
export function checkedIn() {
  return readFileSync(TARGET, "utf-8");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TARGET, await generate());
}

/** Every deck problem code the server can send (for the test that each has a text). */
export function problemCodes() {
  return JSON.parse(readFileSync(SCHEMA, "utf-8")).$defs.ProblemCode.enum;
}
