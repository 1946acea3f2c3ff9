/**
 * The tables part of the create flow, as plain data: how many tables (or a table size with
 * tables made as people arrive), how people are seated and who steers. One table in count
 * mode is today's room (create_room as always); anything else makes a workshop
 * (create_room with `tables`, `seating` and `steering`).
 * The limits mirror the server's (docs/protocol.md, "Workshops"), so the form says what is
 * wrong before sending instead of showing a bad_request.
 */

import type { Seating, Steering, TablesMode } from "../protocol";

export interface TablesSetup {
  mode: "count" | "size";
  count: number;
  min: number;
  max: number;
  seating: Seating;
  steering: Steering;
}

export const MAX_TABLES = 30;
export const MIN_TABLE_SIZE = 2;
export const MAX_TABLE_SIZE = 12;

export const DEFAULT_SETUP: TablesSetup = { mode: "count", count: 1, min: 4, max: 6, seating: "spread", steering: "tables" };

export type SetupProblem = "count_range" | "size_range" | "size_order" | null;

export function setupProblem(setup: TablesSetup): SetupProblem {
  if (setup.mode === "count") {
    return Number.isInteger(setup.count) && setup.count >= 1 && setup.count <= MAX_TABLES ? null : "count_range";
  }
  const inRange = (n: number): boolean => Number.isInteger(n) && n >= MIN_TABLE_SIZE && n <= MAX_TABLE_SIZE;
  if (!inRange(setup.min) || !inRange(setup.max)) return "size_range";
  return setup.min <= setup.max ? null : "size_order";
}

/** Whether this setup is a workshop of tables rather than one plain room. */
export function isWorkshop(setup: TablesSetup): boolean {
  return setup.mode === "size" || setup.count > 1;
}

export function tablesMode(setup: TablesSetup): TablesMode {
  return setup.mode === "count" ? { count: setup.count } : { size: { min: setup.min, max: setup.max } };
}

/** The fields that make create_room create a workshop (docs/protocol.md, "Creating a workshop"). */
export function workshopFields(setup: TablesSetup): { tables: TablesMode; seating: Seating; steering: Steering } {
  return { tables: tablesMode(setup), seating: setup.seating, steering: setup.steering };
}
