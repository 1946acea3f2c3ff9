/** The host's screen while a player steers: who steers, and taking steering back. */

import { t } from "../../i18n";
import type { View } from "../../protocol";
import type { RoomSession } from "../../state/session";
import { useOnline, usePresence } from "../../hooks";
import { ConfirmButton } from "../common";
import { PresenceTag } from "./Presence";

export function TakeBack({ view, session }: { view: Pick<View, "facilitator_player_id" | "players">; session: RoomSession }) {
  const online = useOnline(session);
  const presence = usePresence(session);
  const steering = view.facilitator_player_id ? view.players[view.facilitator_player_id] : undefined;
  return (
    <section class="panel take-back" data-testid="take-back" aria-labelledby="take-back-title">
      <h2 id="take-back-title">
        {t("host.title", { name: steering?.name ?? "" })}
        {steering ? <PresenceTag playerId={steering.id} presence={presence} /> : null}
      </h2>
      <p class="muted">{t("host.hint", { name: steering?.name ?? "" })}</p>
      <ConfirmButton
        class="btn btn-primary"
        label={t("host.take_back")}
        confirmLabel={t("host.take_back_confirm")}
        disabled={!online}
        onConfirm={() => session.send({ type: "take_back" })}
      />
    </section>
  );
}
