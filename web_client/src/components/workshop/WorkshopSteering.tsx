/**
 * How the workshop is steered, switchable at any time: each table by its table lead, or
 * the facilitator for all tables in step ("Volgende stap voor alle tafels"). In the lobby
 * also the seating mode and "start every table".
 */

import { t } from "../../i18n";
import type { WorkshopView } from "../../protocol";
import type { WorkshopSession } from "../../state/workshopSession";
import { ConfirmButton } from "../common";
import { Choices, SEATING_TEXT, STEERING_TEXT } from "./TablesFieldset";

export function WorkshopSteering({ session, view, seated }: { session: WorkshopSession<WorkshopView>; view: WorkshopView; seated: number }) {
  const online = session.online;
  return (
    <section class="panel workshop-steering" aria-labelledby="workshop-steering-title" data-testid="workshop-steering">
      <h2 id="workshop-steering-title">{t("workshop.steering")}</h2>
      {view.phase === "lobby" ? (
        <>
          <button
            type="button"
            class="btn btn-primary btn-big"
            disabled={!online || seated === 0}
            onClick={() => void session.send({ type: "start_workshop" })}
            data-testid="start-workshop"
          >
            {t("workshop.start")}
          </button>
          {seated === 0 ? <p class="muted">{t("workshop.start_wait")}</p> : null}
        </>
      ) : null}
      {view.phase === "playing" && view.steering === "facilitator" ? (
        <button type="button" class="btn btn-primary btn-big" disabled={!online} onClick={() => void session.send({ type: "step_all" })} data-testid="step-all">
          {t("workshop.step_all")}
        </button>
      ) : null}
      {/* Who steers the tables matters while they play; in the plenary the facilitator does. */}
      {view.phase === "lobby" || view.phase === "playing" ? (
        <Choices
          legend={t("tables.steering")}
          name="workshop-steering"
          options={STEERING_TEXT}
          chosen={view.steering}
          disabled={!online}
          onChoose={(steering) => void session.send({ type: "set_steering", steering })}
        />
      ) : null}
      {view.phase === "lobby" ? (
        <Choices
          legend={t("tables.seating")}
          name="workshop-seating"
          options={SEATING_TEXT}
          chosen={view.seating}
          disabled={!online}
          onChoose={(seating) => void session.send({ type: "set_seating", seating })}
        />
      ) : null}
      {view.phase !== "closed" ? (
        <ConfirmButton
          class="btn btn-quiet"
          label={t("workshop.end")}
          confirmLabel={t("workshop.end_confirm")}
          disabled={!online}
          onConfirm={() => void session.send({ type: "end_workshop" })}
        />
      ) : (
        <p class="banner banner-info">{t("workshop.closed")}</p>
      )}
    </section>
  );
}
