/**
 * Which notices stay on screen. A refusal that carries what the person wrote (a refused
 * post-it) stays until dismissed: that text must not be lost. Every other notice is about a
 * moment: it goes when the room moves to another card or step, or after NOTICE_TTL_MS.
 */

export const NOTICE_TTL_MS = 15_000;

export interface TimedNotice {
  /** When it appeared (Date.now()). */
  at: number;
  /** The person's own text, if the refused command carried one. */
  text?: string;
}

/** The room's place in the game; a notice belongs to one such moment. */
export function momentOf(view: { phase: string; current_card_id: string | null } | null): string {
  return view ? `${view.phase}:${view.current_card_id ?? ""}` : "";
}

export function keptNotices<N extends TimedNotice>(notices: N[], now: number, momentChanged: boolean): N[] {
  return notices.filter((n) => n.text !== undefined || (!momentChanged && now - n.at < NOTICE_TTL_MS));
}
