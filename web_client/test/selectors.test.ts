import { describe, expect, it } from "vitest";
import type { Player, PostIt, View } from "../src/protocol";
import {
  formatRemaining,
  initials,
  playedCards,
  stillToPlace,
  suggestedPile,
  summary,
  timerRemaining,
} from "../src/state/selectors";

function player(id: string, seat: number, extra: Partial<Player> = {}): Player {
  return { id, name: `Speler ${id}`, seat, colour: "#123456", active: true, removed: false, ...extra };
}

function postIt(id: string, colour: "green" | "pink", created_at: number, extra: Partial<PostIt> = {}): PostIt {
  return {
    id,
    card_id: "d/a",
    colour,
    text: id,
    author_id: null,
    mine: false,
    created_at,
    edited_at: null,
    pile: null,
    resolved: false,
    ...extra,
  };
}

function view(over: Partial<View> = {}): View {
  const card = (id: string, started: boolean, skipped = false, pile: "red" | "green" | null = null) => ({
    id,
    kind: "statement" as const,
    text: { nl: id },
    title: null,
    minutes: null,
    deck_id: "d",
    author_id: null,
    prompt: null,
    to_write: false,
    started,
    skipped,
    reader_id: null,
    pile,
  });
  return {
    code: "ACDEFH",
    title: "",
    created_at: 0,
    me: { role: "player", player_id: "p1" },
    options: { hidden_placements: true, anonymous_post_its: false, minutes_per_card: null, language: "nl" },
    board: { id: "b", kind: "scale", size: 5, spec: { id: "b", kind: "scale", name: {}, placements: { first: {}, second: {} } } },
    phase: "place",
    current_card_id: "d/a",
    can_go_back: true,
    agenda: ["d/a", "d/b", "d/c"],
    post_its_locked: false,
    timer: null,
    facilitator_player_id: null,
    cards: { "d/a": card("d/a", true, false, "green"), "d/b": card("d/b", true, true, "red"), "d/c": card("d/c", false) },
    players: {
      p1: player("p1", 0),
      p2: player("p2", 1),
      p3: player("p3", 2, { active: false }),
      p4: player("p4", 3, { removed: true, active: false }),
    },
    post_its: {},
    action_points: {},
    placements: {
      "d/a": {
        first: { hidden: true, positions: { p1: { square: 2 } } },
        second: { hidden: true, positions: { p2: null } },
      },
    },
    figures: { "d/a": { first: null, second: null, shift: null, suggested_pile: "red" } },
    ...over,
  };
}

describe("stillToPlace", () => {
  it("lists active players without a pawn in the current round", () => {
    expect(stillToPlace(view()).map((p) => p.id)).toEqual(["p2"]);
  });
  it("uses the second round while revising, counting hidden (null) pawns as placed", () => {
    expect(stillToPlace(view({ phase: "revise" })).map((p) => p.id)).toEqual(["p1"]);
  });
  it("is empty outside placing and revising", () => {
    expect(stillToPlace(view({ phase: "discuss" }))).toEqual([]);
  });
});

describe("summary (mirrors figures.summary)", () => {
  it("puts played cards and post-its on their piles, in order, and lists open questions", () => {
    const v = view({
      post_its: {
        z: postIt("z", "green", 5, { pile: "green" }),
        y: postIt("y", "pink", 3, { pile: "red" }),
        x: postIt("x", "pink", 3, { pile: "red", resolved: true }),
        w: postIt("w", "pink", 9),
      },
      action_points: {
        b: { id: "b", what: "", who: "", first_step: "", evaluate_when: "", card_id: null, created_at: 2, edited_at: null },
        a: { id: "a", what: "", who: "", first_step: "", evaluate_when: "", card_id: null, created_at: 2, edited_at: null },
        c: { id: "c", what: "", who: "", first_step: "", evaluate_when: "", card_id: null, created_at: 1, edited_at: null },
      },
    });
    const s = summary(v);
    expect(playedCards(v)).toEqual(["d/a"]);
    expect(s.green_pile).toEqual({ cards: ["d/a"], post_its: ["z"] });
    // d/b is on the red pile but was skipped: not summarised.
    expect(s.red_pile).toEqual({ cards: [], post_its: ["x", "y"] });
    expect(s.open_questions).toEqual(["y", "w"]);
    expect(s.action_points).toEqual(["c", "a", "b"]);
  });

  it("suggests piles: figures for cards, colour for post-its", () => {
    const v = view({ post_its: { g: postIt("g", "green", 1), p: postIt("p", "pink", 2) } });
    expect(suggestedPile(v, "card", "d/a")).toBe("red");
    expect(suggestedPile(v, "post_it", "g")).toBe("green");
    expect(suggestedPile(v, "post_it", "p")).toBe("red");
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
