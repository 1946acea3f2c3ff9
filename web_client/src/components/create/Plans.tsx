/**
 * "Kies een werkvorm": the session plans first on the home page, each with a one-line
 * explanation and its total time. Two clicks start one (choose, open); "adjust first"
 * fills the create form with the plan's board, cards and minutes instead.
 */

import { useState } from "preact/hooks";
import { language, t } from "../../i18n";
import type { Content, ContentPlan } from "../../protocol";
import { newCommandId } from "../../protocol";
import { local } from "../../state/selectors";
import { openRoom } from "./openRoom";
import { cardMinutes, planCards, planMinutes, planRequest } from "./plans";

export function Plans({ content, onAdjust }: { content: Content; onAdjust: (plan: ContentPlan) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  if (!content.plans.length) return null;
  return (
    <section class="plans" aria-labelledby="plans-title">
      <h2 id="plans-title">{t("plans.title")}</h2>
      <p class="muted">{t("plans.lead")}</p>
      <ul class="plan-grid">
        {content.plans.map((plan) => (
          <li key={plan.id} class={`plan ${open === plan.id ? "plan-open" : ""}`} data-testid={`plan-${plan.id}`}>
            <PlanTile
              content={content}
              plan={plan}
              open={open === plan.id}
              onToggle={() => setOpen(open === plan.id ? null : plan.id)}
              onAdjust={() => onAdjust(plan)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlanTile({
  content,
  plan,
  open,
  onToggle,
  onAdjust,
}: {
  content: Content;
  plan: ContentPlan;
  open: boolean;
  onToggle: () => void;
  onAdjust: () => void;
}) {
  const lang = language();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [commandId] = useState(() => newCommandId()); // one id per plan tile: a retry resends it
  const name = local(plan.name, lang);
  const cards = planCards(content, plan);
  const deck = content.decks.find((d) => d.id === plan.deck);

  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const options: Record<string, unknown> = { hidden_placements: true, anonymous_post_its: false, language: lang };
    if (plan.minutes) options.minutes_per_card = plan.minutes;
    const request = { command_id: commandId, board_id: plan.board, card_ids: cards, title: name.slice(0, 80), options, plan: planRequest(plan) };
    const failed = await openRoom(request);
    setBusy(false);
    setError(failed);
  };

  return (
    <>
      <h3>{name}</h3>
      <p>{local(plan.summary, lang)}</p>
      <p class="plan-time">
        <strong>{t("plans.total", { minutes: planMinutes(content, plan) })}</strong> ·{" "}
        {t("create.card_count", { count: cards.length })}
      </p>
      <button type="button" class={`btn ${open ? "" : "btn-primary"}`} aria-expanded={open} onClick={onToggle}>
        {open ? t("plans.close", { name }) : t("plans.choose", { name })}
      </button>
      {open ? (
        <div class="plan-details">
          <ol class="plan-steps">
            {plan.opening.map((s, i) => (
              <li key={`o${i}`}>
                {local(s.title, lang)} <span class="muted">({t("plans.minutes", { minutes: s.minutes })})</span>
              </li>
            ))}
            {cards.map((full) => {
              const card = deck?.cards.find((c) => `${deck.id}/${c.id}` === full);
              return (
                <li key={full}>
                  {card ? local(card.title ?? card.text, lang) : full}{" "}
                  <span class="muted">({t("plans.minutes", { minutes: cardMinutes(content, full, plan.minutes) })})</span>
                </li>
              );
            })}
            {plan.closing.map((s, i) => (
              <li key={`c${i}`}>
                {local(s.title, lang)} <span class="muted">({t("plans.minutes", { minutes: s.minutes })})</span>
              </li>
            ))}
          </ol>
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
          <div class="button-row">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void start()} data-testid="plan-start">
              {busy ? t("common.busy") : t("plans.start")}
            </button>
            <button type="button" class="btn" onClick={onAdjust}>
              {t("plans.adjust")}
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}
