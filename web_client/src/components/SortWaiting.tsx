import { t } from "../i18n";
import type { View } from "../protocol";

/** What a player sees while the piles are laid: who lays them. At a workshop's table the
 * table lead sorts, not the facilitator, so the hint names the lead when there is one. */
export function SortWaiting({ view }: { view: Pick<View, "players" | "facilitator_player_id"> }) {
  const lead = view.facilitator_player_id ? view.players[view.facilitator_player_id] : undefined;
  return (
    <>
      <h1 class="page-title">{t("phase.sort")}</h1>
      <p class="instruction">{lead ? t("sort.player_hint_lead", { name: lead.name }) : t("sort.player_hint")}</p>
    </>
  );
}
