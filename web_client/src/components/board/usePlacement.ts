/**
 * Choosing and placing a pawn, the same on every board: click a spot, drag (pointer down,
 * move, release where you want it), or focus the board and choose with the keys (each
 * choice announced via aria-live), Enter or Space places.
 */

import type { TargetedKeyboardEvent, TargetedPointerEvent } from "preact";
import { useState } from "preact/hooks";
import { t } from "../../i18n";

export interface PlacementOptions<T> {
  canPlace: boolean;
  /** Place (the server's position is made of the choice by the board). */
  place?: (choice: T) => void;
  /** What the keys start from: the current choice, else this (own pawn, or the middle). */
  start: T;
  /** The choice in words, for the announcer. */
  describe: (choice: T) => string;
  /** The choice under a pointer, or null when there is none there. */
  at: (clientX: number, clientY: number) => T | null;
  /** The next choice for a key (Shift held: `big`), or null when the key does not choose. */
  step: (choice: T, key: string, big: boolean) => T | null;
}

export interface Placement<T> {
  /** Being chosen (dragged or moved with the keys), not placed yet. */
  cursor: T | null;
  /** The choice the keys act on. */
  value: T;
  /** The last thing announced. */
  announce: string;
  onKeyDown: (e: TargetedKeyboardEvent<Element>) => void;
  onPointerDown: (e: TargetedPointerEvent<Element>) => void;
  onPointerMove: (e: TargetedPointerEvent<Element>) => void;
  onPointerUp: (e: TargetedPointerEvent<Element>) => void;
  onPointerCancel: () => void;
}

export function usePlacement<T>(options: PlacementOptions<T>): Placement<T> {
  const { canPlace, describe, at, step } = options;
  const [cursor, setCursor] = useState<T | null>(null);
  const [dragging, setDragging] = useState(false);
  const [announce, setAnnounce] = useState("");
  const value = cursor ?? options.start;

  const place = (choice: T): void => {
    if (!canPlace || !options.place) return;
    options.place(choice);
    setCursor(null);
    setAnnounce(t("board.placed", { value: describe(choice) }));
  };

  return {
    cursor,
    value,
    announce,
    onKeyDown: (e) => {
      if (!canPlace) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        place(value);
        return;
      }
      const next = step(value, e.key, e.shiftKey);
      if (next === null) return;
      e.preventDefault();
      setCursor(next);
      setAnnounce(t("board.choice", { value: describe(next) }));
    },
    onPointerDown: (e) => {
      if (!canPlace) return;
      e.currentTarget.setPointerCapture?.(e.pointerId);
      setDragging(true);
      const choice = at(e.clientX, e.clientY);
      if (choice !== null) setCursor(choice);
    },
    onPointerMove: (e) => {
      if (!dragging) return;
      const choice = at(e.clientX, e.clientY);
      if (choice !== null) setCursor(choice);
    },
    onPointerUp: (e) => {
      if (!dragging) return;
      setDragging(false);
      const choice = at(e.clientX, e.clientY);
      if (choice !== null) place(choice);
    },
    onPointerCancel: () => setDragging(false),
  };
}
