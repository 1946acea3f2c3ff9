/**
 * One table at a glance, on the facilitator's workshop screen and the workshop projector:
 * its card and step, who still has to place, green/pink post-it counts (icon and word, not
 * colour alone), its timer, how long it has been on this step, its table lead, and a help
 * request. Never post-it text: the overview is safe to project. `actions` (the facilitator
 * only) adds open, take over / give back, show on the projector and "help given".
 */

import type { ComponentChildren } from "preact";
import { t } from "../../i18n";
import type { TableSummary, WorkshopTable } from "../../protocol";
import { useNow } from "../../hooks";
import { isCardPhase } from "../../state/selectors";
import { minutesSince } from "../../state/workshop";
import { PHASE_KEYS } from "../PhaseSteps";
import { TimerDisplay } from "../common";

/** The names that still have to place, at most `max`, then "en nog N". */
export function namesWithRest(names: readonly string[], max: number): { shown: string[]; rest: number } {
  return names.length <= max ? { shown: [...names], rest: 0 } : { shown: names.slice(0, max - 1), rest: names.length - (max - 1) };
}

export function TableCard({
  table,
  summary,
  offset,
  shown = false,
  actions,
}: {
  table: WorkshopTable;
  summary: TableSummary | undefined;
  offset: number;
  shown?: boolean;
  actions?: ComponentChildren;
}) {
  const now = useNow(15_000);
  const headingId = `table-${table.id}-name`;
  const help = summary?.help_asked_at != null;
  const cls = ["table-card", help ? "table-card-help" : "", shown ? "table-card-shown" : ""].join(" ");
  if (!summary) {
    return (
      <article class={cls} aria-labelledby={headingId} data-testid={`table-card-${table.id}`}>
        <h3 id={headingId}>{table.name}</h3>
        <p class="muted">{t("overview.no_news")}</p>
        {actions ? <div class="table-card-actions">{actions}</div> : null}
      </article>
    );
  }
  const onCard = isCardPhase(summary.phase);
  const minutes = onCard ? minutesSince(summary.spot_since, now, offset) : null;
  const cardName = summary.card ? summary.card.title || summary.card.text : "";
  const lead = summary.lead;
  const present = summary.players.filter((p) => p.active);
  const waiting = namesWithRest(summary.still_to_place, 4);
  return (
    <article class={cls} aria-labelledby={headingId} data-testid={`table-card-${table.id}`} data-phase={summary.phase}>
      <header class="table-card-head">
        <h3 id={headingId}>{table.name}</h3>
        {shown ? <span class="kind-tag">{t("overview.on_projector")}</span> : null}
        {help ? (
          <span class="help-flag" data-testid="help-flag">
            <span aria-hidden="true">⚑ </span>
            {t("overview.help_asked")}
          </span>
        ) : null}
      </header>
      <p class="table-card-step">
        <strong>{t(PHASE_KEYS[summary.phase])}</strong>
        {onCard && summary.card_index !== null ? <span class="muted"> · {t("overview.card_of", { index: summary.card_index, count: summary.cards_total })}</span> : null}
      </p>
      {onCard && cardName ? <p class="table-card-card">{cardName}</p> : null}
      <dl class="table-card-facts">
        <div>
          <dt>{t("overview.post_its")}</dt>
          <dd>
            <span class="count-green">
              <span aria-hidden="true">✔ </span>
              {t("overview.green", { count: summary.post_its.green })}
            </span>{" "}
            <span class="count-pink">
              <span aria-hidden="true">? </span>
              {t("overview.pink", { count: summary.post_its.pink })}
            </span>
          </dd>
        </div>
        {minutes !== null ? (
          <div>
            <dt>{t("overview.on_step")}</dt>
            <dd>{t("overview.minutes", { count: minutes })}</dd>
          </div>
        ) : null}
        {summary.timer ? (
          <div>
            <dt>{t("overview.timer")}</dt>
            <dd>
              <TimerDisplay timer={summary.timer} offset={offset} />
            </dd>
          </div>
        ) : null}
        {summary.phase === "place" || summary.phase === "revise" ? (
          <div>
            <dt>{t("overview.still_to_place")}</dt>
            <dd data-testid="table-still-to-place">
              {summary.still_to_place.length === 0
                ? t("overview.everyone_placed")
                : waiting.shown.join(", ") + (waiting.rest > 0 ? ` ${t("overview.and_more", { count: waiting.rest })}` : "")}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("overview.players")}</dt>
          <dd>{present.length === 0 ? t("overview.nobody") : present.map((p) => p.name).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("overview.steered_by")}</dt>
          <dd data-testid="table-steered-by">
            {summary.steered_by === "facilitator" ? t("overview.steered_by_facilitator") : lead ? t("overview.steered_by_lead", { name: lead }) : t("overview.no_lead")}
          </dd>
        </div>
      </dl>
      {actions ? <div class="table-card-actions">{actions}</div> : null}
    </article>
  );
}
