/**
 * What a table of a workshop adds to today's room screen: the way back to the overview for
 * the workshop's facilitator (who opened this table), the table lead's "Hulp vragen", and
 * the facilitator's "help given" and "take over". The rest of the table screen is today's room.
 *
 * The workshop's facilitator acts on a table through the workshop (take_over_table,
 * clear_table_help), not with the table's own host commands: the workshop keeps who steers
 * each table and carries it to the table, so a take-back done only at the table would be
 * undone by the workshop's next carry.
 */

import { useState } from "preact/hooks";
import { t } from "../../i18n";
import type { View } from "../../protocol";
import type { RoomSession } from "../../state/session";
import { loadCredentials, loadWorkshopCredentials } from "../../state/storage";
import { mySeat } from "../../state/selectors";
import { workshopCommand } from "../../state/connection";
import { useOnline } from "../../hooks";
import { refusalText } from "../common";

/** The parts of a table's view these panels read (so they re-render only when those change). */
export const TABLE_PARTS = ["code", "workshop", "me", "players", "facilitator_player_id", "help_asked_at"] as const satisfies readonly (keyof View)[];
export type TableView = Pick<View, (typeof TABLE_PARTS)[number]>;

/** The workshop facilitator's keys and this table's id, when this screen is theirs. */
export function workshopFacilitatorOf(view: Pick<View, "code" | "workshop">): { workshop: string; token: string; tableId: string } | null {
  if (!view.workshop) return null;
  const keys = loadWorkshopCredentials(view.workshop, "facilitator");
  const tableId = loadCredentials(view.code, "facilitator")?.table_id;
  return keys && tableId ? { workshop: view.workshop, token: keys.token, tableId } : null;
}

/** Send one workshop command for this table; a refusal or no answer is said in place. */
export function useWorkshopAction(view: Pick<View, "code" | "workshop">): { run: (body: { type: string } & Record<string, unknown>) => void; busy: boolean; error: string | null } | null {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keys = workshopFacilitatorOf(view);
  if (!keys) return null;
  const run = (body: { type: string } & Record<string, unknown>): void => {
    setBusy(true);
    setError(null);
    void workshopCommand(keys.workshop, keys.token, { ...body, table_id: keys.tableId }).then((reply) => {
      setBusy(false);
      if (reply === "no_answer") setError(t("error.no_connection"));
      else if (!reply.ok) setError(refusalText(reply.error.code, reply.error.message));
    });
  };
  return { run, busy, error };
}

/** The workshop facilitator on one of its tables: back to every table. */
export function BackToOverview({ view }: { view: Pick<View, "workshop"> }) {
  if (!view.workshop || !loadWorkshopCredentials(view.workshop, "facilitator")) return null;
  return (
    <a class="btn btn-small back-to-overview" href={`#/workshop/${view.workshop}`} data-testid="back-to-overview">
      <span aria-hidden="true">← </span>
      {/* A phone shows the short word (display: none leaves only the shown one named). */}
      <span class="back-long">{t("workshop.back_to_overview")}</span>
      <span class="back-short">{t("workshop.back_to_overview_short")}</span>
    </a>
  );
}

/** The workshop facilitator watching a table its lead steers: take it over through the workshop. */
export function TakeOverTable({ view }: { view: TableView }) {
  const action = useWorkshopAction(view);
  if (!action) return null;
  const lead = view.facilitator_player_id ? view.players[view.facilitator_player_id] : undefined;
  return (
    <section class="panel take-back" data-testid="take-back" aria-labelledby="take-over-title">
      <h2 id="take-over-title">{t("host.title", { name: lead?.name ?? "" })}</h2>
      <p class="muted">{t("workshop.take_over_hint", { name: lead?.name ?? "" })}</p>
      <button type="button" class="btn btn-primary" disabled={action.busy} onClick={() => action.run({ type: "take_over_table" })}>
        {t("overview.take_over")}
      </button>
      {action.error ? (
        <p class="error" role="alert">
          {action.error}
        </p>
      ) : null}
    </section>
  );
}

export function HelpPanel({ view, session }: { view: TableView; session: RoomSession }) {
  const online = useOnline(session);
  const action = useWorkshopAction(view);
  if (!view.workshop) return null;
  const lead = mySeat(view) !== null && view.me.role === "facilitator";
  const asked = view.help_asked_at != null;
  if (!lead && !asked) return null;
  // The table's facilitator role clears at the table; the workshop's facilitator watching
  // (host) clears through the workshop.
  const clear = (): void => {
    if (view.me.role === "facilitator") session.send({ type: "clear_help" });
    else action?.run({ type: "clear_table_help" });
  };
  const canClear = view.me.role === "facilitator" || action !== null;
  return (
    <section class={`panel help-panel ${asked ? "help-panel-asked" : ""}`} aria-labelledby="help-title" data-testid="help-panel">
      <h2 id="help-title">{t(lead ? "help.title_lead" : "help.title_facilitator")}</h2>
      {asked ? (
        <>
          <p role="status">{t(lead ? "help.asked" : "help.asked_facilitator")}</p>
          {canClear ? (
            <button type="button" class="btn btn-small" disabled={!online || action?.busy === true} onClick={clear}>
              {t(lead ? "help.cancel" : "help.done")}
            </button>
          ) : null}
          {action?.error ? (
            <p class="error" role="alert">
              {action.error}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p class="muted">{t("help.hint")}</p>
          <button type="button" class="btn btn-primary" disabled={!online} onClick={() => session.send({ type: "ask_help" })} data-testid="ask-help">
            <span aria-hidden="true">⚑ </span>
            {t("help.ask")}
          </button>
        </>
      )}
    </section>
  );
}
