import { afterEach, describe, expect, it } from "vitest";
import { problemCodes } from "../scripts/protocol-types.mjs";
import { PROBLEM_KEYS, fieldText, problemPlace, problemText } from "../src/components/create/problems";
import { setLanguage } from "../src/i18n";
import { en } from "../src/i18n/en";
import { nl } from "../src/i18n/nl";
import type { DeckProblem, ProblemCode } from "../src/protocol";

/** Parameters as the server sends them, one set that fills every placeholder. */
const PARAMS: Record<string, unknown> = {
  max: 600,
  length: 640,
  min: 1,
  kb: 1024,
  mb: 10,
  key: "titel",
  allowed: ["statement", "scenario", "case"],
  keys: ["nl", "en"],
  found: "stelling",
  id: "s1",
  first: 0,
  char: "U+FFFE",
  board: "schaal-7",
  available: ["llo-kwadrant", "schaal-5"],
  column: "kleur",
  columns: ["id", "kind", "text_nl"],
};

/** Words of the server's English messages: none may reach a Dutch screen. */
const ENGLISH = /\b(the|should|must|field|required|found|unknown|file|line|row|column|allowed|at most|at least|expected|key|text|card|whole|number|between|quotes|available|valid|appears|twice|syntax|error|not|use|this|there)\b/i;

function problem(code: ProblemCode, field = "", where: Partial<DeckProblem> = {}): DeckProblem {
  return { code, params: PARAMS, message: "English text", field, card: null, line: null, row: null, column: null, ...where };
}

afterEach(() => setLanguage("nl"));

describe("deck problems", () => {
  it("have a text for every code the server can send, in both catalogues", () => {
    const codes = problemCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(Object.keys(PROBLEM_KEYS).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const key = PROBLEM_KEYS[code as ProblemCode];
      expect(nl[key], code).toBeTruthy();
      expect(en[key], code).toBeTruthy();
      expect(nl[key], code).not.toEqual(en[key]);
    }
  });

  it("fill every placeholder and show no English on a Dutch screen", () => {
    setLanguage("nl");
    for (const code of problemCodes() as ProblemCode[]) {
      const text = problemText(problem(code));
      expect(text, code).not.toMatch(/\{\w+\}/);
      // The file's own words (keys, values, column names) are quoted; the rest is Dutch.
      const unquoted = text.replace(/'[^']*'/g, "");
      expect(unquoted, `${code}: ${text}`).not.toMatch(ENGLISH);
    }
  });

  it("say where, in the UI's language", () => {
    setLanguage("nl");
    expect(fieldText("cards[2].text.nl")).toBe("kaart 3, tekst (Nederlands)");
    expect(problemPlace(problem("too_long", "cards[0].title.en", { line: 7 }))).toBe("regel 7, kaart 1, titel (Engels)");
    expect(problemPlace(problem("unknown_column", "", { row: 1, column: "kleur" }))).toBe("rij 1, kolom kleur");
    expect(problemText(problem("too_long"))).toBe("Te lang: hoogstens 600 tekens (nu 640).");
    expect(problemText(problem("duplicate_card_id"))).toContain("kaart 1");
    expect(problemText(problem("not_one_of"))).toBe("Kies een van: 'statement', 'scenario', 'case'. (gevonden: 'stelling')");
    setLanguage("en");
    expect(fieldText("cards[2].text.nl")).toBe("card 3, text (Dutch)");
    expect(problemText(problem("too_long"))).toBe("Too long: at most 600 characters (now 640).");
  });
});
