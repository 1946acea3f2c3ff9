import { describe, expect, it } from "vitest";
import { clusters, fitPawns, layOut, relax, spread } from "../src/layout/crowd";

describe("fitPawns (scale board squares)", () => {
  it("keeps the normal size when the pawns fit", () => {
    // 36 px pawns + 6 px gap = 42 px cells; 130 px wide -> 3 per row; 2 rows = 84 px
    expect(fitPawns(5, 130, 100, 36, 6)).toEqual({ scale: 1, overlapX: 0, overlapY: 0, fits: true });
    expect(fitPawns(0, 130, 100, 36, 6).scale).toBe(1);
  });

  it("shrinks the pawns just enough to fit", () => {
    const fit = fitPawns(9, 130, 100, 36, 6);
    expect(fit.fits).toBe(true);
    expect(fit.overlapX).toBe(0);
    expect(fit.scale).toBeLessThan(1);
    expect(fit.scale).toBeGreaterThanOrEqual(0.6);
    // and at that scale they really fit
    const cell = 36 * fit.scale + 6;
    const columns = Math.floor(130 / cell);
    expect(Math.ceil(9 / columns) * cell).toBeLessThanOrEqual(100.5);
  });

  it("stacks the pawns (overlap) below the smallest readable size", () => {
    const fit = fitPawns(30, 120, 120, 36, 6, 0.6);
    expect(fit.scale).toBe(0.6);
    expect(fit.overlapX).toBeGreaterThan(0);
    expect(fit.overlapY).toBeCloseTo(fit.overlapX / 2);
    expect(fit.fits).toBe(true);
  });

  it("says when even stacked pawns do not fit", () => {
    expect(fitPawns(200, 60, 60, 36, 6).fits).toBe(false);
  });
});

describe("clusters and spread (quadrant)", () => {
  const at = (id: string, x: number, y: number) => ({ id, x, y });

  it("groups pawns that stand close together", () => {
    const groups = clusters([at("a", 0.5, 0.5), at("b", 0.55, 0.52), at("c", -0.5, -0.5), at("d", 0.5, 0.45)], 0.14);
    expect(groups.map((g) => g.map((p) => p.id))).toEqual([["a", "b", "d"], ["c"]]);
  });

  it("leaves pawns that do not touch where they are", () => {
    const shown = relax([at("a", 0.3, -0.2), at("b", -0.3, 0.2)], 0.18);
    expect(shown.get("a")).toEqual({ x: 0.3, y: -0.2 });
    expect(shown.get("b")).toEqual({ x: -0.3, y: 0.2 });
  });

  const apart = (shown: { x: number; y: number }[], distance: number): void => {
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        expect(Math.hypot(shown[i].x - shown[j].x, shown[i].y - shown[j].y)).toBeGreaterThanOrEqual(distance * 0.95);
      }
    }
  };

  it("pushes pawns on one spot apart, staying around that spot", () => {
    const members = Array.from({ length: 16 }, (_, i) => at(`p${i}`, 0.5, 0.5));
    const shown = [...relax(members, 0.18).values()];
    apart(shown, 0.18);
    const cx = shown.reduce((s, p) => s + p.x, 0) / shown.length;
    const cy = shown.reduce((s, p) => s + p.y, 0) / shown.length;
    expect(Math.hypot(cx - 0.5, cy - 0.5)).toBeLessThan(0.1);
  });

  it("separates two crowded spots next to each other, inside the field", () => {
    const members = [
      ...Array.from({ length: 20 }, (_, i) => at(`a${i}`, 0.7, 0.7)),
      ...Array.from({ length: 16 }, (_, i) => at(`b${i}`, 0.5, 0.5)),
      ...Array.from({ length: 9 }, (_, i) => at(`c${i}`, 1, -1)),
    ];
    const shown = [...relax(members, 0.18, 0.91).values()];
    apart(shown, 0.18);
    for (const p of shown) {
      expect(Math.abs(p.x)).toBeLessThanOrEqual(0.91 + 1e-9);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(0.91 + 1e-9);
    }
  });

  it("starts a cluster as a compact grid around its centre", () => {
    const members = Array.from({ length: 9 }, (_, i) => at(`p${i}`, 0.5 + (i % 3) * 0.01, 0.5));
    const shown = [...spread(members, 0.18).values()];
    apart(shown, 0.18);
    const xs = shown.map((p) => p.x);
    const ys = shown.map((p) => p.y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(0.36); // 3 x 3, not a line of 9
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(0.36);
  });

  it("lays out nearby clusters so that no pawns touch", () => {
    const members = [
      ...Array.from({ length: 16 }, (_, i) => at(`a${i}`, 0.5 + (i % 3) * 0.01, 0.5)),
      ...Array.from({ length: 10 }, (_, i) => at(`b${i}`, 0.2, 0.2)),
      ...Array.from({ length: 4 }, (_, i) => at(`c${i}`, 0.3, -0.6)),
    ];
    apart([...layOut(members, 0.14, 0.18, 0.91).values()], 0.18);
  });

  it("draws the same picture every time", () => {
    const members = Array.from({ length: 10 }, (_, i) => at(`p${i}`, 0, 0));
    expect([...relax(members, 0.18).entries()]).toEqual([...relax(members, 0.18).entries()]);
  });
});
