/** A small view for tests: a room in the lobby with one card and nobody in it. */

import type { View } from "../src/protocol";

export function baseView(): View {
  return {
    code: "ACDEFH",
    title: "t",
    created_at: 1,
    me: { role: "player", player_id: "p1" },
    options: { hidden_placements: true, anonymous_post_its: false, minutes_per_card: null, language: "nl" },
    board: { id: "schaal-5", kind: "scale", size: 5, spec: { id: "schaal-5", kind: "scale", name: { nl: "S" }, placements: { first: {}, second: {} } } },
    phase: "lobby",
    current_card_id: null,
    can_go_back: false,
    agenda: ["d/a"],
    post_its_locked: false,
    timer: null,
    facilitator_player_id: null,
    cards: {},
    players: {},
    post_its: {},
    action_points: {},
    placements: {},
    figures: {},
    remaining_cards: ["d/a"],
    next_card_id: "d/a",
    still_to_place: [],
    played_cards: [],
    summary: { green_pile: { cards: [], post_its: [] }, red_pile: { cards: [], post_its: [] }, open_questions: [], action_points: [] },
    plenary: { present: [], develop: [], questions: [], duplicates: [] },
    voting: null,
    my_dots: [],
    clusters: {},
    workshop: null,
    table_name: null,
    spot_since: 0,
    started_at: null,
    message: null,
    help_asked_at: null,
    consensus: null,
    plan: null,
  };
}
