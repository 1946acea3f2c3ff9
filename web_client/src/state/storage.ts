/**
 * What this browser remembers per room code, in localStorage:
 *   lk:<CODE>:facilitator   {token, projector_token}  the facilitator's keys
 *   lk:<CODE>:player        {token, player_id, name}  this browser's seat
 *   lk:<CODE>:projector     {token}                   the projector's key
 *   lk:<CODE>:<as>:pending / :refused                 the pending-command queue
 *   lk:<CODE>:<as>:view     {version, view}           last view seen (shown while offline)
 *   lk:<CODE>:draft:<card id>                         post-it drafts, per card
 * Facilitator and player keys are kept apart so that a facilitator who tries the join
 * link in the same browser does not lose the steering role.
 */

import type { KeyValueStorage } from "./queue";
import { MemoryStorage } from "./queue";
import type { View } from "../protocol";

export type As = "facilitator" | "player" | "projector";

function pickStorage(): KeyValueStorage {
  try {
    const s = globalThis.localStorage;
    const probe = "lk:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return new MemoryStorage();
  }
}

export const storage: KeyValueStorage = pickStorage();

export interface Credentials {
  token: string;
  player_id?: string | null;
  name?: string;
  projector_token?: string;
  /** A table of a workshop: the workshop's code, where a moved or removed seat finds its new table. */
  workshop?: string;
  /** A table of a workshop: its id there (the workshop's commands name tables by id). */
  table_id?: string;
}

export function roomKey(code: string, as: As): string {
  return `lk:${code.toUpperCase()}:${as}`;
}

export function loadCredentials(code: string, as: As): Credentials | null {
  try {
    const raw = storage.getItem(roomKey(code, as));
    return raw ? (JSON.parse(raw) as Credentials) : null;
  } catch {
    return null;
  }
}

export function saveCredentials(code: string, as: As, credentials: Credentials): void {
  storage.setItem(roomKey(code, as), JSON.stringify(credentials));
}

export function forgetCredentials(code: string, as: As): void {
  storage.removeItem(roomKey(code, as));
  storage.removeItem(`${roomKey(code, as)}:view`);
}

/** Fields the server added to the view later than the first cached views. */
const CURRENT_VIEW_FIELDS: readonly (keyof View)[] = ["remaining_cards", "next_card_id", "still_to_place", "played_cards", "summary"];

export function loadCachedView(code: string, as: As): { version: number; view: View } | null {
  try {
    const raw = storage.getItem(`${roomKey(code, as)}:view`);
    const cached = raw ? (JSON.parse(raw) as { version: number; view: View }) : null;
    // A view kept by an older version of the app lacks fields this one reads: enter afresh.
    return cached && CURRENT_VIEW_FIELDS.every((f) => f in cached.view) ? cached : null;
  } catch {
    return null;
  }
}

export function saveCachedView(code: string, as: As, version: number, view: View): void {
  try {
    storage.setItem(`${roomKey(code, as)}:view`, JSON.stringify({ version, view }));
  } catch {
    // Full storage: the view is only a convenience for offline reloads.
  }
}

/**
 * A workshop's keys, per workshop code:
 *   lk:<CODE>:workshop:facilitator  {token, projector_token}   steers the whole workshop
 *   lk:<CODE>:workshop:participant  {token, participant_id, name}  the participant's workshop
 *                                   token: it finds their (new) table after a move or reload
 * A participant's table seat is an ordinary player seat of the table room (lk:<TABLE>:player,
 * with `workshop` set), so the table screen works exactly as a room's.
 */
export type WorkshopAs = "facilitator" | "participant" | "projector";

export interface WorkshopCredentials {
  token: string;
  projector_token?: string;
  participant_id?: string;
  name?: string;
}

export function workshopKey(code: string, as: WorkshopAs): string {
  return `lk:${code.toUpperCase()}:workshop:${as}`;
}

export function loadWorkshopCredentials(code: string, as: WorkshopAs): WorkshopCredentials | null {
  try {
    const raw = storage.getItem(workshopKey(code, as));
    return raw ? (JSON.parse(raw) as WorkshopCredentials) : null;
  } catch {
    return null;
  }
}

export function saveWorkshopCredentials(code: string, as: WorkshopAs, credentials: WorkshopCredentials): void {
  storage.setItem(workshopKey(code, as), JSON.stringify(credentials));
}

export function forgetWorkshopCredentials(code: string, as: WorkshopAs): void {
  storage.removeItem(workshopKey(code, as));
}
