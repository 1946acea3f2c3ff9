/**
 * Small pure lookups on a workshop's view and overview, for the facilitator's screen, the
 * workshop projector and the participant's table choice. No rule: the server decides who
 * sits where and who steers; these only order and count for display.
 */

import type { Participant, TableSummary, WorkshopTable, WorkshopView } from "../protocol";

/** The plenary room's id among a workshop's rooms (tokens are derived from it, like a table's). */
export const PLENARY_ID = "plenary";

/** Table ids in table order: t1, t2, …, t10 (numerically, not as strings). */
export function tableOrder(ids: Iterable<string>): string[] {
  const n = (id: string): number => {
    const m = /(\d+)$/.exec(id);
    return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
  };
  return [...ids].sort((a, b) => n(a) - n(b) || a.localeCompare(b));
}

export function orderedTables(view: Pick<WorkshopView, "tables">): WorkshopTable[] {
  return tableOrder(Object.keys(view.tables)).map((id) => view.tables[id]);
}

/** The participants (the view lists only those still in the workshop), in joining order. */
export function activeParticipants(view: Pick<WorkshopView, "participants">): Participant[] {
  return Object.values(view.participants).sort((a, b) => a.joined_at - b.joined_at || a.id.localeCompare(b.id));
}

/** Who sits at each table (and `null`: not seated yet), in joining order. */
export function seatingPlan(view: Pick<WorkshopView, "participants" | "tables">): Map<string | null, Participant[]> {
  const plan = new Map<string | null, Participant[]>();
  plan.set(null, []);
  for (const id of tableOrder(Object.keys(view.tables))) plan.set(id, []);
  for (const p of activeParticipants(view)) {
    const at = p.table_id !== null && plan.has(p.table_id) ? p.table_id : null;
    plan.get(at)!.push(p);
  }
  return plan;
}

/** Whole minutes since `since` (server ms), with the clock offset; null without a start. */
export function minutesSince(since: number | null, now: number, offset: number): number | null {
  if (since === null) return null;
  return Math.max(0, Math.floor((now + offset - since) / 60_000));
}

/** Tables asking for help first (longest waiting first), then the rest in table order. */
export function helpQueue(overview: Record<string, TableSummary>): string[] {
  return Object.entries(overview)
    .filter(([, s]) => s.help_asked_at !== null)
    .sort((a, b) => a[1].help_asked_at! - b[1].help_asked_at! || a[0].localeCompare(b[0]))
    .map(([id]) => id);
}

/** The move a keyboard user makes with the arrow keys in the lobby: the next or previous table. */
export function neighbourTable(order: readonly string[], current: string | null, delta: -1 | 1): string | null {
  if (order.length === 0) return null;
  const at = current === null ? (delta === 1 ? -1 : order.length) : order.indexOf(current);
  const next = at + delta;
  return next < 0 || next >= order.length ? null : order[next];
}

/** Totals across the tables for the overview's head line. */
export function overviewTotals(overview: Record<string, TableSummary>): { green: number; pink: number; help: number; stillToPlace: number } {
  let green = 0;
  let pink = 0;
  let help = 0;
  let stillToPlace = 0;
  for (const s of Object.values(overview)) {
    green += s.post_its.green;
    pink += s.post_its.pink;
    if (s.help_asked_at !== null) help += 1;
    stillToPlace += s.still_to_place.length;
  }
  return { green, pink, help, stillToPlace };
}
