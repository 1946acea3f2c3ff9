/**
 * The protocol's shapes, in the game's own words (see docs/protocol.md and
 * game_server/rules/views.py; the command types are generated from the rule records). Field names are identical to the server's.
 */

import type { Command as GeneratedCommand } from "./protocol.generated";

export type Phase = "lobby" | "read" | "place" | "discuss" | "revise" | "sort" | "summary" | "closed";
/** The phases of one card, in order (game_server/rules/model.py: CARD_STEPS). */
export const CARD_PHASES = ["read", "place", "discuss", "revise"] as const satisfies readonly Phase[];
export type CardPhase = (typeof CARD_PHASES)[number];
export type Round = "first" | "second";
export type Colour = "green" | "pink";
export type Pile = "red" | "green";
/** `host`: the facilitator token while steering is handed to a player (may only `take_back`). */
export type Role = "facilitator" | "player" | "projector" | "guest" | "host";
export type Language = "nl" | "en";
export type Consensus = "consensus" | "mixed" | "discussion";

/** A text in one or more languages: {nl, en}. */
export type Text = Partial<Record<Language, string>>;

export interface ScalePosition {
  square: number;
}
export interface QuadrantPosition {
  x: number;
  y: number;
}
export type Position = ScalePosition | QuadrantPosition;

export interface AxisLabels {
  low: Text;
  high: Text;
}

export interface BoardSpec {
  id: string;
  kind: "scale" | "quadrant";
  name: Text;
  squares?: Text[];
  x_axis?: AxisLabels;
  y_axis?: AxisLabels;
  placements: { first: Text; second: Text };
}

export interface Board {
  id: string;
  kind: "scale" | "quadrant";
  size: number;
  spec: BoardSpec;
}

export interface Card {
  id: string;
  kind: "statement" | "scenario" | "case";
  text: Text;
  title: Text | null;
  minutes: number | null;
  deck_id: string | null;
  author_id: string | null;
  /** For a deck's case card once its case is written: the deck's prompt that led to it. */
  prompt: Text | null;
  /** A deck's blank case card whose case is not written yet: `text` is a prompt. */
  to_write: boolean;
  started: boolean;
  skipped: boolean;
  reader_id: string | null;
  pile: Pile | null;
}

export interface Player {
  id: string;
  name: string;
  seat: number;
  colour: string;
  active: boolean;
  removed: boolean;
}

export interface PostIt {
  id: string;
  card_id: string;
  colour: Colour;
  text: string;
  author_id: string | null;
  mine: boolean;
  created_at: number;
  edited_at: number | null;
  pile: Pile | null;
  resolved: boolean;
  /** This viewer may edit and delete it now (the facilitator always; its author until locked). */
  can_edit: boolean;
  /** The pile it goes on when sorting starts: green for green, red for pink. */
  suggested_pile: Pile;
}

export interface ActionPoint {
  id: string;
  what: string;
  who: string;
  first_step: string;
  evaluate_when: string;
  card_id: string | null;
  /** The plenary item it was made from, if any. */
  item: ItemKind | null;
  item_id: string | null;
  created_at: number;
  edited_at: number | null;
}

/** What a plenary item is (rules/plenary.py). */
export type ItemKind = "card" | "post_it" | "cluster";

export interface ItemRef {
  item: ItemKind;
  id: string;
}

/** Post-its the facilitator merged into one named item. */
export interface Cluster {
  id: string;
  name: string;
  post_it_ids: string[];
  post_its: number;
  created_at: number;
}

/** The seed's three headings over the sorted items (views: plenary). */
export interface Plenary {
  present: ItemRef[];
  /** dots: the item's total once the votes are revealed, else null. */
  develop: (ItemRef & { dots: number | null })[];
  questions: ItemRef[];
  duplicates: { a: ItemRef; b: ItemRef; score: number }[];
}

/** A round of dot voting: settings and progress, never whose dots are where. */
export interface Voting {
  dots: number;
  several_per_item: boolean;
  revealed: boolean;
  dots_placed: number;
  voters: number;
}

export interface RoundPlacements {
  hidden: boolean;
  /** player id -> position; null when placed but hidden from this viewer. */
  positions: Record<string, Position | null>;
}

export type CardPlacements = Record<Round, RoundPlacements>;

