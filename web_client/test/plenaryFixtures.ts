/** A cross-table plenary room for tests: three tables' items imported, one cluster, the consensus picture. */

import type { PostIt, RoundFigures, TablesConsensus, View } from "../src/protocol";
import { baseView } from "./fixtures";

export const EVIL = "<img src=x onerror=alert(1)>";

function round(mean: number, spread: number, count = 2): RoundFigures {
  return { count, mean, spread, consensus: spread <= 0.25 ? "consensus" : spread >= 0.5 ? "discussion" : "mixed", distribution: {} };
}

function postIt(id: string, text: string, change: Partial<PostIt> = {}): PostIt {
  return {
    id,
    card_id: "d/a",
    colour: "pink",
    text,
    author_id: null,
    mine: false,
    created_at: 1,
    edited_at: null,
    pile: "red",
    resolved: true,
    can_edit: false,
    suggested_pile: "red",
    table_id: "t1",
    table_name: "Tafel 1",
    author_name: null,
    pile_card: false,
    ...change,
  };
}

export function consensus(): TablesConsensus {
  return {
    tables: [
      { id: "t1", name: "Tafel 1" },
      { id: "t2", name: "Tafel 2" },
      { id: "t3", name: "Tafel 3" },
    ],
    cards: [
      {
        card_id: "d/a",
        tables: {
          t1: { first: round(2, 0.5), second: round(3, 0.2) },
          t2: { first: round(3, 0.25), second: round(3, 0) },
          t3: { first: round(2.5, 0.3), second: round(3.5, 0.25) },
        },
        together: { first: round(2.5, 0.4, 6), second: round(3.17, 0.2, 6) },
        between: 0.1,
        verdict: "agree",
      },
      {
        card_id: "d/b",
        tables: {
          t1: { first: round(1, 0), second: round(1.5, 0.25) },
          t3: { first: round(5, 0), second: round(4.5, 0.25) },
        },
        together: { first: round(3, 1, 4), second: round(3, 0.75, 4) },
        between: 0.75,
        verdict: "differ",
      },
      {
        card_id: "d/c",
        tables: { t2: { first: round(4, 0), second: null } },
        together: { first: round(4, 0), second: null },
        between: null,
        verdict: "single",
      },
    ],
  };
}

export function plenaryView(): View {
  const view = baseView();
  const text = (nl: string) => ({ nl });
  const card = (id: string, title: string) => ({
    id,
    kind: "statement" as const,
    text: text(`${title}: tekst`),
    title: text(title),
    minutes: null,
    deck_id: "d",
    author_id: null,
    prompt: null,
    to_write: false,
    started: false,
    skipped: false,
    reader_id: null,
    pile: null,
  });
  return {
    ...view,
    me: { role: "facilitator", player_id: null },
    phase: "summary",
    workshop: "WXYZAB",
    table_name: "Plenair",
    board: {
      ...view.board,
      spec: { ...view.board.spec, placements: { first: text("Eerste plaatsing"), second: text("Herziene plaatsing") } },
    },
    cards: { "d/a": card("d/a", "Openheid"), "d/b": card("d/b", "Fouten maken mag"), "d/c": card("d/c", EVIL) },
    post_its: {
      "t1-p1": postIt("t1-p1", "Geen tijd om te leren", { author_name: "Anna" }),
      "t2-p1": postIt("t2-p1", "Er is geen tijd om te leren", { table_id: "t2", table_name: "Tafel 2", author_name: null }),
      "t3-p1": postIt("t3-p1", EVIL, { table_id: "t3", table_name: "Tafel 3", author_name: EVIL }),
      "t2-card-d/b": postIt("t2-card-d/b", "Fouten maken mag: tekst", { card_id: "d/b", colour: "green", table_id: "t2", table_name: "Tafel 2", pile_card: true }),
    },
    clusters: {
      c1: { id: "c1", name: "Tijd om te leren", post_it_ids: ["t1-p1", "t2-p1"], post_its: 2, tables: 2, created_at: 2 },
    },
    plenary: {
      present: [],
      develop: [
        { item: "cluster", id: "c1", dots: null },
        { item: "post_it", id: "t3-p1", dots: null },
        { item: "post_it", id: "t2-card-d/b", dots: null },
      ],
      questions: [],
      duplicates: [],
    },
    consensus: consensus(),
  };
}
