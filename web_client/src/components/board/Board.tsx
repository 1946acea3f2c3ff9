/**
 * The board with every pawn: a scale (row of squares, ScaleBoard) or the quadrant field
 * (QuadrantBoard), with the legend and the facilitator's cover for hidden pawns.
 *
 * Placing (usePlacement): click a square/point, drag, or with the keyboard. First
 * placements are circles, second (revised) placements are squares marked "2"; once both
 * exist the first ones fade and the shift is drawn (quadrant) or listed (scale). Where what
 * is drawn is worked out in layout/board.ts.
 */

import { useState } from "preact/hooks";
import { language, t, tCount } from "../../i18n";
import type { Position } from "../../protocol";
import { local } from "../../state/selectors";
import { storage } from "../../state/storage";
import { MANY_ARROWS, covered, type BoardView, onQuadrant, onScale, placedOn, roundNow } from "../../layout/board";
import { QuadrantBoard } from "./QuadrantBoard";
import { ScaleBoard } from "./ScaleBoard";
import { ScaleShifts } from "./ScaleShifts";

export interface BoardProps {
  view: BoardView;
  cardId: string;
  /** This viewer may place now (has a seat, phase place or revise, this is the current card). */
  canPlace: boolean;
  onPlace?: (position: Position) => void;
  /** A placement queued while offline, shown until the server confirms it. */
  pending?: Position | null;
  large?: boolean;
}

/** Whether this browser covers pawns hidden from the room (remembered: the facilitator's
 * laptop on the shared screen stays covered from card to card). */
const COVER_KEY = "lk:cover-hidden";

function useCover(): [boolean, (cover: boolean) => void] {
  const [cover, setCover] = useState(() => storage.getItem(COVER_KEY) === "1");
  return [
    cover,
    (next: boolean) => {
      storage.setItem(COVER_KEY, next ? "1" : "0");
      setCover(next);
    },
  ];
}

export function Board(props: BoardProps) {
  const { view, cardId } = props;
  const [cover, setCover] = useCover();
  // Covered: the facilitator's board shows what the room sees, a count of hidden pawns.
  const { placed, hiddenCount, secrets } = covered(placedOn(view, cardId), cover);
  const round = roundNow(view, cardId);
  const seconds = placed.filter((p) => p.round === "second").length;
  const bothRounds = seconds > 0;
  const mine = placed.find((p) => p.player.id === view.me.player_id && p.round === round)?.position;
  const spec = view.board.spec;
  const lang = language();
  const hidden = hiddenCount[round] > 0 || hiddenCount.first > 0;
  const scale = view.board.kind === "scale";
  return (
    <section class={`board-wrap ${props.large ? "board-large" : ""}`} aria-label={t("board.title")}>
      {scale ? (
        <ScaleBoard {...props} placed={onScale(placed)} mine={mine && "square" in mine ? mine : undefined} bothRounds={bothRounds} />
      ) : (
        <QuadrantBoard {...props} placed={onQuadrant(placed)} mine={mine && "x" in mine ? mine : undefined} bothRounds={bothRounds} />
      )}
      <div class="board-legend">
        <span>
          <span class="legend-mark legend-first" aria-hidden="true" /> {local(spec.placements.first, lang)}
        </span>
        <span>
          <span class="legend-mark legend-second" aria-hidden="true">
            2
          </span>{" "}
          {local(spec.placements.second, lang)}
        </span>
        {!scale && seconds > MANY_ARROWS ? (
          <span>
            <span class="legend-mean" aria-hidden="true">
              ➜
            </span>{" "}
            {t("board.mean_shift")}
          </span>
        ) : null}
        {hidden ? (
          <span class="hidden-note" data-testid="hidden-note">
            {tCount("board.hidden", hiddenCount[round] || hiddenCount.first)}
          </span>
        ) : null}
        {secrets > 0 && !cover ? (
          <span class="hidden-note secret-note" data-testid="secret-note">
            <span class="legend-mark legend-secret" aria-hidden="true" /> {tCount("board.secret", secrets)}
          </span>
        ) : null}
        {secrets > 0 ? (
          <button
            type="button"
            class="btn btn-small"
            aria-pressed={cover}
            data-testid="cover-hidden"
            onClick={() => setCover(!cover)}
          >
            {t("board.cover")}
          </button>
        ) : null}
      </div>
      {scale && bothRounds ? <ScaleShifts view={view} placed={onScale(placed)} large={props.large} /> : null}
    </section>
  );
}
