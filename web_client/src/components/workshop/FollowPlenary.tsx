/**
 * A participant at their table follows the workshop to its plenary. The table's room does
 * not know about the plenary (the tables are left as they are), so the table screen also
 * listens to the workshop, with the participant's workshop token, and goes to the plenary
 * room once the workshop names it, as the workshop screen does for a table.
 */

import { useEffect } from "preact/hooks";
import type { ParticipantView } from "../../protocol";
import { useWorkshopSession } from "../../hooks";
import { loadWorkshopCredentials, saveCredentials } from "../../state/storage";

export function FollowPlenary({ workshop, code }: { workshop: string; code: string }) {
  const has = loadWorkshopCredentials(workshop, "participant") !== null;
  const session = useWorkshopSession<ParticipantView>(workshop, has ? "participant" : null);
  const view = session?.view ?? null;
  const plenary = view?.plenary ?? null;
  useEffect(() => {
    if (!view || !plenary || plenary.code === code) return;
    saveCredentials(plenary.code, "player", { token: plenary.token, player_id: view.me.participant_id, name: view.name, workshop, table_id: plenary.id });
    window.location.replace(`#/room/${plenary.code}`);
  }, [plenary?.code, plenary?.token]);
  return null;
}
