/** Who moved how far on a scale between the two rounds: listed, or counted when many. */

import { t } from "../../i18n";
import type { ScalePosition } from "../../protocol";
import { type BoardView, MANY_SHIFTS, scaleShifts, shiftCounts, signed, type Placed, type ShiftRow } from "../../layout/board";
import { Pawn } from "../common";

export function ScaleShifts({ view, placed, large = false }: { view: BoardView; placed: Placed<ScalePosition>[]; large?: boolean }) {
  const rows = scaleShifts(view, placed);
  if (rows.length === 0) return null;
  if (rows.length > MANY_SHIFTS) {
    return (
      <div class="shift-summary" data-testid="shift-summary">
        <p>
          <strong>{t("board.shifts")}:</strong> {t("board.shift_summary", shiftCounts(rows))}
        </p>
        {large ? null : (
          <details>
            <summary>{t("board.shift_each")}</summary>
            <ShiftList rows={rows} />
          </details>
        )}
      </div>
    );
  }
  return <ShiftList rows={rows} />;
}

function ShiftList({ rows }: { rows: ShiftRow[] }) {
  return (
    <ul class="shift-list" aria-label={t("board.shifts")} data-testid="shift-list">
      {rows.map(({ player, from, to }) => (
        <li key={player.id}>
          <Pawn player={player} small /> {from} → {to} <span class="shift-delta">({signed(to - from)})</span>
        </li>
      ))}
    </ul>
  );
}
