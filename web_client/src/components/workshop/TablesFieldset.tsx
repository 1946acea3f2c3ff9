/**
 * The create flow's tables step: one table (today's room), a number of tables, or a table
 * size with tables made as people arrive; then, for more than one table, how people are
 * seated and who steers. Controlled: the form keeps the TablesSetup.
 */

import { t } from "../../i18n";
import type { Key } from "../../i18n";
import type { Seating, Steering } from "../../protocol";
import { MAX_TABLES, MAX_TABLE_SIZE, MIN_TABLE_SIZE, isWorkshop, setupProblem, type TablesSetup } from "../../state/workshopSetup";

/** Label and hint per choice, in the order offered (the most common first). */
export const SEATING_TEXT: readonly [Seating, Key, Key][] = [
  ["spread", "seating.spread", "seating.spread_hint"],
  ["choose", "seating.choose", "seating.choose_hint"],
  ["assign", "seating.assign", "seating.assign_hint"],
];
export const STEERING_TEXT: readonly [Steering, Key, Key][] = [
  ["tables", "steering.tables", "steering.tables_hint"],
  ["facilitator", "steering.facilitator", "steering.facilitator_hint"],
];

const PROBLEM_KEYS: Record<string, Key> = {
  count_range: "tables.problem_count",
  size_range: "tables.problem_size",
  size_order: "tables.problem_order",
};

function asNumber(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

export function TablesFieldset({ step, setup, onChange }: { step: number; setup: TablesSetup; onChange: (setup: TablesSetup) => void }) {
  const set = (change: Partial<TablesSetup>): void => onChange({ ...setup, ...change });
  const problem = setupProblem(setup);
  const workshop = isWorkshop(setup);
  return (
    <fieldset data-testid="tables-setup">
      <legend>
        <span class="step-no">{step}</span> {t("tables.title")}
      </legend>
      <p class="muted">{t("tables.hint")}</p>
      <div class="choice-grid" role="radiogroup" aria-label={t("tables.mode_label")}>
        <label class={`choice ${setup.mode === "count" ? "chosen" : ""}`}>
          <input type="radio" name="tables-mode" value="count" checked={setup.mode === "count"} onChange={() => set({ mode: "count" })} />
          <strong>{t("tables.mode_count")}</strong>
          <small>{t("tables.mode_count_hint")}</small>
        </label>
        <label class={`choice ${setup.mode === "size" ? "chosen" : ""}`}>
          <input type="radio" name="tables-mode" value="size" checked={setup.mode === "size"} onChange={() => set({ mode: "size" })} />
          <strong>{t("tables.mode_size")}</strong>
          <small>{t("tables.mode_size_hint")}</small>
        </label>
      </div>
      {setup.mode === "count" ? (
        <div class="inline-field">
          <label>
            <span>{t("tables.count")}</span>{" "}
            <input
              type="number"
              min={1}
              max={MAX_TABLES}
              value={Number.isNaN(setup.count) ? "" : setup.count}
              data-testid="tables-count"
              aria-describedby="tables-count-hint"
              onInput={(e) => set({ count: asNumber(e.currentTarget.value) })}
            />
          </label>
          <small class="muted" id="tables-count-hint">
            {setup.count === 1 ? t("tables.one_hint") : t("tables.count_hint")}
          </small>
        </div>
      ) : (
        <div class="tables-size">
          <label class="inline-field">
            <span>{t("tables.min")}</span>
            <input type="number" min={MIN_TABLE_SIZE} max={MAX_TABLE_SIZE} value={Number.isNaN(setup.min) ? "" : setup.min} onInput={(e) => set({ min: asNumber(e.currentTarget.value) })} />
          </label>
          <label class="inline-field">
            <span>{t("tables.max")}</span>
            <input type="number" min={MIN_TABLE_SIZE} max={MAX_TABLE_SIZE} value={Number.isNaN(setup.max) ? "" : setup.max} onInput={(e) => set({ max: asNumber(e.currentTarget.value) })} />
          </label>
          <small class="muted">{t("tables.size_hint")}</small>
        </div>
      )}
      {problem ? (
        <p class="error" role="alert" data-testid="tables-problem">
          {t(PROBLEM_KEYS[problem])}
        </p>
      ) : null}
      {workshop ? (
        <>
          <Choices legend={t("tables.seating")} name="seating" options={SEATING_TEXT} chosen={setup.seating} disabled={false} onChoose={(seating) => set({ seating })} />
          <Choices legend={t("tables.steering")} name="steering" options={STEERING_TEXT} chosen={setup.steering} disabled={false} onChoose={(steering) => set({ steering })} />
        </>
      ) : null}
    </fieldset>
  );
}

/** One workshop setting as radio buttons with a hint each (steering, seating). */
export function Choices<T extends string>({
  legend,
  name,
  options,
  chosen,
  disabled,
  onChoose,
}: {
  legend: string;
  name: string;
  options: readonly (readonly [T, Key, Key])[];
  chosen: T;
  disabled: boolean;
  onChoose: (choice: T) => void;
}) {
  return (
    <fieldset class="sub-fieldset">
      <legend>{legend}</legend>
      {options.map(([value, label, hint]) => (
        <label key={value} class="check">
          <input type="radio" name={name} value={value} checked={chosen === value} disabled={disabled} onChange={() => onChoose(value)} />{" "}
          <span>
            <strong>{t(label)}</strong> <small>{t(hint)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
