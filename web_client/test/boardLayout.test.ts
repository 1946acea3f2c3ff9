import { describe, expect, it } from "vitest";
import type { Player, QuadrantPosition, ScalePosition, View } from "../src/protocol";
import {
  clamp,
  covered,
  crowdLabelAt,
  layOutQuadrant,
  layOutSquare,
  onQuadrant,
  onScale,
  placedOn,
  pointIn,
  quadrantKey,
  roundNow,
  scaleKey,
  scaleShifts,
  shiftCounts,
  signed,
  squareHeight,
  type Placed,
} from "../src/layout/board";
import { baseView } from "./fixtures";

function player(id: string, seat: number): Player {
  return { id, name: `Speler ${id}`, seat, colour: "#123456", active: true, removed: false, moved_to: null };
}

function scaleView(over: Partial<View> = {}): View {
  const players = Object.fromEntries(["a", "b", "c"].map((id, i) => [id, player(id, i)]));
  return {
    ...baseView(),
    me: { role: "player", player_id: "a" },
    phase: "place",
    current_card_id: "d/a",
    players,
    placements: {
      "d/a": {
        first: { hidden: true, positions: { a: { square: 2 }, b: null, c: { square: 4 } } },
        second: { hidden: true, positions: {} },
      },
    },
    ...over,
  };
}

const at = (id: string, round: "first" | "second", square: number): Placed<ScalePosition> => ({
  player: player(id, 0),
  round,
  position: { square },
});

describe("placedOn", () => {
  it("lists the pawns this viewer sees and counts the hidden ones per round", () => {
    const { placed, hiddenCount } = placedOn(scaleView(), "d/a");
    expect(placed.map((p) => [p.player.id, p.round, p.position])).toEqual([
      ["a", "first", { square: 2 }],
      ["c", "first", { square: 4 }],
    ]);
    expect(hiddenCount).toEqual({ first: 1, second: 0 });
    // my own pawn is no secret; someone else's visible pawn in a hidden round is
    expect(placed.map((p) => p.secret)).toEqual([false, true]);
  });

  it("shows the second round only while revising, once it has pawns, or on another card", () => {
    const view = scaleView();
    view.placements["d/a"].second.positions = {};
    expect(placedOn({ ...view, phase: "discuss" }, "d/a").placed.every((p) => p.round === "first")).toBe(true);
    const revised = { ...view, placements: { "d/a": { ...view.placements["d/a"], second: { hidden: false, positions: { a: { square: 5 } } } } } };
    expect(placedOn(revised, "d/a").placed.some((p) => p.round === "second")).toBe(true);
  });

  it("is empty for a card without placements", () => {
    expect(placedOn(scaleView(), "d/none")).toEqual({ placed: [], hiddenCount: { first: 0, second: 0 } });
  });
});

describe("covered", () => {
  it("turns the facilitator's secret pawns into hidden counts", () => {
    const all = placedOn(scaleView(), "d/a");
    expect(covered(all, false).placed).toHaveLength(2);
    const c = covered(all, true);
    expect(c.placed.map((p) => p.player.id)).toEqual(["a"]);
    expect(c.hiddenCount).toEqual({ first: 2, second: 0 });
    expect(c.secrets).toBe(1);
  });
});

describe("roundNow", () => {
  it("is the phase's round on the current card and the second on any other", () => {
    expect(roundNow(scaleView(), "d/a")).toBe("first");
    expect(roundNow(scaleView({ phase: "revise" }), "d/a")).toBe("second");
    expect(roundNow(scaleView(), "d/b")).toBe("second");
  });
});

describe("the kinds of positions", () => {
  it("keeps the pawns of one kind of board", () => {
    const mixed: Placed[] = [at("a", "first", 2), { player: player("b", 1), round: "first", position: { x: 0, y: 0 } }];
    expect(onScale(mixed).map((p) => p.player.id)).toEqual(["a"]);
    expect(onQuadrant(mixed).map((p) => p.player.id)).toEqual(["b"]);
  });
});

describe("scale shifts", () => {
  it("lists who moved from where to where, in seat order, and counts the directions", () => {
    const view = scaleView();
    const rows = scaleShifts(view, [at("c", "first", 4), at("c", "second", 2), at("a", "first", 1), at("a", "second", 3), at("b", "first", 5)]);
    expect(rows.map((r) => [r.player.id, r.from, r.to])).toEqual([
      ["a", 1, 3],
      ["c", 4, 2],
    ]);
    expect(shiftCounts(rows)).toEqual({ up: 1, same: 0, down: 1 });
    expect([signed(2), signed(0), signed(-1)]).toEqual(["+2", "±0", "-1"]);
  });
});

