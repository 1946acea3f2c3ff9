/**
 * The protocol's shapes, in the game's own words (see docs/protocol.md). The command types
 * and the view types are generated (protocol.generated.ts) from the rule records and from
 * game_server/rules/view_types.py; what is written here is the messages around them.
 */

import type {
  BoardSpec,
  CardPlacements,
  Command as GeneratedCommand,
  Language,
  Phase,
  Role,
  Text,
  View,
} from "./protocol.generated";

export type {
  ActionPoint,
  AxisLabels,
  Board,
  BoardKind,
  BoardSpec,
  Card,
  CardFigures,
  CardKind,
  CardPlacements,
  Cluster,
  Colour,
  Consensus,
  ConsensusCard,
  ConsensusTable,
  DeckProblem,
  DevelopItem,
  Duplicate,
  ItemKind,
  ItemRef,
  Language,
  Me,
  MyDot,
  Phase,
  Pile,
  PileContents,
  PlacementLabels,
  Plenary,
  Player,
  Position,
  PostIt,
  ProblemCode,
  QuadrantPosition,
  Role,
  RoundFigures,
  RoundPlacements,
  ScalePosition,
  Shift,
  Summary,
  TableRounds,
  TablesConsensus,
  Text,
  Timer,
  View,
  ViewOptions,
  Verdict,
  Voting,
} from "./protocol.generated";

/** The two placements of a pawn on a card: the keys of a card's placements. */
export type Round = keyof CardPlacements;
/** The phases of one card, in order (game_server/rules/model.py: CARD_STEPS). */
export const CARD_PHASES = ["read", "place", "discuss", "revise"] as const satisfies readonly Phase[];
export type CardPhase = (typeof CARD_PHASES)[number];

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
  /** `too_many_rooms`: seconds until this address may create again. */
  retry_after?: number;
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
  /** On a connection opened with `own=ack`: this command's own version, which that
   * connection is not sent as an `update` (docs/protocol.md). */
  update?: UpdateMessage;
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
export interface PlanStep {
  title: Text;
  minutes: number;
  text: Text | null;
}
/** A session plan (werkvorm): a deck on a board with timings and a closing structure. */
export interface ContentPlan {
  id: string;
  name: Text;
  summary: Text;
  source: string;
  board: string;
  deck: string;
  cards: string[] | null;
  minutes: number | null;
  opening: PlanStep[];
  closing: PlanStep[];
}
export interface Content {
  boards: BoardSpec[];
  decks: ContentDeck[];
  plans: ContentPlan[];
}

/** A command id the server accepts: [A-Za-z0-9_-]{8,64}. Works outside secure contexts too. */
export function newCommandId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return "c" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// --- Workshops of several tables (issue 12; docs/protocol.md, "Workshops") -----------------

/** How participants reach a table: they pick one, they are spread evenly, or the facilitator seats them. */
export type Seating = "choose" | "spread" | "assign";
/** Who steers the tables: each table its own table lead, or the facilitator all tables in step. */
export type Steering = "tables" | "facilitator";
/** A fixed number of tables, or a table size with tables made as people arrive. */
export type TablesMode = { count: number } | { size: { min: number; max: number } };
export type WorkshopPhase = "lobby" | "playing" | "plenary" | "closed";
export type WorkshopRole = "facilitator" | "participant" | "projector";

/** One table of a workshop in the facilitator's view: an ordinary room with its own code and tokens. */
export interface WorkshopTable {
  id: string;
  name: string;
  code: string;
  facilitator_token?: string;
  projector_token?: string;
  /** The facilitator steers this table (steering "facilitator", or taken over). */
  steered_by_facilitator?: boolean;
  /** Taken over by the facilitator while the tables steer themselves. */
  taken_over?: boolean;
  /** Participant ids seated here, in joining order. */
  participants?: string[];
  /** The projector's view: who sits here, by name. */
  players?: string[];
}

/** A participant still in the workshop (the view lists only those). */
export interface Participant {
  id: string;
  name: string;
  table_id: string | null;
  joined_at: number;
}

