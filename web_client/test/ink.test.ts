import { describe, expect, it } from "vitest";
import { contrast, inkOn } from "../src/state/ink";

// game_server/rules/model.py PLAYER_COLOURS, in seat order.
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#ad494a"];

describe("the text colour on a player's colour", () => {
  it("reaches 4.5:1 (WCAG AA) on every colour of the palette", () => {
    for (const colour of PALETTE) expect(contrast(colour, inkOn(colour)), colour).toBeGreaterThanOrEqual(4.5);
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
