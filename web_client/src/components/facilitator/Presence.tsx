/** Whether a player is connected now, as a word and a symbol (never by colour alone). */

import { t } from "../../i18n";

export function PresenceTag({ playerId, presence }: { playerId: string; presence: readonly string[] | null }) {
  if (presence === null) return null;
  const online = presence.includes(playerId);
  return (
    <span class={`presence ${online ? "presence-online" : "presence-offline"}`} data-testid={`presence-${playerId}`} data-online={online ? "yes" : "no"}>
      <span aria-hidden="true">{online ? "●" : "○"}</span> {t(online ? "presence.online" : "presence.offline")}
    </span>
  );
}

/** The players in `ids` who are known to be offline (none while presence is unknown). */
export function offlineAmong(ids: readonly string[], presence: readonly string[] | null): string[] {
  return presence === null ? [] : ids.filter((id) => !presence.includes(id));
}
