/** A scale: a row of numbered squares, each with its pawns. */

import { useRef } from "preact/hooks";
import { language, t } from "../../i18n";
import type { ScalePosition } from "../../protocol";
import { local } from "../../state/selectors";
import { layOutSquare, scaleKey, squareHeight, type Placed } from "../../layout/board";
import { Pawn } from "../common";
import { Announcer, CrowdCount } from "./parts";
import type { BoardProps } from "./Board";
import { usePawnAreas } from "./usePawnAreas";
import { usePlacement } from "./usePlacement";

export interface ScaleBoardProps extends BoardProps {
  placed: Placed<ScalePosition>[];
  /** My own pawn of the round being placed. */
  mine: ScalePosition | undefined;
  bothRounds: boolean;
}

export function ScaleBoard({ view, canPlace, onPlace, pending, placed, mine, bothRounds, large = false }: ScaleBoardProps) {
  const lang = language();
  const squares = view.board.spec.squares ?? [];
  const size = view.board.size;
  const ref = useRef<HTMLDivElement>(null);
  const areas = usePawnAreas(ref, size);
  const grow = squareHeight(placed, size, areas, large);
  const labelOf = (square: number): string => `${square} — ${local(squares[square - 1], lang)}`;
  const placement = usePlacement<number>({
    canPlace,
    place: onPlace ? (square) => onPlace({ square }) : undefined,
    start: mine?.square ?? Math.ceil(size / 2),
    describe: labelOf,
    at: (x, y) => {
      for (const cell of Array.from(ref.current?.querySelectorAll<HTMLElement>("[data-square]") ?? [])) {
        const r = cell.getBoundingClientRect();
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return Number(cell.dataset.square);
      }
      return null;
    },
    step: (value, key) => scaleKey(value, key, size),
  });
  const { cursor, value } = placement;
  const pendingSquare = pending && "square" in pending ? pending.square : null;

  return (
    <div
      ref={ref}
      class={`scale ${canPlace ? "placing" : ""}`}
      data-testid="board"
      style={{ "--squares": String(size) }}
      role={canPlace ? "slider" : "group"}
      tabIndex={canPlace ? 0 : undefined}
      aria-label={canPlace ? t("board.slider_label") : t("board.title")}
      aria-valuemin={canPlace ? 1 : undefined}
      aria-valuemax={canPlace ? size : undefined}
      aria-valuenow={canPlace ? value : undefined}
      aria-valuetext={canPlace ? labelOf(value) : undefined}
      onKeyDown={placement.onKeyDown}
      onPointerDown={placement.onPointerDown}
      onPointerMove={placement.onPointerMove}
      onPointerUp={placement.onPointerUp}
      onPointerCancel={placement.onPointerCancel}
    >
      {Array.from({ length: size }, (_, i) => i + 1).map((square) => {
        const { pawns, fit, crowded, firsts, paddingRight } = layOutSquare(square, placed, areas, pendingSquare === square, bothRounds);
        const chosen = canPlace && cursor === square;
        return (
          <div
            key={square}
            data-square={square}
            data-pawns={pawns.length}
            class={`square ${chosen ? "square-chosen" : ""} ${mine?.square === square ? "square-mine" : ""}`}
          >
            <div class="square-number">
              {square}
              {crowded ? <CrowdCount first={firsts} second={pawns.length - firsts} /> : null}
            </div>
            <div class="square-pawns" data-pawns-of={square} style={grow ? { minHeight: `${grow}px` } : undefined}>
              {square === 1 ? <span class="pawn pawn-probe" aria-hidden="true" /> : null}
              <div
                class={`square-pawns-inner ${fit.scale < 1 ? "square-crowded" : ""} ${fit.overlapX > 0 ? "square-stacked" : ""}`}
                style={{
                  "--pawn-scale": String(fit.scale),
                  "--pawn-overlap-x": String(fit.overlapX),
                  "--pawn-overlap-y": String(fit.overlapY),
                  paddingRight: paddingRight !== undefined ? `${paddingRight}px` : undefined,
                }}
              >
                {pawns.map((p) => (
                  <Pawn
                    key={`${p.player.id}-${p.round}`}
                    player={p.player}
                    round={p.round}
                    faded={bothRounds && p.round === "first"}
                    secret={p.secret}
                  />
                ))}
                {pendingSquare === square ? <span class="pawn pawn-pending">{t("board.pending")}</span> : null}
              </div>
            </div>
            <div class="square-label">{local(squares[square - 1], lang)}</div>
          </div>
        );
      })}
      {canPlace ? <Announcer text={placement.announce} /> : null}
    </div>
  );
}
