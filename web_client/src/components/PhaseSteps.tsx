/** Where the game is: the phase, and on a card its number and steps. */

import { t } from "../i18n";
import type { Key } from "../i18n";
import { CARD_PHASES, type Phase, type View } from "../protocol";
import { isCardPhase } from "../state/selectors";

/** Each phase by name (the catalogues' phase.*). */
export const PHASE_KEYS: Record<Phase, Key> = {
  lobby: "phase.lobby",
  read: "phase.read",
  place: "phase.place",
  discuss: "phase.discuss",
  revise: "phase.revise",
  sort: "phase.sort",
  summary: "phase.summary",
  closed: "phase.closed",
};

export function PhaseSteps({ view }: { view: Pick<View, "current_card_id" | "agenda" | "phase"> }) {
  const cardIndex = view.current_card_id ? view.agenda.indexOf(view.current_card_id) + 1 : 0;
  if (!isCardPhase(view.phase)) {
    return (
      <div class="phase-steps" data-testid="phase">
        <span class="phase-current">{t(PHASE_KEYS[view.phase])}</span>
      </div>
    );
  }
  const at = CARD_PHASES.indexOf(view.phase);
  return (
    <div class="phase-steps" data-testid="phase">
      <span class="card-count">{t("card.count", { n: cardIndex, total: view.agenda.length })}</span>
      <ol>
        {CARD_PHASES.map((s, i) => (
          <li
            key={s}
            class={s === view.phase ? "phase-current" : at > i ? "phase-done" : ""}
            aria-current={s === view.phase ? "step" : undefined}
          >
            {t(PHASE_KEYS[s])}
          </li>
        ))}
      </ol>
    </div>
  );
}
