/** Small pieces both boards use. */

import { tCount } from "../../i18n";

/** Reads the choice and the placement out to screen readers. */
export function Announcer({ text }: { text: string }) {
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="board-announcer">
      {text}
    </div>
  );
}

/** Pawns per round on one spot, when it is crowded: circle = first, square = second. */
export function CrowdCount({ first, second }: { first: number; second: number }) {
  return (
    <span class="crowd-count" data-testid="crowd-count">
      {first > 0 ? (
        <span class="crowd-count-round" title={tCount("board.crowd_first", first)}>
          <span class="legend-mark legend-first" aria-hidden="true" /> {first}
          <span class="sr-only"> {tCount("board.crowd_first", first)}</span>
        </span>
      ) : null}
      {second > 0 ? (
        <span class="crowd-count-round" title={tCount("board.crowd_second", second)}>
          <span class="legend-mark legend-second" aria-hidden="true" /> {second}
          <span class="sr-only"> {tCount("board.crowd_second", second)}</span>
        </span>
      ) : null}
    </span>
  );
}
