/**
 * Session plans as the create flow uses them: the cards a plan plays, the planned minutes
 * (the timer's rule: a card's own minutes, else the room's minutes per card, else its
 * deck's, else 5), and the plan as `create_room` sends it: the room keeps it, so its
 * planned against actual time includes the opening and closing on every device.
 */

import type { Content, ContentPlan, PlanStep } from "../../protocol";

export const DEFAULT_MINUTES = 5;

export function planCards(content: Content, plan: ContentPlan): string[] {
  const deck = content.decks.find((d) => d.id === plan.deck);
  if (!deck) return [];
  const ids = plan.cards ?? deck.cards.map((c) => c.id);
  return ids.map((id) => `${deck.id}/${id}`);
}

/** Minutes the timer gives a library card ("deck/card") in a room with ``perCard``: the
 *  server's rule (room/registry.py): its own, else the room's, else its deck's, else 5. */
export function cardMinutes(content: Content, full: string, perCard: number | null): number {
  const [deckId, cardId] = full.split("/");
  const deck = content.decks.find((d) => d.id === deckId);
  const card = deck?.cards.find((c) => c.id === cardId);
  return card?.minutes ?? perCard ?? deck?.minutes ?? DEFAULT_MINUTES;
}

export function stepMinutes(steps: PlanStep[]): number {
  return steps.reduce((sum, s) => sum + s.minutes, 0);
}

export function planMinutes(content: Content, plan: ContentPlan): number {
  const cards = planCards(content, plan).reduce((sum, c) => sum + cardMinutes(content, c, plan.minutes), 0);
  return stepMinutes(plan.opening) + cards + stepMinutes(plan.closing);
}

/** The plan as `create_room` carries it (`plan`): the room keeps its name, opening and
 *  closing, so the planned-time panel is the same on every device the facilitator uses. */
export function planRequest(plan: ContentPlan): { name: ContentPlan["name"]; opening: PlanStep[]; closing: PlanStep[] } {
  return { name: plan.name, opening: plan.opening, closing: plan.closing };
}
