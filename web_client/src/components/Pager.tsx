/**
 * A list that never overflows its box: when the items do not fit, they are shown a page at
 * a time and the pages turn by themselves (every `interval` ms), with "1/3" next to the
 * heading. For the projector, which nobody scrolls.
 *
 * How: the list is rendered with all its items once (before the browser paints), every
 * item's top and bottom are measured, and the items are cut into pages that fit the list's
 * height, always at the start of a row so a grid keeps its columns. This repeats whenever
 * the items or the box's size change.
 */

import type { ComponentChildren, VNode } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";

export interface Box {
  top: number;
  bottom: number;
}

/**
 * Where each page starts (indexes into `boxes`), cutting so every page fits `height`.
 * Items side by side (same top) are a row and stay together; a row taller than a page
 * gets a page of its own (and overflows it).
 */
export function pageStarts(boxes: Box[], height: number): number[] {
  const starts = [0];
  if (boxes.length === 0) return starts;
  let start = 0;
  let pageTop = boxes[0].top;
  for (let i = 1; i < boxes.length; i++) {
    if (boxes[i].bottom - pageTop <= height + 1) continue;
    let rowStart = i;
    while (rowStart > start && Math.abs(boxes[rowStart - 1].top - boxes[i].top) < 1) rowStart--;
    if (rowStart === start) continue; // the page's first row alone is too tall
    starts.push(rowStart);
    start = rowStart;
    pageTop = boxes[rowStart].top;
  }
  return starts;
}

function measure(list: HTMLElement): number[] {
  const style = getComputedStyle(list);
  const height = list.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const boxes: Box[] = [];
  for (const child of Array.from(list.children) as HTMLElement[]) {
    boxes.push({ top: child.offsetTop, bottom: child.offsetTop + child.offsetHeight });
  }
  return pageStarts(boxes, height);
}

const reducedMotion = (): boolean => globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

export function Pager({
  items,
  head,
  subhead,
  class: cls = "",
  listClass = "",
  interval = 8000,
  testId,
  ordered = false,
}: {
  items: VNode[];
  /** The heading row; the page indicator goes at its end. */
  head?: ComponentChildren;
  /** Full width under the heading row (e.g. column headings). */
  subhead?: ComponentChildren;
  class?: string;
  listClass?: string;
  interval?: number;
  testId?: string;
  ordered?: boolean;
}) {
  const ref = useRef<HTMLUListElement & HTMLOListElement>(null);
  const [size, setSize] = useState("");
  const [layout, setLayout] = useState<{ items: VNode[] | null; size: string; starts: number[] }>({
    items: null,
    size: "",
    starts: [0],
  });
  const [turn, setTurn] = useState(0);
  const measuring = layout.items !== items || layout.size !== size;

  useLayoutEffect(() => {
    if (measuring && ref.current) setLayout({ items, size, starts: measure(ref.current) });
  });

  useEffect(() => {
    const list = ref.current;
    if (!list || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setSize(`${list.clientWidth}x${list.clientHeight}`));
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  const pages = layout.starts.length;
  useEffect(() => {
    if (pages <= 1) return;
    const id = setInterval(() => setTurn((n) => n + 1), interval);
    return () => clearInterval(id);
  }, [pages, interval]);

  const page = turn % pages;
  // A soft fade when the page turns (not when the list is first laid out).
  useEffect(() => {
    if (turn > 0 && !reducedMotion()) ref.current?.animate?.([{ opacity: 0.15 }, { opacity: 1 }], { duration: 450 });
  }, [turn]);

  const shown = measuring ? items : items.slice(layout.starts[page], layout.starts[page + 1] ?? items.length);
  const List = ordered ? "ol" : "ul";
  return (
    <div class={`pager ${cls}`} data-testid={testId} data-pages={measuring ? undefined : pages}>
      {head !== undefined || pages > 1 ? (
        <div class="pager-head">
          <div class="pager-title">{head}</div>
          {pages > 1 ? (
            <span class="pager-indicator" data-testid="pager-indicator" title={t("pager.label", { page: page + 1, pages })}>
              {page + 1}/{pages}
            </span>
          ) : null}
        </div>
      ) : null}
      {subhead}
      <List ref={ref} class={`pager-list ${listClass}`} start={ordered && !measuring ? layout.starts[page] + 1 : undefined}>
        {shown}
      </List>
    </div>
  );
}
