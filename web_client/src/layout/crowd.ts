/**
 * Keeping pawns readable when many people stand in one place (30 players in a room).
 *
 * Scale board: the pawns of a square shrink just enough to fit its box, down to a floor
 * below which initials would no longer be readable; past that they overlap like a stack of
 * coins, each still showing its initials, and a count says how many stand there.
 *
 * Quadrant: pawns placed (almost) on the same spot would hide each other completely, so
 * they push each other apart until none covers another (as close to where they were
 * placed as that allows); a crowded spot also gets a count.
 */

export interface Fit {
  /** Factor for the pawn size (1 = the normal size). */
  scale: number;
  /** How much of a pawn the next one covers, sideways and downwards (0 = none). */
  overlapX: number;
  overlapY: number;
  /** The pawns fit in the box (else they are clipped; a count says how many). */
  fits: boolean;
}

/**
 * How `n` pawns of `pawn` px (plus `gap` px around each) fit in a `width` × `height` box,
 * filling rows left to right: the largest scale (≤ 1, ≥ `minScale`) at which they fit;
 * failing that, at `minScale`, the least overlap (pawns stacked like coins, each still
 * showing its initials) at which they fit.
 */
export function fitPawns(n: number, width: number, height: number, pawn: number, gap: number, minScale = 0.6): Fit {
  const fitsAt = (scale: number, overlapX: number, overlapY: number): boolean => {
    const size = pawn * scale;
    const cellW = size * (1 - overlapX) + gap;
    const cellH = size * (1 - overlapY) + gap;
    const columns = Math.max(1, Math.floor((width - size * overlapX + 0.5) / cellW));
    const rows = Math.ceil(n / columns);
    return rows * cellH + size * overlapY <= height + 0.5;
  };
  if (n <= 0 || width <= 0 || pawn <= 0) return { scale: 1, overlapX: 0, overlapY: 0, fits: true };
  for (let scale = 1; scale >= minScale - 1e-9; scale -= 0.05) {
    if (fitsAt(scale, 0, 0)) return { scale: round(scale), overlapX: 0, overlapY: 0, fits: true };
  }
  for (let overlap = 0.1; overlap <= 0.6 + 1e-9; overlap += 0.1) {
    if (fitsAt(minScale, overlap, overlap / 2)) {
      return { scale: minScale, overlapX: round(overlap), overlapY: round(overlap / 2), fits: true };
    }
  }
  return { scale: minScale, overlapX: 0.6, overlapY: 0.3, fits: false };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export interface Point {
  id: string;
  x: number;
  y: number;
}

/**
 * Groups points that are within `radius` of a cluster's first point (in order, greedy):
 * good enough to stop pawns from hiding each other, stable as pawns are added.
 */
export function clusters<P extends Point>(points: P[], radius: number): P[][] {
  const groups: { anchor: P; members: P[] }[] = [];
  for (const p of points) {
    const home = groups.find((g) => Math.hypot(g.anchor.x - p.x, g.anchor.y - p.y) <= radius);
    if (home) home.members.push(p);
    else groups.push({ anchor: p, members: [p] });
  }
  return groups.map((g) => g.members);
}

/**
 * Where each member of a cluster starts: side by side in a square grid of `spacing`
 * around the members' mean position (row by row from the top, each row centred), kept
 * inside [-limit, limit].
 */
export function spread<P extends Point>(members: P[], spacing: number, limit = 1): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const n = members.length;
  if (n === 0) return out;
  if (n === 1) {
    out.set(members[0].id, { x: members[0].x, y: members[0].y });
    return out;
  }
  const columns = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / columns);
  const halfW = ((columns - 1) * spacing) / 2;
  const halfH = ((rows - 1) * spacing) / 2;
  const meanX = members.reduce((s, p) => s + p.x, 0) / n;
  const meanY = members.reduce((s, p) => s + p.y, 0) / n;
  const cx = Math.max(-limit + halfW, Math.min(limit - halfW, meanX));
  const cy = Math.max(-limit + halfH, Math.min(limit - halfH, meanY));
  // Top to bottom (y is "up"), then left to right, so a pawn keeps its side of the cluster.
  const ordered = [...members].sort((a, b) => b.y - a.y || a.x - b.x || (a.id < b.id ? -1 : 1));
  ordered.forEach((p, i) => {
    const row = Math.floor(i / columns);
    const inRow = row === rows - 1 ? n - row * columns : columns;
    const rowHalf = ((inRow - 1) * spacing) / 2;
    out.set(p.id, { x: cx - rowHalf + (i % columns) * spacing, y: cy + halfH - row * spacing });
  });
  return out;
}

/**
 * Where every pawn is drawn: each cluster (pawns within `radius`) side by side in a small
 * grid around its centre, then pawns of neighbouring clusters that still touch are pushed
 * apart (see relax).
 */
export function layOut<P extends Point>(points: P[], radius: number, distance: number, limit = 1): Map<string, { x: number; y: number }> {
  const start = new Map<string, { x: number; y: number }>();
  for (const group of clusters(points, radius)) {
    for (const [id, at] of spread(group, distance, limit)) start.set(id, at);
  }
  return relax(
    points.map((p) => ({ id: p.id, ...start.get(p.id)! })),
    distance,
    limit,
  );
}

/**
 * Where each pawn is drawn so that no two are closer than `distance`: starting from where
 * they were placed, pawns that are too close push each other apart (a few rounds of
 * pairwise nudges), staying inside [-limit, limit]. Pawns on exactly one spot fan out in a
 * fixed order (by index), so the picture is the same on every screen.
 */
export function relax<P extends Point>(points: P[], distance: number, limit = 1, rounds = 120): Map<string, { x: number; y: number }> {
  const at = points.map((p) => ({ x: p.x, y: p.y }));
  const clampTo = (v: number): number => Math.max(-limit, Math.min(limit, v));
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        let dx = at[j].x - at[i].x;
        let dy = at[j].y - at[i].y;
        let d = Math.hypot(dx, dy);
        if (d >= distance - 1e-6) continue;
        if (d < 1e-6) {
          const angle = (i * 7 + j * 13) * 2.399963; // golden angle steps: spread evenly
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const push = (distance - Math.min(d, distance) + 1e-4) / 2;
        const ux = dx / d;
        const uy = dy / d;
        at[i] = { x: clampTo(at[i].x - ux * push), y: clampTo(at[i].y - uy * push) };
        at[j] = { x: clampTo(at[j].x + ux * push), y: clampTo(at[j].y + uy * push) };
        moved = true;
      }
    }
    if (!moved) break;
  }
  return new Map(points.map((p, i) => [p.id, at[i]]));
}
