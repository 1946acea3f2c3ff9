import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { nl } from "../src/i18n/nl";
import { translate } from "../src/i18n";

describe("i18n catalogues", () => {
  it("have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });
  it("have no empty strings and the same placeholders per key", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(nl[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });
  it("fills placeholders", () => {
    expect(translate("nl", "card.count", { n: 2, total: 5 })).toBe("Kaart 2 van 5");
    expect(translate("en", "card.count", { n: 2, total: 5 })).toBe("Card 2 of 5");
  });
});
