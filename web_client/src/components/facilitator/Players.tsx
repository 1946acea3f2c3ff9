/** The players: who is here, and removing or handing over to one. */

import { memo } from "preact/compat";
import { t } from "../../i18n";
import { activePlayers } from "../../state/selectors";
import type { RoomSession } from "../../state/session";
import { useOnline, usePresence, useViewParts } from "../../hooks";
import { ConfirmButton, Pawn } from "../common";
import { PresenceTag } from "./Presence";

const PARTS = ["players", "facilitator_player_id", "phase"] as const;

/** Re-renders only when the players, the facilitator, the phase, who is online or the connection change. */
export const PlayersPanel = memo(function PlayersPanel({ session }: { session: RoomSession }) {
  const view = useViewParts(session, PARTS);
  const online = useOnline(session);
  const presence = usePresence(session);
  if (!view) return null;
  const players = Object.values(view.players)
    .filter((p) => !p.removed)
    .sort((a, b) => a.seat - b.seat);
  return (
    <section class="panel" aria-label={t("players.title")} data-testid="players-panel">
      <h2>
        {t("players.title")} ({activePlayers(view).length})
      </h2>
      {players.length === 0 ? <p class="muted">{t("players.none")}</p> : null}
      <ul class="player-list">
        {players.map((p) => (
          <li key={p.id} class={p.active ? "" : "inactive"}>
            <Pawn player={p} small /> <span class="player-name">{p.name}</span>
            {!p.active ? <span class="muted"> ({t("players.away")})</span> : <PresenceTag playerId={p.id} presence={presence} />}
            {view.facilitator_player_id === p.id ? <span class="kind-tag">{t("players.facilitator")}</span> : null}
            {view.facilitator_player_id !== p.id && view.phase !== "closed" ? (
              <span class="player-actions">
                <ConfirmButton
                  class="btn btn-small btn-quiet"
                  label={t("players.hand_over")}
                  confirmLabel={t("players.hand_over_confirm", { name: p.name })}
                  disabled={!online || !p.active}
                  onConfirm={() => session.send({ type: "hand_over", player_id: p.id })}
                />
                <ConfirmButton
                  class="btn btn-small btn-quiet"
                  label={t("players.remove")}
                  confirmLabel={t("players.remove_confirm", { name: p.name })}
                  disabled={!online}
                  onConfirm={() => session.send({ type: "remove_player", player_id: p.id })}
                />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
});
