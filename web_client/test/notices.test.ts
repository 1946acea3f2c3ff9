import { describe, expect, it } from "vitest";
import { NOTICE_TTL_MS, keptNotices, momentOf } from "../src/state/notices";

describe("keptNotices", () => {
  const now = 1_000_000;
  const fresh = { id: "a", at: now - 1000 };
  const old = { id: "b", at: now - NOTICE_TTL_MS - 1 };
  const withText = { id: "c", at: now - 10 * NOTICE_TTL_MS, text: "Mijn post-it" };

  it("keeps a fresh notice while the room stays on the same card and step", () => {
    expect(keptNotices([fresh], now, false)).toEqual([fresh]);
  });

  it("drops a notice after a while", () => {
    expect(keptNotices([fresh, old], now, false)).toEqual([fresh]);
  });

  it("drops every notice about a moment that has passed", () => {
    expect(keptNotices([fresh, old], now, true)).toEqual([]);
  });

  it("keeps a refusal that carries the person's text until it is dismissed", () => {
    expect(keptNotices([withText, fresh], now, true)).toEqual([withText]);
  });
});

describe("momentOf", () => {
  it("differs between cards and between steps", () => {
    const a = momentOf({ phase: "discuss", current_card_id: "c1" });
    expect(momentOf({ phase: "discuss", current_card_id: "c2" })).not.toBe(a);
    expect(momentOf({ phase: "revise", current_card_id: "c1" })).not.toBe(a);
    expect(momentOf({ phase: "discuss", current_card_id: "c1" })).toBe(a);
  });
});
