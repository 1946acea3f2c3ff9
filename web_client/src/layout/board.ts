/**
 * Where the board draws what: pure functions of the view (no DOM), unit-tested in
 * test/boardLayout.test.ts. The components in components/board/ only render their results.
 */

import type { Player, Position, QuadrantPosition, Round, ScalePosition, View } from "../protocol";
import { activePlayers, currentRound } from "../state/selectors";
import { clusters, fitPawns, layOut, type Fit } from "./crowd";

/** The parts of a view the board reads (a board re-renders only when one of them changes). */
export const BOARD_PARTS = ["board", "me", "phase", "current_card_id", "players", "placements"] as const;
export type BoardView = Pick<View, (typeof BOARD_PARTS)[number]>;

/** `secret`: still hidden from the room; this viewer (the facilitator) sees it anyway. */
export interface Placed<P extends Position = Position> {
  player: Player;
  round: Round;
  position: P;
  secret?: boolean;
}

export function isScale(position: Position): position is ScalePosition {
  return "square" in position;
}

export function isQuadrant(position: Position): position is QuadrantPosition {
  return "x" in position;
}

/** The pawns of one kind of board (a view holds one kind; the guard keeps the types honest). */
export function onScale(placed: Placed[]): Placed<ScalePosition>[] {
  return placed.filter((p): p is Placed<ScalePosition> => isScale(p.position));
}

export function onQuadrant(placed: Placed[]): Placed<QuadrantPosition>[] {
  return placed.filter((p): p is Placed<QuadrantPosition> => isQuadrant(p.position));
}

/** Every pawn this viewer may see on a card, and how many are placed but hidden, per round. */
export function placedOn(view: BoardView, cardId: string): { placed: Placed[]; hiddenCount: Record<Round, number> } {
  const placements = view.placements[cardId];
  const placed: Placed[] = [];
  const hiddenCount: Record<Round, number> = { first: 0, second: 0 };
  if (!placements) return { placed, hiddenCount };
  const me = view.me.player_id;
  const showSecond =
    view.phase === "revise" || view.current_card_id !== cardId || Object.keys(placements.second.positions).length > 0;
  const rounds: Round[] = showSecond ? ["first", "second"] : ["first"];
  for (const round of rounds) {
    for (const [playerId, position] of Object.entries(placements[round]?.positions ?? {})) {
      const player = view.players[playerId];
      if (!player) continue;
      if (position === null) hiddenCount[round] += 1;
      else placed.push({ player, round, position, secret: placements[round].hidden && playerId !== me });
    }
  }
  return { placed, hiddenCount };
}

/**
 * What the board shows when `cover` hides the pawns the room cannot see yet: those are
 * counted as hidden instead (the facilitator's board then shows what the room sees).
 */
export function covered(all: ReturnType<typeof placedOn>, cover: boolean): { placed: Placed[]; hiddenCount: Record<Round, number>; secrets: number } {
  const secrets = all.placed.filter((p) => p.secret).length;
  if (!cover) return { placed: all.placed, hiddenCount: all.hiddenCount, secrets };
  const hiddenCount = { ...all.hiddenCount };
  for (const p of all.placed) if (p.secret) hiddenCount[p.round] += 1;
  return { placed: all.placed.filter((p) => !p.secret), hiddenCount, secrets };
}

/** The round a placement on this card counts for now: the second once it is not current. */
export function roundNow(view: BoardView, cardId: string): Round {
  return view.current_card_id === cardId ? currentRound(view.phase) : "second";
}

/** A square holding this many pawns (or pawns this much smaller) counts them. */
export const CROWDED = 5;
/** More players than this: the shifts are counted (up, same, down) instead of listed. */
export const MANY_SHIFTS = 8;
/** More players than this: the quadrant draws the group's mean shift, not each arrow. */
export const MANY_ARROWS = 8;

// ---- scale ----

export interface ShiftRow {
  player: Player;
  from: number;
  to: number;
}

/** Players who placed in both rounds, in seat order, with the square they moved from and to. */
export function scaleShifts(view: BoardView, placed: Placed<ScalePosition>[]): ShiftRow[] {
  const rows: ShiftRow[] = [];
  for (const player of activePlayers(view)) {
    const first = placed.find((p) => p.player.id === player.id && p.round === "first");
    const second = placed.find((p) => p.player.id === player.id && p.round === "second");
    if (first && second) rows.push({ player, from: first.position.square, to: second.position.square });
  }
  return rows;
}

