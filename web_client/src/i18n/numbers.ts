/** Numbers as the UI language writes them: "0,5" in Dutch, "0.5" in English. */

import type { Language } from "../protocol";

export function decimal(n: number, lang: Language, digits = 1): string {
  return n.toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
