/**
 * What the workshop's projector shows: the overview of all tables (no post-it text), or
 * one table as today's projector shows a room. And the link that opens the projector.
 */

import { t } from "../../i18n";
import type { WorkshopTable, WorkshopView } from "../../protocol";
import { appUrl } from "../../router";
import type { WorkshopSession } from "../../state/workshopSession";

export function workshopProjectorUrl(code: string, token: string): string {
  return appUrl(`#/workshop-projector/${code}?token=${encodeURIComponent(token)}`);
}

export function ProjectorChoice({
  session,
  view,
  tables,
  projectorToken,
}: {
  session: WorkshopSession<WorkshopView>;
  view: WorkshopView;
  tables: readonly WorkshopTable[];
  projectorToken: string | null;
}) {
  return (
    <section class="panel" aria-labelledby="workshop-projector-title" data-testid="projector-choice">
      <h2 id="workshop-projector-title">{t("facilitator.projector")}</h2>
      {/* Once the plenary is open the projector shows it (screens/WorkshopProjector.tsx). */}
      {view.plenary ? (
        <p data-testid="projector-plenary">{t("workshop.projector_plenary")}</p>
      ) : (
        <label class="field">
          <span class="label">{t("workshop.projector_shows")}</span>
          <select
            value={view.shown_table ?? ""}
            disabled={!session.online}
            onChange={(e) => {
              const value = e.currentTarget.value;
              void session.send({
                type: "show_table",
                table_id: value === "" ? null : value,
              });
            }}
            data-testid="projector-select"
          >
            <option value="">{t("workshop.projector_overview")}</option>
            {tables.map((tb) => (
              <option key={tb.id} value={tb.id}>
                {tb.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {projectorToken ? (
        <a class="btn" href={workshopProjectorUrl(view.code, projectorToken)} target="_blank" rel="noopener" data-testid="projector-link">
          {t("facilitator.projector_link")} ↗
        </a>
      ) : null}
    </section>
  );
}
