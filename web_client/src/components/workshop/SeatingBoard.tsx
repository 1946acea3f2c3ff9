/**
 * The lobby's tables with their people, for the facilitator: move someone to another
 * table by dragging their name onto it, by the "Tafel" menu beside the name, or with the
 * arrow keys on the name (← / → : previous / next table). Each move is one
 * `seat_participant`; the server decides, the board shows what the view says. Moves are
 * announced in a live region, so a keyboard or screen-reader user hears where someone went.
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n";
import type { Participant, WorkshopTable } from "../../protocol";
import { neighbourTable } from "../../state/workshop";
import { ConfirmButton } from "../common";
import { RenameTable } from "./TableName";

const DRAG_TYPE = "application/x-leerklimaat-participant";

export function SeatingBoard({
  tables,
  plan,
  max,
  disabled = false,
  onMove,
  onRemove,
  onRename,
}: {
  tables: readonly WorkshopTable[];
  plan: Map<string | null, Participant[]>;
  /** Chairs per table in size mode (shown as "3/6"); null: no maximum. */
  max: number | null;
  disabled?: boolean;
  onMove: (participantId: string, tableId: string) => void;
  /** Remove someone from the workshop (asked in place first); absent: not offered. */
  onRemove?: (participantId: string) => void;
  /** Rename a table; absent: not offered. */
  onRename?: (tableId: string, name: string) => void;
}) {
  const [announce, setAnnounce] = useState("");
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // Who was just moved with the keyboard: their name button is drawn anew in the other
  // column once the view says so, and the focus goes with it (a keyboard user keeps their place).
  const [follow, setFollow] = useState<{ id: string; to: string } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!follow) return;
    const person = [...plan.values()].flat().find((p) => p.id === follow.id);
    if (person?.table_id !== follow.to) return;
    boardRef.current?.querySelector<HTMLButtonElement>(`[data-person="${follow.id}"] .seat-name`)?.focus();
    setFollow(null);
  });
  const order = tables.map((tb) => tb.id);
  const nameOf = (id: string): string => tables.find((tb) => tb.id === id)?.name ?? id;
  const move = (p: Participant, tableId: string): void => {
    if (disabled || tableId === p.table_id) return;
    onMove(p.id, tableId);
    setAnnounce(t("seating_board.moved", { name: p.name, table: nameOf(tableId) }));
  };
  const unseated = plan.get(null) ?? [];
  const column = (tableId: string | null, title: string, people: Participant[]) => {
    const headingId = `seat-col-${tableId ?? "none"}`;
    const full = max !== null && tableId !== null && people.length >= max;
    return (
      <section
        key={tableId ?? "none"}
        class={`seat-column ${dropTarget === tableId && tableId !== null ? "seat-column-target" : ""} ${tableId === null ? "seat-column-unseated" : ""}`}
        aria-labelledby={headingId}
        data-testid={`seat-column-${tableId ?? "none"}`}
        onDragOver={(e) => {
          if (tableId === null || disabled || !e.dataTransfer?.types.includes(DRAG_TYPE)) return;
          e.preventDefault();
          setDropTarget(tableId);
        }}
        onDragLeave={() => setDropTarget(null)}
        onDrop={(e) => {
          e.preventDefault();
          setDropTarget(null);
          const id = e.dataTransfer?.getData(DRAG_TYPE);
          const p = id ? [...plan.values()].flat().find((x) => x.id === id) : undefined;
          if (p && tableId !== null) move(p, tableId);
        }}
      >
        <h3 id={headingId}>
          {title}{" "}
          <span class="muted">
            ({max !== null && tableId !== null ? `${people.length}/${max}` : people.length})
          </span>
          {full ? <span class="kind-tag">{t("seating_board.full")}</span> : null}
        </h3>
        {onRename && tableId !== null ? <RenameTable name={title} disabled={disabled} onRename={(name) => onRename(tableId, name)} /> : null}
        {people.length === 0 ? <p class="muted">{tableId === null ? t("seating_board.everyone_seated") : t("seating_board.empty")}</p> : null}
        <ul class="seat-list">
          {people.map((p) => (
            <li key={p.id} class="seat-person" data-person={p.id} data-testid={`seat-${p.name}`}>
              {/* The name is what people grab: the button itself is the drag source. */}
              <button
                type="button"
                class="seat-name"
                draggable={!disabled}
                onDragStart={(e) => {
                  e.dataTransfer?.setData(DRAG_TYPE, p.id);
                  if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
                }}
                aria-describedby="seating-keys"
                disabled={disabled}
                onKeyDown={(e) => {
                  if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
                  e.preventDefault();
                  const to = neighbourTable(order, p.table_id, e.key === "ArrowLeft" ? -1 : 1);
                  if (to) {
                    move(p, to);
                    setFollow({ id: p.id, to });
                  }
                }}
              >
                <span aria-hidden="true" class="drag-grip">
                  ⠿{" "}
                </span>
                {p.name}
              </button>
              <label class="seat-select">
                <span class="sr-only">{t("seating_board.table_of", { name: p.name })}</span>
                <select
                  value={p.table_id ?? ""}
                  disabled={disabled}
                  onChange={(e) => {
                    const to = e.currentTarget.value;
                    if (to) move(p, to);
                  }}
                >
                  {p.table_id === null ? <option value="">{t("seating_board.no_table")}</option> : null}
                  {tables.map((tb) => (
                    <option key={tb.id} value={tb.id}>
                      {tb.name}
                    </option>
                  ))}
                </select>
              </label>
              {onRemove ? (
                <ConfirmButton
                  class="btn btn-icon btn-quiet"
                  disabled={disabled}
                  label={
                    <>
                      <span aria-hidden="true">✕</span>
                      <span class="sr-only">{t("seating_board.remove", { name: p.name })}</span>
                    </>
                  }
                  confirmLabel={t("seating_board.remove_confirm", { name: p.name })}
                  onConfirm={() => onRemove(p.id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    );
  };
  return (
    <div class="seating-board" ref={boardRef}>
      <p id="seating-keys" class="muted seating-keys">
        {t("seating_board.keys")}
      </p>
      <div class="seat-columns">
        {unseated.length > 0 ? column(null, t("seating_board.unseated"), unseated) : null}
        {tables.map((tb) => column(tb.id, tb.name, plan.get(tb.id) ?? []))}
      </div>
      <p class="sr-only" aria-live="polite" data-testid="seating-announce">
        {announce}
      </p>
    </div>
  );
}
