/**
 * How the workshop is steered, switchable at any time: each table by its table lead, or
 * the facilitator for all tables in step ("Volgende stap voor alle tafels"). In the lobby
 * also the seating mode and "start every table".
 */

import { t } from "../../i18n";
import type { Seating, Steering, WorkshopView } from "../../protocol";
import type { WorkshopSession } from "../../state/workshopSession";
import { ConfirmButton } from "../common";
import { SEATING_TEXT, STEERING_TEXT } from "./TablesFieldset";

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
      <fieldset class="sub-fieldset">
        <legend>{t("tables.steering")}</legend>
        {STEERING_TEXT.map(([s, label, hint]) => (
          <label key={s} class="check">
            <input
              type="radio"
              name="workshop-steering"
              value={s}
              checked={view.steering === s}
              disabled={!online}
              onChange={() => void session.send({ type: "set_steering", steering: s satisfies Steering })}
            />{" "}
            <span>
              <strong>{t(label)}</strong> <small>{t(hint)}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {view.phase === "lobby" ? (
        <fieldset class="sub-fieldset">
          <legend>{t("tables.seating")}</legend>
          {SEATING_TEXT.map(([s, label, hint]) => (
            <label key={s} class="check">
              <input
                type="radio"
                name="workshop-seating"
                value={s}
                checked={view.seating === s}
                disabled={!online}
                onChange={() => void session.send({ type: "set_seating", seating: s satisfies Seating })}
              />{" "}
              <span>
                <strong>{t(label)}</strong> <small>{t(hint)}</small>
              </span>
            </label>
          ))}
        </fieldset>
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
