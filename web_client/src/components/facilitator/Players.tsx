/** The players: who is here, and removing or handing over to one. */

import { t } from "../../i18n";
import type { View } from "../../protocol";
import { activePlayers } from "../../state/selectors";
import type { RoomSession } from "../../state/session";
import { ConfirmButton, Pawn } from "../common";

export function PlayersPanel({ view, session }: { view: View; session: RoomSession }) {
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
            {!p.active ? <span class="muted"> ({t("players.away")})</span> : null}
            {view.facilitator_player_id === p.id ? <span class="kind-tag">{t("players.facilitator")}</span> : null}
            {view.facilitator_player_id !== p.id && view.phase !== "closed" ? (
              <span class="player-actions">
                <ConfirmButton
                  class="btn btn-small btn-quiet"
                  label={t("players.hand_over")}
                  confirmLabel={t("players.hand_over_confirm", { name: p.name })}
                  disabled={!session.online || !p.active}
                  onConfirm={() => session.send({ type: "hand_over", player_id: p.id })}
                />
                <ConfirmButton
                  class="btn btn-small btn-quiet"
                  label={t("players.remove")}
                  confirmLabel={t("players.remove_confirm", { name: p.name })}
                  disabled={!session.online}
                  onConfirm={() => session.send({ type: "remove_player", player_id: p.id })}
                />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
