import { describe, expect, it } from "vitest";
import { pageStarts, type Box } from "../src/components/Pager";

/** A column of items of the given heights with a gap between them. */
function column(heights: number[], gap = 10): Box[] {
  let top = 0;
  return heights.map((h) => {
    const box = { top, bottom: top + h };
    top += h + gap;
    return box;
  });
}

/** A grid of `columns` per row, each row as tall as its tallest item. */
function grid(heights: number[], columns: number, gap = 10): Box[] {
  const boxes: Box[] = [];
  let top = 0;
  for (let i = 0; i < heights.length; i += columns) {
    const row = heights.slice(i, i + columns);
    const h = Math.max(...row);
    for (let j = 0; j < row.length; j++) boxes.push({ top, bottom: top + h });
    top += h + gap;
  }
  return boxes;
}

describe("pageStarts", () => {
  it("keeps everything on one page when it fits", () => {
    expect(pageStarts(column([50, 50, 50]), 170)).toEqual([0]);
    expect(pageStarts([], 100)).toEqual([0]);
  });

  it("cuts a column into pages that each fit", () => {
    // 0-50, 60-110, 120-170 | 180-230, 240-290, 300-350 | 360-410
    expect(pageStarts(column([50, 50, 50, 50, 50, 50, 50]), 170)).toEqual([0, 3, 6]);
  });

  it("cuts a grid only at the start of a row", () => {
    // rows of 2: tops 0, 90, 180, 270 (row heights 80, 80, 80, 80)
    const boxes = grid([80, 40, 80, 80, 30, 80, 80], 2);
    expect(pageStarts(boxes, 170)).toEqual([0, 4]);
  });

  it("gives an item taller than a page a page of its own", () => {
    expect(pageStarts(column([50, 300, 50]), 100)).toEqual([0, 1, 2]);
  });

  it("partitions: every item is on exactly one page, in order", () => {
    const heights = Array.from({ length: 30 }, (_, i) => 40 + ((i * 37) % 60));
    const boxes = grid(heights, 2, 8);
    const starts = pageStarts(boxes, 250);
    expect(starts[0]).toBe(0);
    for (let p = 0; p < starts.length; p++) {
      const from = starts[p];
      const to = starts[p + 1] ?? boxes.length;
      expect(to).toBeGreaterThan(from);
      expect(boxes[to - 1].bottom - boxes[from].top).toBeLessThanOrEqual(251);
    }
  });
});