export interface RoundFigures {
  count: number;
  distribution?: Record<string, number>;
  mean: number | { x: number; y: number } | null;
  spread: number | null;
  consensus: Consensus | null;
}

export interface CardFigures {
  first: RoundFigures | null;
  second: RoundFigures | null;
  shift: number | null;
  shifts?: Record<string, { dx: number; dy: number; length: number }>;
  suggested_pile: Pile | null;
}

export interface Timer {
  started_at: number;
  seconds: number;
  ends_at: number;
}

export interface Options {
  hidden_placements: boolean;
  anonymous_post_its: boolean;
  minutes_per_card: number | null;
  language: Language;
}

export interface PileContents {
  cards: string[];
  post_its: string[];
}

/** The plenary summary as ids into the view (figures.summary()). */
export interface Summary {
  green_pile: PileContents;
  red_pile: PileContents;
  open_questions: string[];
  action_points: string[];
}

/** The snapshot one viewer gets (views.view). */
export interface View {
  code: string;
  title: string;
  created_at: number;
  me: { role: Role; player_id: string | null };
  options: Options;
  board: Board;
  phase: Phase;
  current_card_id: string | null;
  can_go_back: boolean;
  agenda: string[];
  post_its_locked: boolean;
  timer: Timer | null;
  facilitator_player_id: string | null;
  cards: Record<string, Card>;
  players: Record<string, Player>;
  post_its: Record<string, PostIt>;
  action_points: Record<string, ActionPoint>;
  placements: Record<string, CardPlacements>;
  figures: Record<string, CardFigures | null>;
  /** The cards after the current one: the ones `reorder_cards` may reorder. */
  remaining_cards: string[];
  /** Where `next_step` goes after this card's revise; null: to sorting. */
  next_card_id: string | null;
  /** Active players without a pawn in the round being placed (place and revise only). */
  still_to_place: string[];
  /** Cards entered and not skipped, in agenda order: the ones sorted and summarised. */
  played_cards: string[];
  summary: Summary;
  plenary: Plenary;
  voting: Voting | null;
  /** This viewer's own dots (nobody sees another's). */
  my_dots: (ItemRef & { dots: number })[];
  clusters: Record<string, Cluster>;
}

export type Op = ["set", (string | number)[], unknown] | ["del", (string | number)[]];

export interface UpdateMessage {
  version: number;
  ops: Op[];
  server_time?: number;
}

/** Sent to the facilitator's connections: the players connected right now (docs/protocol.md). */
export interface PresenceMessage {
  online: string[];
}

export interface SnapshotMessage {
  version: number;
  role: Role;
  view: View;
}

export interface ErrorBody {
  code: string;
  message: string;
  fields?: { field: string; problem: string }[];
}

export type Reply<T = Record<string, unknown>> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

export interface EnterReply {
  role: Role;
  player_id: string | null;
  version: number;
  server_time?: number;
  view?: View;
  updates?: UpdateMessage[];
}

export interface CreateReply extends EnterReply {
  code: string;
  facilitator_token: string;
  projector_token: string;
}

export interface JoinReply extends EnterReply {
  token: string;
}

export interface CommandReply {
  version: number;
  result: Record<string, unknown>;
  duplicate: boolean;
}

type WithoutId<T> = T extends unknown ? Omit<T, "command_id"> : never;

/**
 * Every command a client sends with the `command` event, without command_id: generated from
 * the server's schemas (protocol.generated.ts). `join` has its own event and `rejoin` is
 * sent by the server on the player's behalf.
 */
export type CommandBody = WithoutId<Exclude<GeneratedCommand, { type: "join" | "rejoin" }>>;

export type CommandType = CommandBody["type"];
export type Command = CommandBody & { command_id: string };

/** GET /api/content */
export interface ContentCard {
  id: string;
  kind: "statement" | "scenario" | "case";
  title: Text | null;
  text: Text;
  minutes: number | null;
}
export interface ContentDeck {
  id: string;
  name: Text;
  description: Text;
  source: string;
  board: string | null;
  minutes: number | null;
  cards: ContentCard[];
}
export interface Content {
  boards: BoardSpec[];
  decks: ContentDeck[];
}

/** A command id the server accepts: [A-Za-z0-9_-]{8,64}. Works outside secure contexts too. */
export function newCommandId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return "c" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
