import { describe, expect, it } from "vitest";
import { cardMinutes, planMinutes } from "../src/components/create/plans";
import type { Card, Content } from "../src/protocol";
import { deckFromRoom, toWire } from "../src/state/ownDecks";
import { baseView } from "./fixtures";

function card(id: string, fields: Partial<Card>): Card {
  return {
    id, kind: "statement", text: { nl: id }, title: null, minutes: null, deck_id: "d", author_id: null,
    prompt: null, to_write: false, started: false, skipped: false, reader_id: null, pile: null, ...fields,
  };
}

describe("a room's cards as an own deck", () => {
  it("keeps every card in playing order, a written case as a scenario, a blank case as a prompt", () => {
    const view = {
      ...baseView(),
      title: "Teamdag Noord",
      agenda: ["leerklimaat/veiligheid", "ons-team/veiligheid", "leerklimaat/casus", "case-1", "casuskaarten/leeg"],
      cards: {
        "leerklimaat/veiligheid": card("leerklimaat/veiligheid", { text: { nl: "Veilig.", en: "Safe." }, minutes: 5 }),
        "ons-team/veiligheid": card("ons-team/veiligheid", { text: { nl: "Ons eigen." }, title: { nl: "Eigen" } }),
        "leerklimaat/casus": card("leerklimaat/casus", { kind: "case", text: { nl: "De fout van dinsdag." }, prompt: { nl: "Beschrijf een fout." } }),
        "case-1": card("case-1", { kind: "case", text: { nl: "Een casus van Anna." }, deck_id: null, author_id: "p1" }),
        "casuskaarten/leeg": card("casuskaarten/leeg", { kind: "case", text: { nl: "Vertel een casus." }, to_write: true }),
      },
    };
    const deck = deckFromRoom(view);
    expect(deck.id).toBe("teamdag-noord");
    expect(deck.name.nl).toBe("Teamdag Noord");
    expect(deck.board).toBe("schaal-5");
    expect(deck.cards.map((c) => [c.id, c.kind, c.text.nl])).toEqual([
      ["veiligheid", "statement", "Veilig."],
      ["veiligheid-2", "statement", "Ons eigen."],
      ["casus", "scenario", "De fout van dinsdag."],
      ["case-1", "scenario", "Een casus van Anna."],
      ["leeg", "case", "Vertel een casus."],
    ]);
    expect(deck.cards[0].minutes).toBe(5);
    // On the wire a text in one language is used for both, as the deck routes expect.
    const wire = toWire(deck) as { cards: { text: { nl: string; en: string } }[] };
    expect(wire.cards[1].text).toEqual({ nl: "Ons eigen.", en: "Ons eigen." });
  });
});

describe("planned minutes", () => {
  const content = {
    boards: [],
    decks: [
      { id: "d", name: { nl: "D" }, description: { nl: "" }, source: "", board: null, minutes: 3, cards: [
        { id: "a", kind: "statement", title: null, text: { nl: "a" }, minutes: null },
        { id: "b", kind: "scenario", title: null, text: { nl: "b" }, minutes: 7 },
      ] },
    ],
    plans: [],
  } as unknown as Content;

  it("follow the server: a card's own, else the room's, else the deck's", () => {
    expect(cardMinutes(content, "d/a", null)).toBe(3);
    expect(cardMinutes(content, "d/a", 2)).toBe(2);
    expect(cardMinutes(content, "d/b", 2)).toBe(7);
    const plan = { id: "p", deck: "d", cards: null, minutes: 2, opening: [{ minutes: 1 }], closing: [{ minutes: 4 }] };
    expect(planMinutes(content, plan as unknown as Content["plans"][number])).toBe(1 + 2 + 7 + 4);
  });
});
