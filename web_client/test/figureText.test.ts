import { describe, expect, it } from "vitest";
import { figureText } from "../src/components/figureText";

describe("figureText", () => {
  it("shows the server's figure as sent, without rounding it again", () => {
    expect(figureText(2.13, "nl")).toBe("2,13");
    expect(figureText(2.13, "en")).toBe("2.13");
    // Whatever the server sends is shown whole: the client never rounds on its own.
    expect(figureText(0.125, "nl")).toBe("0,125");
    expect(figureText(-0.42, "nl")).toBe("-0,42");
    expect(figureText(3, "nl")).toBe("3");
    expect(figureText(-0, "en")).toBe("0");
  });

  it("shows a dash for no value", () => {
    expect(figureText(null, "nl")).toBe("–");
    expect(figureText(undefined, "en")).toBe("–");
  });
});
