/** Pure questions asked of a view: no state of their own, so every screen agrees. */

import { CARD_PHASES, type CardPhase, type Card, type Language, type Phase, type Player, type PostIt, type Round, type Text, type Timer, type View } from "../protocol";

export function isCardPhase(phase: Phase): phase is CardPhase {
  return (CARD_PHASES as readonly Phase[]).includes(phase);
}

/** The round a placement now counts for: the revision is the second. */
export function currentRound(phase: Phase): Round {
  return phase === "revise" ? "second" : "first";
}

export function activePlayers(view: Pick<View, "players">): Player[] {
  return Object.values(view.players)
    .filter((p) => p.active && !p.removed)
    .sort((a, b) => a.seat - b.seat);
}

export function currentCard(view: Pick<View, "current_card_id" | "cards">): Card | null {
  return view.current_card_id ? (view.cards[view.current_card_id] ?? null) : null;
}

/** The players the server says still have to place, in seat order. */
export function stillToPlace(view: Pick<View, "still_to_place" | "players">): Player[] {
  return view.still_to_place.map((id) => view.players[id]).filter((p): p is Player => p !== undefined);
}

function byCreation<T extends { created_at: number; id: string }>(a: T, b: T): number {
  return a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function postItsInOrder(view: Pick<View, "post_its">): PostIt[] {
  return Object.values(view.post_its).sort(byCreation);
}

export function postItsOf(view: Pick<View, "post_its">, cardId: string): PostIt[] {
  return postItsInOrder(view).filter((p) => p.card_id === cardId);
}

/** Milliseconds left on the timer, with the clock corrected by the server-time offset. */
export function timerRemaining(timer: Pick<Timer, "ends_at"> | null, localNow: number, offset: number): number | null {
  if (timer === null) return null;
  return Math.max(0, timer.ends_at - (localNow + offset));
}

export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${s.toString().padStart(2, "0")}`;
}

/** Up to two initials: first letters of the first and the last word. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0])[0] ?? "";
  const last = words.length > 1 ? (Array.from(words[words.length - 1])[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** A content text in the chosen language, falling back to Dutch, then to any. */
export function local(text: Text | null | undefined, lang: Language): string {
  if (!text) return "";
  return text[lang] ?? text.nl ?? Object.values(text)[0] ?? "";
}

export function isFacilitator(view: Pick<View, "me">): boolean {
  return view.me.role === "facilitator";
}

/** Whether this viewer has a seat (a pawn and post-its of their own). */
export function mySeat(view: Pick<View, "me" | "players">): Player | null {
  const id = view.me.player_id;
  return id ? (view.players[id] ?? null) : null;
}

/** A workshop's plenary room: the tables' items gathered, with the picture across them. */
export function isPlenaryRoom(view: Pick<View, "workshop" | "consensus">): boolean {
  return view.workshop !== null && view.consensus !== null;
}
