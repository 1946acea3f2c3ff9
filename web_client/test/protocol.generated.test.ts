import { describe, expect, it } from "vitest";
import { checkedIn, generate } from "../scripts/protocol-types.mjs";

describe("protocol.generated.ts", () => {
  it("is what json-schema-to-typescript makes of the server's command and view schemas", async () => {
    // protocol.schema.json is checked against the pydantic models by
    // tests/unit/test_protocol_types.py; together the two keep Python and TypeScript one.
    expect(checkedIn()).toBe(await generate());
  });
});
