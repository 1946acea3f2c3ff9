/**
 * What a table of a workshop adds to today's room screen: the way back to the overview for
 * the workshop's facilitator (who opened this table), the table lead's "Hulp vragen", and
 * the facilitator's "help given". The rest of the table screen is today's room.
 */

import { t } from "../../i18n";
import type { View } from "../../protocol";
import type { RoomSession } from "../../state/session";
import { loadWorkshopCredentials } from "../../state/storage";
import { mySeat } from "../../state/selectors";
import { useOnline } from "../../hooks";

/** The workshop facilitator on one of its tables: back to every table. */
export function BackToOverview({ view }: { view: View }) {
  if (!view.workshop || !loadWorkshopCredentials(view.workshop, "facilitator")) return null;
  return (
    <a class="btn btn-small back-to-overview" href={`#/workshop/${view.workshop}`} data-testid="back-to-overview">
      <span aria-hidden="true">← </span>
      {t("workshop.back_to_overview")}
    </a>
  );
}

export function HelpPanel({ view, session }: { view: View; session: RoomSession }) {
  const online = useOnline(session);
  if (!view.workshop) return null;
  const lead = mySeat(view) !== null && view.me.role === "facilitator";
  const asked = view.help_asked_at != null;
  if (!lead && !asked) return null;
  return (
    <section class={`panel help-panel ${asked ? "help-panel-asked" : ""}`} aria-labelledby="help-title" data-testid="help-panel">
      <h2 id="help-title">{t(lead ? "help.title_lead" : "help.title_facilitator")}</h2>
      {asked ? (
        <>
          <p role="status">{t(lead ? "help.asked" : "help.asked_facilitator")}</p>
          <button type="button" class="btn btn-small" disabled={!online} onClick={() => session.send({ type: "clear_help" } as never)}>
            {t(lead ? "help.cancel" : "help.done")}
          </button>
        </>
      ) : (
        <>
          <p class="muted">{t("help.hint")}</p>
          <button type="button" class="btn btn-primary" disabled={!online} onClick={() => session.send({ type: "ask_help" } as never)} data-testid="ask-help">
            <span aria-hidden="true">✋ </span>
            {t("help.ask")}
          </button>
        </>
      )}
    </section>
  );
}
