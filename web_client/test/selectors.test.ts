import { describe, expect, it } from "vitest";
import type { Player, View } from "../src/protocol";
import { baseView } from "./fixtures";
import {
  formatRemaining,
  initials,
  stillToPlace,
  timerRemaining,
} from "../src/state/selectors";

function player(id: string, seat: number, extra: Partial<Player> = {}): Player {
  return { id, name: `Speler ${id}`, seat, colour: "#123456", active: true, removed: false, moved_to: null, ...extra };
}

function view(over: Partial<View> = {}): View {
  return {
    ...baseView(),
    phase: "place",
    current_card_id: "d/a",
    players: {
      p1: player("p1", 0),
      p2: player("p2", 1),
      p3: player("p3", 2, { active: false }),
      p4: player("p4", 3, { removed: true, active: false }),
    },
    still_to_place: ["p2"],
    ...over,
  };
}

describe("stillToPlace", () => {
  it("names the players the server lists, in its order, skipping unknown ids", () => {
    const v = view({ still_to_place: ["p2", "gone", "p1"] });
    expect(stillToPlace(v).map((p) => p.id)).toEqual(["p2", "p1"]);
  });
});

describe("timer", () => {
  it("counts down from ends_at corrected by the server-time offset", () => {
    const timer = { started_at: 1_000, seconds: 60, ends_at: 61_000 };
    // The local clock is 5 s behind the server: offset = server - local = +5000.
    expect(timerRemaining(timer, 20_000, 5_000)).toBe(36_000);
    expect(timerRemaining(timer, 100_000, 0)).toBe(0);
    expect(timerRemaining(null, 0, 0)).toBeNull();
    expect(formatRemaining(36_000)).toBe("0:36");
    expect(formatRemaining(125_400)).toBe("2:06");
  });
});

describe("initials", () => {
  it("takes the first letters of the first and last word", () => {
    expect(initials("anna de Vries")).toBe("AV");
    expect(initials("Bob")).toBe("B");
    expect(initials("  ")).toBe("?");
  });
});

describe("isPlenaryRoom", () => {
  it("is a workshop's room with the picture across its tables", async () => {
    const { isPlenaryRoom } = await import("../src/state/selectors");
    const picture = { tables: [], cards: [] };
    expect(isPlenaryRoom({ workshop: "W1", consensus: picture })).toBe(true);
    expect(isPlenaryRoom({ workshop: "W1", consensus: null })).toBe(false); // a table
    expect(isPlenaryRoom({ workshop: null, consensus: null })).toBe(false); // a room on its own
  });
});
