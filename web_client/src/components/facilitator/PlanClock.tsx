/**
 * Planned against actual time of the session, for the facilitator. Planned: the cards'
 * timer minutes (a card's own, else the room's minutes per card, else 5; skipped cards
 * left out) plus, for a room opened from a session plan, the plan's opening and closing
 * steps (the room keeps the plan: the view's `plan`, the facilitator's alone, so every
 * device shows the same). Actual: the time since the game started (its first step out of
 * the lobby: a room is often opened well before), on the server's clock. In the lobby the
 * plan's opening steps, in the closing phases its closing steps are listed as a guide.
 */

import { memo } from "preact/compat";
import { t } from "../../i18n";
import type { View } from "../../protocol";
import { local } from "../../state/selectors";
import type { RoomSession } from "../../state/session";
import { useLanguage, useNow, useViewParts } from "../../hooks";
import { isPlenaryRoom } from "../../state/selectors";
import { stepMinutes } from "../create/plans";

const PARTS = ["phase", "cards", "agenda", "options", "started_at", "plan", "workshop", "consensus"] as const;

export function plannedMinutes(view: Pick<View, "cards" | "agenda" | "options">): number {
  return view.agenda
    .map((id) => view.cards[id])
    .filter((card) => card && !card.skipped)
    .reduce((sum, card) => sum + (card.minutes ?? view.options.minutes_per_card ?? 5), 0);
}

export const PlanClock = memo(function PlanClock({ session }: { session: RoomSession }) {
  const view = useViewParts(session, PARTS);
  const lang = useLanguage();
  const now = useNow(15_000) + session.offset;
  // A workshop's plenary room plays no cards: its planned card minutes would mislead.
  if (!view || view.phase === "closed" || isPlenaryRoom(view)) return null;
  const plan = view.plan;
  const planned = plannedMinutes(view) + (plan ? stepMinutes(plan.opening) + stepMinutes(plan.closing) : 0);
  const actual = view.started_at === null ? 0 : Math.max(0, Math.floor((now - view.started_at) / 60_000));
  // A guide for the part of the plan outside the cards: its opening while the room waits
  // in the lobby, its closing in the sorting and summary steps.
  const lobby = view.phase === "lobby";
  const closing = plan && (lobby || view.phase === "sort" || view.phase === "summary") ? (lobby ? plan.opening : plan.closing) : [];
  return (
    <section class="panel plan-clock" aria-label={t("plans.planned_title")} data-testid="plan-clock">
      <h2>{t("plans.planned_title")}</h2>
      {plan ? <p class="muted">{local(plan.name, lang)}</p> : null}
      <p>{t("plans.planned", { planned, actual })}</p>
      {actual > planned ? <p class="over">{t("plans.over", { minutes: actual - planned })}</p> : null}
      {closing.length ? (
        <>
          <h3>{t(lobby ? "plans.opening" : "plans.closing")}</h3>
          <ol>
            {closing.map((step, i) => (
              <li key={i}>
                <strong>{local(step.title, lang)}</strong> ({t("plans.minutes", { minutes: step.minutes })})
                {step.text ? <div class="muted">{local(step.text, lang)}</div> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
});