export function shiftCounts(rows: ShiftRow[]): { up: number; same: number; down: number } {
  const up = rows.filter((r) => r.to > r.from).length;
  const down = rows.filter((r) => r.to < r.from).length;
  return { up, same: rows.length - up - down, down };
}

/** "+2", "±0", "-1". */
export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : delta === 0 ? "±0" : String(delta);
}

/** The inner size of every square's pawn area and the normal pawn size there (measured). */
export interface PawnAreas {
  /** The normal pawn size (px) on this board. */
  pawn: number;
  /** Inner width and height (px) of each square's pawn area, by square number. */
  sizes: Record<number, { width: number; height: number }>;
}

/**
 * The height every square's pawn area gets on a page that scrolls (not the projector):
 * crowded squares grow rather than shrink their pawns much; every square gets the height
 * the most crowded one needs (at 80% size when crowded; up to 280 px, past that the pawns
 * shrink or stack). 0: no minimum.
 */
export function squareHeight(placed: Placed<ScalePosition>[], size: number, areas: PawnAreas | null, large: boolean): number {
  const most = Math.max(0, ...Array.from({ length: size }, (_, i) => placed.filter((p) => p.position.square === i + 1).length));
  const width = areas?.sizes[1]?.width ?? 0;
  if (large || !areas || width <= 0 || most === 0) return 0;
  const cell = areas.pawn * (most >= CROWDED ? 0.8 : 1) + 6;
  return Math.min(280, Math.ceil(most / Math.max(1, Math.floor(width / cell))) * cell + 8);
}

export interface SquareLayout {
  square: number;
  /** Second placements first when both rounds are shown (the faded first ones behind). */
  pawns: Placed<ScalePosition>[];
  fit: Fit;
  /** Show the count per round next to the number. */
  crowded: boolean;
  firsts: number;
  /** Padding that keeps room for the last pawn of a row when pawns overlap (px). */
  paddingRight: number | undefined;
}

const AT_FULL_SIZE: Fit = { scale: 1, overlapX: 0, overlapY: 0, fits: true };

export function layOutSquare(
  square: number,
  placed: Placed<ScalePosition>[],
  areas: PawnAreas | null,
  pendingHere: boolean,
  bothRounds: boolean,
): SquareLayout {
  const here = placed.filter((p) => p.position.square === square);
  const box = areas?.sizes[square];
  const fit = areas && box ? fitPawns(here.length + (pendingHere ? 1 : 0), box.width, box.height, areas.pawn, 6) : AT_FULL_SIZE;
  const firsts = here.filter((p) => p.round === "first").length;
  const pawns = bothRounds ? [...here].sort((a, b) => (a.round === b.round ? 0 : a.round === "second" ? -1 : 1)) : here;
  return {
    square,
    pawns,
    fit,
    crowded: here.length >= CROWDED || (fit.scale < 1 && here.length > 2),
    firsts,
    paddingRight: areas && fit.overlapX > 0 ? areas.pawn * fit.scale * fit.overlapX : undefined,
  };
}

// ---- quadrant ----

/** One keyboard step on the quadrant (Shift: a bigger one). */
export const QUADRANT_STEP = 0.1;
export const QUADRANT_BIG_STEP = 0.25;
/** Quadrant pawns closer than this count as one spot; none is drawn closer than PAWN_DISTANCE
 * to another (the field is 2 wide, a pawn 0.18). */
const CLUSTER_RADIUS = 0.14;
const PAWN_DISTANCE = 0.185;

