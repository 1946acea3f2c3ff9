/**
 * Where the consensus picture draws each table (pure; the Consensus component draws it).
 * A scale board is a line: a table's mean sits at (mean - 1) / (size - 1) of it, and its
 * spread (normalised 0..1 by half the board, rules/figures.py) reaches spread / 2 of the
 * line to either side. Marks that would overlap go to the next lane down, so tables that
 * agree stack up in one place and tables that differ spread out along the line.
 */

import type { BoardKind, ConsensusCard, RoundFigures, TableRounds, TablesConsensus, Verdict } from "../protocol";

export interface ScaleMark {
  /** 1-based place of the table in the workshop's table order: the number on its mark. */
  number: number;
  tableId: string;
  name: string;
  /** 0..1 along the line; null when the table has no figures for that round. */
  first: number | null;
  last: number | null;
  /** Half the spread band, 0..0.5 of the line. */
  half: number | null;
  lane: number;
}

/** The round a table ended with: the second when it has one, else the first. */
export function lastRound(rounds: TableRounds | undefined): RoundFigures | null {
  return rounds?.second && rounds.second.count > 0 ? rounds.second : rounds?.first && rounds.first.count > 0 ? rounds.first : null;
}

export function scaleAt(mean: RoundFigures["mean"] | undefined, size: number): number | null {
  if (typeof mean !== "number" || size < 2) return null;
  return Math.min(1, Math.max(0, (mean - 1) / (size - 1)));
}

/** Lanes so that no two marks in one lane are closer than `gap` (greedy, left to right). */
export function assignLanes(positions: readonly (number | null)[], gap: number): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => (a.p ?? -1) - (b.p ?? -1) || a.i - b.i);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(positions.length).fill(0);
  for (const { p, i } of order) {
    if (p === null) continue;
    let lane = laneEnds.findIndex((end) => p - end >= gap);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(p);
    } else laneEnds[lane] = p;
    lanes[i] = lane;
  }
  return lanes;
}

export function scaleMarks(consensus: TablesConsensus, card: ConsensusCard, size: number, gap = 0.07): ScaleMark[] {
  const marks = consensus.tables
    .map((table, i) => ({ table, number: i + 1, rounds: card.tables[table.id] }))
    .filter((m) => m.rounds !== undefined && lastRound(m.rounds) !== null)
    .map(({ table, number, rounds }) => {
      const last = lastRound(rounds)!;
      const spread = typeof last.spread === "number" ? last.spread : null;
      const hasBoth = rounds.first && rounds.first.count > 0 && rounds.second && rounds.second.count > 0;
      return {
        number,
        tableId: table.id,
        name: table.name,
        first: hasBoth ? scaleAt(rounds.first!.mean, size) : null,
        last: scaleAt(last.mean, size),
        half: spread === null ? null : spread / 2,
        lane: 0,
      };
    });
  const lanes = assignLanes(
    marks.map((m) => m.last),
    gap,
  );
  return marks.map((m, i) => ({ ...m, lane: lanes[i] }));
}

export const VERDICT_ORDER: Verdict[] = ["agree", "differ", "single"];

/** The cards under each verdict, in the order the consensus lists them (agenda order). */
export function byVerdict(consensus: TablesConsensus): Record<Verdict, ConsensusCard[]> {
  const groups: Record<Verdict, ConsensusCard[]> = { agree: [], differ: [], single: [] };
  for (const card of consensus.cards) (groups[card.verdict] ?? groups.single).push(card);
  return groups;
}

function lastMean(rounds: TableRounds | undefined): RoundFigures["mean"] | null {
  const last = lastRound(rounds);
  return last && last.mean !== null && last.mean !== undefined ? last.mean : null;
}

/**
 * How far apart the tables ended, as a group reads it off the picture: the mean distance
 * between two tables' marks, in squares on a scale, in parts of the board's width (0..1)
 * on a quadrant (its field runs from -1 to 1); null for fewer than two tables. The same
 * rule as the reports (game_server/rules/workshop/consensus.py `apart`), from the same
 * rounded figures, so the projector and the report say the same number.
 */
export function apart(kind: BoardKind, card: ConsensusCard): number | null {
  const means = Object.values(card.tables)
    .map(lastMean)
    .filter((m): m is NonNullable<RoundFigures["mean"]> => m !== null);
  if (means.length < 2) return null;
  const gaps: number[] = [];
  means.forEach((a, i) =>
    means.slice(i + 1).forEach((b) => {
      if (kind === "scale" && typeof a === "number" && typeof b === "number") gaps.push(Math.abs(a - b));
      else if (kind === "quadrant" && typeof a === "object" && typeof b === "object") gaps.push(Math.hypot(a.x - b.x, a.y - b.y) / 2);
    }),
  );
  return gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : null;
}

/** `value` to `digits` places, halves away from zero (as the server's `rounded`). */
export function roundHalfUp(value: number, digits: number): number {
  const step = 10 ** digits;
  return Math.round(value * step + Math.sign(value) * 1e-9) / step;
}