describe("scale squares", () => {
  const areas = { pawn: 36, sizes: { 1: { width: 130, height: 100 }, 2: { width: 130, height: 100 } } };

  it("lays out a square at full size, second placements first", () => {
    const placed = [at("a", "first", 2), at("b", "second", 2), at("c", "first", 1)];
    const square = layOutSquare(2, placed, areas, false, true);
    expect(square.pawns.map((p) => p.round)).toEqual(["second", "first"]);
    expect(square.fit.scale).toBe(1);
    expect(square.crowded).toBe(false);
    expect(square.firsts).toBe(1);
    expect(square.paddingRight).toBeUndefined();
  });

  it("counts a crowded square and shrinks its pawns, the pending one included", () => {
    const placed = Array.from({ length: 9 }, (_, i) => at(`p${i}`, "first", 2));
    const square = layOutSquare(2, placed, areas, true, false);
    expect(square.crowded).toBe(true);
    expect(square.fit.scale).toBeLessThan(1);
  });

  it("measures nothing before the board is measured", () => {
    expect(layOutSquare(1, [at("a", "first", 1)], null, false, false).fit).toEqual({ scale: 1, overlapX: 0, overlapY: 0, fits: true });
  });

  it("grows every square to what the most crowded one needs, except on the projector", () => {
    const placed = Array.from({ length: 6 }, (_, i) => at(`p${i}`, "first", 2));
    // 6 pawns at 80% (crowded): cells of 36 * 0.8 + 6 = 34.8 px, 3 per 130 px row, 2 rows
    expect(squareHeight(placed, 5, areas, false)).toBeCloseTo(2 * 34.8 + 8);
    expect(squareHeight(placed, 5, areas, true)).toBe(0);
    expect(squareHeight([], 5, areas, false)).toBe(0);
    expect(squareHeight(placed, 5, null, false)).toBe(0);
  });
});

describe("keys", () => {
  it("moves along the scale and stops at its ends", () => {
    expect(scaleKey(3, "ArrowRight", 5)).toBe(4);
    expect(scaleKey(5, "ArrowUp", 5)).toBe(5);
    expect(scaleKey(1, "ArrowLeft", 5)).toBe(1);
    expect(scaleKey(3, "Home", 5)).toBe(1);
    expect(scaleKey(3, "End", 5)).toBe(5);
    expect(scaleKey(3, "a", 5)).toBeNull();
  });

  it("moves on the quadrant in small or big steps, within the field", () => {
    expect(quadrantKey({ x: 0, y: 0 }, "ArrowRight", false)).toEqual({ x: 0.1, y: 0 });
    expect(quadrantKey({ x: 0, y: 0 }, "ArrowDown", true)).toEqual({ x: 0, y: -0.25 });
    expect(quadrantKey({ x: 0.95, y: 0 }, "ArrowRight", true)).toEqual({ x: 1, y: 0 });
    expect(quadrantKey({ x: 0, y: 0 }, "Enter", false)).toBeNull();
  });

  it("clamps to the field and rounds to two decimals", () => {
    expect(clamp(1.5)).toBe(1);
    expect(clamp(-0.123)).toBe(-0.12);
  });
});

describe("the quadrant", () => {
  const q = (id: string, round: "first" | "second", x: number, y: number): Placed<QuadrantPosition> => ({
    player: player(id, 0),
    round,
    position: { x, y },
  });

  it("finds the point under a pointer, y up", () => {
    const rect = { left: 100, top: 50, width: 200, height: 100 };
    expect(pointIn(rect, 300, 50)).toEqual({ x: 1, y: 1 });
    expect(pointIn(rect, 200, 100)).toEqual({ x: 0, y: 0 });
    expect(pointIn({ ...rect, width: 0 }, 1, 1)).toBeNull();
  });

  it("draws each player's move with few players", () => {
    const layout = layOutQuadrant([q("a", "first", 0, 0), q("a", "second", 0.5, 0.5), q("b", "first", -0.5, 0)], true);
    expect(layout.moves.map((m) => m.player.id)).toEqual(["a"]);
    expect(layout.meanShift).toBeNull();
    expect(layout.ghosts).toEqual([]);
    expect(layout.pawns).toHaveLength(3);
  });

  it("draws the group's mean shift and ghosts of the first placements with many players", () => {
    const placed = Array.from({ length: 9 }, (_, i) => [q(`p${i}`, "first", -0.5, -0.5), q(`p${i}`, "second", 0.5, 0.5)]).flat();
    const layout = layOutQuadrant(placed, true);
    expect(layout.meanShift).toEqual({ from: { x: -0.5, y: -0.5 }, to: { x: 0.5, y: 0.5 } });
    expect(layout.ghosts).toHaveLength(9);
    expect(layout.pawns.every((p) => p.p.round === "second")).toBe(true);
    // nine pawns on one spot: one crowd, spread around it, counted next to it
    expect(layout.crowds).toHaveLength(1);
    const spots = new Set(layout.pawns.map((p) => JSON.stringify(layout.shown.get(p.id))));
    expect(spots.size).toBe(9);
    const label = crowdLabelAt(layout.crowds[0], layout.shown);
    expect(label.x).toBeLessThanOrEqual(0.97);
    expect(label.y).toBeLessThanOrEqual(0.92);
  });
});
