/**
 * The protocol's shapes, in the game's own words (see docs/protocol.md). The command types
 * and the view types are generated (protocol.generated.ts) from the rule records and from
 * game_server/rules/view_types.py; what is written here is the messages around them.
 */

import type {
  BoardSpec,
  CardPlacements,
  Command as GeneratedCommand,
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
  QuadrantPosition,
  Role,
  RoundFigures,
  RoundPlacements,
  ScalePosition,
  Shift,
  Summary,
  Text,
  Timer,
  View,
  ViewOptions,
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
