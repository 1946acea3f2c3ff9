import { describe, expect, it } from "vitest";
import { decimal } from "../src/i18n/numbers";

describe("decimal", () => {
  it("writes a decimal comma in Dutch and a point in English", () => {
    expect(decimal(0.5, "nl")).toBe("0,5");
    expect(decimal(-0.3, "nl")).toBe("-0,3");
    expect(decimal(0.5, "en")).toBe("0.5");
    expect(decimal(0, "nl")).toBe("0,0");
  });
});
