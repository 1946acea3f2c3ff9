/**
 * UI strings: Dutch by default, English on request. Every string lives in a catalogue
 * (nl.ts, en.ts); `Catalogue` is derived from the Dutch one, so a key missing from the
 * English catalogue is a type error. Placeholders are written {name}.
 */

import type { Language } from "../protocol";
import { en } from "./en";
import { nl, type Key } from "./nl";
import { storage } from "../state/storage";

export type { Key };
export const catalogues: Record<Language, Record<Key, string>> = { nl, en };

const LANGUAGE_KEY = "lk:language";
let current: Language = storage.getItem(LANGUAGE_KEY) === "en" ? "en" : "nl";
const listeners = new Set<() => void>();

export function language(): Language {
  return current;
}

export function setLanguage(lang: Language): void {
  current = lang;
  storage.setItem(LANGUAGE_KEY, lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

/**
 * The language of the session a screen shows, for a browser that never chose one with the
 * switch: a projector or a participant opening an English workshop reads English, as its
 * facilitator prepared it. A choice made with the switch (stored) wins, and this one is
 * not stored, so the next session's language applies in turn.
 */
export function followSession(lang: Language): void {
  if (storage.getItem(LANGUAGE_KEY) !== null || lang === current) return;
  current = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

export function onLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function translate(lang: Language, key: Key, vars?: Record<string, string | number>): string {
  const template = catalogues[lang][key] ?? catalogues.nl[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** A UI string in the current language. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  return translate(current, key, vars);
}

/** The keys written for a count, with a `<key>_single` form for exactly one. */
export type CountKey = { [K in Key]: `${K}_single` extends Key ? K : never }[Key];

/** A count in words: "1 kaart gekozen", "3 kaarten gekozen" (never "kaart(en)"). */
export function tCount(key: CountKey, count: number, vars?: Record<string, string | number>): string {
  return t(count === 1 ? (`${key}_single` as Key) : key, { ...vars, count });
}
