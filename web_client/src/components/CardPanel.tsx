/** The card being played: its kind, who reads it, its title and text. */

import { language, t } from "../i18n";
import type { Key } from "../i18n";
import { currentCard, local } from "../state/selectors";
import { CasePrompt, readerLabel, type CaseView } from "./CaseCard";

export function CardPanel({ view, big = false }: { view: CaseView; big?: boolean }) {
  const card = currentCard(view);
  const lang = language();
  if (!card) return null;
  const reader = readerLabel(view, card);
  const kind: Key = card.to_write
    ? "card.case_prompt"
    : card.kind === "case"
      ? "card.case"
      : card.kind === "scenario"
        ? "card.scenario"
        : "card.statement";
  return (
    <article class={`card-panel card-${card.kind} ${big ? "card-big" : ""}`} data-testid="card">
      <p class="card-kind">
        <span class="kind-tag">{t(kind)}</span>
        {reader ? (
          <span class="reader" data-testid="reader">
            ▸ {reader}
          </span>
        ) : null}
      </p>
      {card.title ? <h2 class="card-title">{local(card.title, lang)}</h2> : null}
      <p class="card-text" data-testid="card-text">
        {local(card.text, lang)}
      </p>
      <CasePrompt card={card} />
    </article>
  );
}
