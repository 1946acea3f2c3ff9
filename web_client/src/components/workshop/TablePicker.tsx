/**
 * A participant chooses a table (seating "choose"): each table by name with who already
 * sits there; a full table cannot be chosen. A radio group, so arrow keys move between
 * tables and the choice is confirmed with one button.
 */

import { useState } from "preact/hooks";
import { t } from "../../i18n";
import type { TableChoice } from "../../protocol";

export function TablePicker({ tables, busy = false, onPick }: { tables: readonly TableChoice[]; busy?: boolean; onPick: (tableId: string) => void }) {
  const firstOpen = tables.find((tb) => !tb.full)?.id ?? null;
  const [chosen, setChosen] = useState<string | null>(null);
  const pick = chosen ?? null;
  return (
    <form
      class="table-picker"
      data-testid="table-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (pick) onPick(pick);
      }}
    >
      <fieldset>
        <legend>{t("picker.title")}</legend>
        {firstOpen === null ? <p class="error">{t("picker.all_full")}</p> : null}
        <ul class="picker-list">
          {tables.map((tb) => (
            <li key={tb.id}>
              <label class={`choice picker-choice ${pick === tb.id ? "chosen" : ""} ${tb.full ? "picker-full" : ""}`}>
                <input type="radio" name="table" value={tb.id} checked={pick === tb.id} disabled={tb.full} onChange={() => setChosen(tb.id)} />
                <strong>{tb.name}</strong>
                <small>
                  {tb.full ? `${t("seating_board.full")} · ` : ""}
                  {tb.players.length === 0 ? t("picker.empty") : t("picker.sitting", { names: tb.players.join(", ") })}
                </small>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" class="btn btn-primary btn-big" disabled={busy || pick === null} data-testid="picker-submit">
        {busy ? t("common.busy") : pick ? t("picker.submit", { table: tables.find((tb) => tb.id === pick)?.name ?? "" }) : t("picker.choose_first")}
      </button>
    </form>
  );
}
