import { describe, expect, it } from "vitest";
import { parser, withoutUndefined } from "../src/state/wire";

describe("msgpack encoder without undefined", () => {
  it("drops undefined keys and turns undefined array items into null", () => {
    expect(withoutUndefined({ type: 0, nsp: "/", data: undefined })).toEqual({ type: 0, nsp: "/" });
    expect(withoutUndefined({ a: [1, undefined, { b: undefined, c: 2 }] })).toEqual({ a: [1, null, { c: 2 }] });
  });
  it("encodes a CONNECT packet without any msgpack extension type", () => {
    const encoded = new parser.Encoder().encode({ type: 0, nsp: "/", data: undefined }) as ArrayBuffer[];
    const bytes = Array.from(new Uint8Array(encoded[0]));
    // 0xd4..0xd8 and 0xc7..0xc9 are the ext formats notepack uses for undefined.
    expect(bytes.some((b) => b === 0xd4)).toBe(false);
  });
});
