/**
 * A deck problem (the deck routes' answer: a code with parameters, never a sentence) in
 * the UI's language: what is wrong (`deck.problem.<code>`) and where (line, row and
 * column, card and field). `PROBLEM_KEYS` names a text for every code the server can send
 * (`ProblemCode`, generated from game_server/content/problems.py), so a new code without
 * a text is a type error.
 */

import { t, type Key } from "../../i18n";
import type { DeckProblem, ProblemCode } from "../../protocol";

export const PROBLEM_KEYS: Record<ProblemCode, Key> = {
  missing: "deck.problem.missing",
  kind_missing: "deck.problem.kind_missing",
  bad_kind: "deck.problem.bad_kind",
  unknown_key: "deck.problem.unknown_key",
  not_text: "deck.problem.not_text",
  empty: "deck.problem.empty",
  too_long: "deck.problem.too_long",
  bad_id: "deck.problem.bad_id",
  not_group: "deck.problem.not_group",
  not_list: "deck.problem.not_list",
  too_few: "deck.problem.too_few",
  too_many: "deck.problem.too_many",
  not_one_of: "deck.problem.not_one_of",
  not_whole_number: "deck.problem.not_whole_number",
  too_small: "deck.problem.too_small",
  too_large: "deck.problem.too_large",
  duplicate_card_id: "deck.problem.duplicate_card_id",
  text_control: "deck.problem.text_control",
  text_character: "deck.problem.text_character",
  text_lines: "deck.problem.text_lines",
  invalid: "deck.problem.invalid",
  no_board: "deck.problem.no_board",
  not_a_deck: "deck.problem.not_a_deck",
  not_utf8: "deck.problem.not_utf8",
  file_empty: "deck.problem.file_empty",
  not_a_map: "deck.problem.not_a_map",
  yaml_syntax: "deck.problem.yaml_syntax",
  yaml_tabs: "deck.problem.yaml_tabs",
  yaml_colon: "deck.problem.yaml_colon",
  yaml_quote: "deck.problem.yaml_quote",
  yaml_indent: "deck.problem.yaml_indent",
  yaml_duplicate_key: "deck.problem.yaml_duplicate_key",
  file_too_big: "deck.problem.file_too_big",
  unknown_file_kind: "deck.problem.unknown_file_kind",
  unpacks_too_big: "deck.problem.unpacks_too_big",
  not_xlsx: "deck.problem.not_xlsx",
  no_rows: "deck.problem.no_rows",
  unknown_column: "deck.problem.unknown_column",
  text_column_needed: "deck.problem.text_column_needed",
  too_many_rows: "deck.problem.too_many_rows",
  unreadable: "deck.problem.unreadable",
  not_json: "deck.problem.not_json",
};

/** Codes whose `found` (the value the file holds) helps to find the mistake. */
const SHOWS_FOUND = new Set<ProblemCode>(["bad_id", "not_one_of", "not_whole_number", "too_small", "too_large", "bad_kind"]);

function list(value: unknown): string {
  const items = Array.isArray(value) ? value.map(String) : [];
  return items.length ? items.map((v) => `'${v}'`).join(", ") : t("deck.none");
}

/** What is wrong, in the UI's language. */
export function problemText(p: Pick<DeckProblem, "code" | "params">): string {
  const key = PROBLEM_KEYS[p.code] ?? "deck.problem.invalid";
  const params = p.params ?? {};
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" || typeof value === "number") vars[name] = value;
  }
  vars.allowed = list(params.allowed);
  vars.available = list(params.available);
  vars.columns = list(params.columns);
  vars.keys = list(params.keys);
  vars.length = typeof params.length === "number" ? params.length : "?";
  // A card index from the server is 0-based; people count cards from 1.
  if (typeof params.first === "number") vars.first = params.first + 1;
  const text = t(key, vars);
  const found = params.found;
  if (SHOWS_FOUND.has(p.code) && (typeof found === "string" || typeof found === "number")) {
    return `${text} ${t("deck.found", { value: `'${found}'` })}`;
  }
  return text;
}

const FIELD_KEYS: Record<string, Key> = {
  id: "deck.field.id",
  kind: "deck.field.kind",
  title: "deck.field.title",
  text: "deck.field.text",
  minutes: "deck.field.minutes",
  name: "deck.field.name",
  description: "deck.field.description",
  source: "deck.field.source",
  board: "deck.field.board",
  cards: "deck.field.cards",
};

/** A deck's key path (`cards[2].text.nl`) as people say it: "kaart 3, tekst (Nederlands)". */
export function fieldText(field: string): string {
  if (!field) return "";
  const parts: string[] = [];
  let lang: string | null = null;
  for (const piece of field.split(".")) {
    const card = /^cards\[(\d+)\](.*)$/.exec(piece);
    if (card) {
      parts.push(t("deck.card", { number: Number(card[1]) + 1 }));
      continue;
    }
    const bare = piece.replace(/\[\d+\]$/, "");
    if (bare === "nl" || bare === "en") lang = t(bare === "nl" ? "deck.field.nl" : "deck.field.en");
    else parts.push(FIELD_KEYS[bare] ? t(FIELD_KEYS[bare]) : `'${bare}'`);
  }
  const text = parts.join(", ");
  return lang ? `${text} (${lang})` : text;
}

/** Where a problem is: the line of a YAML file, the row and column of a table, the field. */
export function problemPlace(p: Pick<DeckProblem, "line" | "row" | "column" | "field">): string {
  const parts: string[] = [];
  if (p.line !== null) parts.push(t("own.at_line", { line: p.line }));
  if (p.row !== null) parts.push(t("own.at_row", { row: p.row }));
  if (p.column) parts.push(t("own.at_column", { column: p.column }));
  else if (p.field) parts.push(fieldText(p.field));
  return parts.join(", ");
}
