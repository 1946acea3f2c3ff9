/**
 * Drafts: text being typed, kept outside any component, per room and per card (slot), in
 * localStorage. When the facilitator moves on, the post-it form for the new card starts
 * empty, and the unfinished draft of the earlier card stays listed until it is sent (to
 * that card: add_post_it accepts an earlier card_id) or thrown away.
 */

import type { Colour } from "../protocol";
import { storage } from "./storage";
import type { KeyValueStorage } from "./queue";

export interface Draft {
  text: string;
  colour: Colour;
  /** Set when the person is editing one of their own post-its. */
  post_it_id?: string;
}

const prefix = (code: string): string => `lk:${code.toUpperCase()}:draft:`;

export class Drafts {
  private listeners = new Set<() => void>();

  constructor(
    private readonly code: string,
    private readonly store: KeyValueStorage = storage,
  ) {}

  get(slot: string): Draft | null {
    try {
      const raw = this.store.getItem(prefix(this.code) + slot);
      return raw ? (JSON.parse(raw) as Draft) : null;
    } catch {
      return null;
    }
  }

  set(slot: string, draft: Draft | null): void {
    const key = prefix(this.code) + slot;
    const empty = draft === null || (draft.text.trim() === "" && draft.colour === "green" && !draft.post_it_id);
    if (empty) this.store.removeItem(key);
    else this.store.setItem(key, JSON.stringify(draft));
    for (const listener of this.listeners) listener();
  }

  /** Slots with unfinished text (only localStorage can be listed; memory storage cannot). */
  slots(): string[] {
    const s = this.store as Partial<Storage>;
    if (typeof s.length !== "number" || typeof s.key !== "function") return [];
    const found: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key && key.startsWith(prefix(this.code))) found.push(key.slice(prefix(this.code).length));
    }
    return found.sort();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
