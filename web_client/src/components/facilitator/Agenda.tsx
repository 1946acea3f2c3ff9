/** The agenda: every card with its state; the cards still to come can be reordered. */

import { memo } from "preact/compat";
import { t } from "../../i18n";
import type { Key } from "../../i18n";
import { isCardPhase } from "../../state/selectors";
import type { RoomSession } from "../../state/session";
import { useOnline, useViewParts } from "../../hooks";
import { cardLabel } from "../Summary";
import { LobbyCard } from "./LobbyCard";

const PARTS = ["phase", "agenda", "cards", "current_card_id", "remaining_cards"] as const;

/** Re-renders only when its parts of the view or the connection change (see useViewParts). */
export const Agenda = memo(function Agenda({ session }: { session: RoomSession }) {
  const view = useViewParts(session, PARTS);
  const online = useOnline(session);
  if (!view) return null;
  const remaining = view.remaining_cards;
  const canReorder = view.phase === "lobby" || isCardPhase(view.phase);
  const move = (index: number, delta: number): void => {
    const order = [...remaining];
    const [item] = order.splice(index, 1);
    order.splice(index + delta, 0, item);
    session.send({ type: "reorder_cards", card_ids: order });
  };
  return (
    <section class="panel" aria-label={t("agenda.title")} data-testid="agenda">
      <h2>{t("agenda.title")}</h2>
      <ol class="agenda">
        {view.agenda.map((id) => {
          const card = view.cards[id];
          if (!card) return null;
          const index = remaining.indexOf(id);
          const state: Key =
            id === view.current_card_id
              ? "agenda.current"
              : card.skipped
                ? "agenda.skipped"
                : card.started
                  ? "agenda.done"
                  : "agenda.coming";
          return (
            <li key={id} class={`agenda-item agenda-${state.split(".")[1]}`}>
              <span class="agenda-state">{t(state)}</span>
              <span class="agenda-text">
                {card.kind === "case" ? <span class="kind-tag">{t("card.case")}</span> : null} {cardLabel(card)}
              </span>
              {canReorder && index >= 0 ? (
                <span class="agenda-move">
                  <button
                    type="button"
                    class="btn btn-icon"
                    disabled={index === 0 || !online}
                    onClick={() => move(index, -1)}
                    aria-label={t("agenda.up", { card: cardLabel(card).slice(0, 40) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="btn btn-icon"
                    disabled={index === remaining.length - 1 || !online}
                    onClick={() => move(index, 1)}
                    aria-label={t("agenda.down", { card: cardLabel(card).slice(0, 40) })}
                  >
                    ↓
                  </button>
                  {view.phase === "lobby" ? (
                    <button
                      type="button"
                      class="btn btn-icon"
                      disabled={!online || view.agenda.length <= 1}
                      onClick={() => session.send({ type: "remove_card", card_id: id })}
                      aria-label={t("agenda.remove", { card: cardLabel(card).slice(0, 40) })}
                    >
                      ✕
                    </button>
                  ) : null}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {view.phase === "lobby" ? <LobbyCard session={session} online={online} /> : null}
    </section>
  );
});
