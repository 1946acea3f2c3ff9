/**
 * The board of a room screen: reads its own parts of the session's view, so it re-renders
 * when pawns, players or the step change, not for a post-it or the timer (laying out a
 * crowded board is the costliest render of a card step).
 */

import { memo } from "preact/compat";
import { useSelected, useViewParts } from "../../hooks";
import { BOARD_PARTS } from "../../layout/board";
import type { Position } from "../../protocol";
import type { RoomSession } from "../../state/session";
import { Board } from "./Board";

/** The last placement still waiting to be sent (shown until the server has it). */
function lastPendingPlacement(session: RoomSession): Position | null {
  for (let i = session.queue.items.length - 1; i >= 0; i--) {
    const c = session.queue.items[i].command;
    if (c.type === "place_pawn") return c.position;
  }
  return null;
}

export const LiveBoard = memo(function LiveBoard({
  session,
  cardId,
  canPlace,
  large = false,
}: {
  session: RoomSession;
  cardId: string;
  canPlace: boolean;
  large?: boolean;
}) {
  const view = useViewParts(session, BOARD_PARTS);
  const pending = useSelected(session, lastPendingPlacement);
  if (!view) return null;
  return (
    <Board
      view={view}
      cardId={cardId}
      canPlace={canPlace}
      onPlace={(position) => session.send({ type: "place_pawn", position })}
      pending={pending}
      large={large}
    />
  );
});
