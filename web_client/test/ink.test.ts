import { describe, expect, it } from "vitest";
import { contrast, inkOn } from "../src/state/ink";

const hex = (n: number): string => n.toString(16).padStart(2, "0");
// Every colour of a 16-step grid: the palette's (game_server/rules/model.py, measured in
// the browser by tests/browser/test_pawn_contrast.py) and any a stored room may carry.
const GRID = Array.from({ length: 16 ** 3 }, (_, i) => `#${hex((i >> 8) * 17)}${hex(((i >> 4) & 15) * 17)}${hex((i & 15) * 17)}`);

describe("the text colour on a player's colour", () => {
  it("reaches 4.5:1 (WCAG AA) on every colour", () => {
    const low = GRID.filter((colour) => contrast(colour, inkOn(colour)) < 4.5);
    expect(low).toEqual([]);
  });

  it("is white on the dark colours and black on the light ones", () => {
    expect(inkOn("#1f77b4")).toBe("#ffffff");
    expect(inkOn("#393b79")).toBe("#ffffff");
    expect(inkOn("#ff7f0e")).toBe("#000000"); // white: 2.5:1
    expect(inkOn("#9467bd")).toBe("#000000"); // white: 4.3:1
    expect(contrast("#ffffff", "#000000")).toBeCloseTo(21);
    expect(inkOn("not a colour")).toBe("#ffffff");
  });
});