/** A message the facilitator sent to every table. */
export interface Broadcast {
  id: string;
  text: string;
  at: number;
}

/** One table at a glance (the overview): a pure function of the table's room on the server. */
export interface TableSummary {
  phase: Phase;
  card_id: string | null;
  /** The current card in the table's language (no post-it text ever). */
  card: { title: string | null; text: string } | null;
  /** 1-based position of the current card among the cards to play, and how many there are. */
  card_index: number | null;
  cards_total: number;
  /** Names of the players who still have to place (place and revise only). */
  still_to_place: string[];
  post_its: { green: number; pink: number };
  timer: { ends_at: number } | null;
  /** When the table's current step on this card began (ms). */
  spot_since: number | null;
  players: { id: string; name: string; active: boolean }[];
  /** The table lead's name, or null when the facilitator steers. */
  lead: string | null;
  help_asked_at: number | null;
  steered_by: "lead" | "facilitator";
}

/** What every workshop view has. */
interface WorkshopViewCommon {
  kind: "workshop";
  code: string;
  title: string;
  created_at: number;
  phase: WorkshopPhase;
  seating: Seating;
  steering: Steering;
  /** The latest broadcast. */
  message: Broadcast | null;
  language: Language;
}

/**
 * The cross-table plenary (PLENARY.md): a room made from every table's piles once the
 * facilitator sends `open_plenary`. Each role gets the keys it enters that room with.
 */
export interface PlenaryRoom {
  id: string;
  name: string;
  code: string;
}
export interface FacilitatorPlenary extends PlenaryRoom {
  facilitator_token: string;
  projector_token: string;
}
export interface ProjectorPlenary extends PlenaryRoom {
  projector_token: string;
}
export interface ParticipantPlenary extends PlenaryRoom {
  token: string;
}

/** The workshop as its facilitator sees it. */
export interface WorkshopView extends WorkshopViewCommon {
  me: { role: "facilitator"; participant_id: null };
  tables_mode: TablesMode;
  shown_table: string | null;
  plenary: FacilitatorPlenary | null;
  tables: Record<string, WorkshopTable>;
  participants: Record<string, Participant>;
  messages: Broadcast[];
  cards_total: number;
}

/** The workshop as its projector sees it: who sits where, and the table shown (with its projector token). */
export interface WorkshopProjectorView extends WorkshopViewCommon {
  me: { role: "projector"; participant_id: null };
  tables: Record<string, WorkshopTable>;
  shown_table: { id: string; name: string; code: string; projector_token: string } | null;
  plenary: ProjectorPlenary | null;
}

/** A participant's seat as the workshop tells it: the table room to enter, with its token. */
export interface SeatAtTable {
  id: string;
  name: string;
  code: string;
  token: string;
}

/** A table as a participant choosing one sees it. */
export interface TableChoice {
  id: string;
  name: string;
  players: string[];
  full: boolean;
}

/** The workshop as a participant sees it. */
export interface ParticipantView extends WorkshopViewCommon {
  me: { role: "participant"; participant_id: string };
  name: string;
  token: string;
  table: SeatAtTable | null;
  /** The plenary room to follow to, once the facilitator opened it. */
  plenary: ParticipantPlenary | null;
  /** The tables to choose from (seating "choose", while not seated); empty otherwise. */
  tables: Record<string, TableChoice>;
}

export type AnyWorkshopView = WorkshopView | WorkshopProjectorView | ParticipantView;

export interface OverviewMessage {
  code: string;
  tables: Record<string, TableSummary>;
}

export interface WorkshopEnterReply {
  role: WorkshopRole;
  version: number;
  server_time?: number;
  view?: AnyWorkshopView;
  updates?: UpdateMessage[];
  overview?: Record<string, TableSummary>;
}

export interface CreateWorkshopReply extends WorkshopEnterReply {
  code: string;
  facilitator_token: string;
  projector_token: string;
}

export interface JoinWorkshopReply {
  /** The participant token of the workshop (`w.<id>.<mac>`): keep it beside the table's. */
  token: string;
  participant_id: string;
  table: SeatAtTable | null;
}