/** A coordinate kept on the field (-1..1) and to two decimals, as the server stores it. */
export function clamp(v: number): number {
  return Math.round(Math.max(-1, Math.min(1, v)) * 100) / 100;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export interface QuadrantPoint {
  id: string;
  x: number;
  y: number;
  p: Placed<QuadrantPosition>;
}

export interface QuadrantMove {
  player: Player;
  first: QuadrantPosition;
  second: QuadrantPosition;
}

export interface QuadrantLayout {
  /** Pawns drawn in full (in the order given), with where each is drawn. */
  pawns: QuadrantPoint[];
  /** First placements drawn as small ghosts (many players, both rounds). */
  ghosts: QuadrantPoint[];
  /** Where each pawn or ghost is drawn, by `${player id}-${round}`. */
  shown: Map<string, { x: number; y: number }>;
  /** Players who placed twice (each gets an arrow unless `meanShift`). */
  moves: QuadrantMove[];
  /** Many players: one arrow from the mean first to the mean second placement. */
  meanShift: { from: { x: number; y: number }; to: { x: number; y: number } } | null;
  /** Spots holding CROWDED or more pawns. */
  crowds: QuadrantPoint[][];
}

export const pawnKey = (p: Placed): string => `${p.player.id}-${p.round}`;

/**
 * Pawns on (almost) the same spot are drawn side by side around it (see crowd.ts). Many
 * players: one arrow for the group (mean of the first to mean of the second placements)
 * instead of a tangle of personal arrows, and the first placements drawn as small ghosts
 * where they were (a cloud, no initials) so the revised pawns have room.
 */
export function layOutQuadrant(placed: Placed<QuadrantPosition>[], bothRounds: boolean): QuadrantLayout {
  const byPlayer = new Map<string, { player: Player; first?: QuadrantPosition; second?: QuadrantPosition }>();
  for (const p of placed) {
    const entry = byPlayer.get(p.player.id) ?? { player: p.player };
    entry[p.round] = p.position;
    byPlayer.set(p.player.id, entry);
  }
  const moves: QuadrantMove[] = [];
  for (const { player, first, second } of byPlayer.values()) if (first && second) moves.push({ player, first, second });
  const meanShift =
    bothRounds && moves.length > MANY_ARROWS
      ? {
          from: { x: mean(moves.map((m) => m.first.x)), y: mean(moves.map((m) => m.first.y)) },
          to: { x: mean(moves.map((m) => m.second.x)), y: mean(moves.map((m) => m.second.y)) },
        }
      : null;
  const ghosted = meanShift !== null;
  const asPoint = (p: Placed<QuadrantPosition>): QuadrantPoint => ({ id: pawnKey(p), x: p.position.x, y: p.position.y, p });
  const pawns = placed.filter((p) => !(ghosted && p.round === "first")).map(asPoint);
  const ghosts = ghosted ? placed.filter((p) => p.round === "first").map(asPoint) : [];
  const shown = layOut(pawns, CLUSTER_RADIUS, PAWN_DISTANCE, 0.91);
  // Ghosts are small: laid out the same way at half the distance, so a crowd stays a crowd.
  for (const [id, where] of layOut(ghosts, CLUSTER_RADIUS / 2, PAWN_DISTANCE / 2, 0.95)) shown.set(id, where);
  const crowds = clusters(pawns, CLUSTER_RADIUS).filter((g) => g.length >= CROWDED);
  return { pawns, ghosts, shown, moves, meanShift, crowds };
}

/** Where a crowd's count is drawn: just above right of its highest, rightmost pawn. */
export function crowdLabelAt(group: QuadrantPoint[], shown: QuadrantLayout["shown"]): { x: number; y: number } {
  const at = group.map((m) => shown.get(m.id) ?? m);
  return { x: Math.min(0.97, Math.max(...at.map((m) => m.x)) + 0.1), y: Math.min(0.92, Math.max(...at.map((m) => m.y)) + 0.1) };
}

/** The point under a pointer on a field drawn in `rect` (y up), or null for an empty rect. */
export function pointIn(rect: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): QuadrantPosition | null {
  if (rect.width === 0) return null;
  return { x: clamp(((clientX - rect.left) / rect.width) * 2 - 1), y: clamp(1 - ((clientY - rect.top) / rect.height) * 2) };
}

/** The next choice on the quadrant for an arrow key, or null for any other key. */
export function quadrantKey(value: QuadrantPosition, key: string, big: boolean): QuadrantPosition | null {
  const step = big ? QUADRANT_BIG_STEP : QUADRANT_STEP;
  if (key === "ArrowRight") return { x: clamp(value.x + step), y: value.y };
  if (key === "ArrowLeft") return { x: clamp(value.x - step), y: value.y };
  if (key === "ArrowUp") return { x: value.x, y: clamp(value.y + step) };
  if (key === "ArrowDown") return { x: value.x, y: clamp(value.y - step) };
  return null;
}

/** The next choice on a scale of `size` squares for a key, or null for any other key. */
export function scaleKey(value: number, key: string, size: number): number | null {
  if (key === "ArrowRight" || key === "ArrowUp") return Math.min(size, value + 1);
  if (key === "ArrowLeft" || key === "ArrowDown") return Math.max(1, value - 1);
  if (key === "Home") return 1;
  if (key === "End") return size;
  return null;
}
