import { t } from "../i18n";
import type { View } from "../protocol";
import { stillToPlace } from "../state/selectors";
import { Pawn } from "./common";
import { PresenceTag } from "./facilitator/Presence";

/**
 * Who still has to place; `max` names at most (the projector), then "and N more". With
 * `presence` (the facilitator), each name says whether that player is connected.
 */
export function StillToPlace({ view, max, presence = null }: { view: Pick<View, "still_to_place" | "players" | "phase">; max?: number; presence?: readonly string[] | null }) {
  const all = stillToPlace(view);
  if (view.phase !== "place" && view.phase !== "revise") return null;
  const waiting = max !== undefined && all.length > max ? all.slice(0, max - 1) : all;
  const more = all.length - waiting.length;
  return (
    <div class="still-to-place" data-testid="still-to-place" aria-live="polite">
      {all.length === 0 ? (
        <p>✔ {t("board.everyone_placed")}</p>
      ) : (
        <p>
          {t("board.still_to_place", { count: all.length })}{" "}
          {waiting.map((p) => (
            <span key={p.id} class="chip">
              <Pawn player={p} small /> {p.name}
              <PresenceTag playerId={p.id} presence={presence} />
            </span>
          ))}
          {more > 0 ? <span class="chip chip-more">{t("board.and_more", { count: more })}</span> : null}
        </p>
      )}
    </div>
  );
}
