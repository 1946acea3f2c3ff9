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

/** The language a link asks for (`#/join/CODE?lang=en`): an English room's invitation. */
function linkLanguage(): Language | null {
  if (typeof window === "undefined") return null;
  const query = window.location.hash.split("?")[1] ?? "";
  const asked = new URLSearchParams(query).get("lang");
  return asked === "en" || asked === "nl" ? asked : null;
}

/** Whether someone on this device chose a language with the switch: that choice stays. */
function chosen(): boolean {
  const stored = storage.getItem(LANGUAGE_KEY);
  return stored === "en" || stored === "nl";
}

let current: Language = chosen() ? (storage.getItem(LANGUAGE_KEY) as Language) : (linkLanguage() ?? "nl");
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
 * The room's language, for a device where nobody chose one: a projector opened on the
 * beamer's laptop, or a phone that followed a link, shows an English session in English
 * (and keeps doing so after a reload, when the link's `?lang` is gone).
 */
export function followRoomLanguage(lang: Language): void {
  if (chosen() || lang === current) return;
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
