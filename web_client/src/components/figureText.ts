import type { Language } from "../protocol";

/**
 * A figure (mean, spread, shift) exactly as the server sent it, with the language's
 * decimal sign. The server rounds every figure once, by one rule (two decimals, halves
 * away from zero: game_server/rules/figures.py `rounded`), and the reports use the same
 * rule; rounding again here would make the screen disagree with the reports.
 */
export function figureText(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return "–";
  const text = String(n);
  return lang === "nl" ? text.replace(".", ",") : text;
}
