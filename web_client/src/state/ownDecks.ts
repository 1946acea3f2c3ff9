/**
 * The facilitator's own deck: its shape in the editor, its wire shape (`own_deck` of
 * `create_room`, a deck as in `cards/`), the decks remembered in this browser, and the
 * server's stateless deck routes (check, read a file, write a file). Parsing and
 * validation happen on the server with the content models, so a deck written here is
 * checked exactly as a deck file is (docs/protocol.md, "Deck files").
 */

import type { DeckProblem, View } from "../protocol";

export type CardKind = "statement" | "scenario" | "case";
export interface Both {
  nl: string;
  en: string;
}
export interface OwnCard {
  id: string;
  kind: CardKind;
  title: Both;
  text: Both;
  minutes: number | null;
}
export interface OwnDeck {
  id: string;
  name: Both;
  description: Both;
  source: string;
  board: string | null;
  minutes: number | null;
  cards: OwnCard[];
}
/** A problem the server found (a code with parameters: components/create/problems.ts). */
export type Problem = DeckProblem;
export interface Checked {
  deck: OwnDeck | null;
  problems: Problem[];
}

const STORE_KEY = "leerklimaat.own_decks";

/** `name`: what the deck's name field starts with, in the UI's language ("Own cards"). */
export function emptyDeck(name = "Eigen kaarten"): OwnDeck {
  return {
    id: "eigen-kaarten",
    name: { nl: name, en: "" },
    description: { nl: "Eigen kaarten.", en: "Own cards." },
    source: "Eigen kaarten",
    board: null,
    minutes: null,
    cards: [],
  };
}

export function newCardId(deck: OwnDeck, base = "kaart"): string {
  const taken = new Set(deck.cards.map((c) => c.id));
  const clean = base.replace(/[^a-z0-9-]/g, "-").replace(/^-+/, "").slice(0, 34) || "kaart";
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

/** A valid deck id from a name: "Ons Team (1)" -> "ons-team-1". */
export function slug(name: string): string {
  const folded = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "") || "eigen-kaarten";
}

function blank(value: string | undefined | null): boolean {
  return !value || !value.trim();
}

/** Dutch and/or English: a text given in one language is used for both. */
function both(value: Both): Both {
  if (blank(value.en)) return { nl: value.nl.trim(), en: value.nl.trim() };
  if (blank(value.nl)) return { nl: value.en.trim(), en: value.en.trim() };
  return { nl: value.nl.trim(), en: value.en.trim() };
}

/** The deck in the `cards/` shape the server validates: no empty keys, both languages. */
export function toWire(deck: OwnDeck): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    id: deck.id,
    name: both(deck.name),
    description: both(deck.description),
    source: deck.source.trim() || "Eigen kaarten",
    cards: deck.cards.map((card) => {
      const out: Record<string, unknown> = { id: card.id, kind: card.kind, text: both(card.text) };
      if (!blank(card.title.nl) || !blank(card.title.en)) out.title = both(card.title);
      if (card.minutes) out.minutes = card.minutes;
      return out;
    }),
  };
  if (deck.board) wire.board = deck.board;
  if (deck.minutes) wire.minutes = deck.minutes;
  return wire;
}

/** A deck as the server answers it (both languages, optional keys absent or null). */
export function fromWire(data: Record<string, unknown>): OwnDeck {
  const text = (v: unknown): Both => {
    const o = (v ?? {}) as Partial<Both>;
    return { nl: o.nl ?? "", en: o.en ?? "" };
  };
  const cards = (data.cards as Record<string, unknown>[]) ?? [];
  return {
    id: String(data.id ?? "eigen-kaarten"),
    name: text(data.name),
    description: text(data.description),
    source: String(data.source ?? ""),
    board: (data.board as string | null) ?? null,
    minutes: (data.minutes as number | null) ?? null,
    cards: cards.map((c) => ({
      id: String(c.id),
      kind: c.kind as CardKind,
      title: text(c.title),
      text: text(c.text),
      minutes: (c.minutes as number | null) ?? null,
    })),
  };
}

// --- remembered in this browser -----------------------------------------------------------

export function savedDecks(): OwnDeck[] {
  try {
    const raw = window.localStorage.getItem(STORE_KEY);
    const list = raw ? (JSON.parse(raw) as Record<string, unknown>[]) : [];
    return Array.isArray(list) ? list.map(fromWire) : [];
  } catch {
    return []; // storage blocked (locked-down laptops) or a damaged entry: start empty
  }
}

/** Remember ``deck`` (replacing one with the same id); false when the browser refuses. */
export function rememberDeck(deck: OwnDeck): boolean {
  const others = savedDecks().filter((d) => d.id !== deck.id);
  try {
    window.localStorage.setItem(STORE_KEY, JSON.stringify([deck, ...others]));
    return true;
  } catch {
    return false;
  }
}

export function forgetDeck(id: string): void {
  try {
    window.localStorage.setItem(STORE_KEY, JSON.stringify(savedDecks().filter((d) => d.id !== id)));
  } catch {
    /* nothing remembered, nothing to forget */
  }
}

// --- the server's deck routes --------------------------------------------------------------

async function answer(response: Response): Promise<Checked> {
  const body = (await response.json()) as { deck?: Record<string, unknown> | null; problems?: Problem[] };
  return { deck: body.deck ? fromWire(body.deck) : null, problems: body.problems ?? [] };
}

export async function checkDeck(deck: OwnDeck): Promise<Checked> {
  const response = await fetch("/api/decks/check", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(toWire(deck)),
  });
  return answer(response);
}

export async function readDeckFile(file: File): Promise<Checked> {
  const response = await fetch(`/api/decks/read?name=${encodeURIComponent(file.name)}`, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream" },
    body: file,
  });
  return answer(response);
}

/** The deck as a file to download, or the problems that stop it. */
export async function writeDeckFile(deck: OwnDeck, format: "yaml" | "xlsx"): Promise<Blob | Problem[]> {
  const response = await fetch(`/api/decks/write/${format}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(toWire(deck)),
  });
  if (!response.ok) return (await answer(response)).problems;
  return response.blob();
}

// --- a room's cards as a deck --------------------------------------------------------------

/** What of a room's view its cards as a deck are made from. */
export type RoomCards = Pick<View, "title" | "agenda" | "cards" | "board">;

/**
 * The cards of a room as an own deck ("Bewaar kaarten als eigen set"), in playing order:
 * what was played, so next time it can be played again. A deck card or own card stays as
 * it is; a case written during the game (on a blank case card, or added by a player) is a
 * scenario with its text (it was played as a statement; a case card would ask for a new
 * case); a blank case card not written yet stays a case prompt.
 */
export function deckFromRoom(room: RoomCards): OwnDeck {
  const deck = { ...emptyDeck(), name: { nl: room.title, en: "" }, board: room.board.id, cards: [] as OwnCard[] };
  deck.id = slug(room.title);
  deck.source = room.title;
  for (const id of room.agenda) {
    const card = room.cards[id];
    if (!card) continue;
    const written = card.kind === "case" && !card.to_write;
    deck.cards.push({
      id: newCardId(deck, (id.split("/").pop() ?? id).toLowerCase()),
      kind: written ? "scenario" : card.kind,
      title: { nl: card.title?.nl ?? "", en: card.title?.en ?? "" },
      text: { nl: card.text.nl ?? "", en: card.text.en ?? "" },
      minutes: card.minutes,
    });
  }
  return deck;
}
