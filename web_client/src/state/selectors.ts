/** Pure questions asked of a view: no state of their own, so every screen agrees. */

import type {
  ActionPoint,
  Card,
  Language,
  Phase,
  Player,
  PostIt,
  Round,
  Text,
  Timer,
  View,
} from "../protocol";

export const CARD_PHASES: readonly Phase[] = ["read", "place", "discuss", "revise"];

export function isCardPhase(phase: Phase): boolean {
  return CARD_PHASES.includes(phase);
}

/** The round a placement now counts for: the revision is the second. */
export function currentRound(phase: Phase): Round {
  return phase === "revise" ? "second" : "first";
}

export function activePlayers(view: View): Player[] {
  return Object.values(view.players)
    .filter((p) => p.active && !p.removed)
    .sort((a, b) => a.seat - b.seat);
}

export function currentCard(view: View): Card | null {
  return view.current_card_id ? (view.cards[view.current_card_id] ?? null) : null;
}

/** Active players without a pawn in the current round (only while placing or revising). */
export function stillToPlace(view: View): Player[] {
  if (view.phase !== "place" && view.phase !== "revise") return [];
  const cardId = view.current_card_id;
  if (!cardId) return [];
  const positions = view.placements[cardId]?.[currentRound(view.phase)]?.positions ?? {};
  return activePlayers(view).filter((p) => !(p.id in positions));
}

/** Cards that were started and not skipped, in agenda order: the ones summarised. */
export function playedCards(view: View): string[] {
  return view.agenda.filter((id) => view.cards[id]?.started && !view.cards[id]?.skipped);
}

function byCreation<T extends { created_at: number; id: string }>(a: T, b: T): number {
  return a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function postItsInOrder(view: View): PostIt[] {
  return Object.values(view.post_its).sort(byCreation);
}

export function postItsOf(view: View, cardId: string): PostIt[] {
  return postItsInOrder(view).filter((p) => p.card_id === cardId);
}

export interface PileContents {
  cards: string[];
  post_its: string[];
}

export interface Summary {
  green_pile: PileContents;
  red_pile: PileContents;
  open_questions: string[];
  action_points: string[];
}

/** The plenary summary, computed like figures.summary() on the server. */
export function summary(view: View): Summary {
  const cards = playedCards(view);
  const postIts = postItsInOrder(view);
  const pile = (colour: "red" | "green"): PileContents => ({
    cards: cards.filter((c) => view.cards[c]?.pile === colour),
    post_its: postIts.filter((p) => p.pile === colour).map((p) => p.id),
  });
  return {
    green_pile: pile("green"),
    red_pile: pile("red"),
    open_questions: postIts.filter((p) => p.colour === "pink" && !p.resolved).map((p) => p.id),
    action_points: Object.values(view.action_points)
      .sort(byCreation)
      .map((a: ActionPoint) => a.id),
  };
}

/** The pile the rules suggested for a card or post-it when sorting started. */
export function suggestedPile(view: View, item: "card" | "post_it", id: string): "red" | "green" | null {
  if (item === "post_it") {
    const postIt = view.post_its[id];
    if (!postIt) return null;
    return postIt.colour === "green" ? "green" : "red";
  }
  return view.figures[id]?.suggested_pile ?? null;
}

/** Milliseconds left on the timer, with the clock corrected by the server-time offset. */
export function timerRemaining(timer: Timer | null, localNow: number, offset: number): number | null {
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

export function isFacilitator(view: View): boolean {
  return view.me.role === "facilitator";
}

/** Whether this viewer has a seat (a pawn and post-its of their own). */
export function mySeat(view: View): Player | null {
  const id = view.me.player_id;
  return id ? (view.players[id] ?? null) : null;
}

/** Cards still to come after the current one (the ones that can be reordered). */
export function remainingCards(view: View): string[] {
  const current = view.current_card_id;
  if (current === null) return view.phase === "lobby" ? [...view.agenda] : [];
  const index = view.agenda.indexOf(current);
  return view.agenda.slice(index + 1);
}
