/** A small workshop for tests: three tables, three people (one not seated yet). */

import type { TableSummary, WorkshopView } from "../src/protocol";

export function workshopView(): WorkshopView {
  return {
    kind: "workshop",
    code: "WXYZAB",
    title: "Teamdag",
    created_at: 1,
    me: { role: "facilitator", participant_id: null },
    phase: "lobby",
    seating: "assign",
    steering: "tables",
    message: null,
    language: "nl",
    tables_mode: { count: 3 },
    shown_table: null,
    plenary: null,
    cards_total: 4,
    tables: {
      t2: { id: "t2", name: "Tafel 2", code: "TTTTT2", facilitator_token: "f0.x", projector_token: "v.x" },
      t1: { id: "t1", name: "Tafel 1", code: "TTTTT1", facilitator_token: "f0.y", projector_token: "v.y" },
      t3: { id: "t3", name: "Tafel 3", code: "TTTTT3", facilitator_token: "f0.z", projector_token: "v.z" },
    },
    participants: {
      b: { id: "b", name: "Bram", table_id: "t1", joined_at: 20 },
      a: { id: "a", name: "Anna", table_id: "t1", joined_at: 10 },
      c: { id: "c", name: "Cas", table_id: "t2", joined_at: 30 },
      z: { id: "z", name: "Zoë", table_id: null, joined_at: 40 },
    },
    messages: [],
  };
}

export function summary(change: Partial<TableSummary> = {}): TableSummary {
  return {
    phase: "place",
    card_id: "d/a",
    card: { title: "Openheid", text: "We zeggen wat we denken." },
    card_index: 2,
    cards_total: 4,
    still_to_place: ["Bram"],
    post_its: { green: 2, pink: 1 },
    timer: null,
    spot_since: 0,
    players: [
      { id: "a", name: "Anna", active: true },
      { id: "b", name: "Bram", active: true },
    ],
    lead: "Anna",
    help_asked_at: null,
    steered_by: "lead",
    ...change,
  };
}
