/**
 * Steering the game: the steps (next, back, skip, end), the timer, and the tools of the
 * current card (reveal, lock). Steering buttons are disabled while offline (a step taken
 * later than meant would surprise everyone); content is queued instead.
 */

import { memo } from "preact/compat";
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import type { Key } from "../../i18n";
import type { View } from "../../protocol";
import { activePlayers, currentRound, isCardPhase, isPlenaryRoom } from "../../state/selectors";
import type { RoomSession } from "../../state/session";
import { useOnline, usePresence, useViewParts } from "../../hooks";
import { ConfirmButton } from "../common";
import { offlineAmong } from "./Presence";

function nextLabel(view: Pick<View, "phase" | "next_card_id">): Key | null {
  switch (view.phase) {
    case "lobby":
      return "steps.start";
    case "read":
      return "steps.to_place";
    case "place":
      return "steps.to_discuss";
    case "discuss":
      return "steps.to_revise";
    case "revise":
      return view.next_card_id !== null ? "steps.next_card" : "steps.to_sort";
    case "sort":
      return "steps.to_summary";
    default:
      return null;
  }
}

const STEP_PARTS = ["phase", "next_card_id", "players", "can_go_back", "workshop", "consensus"] as const;

/** Re-renders only when its parts of the view or the connection change (see useViewParts). */
export const StepControls = memo(function StepControls({ session }: { session: RoomSession }) {
  const view = useViewParts(session, STEP_PARTS);
  const offline = !useOnline(session);
  if (!view) return null;
  // A workshop's tables start together, from the workshop (start_workshop), not one by one.
  const next = view.phase === "lobby" && view.workshop ? null : nextLabel(view);
  const noPlayers = activePlayers(view).length === 0;
  return (
    <section class="panel steer" aria-label={t("facilitator.steps")} data-testid="step-controls">
      <h2>{t("facilitator.steps")}</h2>
      <div class="steer-buttons">
        {next ? (
          <button
            type="button"
            class="btn btn-primary btn-big"
            data-testid="next-step"
            disabled={offline || (view.phase === "lobby" && noPlayers)}
            onClick={() => session.send({ type: view.phase === "lobby" ? "start" : "next_step" })}
          >
            {t(next)} →
          </button>
        ) : null}
        {view.phase === "lobby" && view.workshop ? <p class="muted">{t("lobby.workshop_starts")}</p> : null}
        {view.phase === "lobby" && noPlayers && !view.workshop ? <p class="muted">{t("lobby.wait_for_players")}</p> : null}
        <div class="row">
          <button
            type="button"
            class="btn"
            data-testid="back-step"
            disabled={offline || !view.can_go_back}
            onClick={() => session.send({ type: "back_step" })}
          >
            ← {t("steps.back")}
          </button>
          {isCardPhase(view.phase) ? (
            <button type="button" class="btn" disabled={offline} onClick={() => session.send({ type: "skip_card" })}>
              {t("steps.skip")}
            </button>
          ) : null}
        </div>
        {isPlenaryRoom(view) && view.phase !== "closed" ? (
          // Ending the plenary on its own would leave the workshop open: it ends with it.
          <p class="muted" data-testid="plenary-ends-with-workshop">
            {t("steps.plenary_ends_with_workshop")}
          </p>
        ) : ["read", "place", "discuss", "revise", "sort", "summary"].includes(view.phase) ? (
          <ConfirmButton
            class="btn btn-quiet"
            label={t("steps.end_game")}
            confirmLabel={t("steps.end_game_confirm")}
            disabled={offline}
            onConfirm={() => session.send({ type: "end_game" })}
          />
        ) : null}
      </div>
    </section>
  );
});

const TIMER_PARTS = ["phase", "current_card_id", "cards", "options", "timer"] as const;

export const TimerControls = memo(function TimerControls({ session }: { session: RoomSession }) {
  const view = useViewParts(session, TIMER_PARTS);
  const offline = !useOnline(session);
  const card = view?.current_card_id ? view.cards[view.current_card_id] : null;
  const defaultMinutes = card?.minutes ?? view?.options.minutes_per_card ?? 5;
  const [minutes, setMinutes] = useState(defaultMinutes);
  if (!view) return null;
  if (!["read", "place", "discuss", "revise", "sort", "summary"].includes(view.phase)) return null;
  return (
    <section class="panel" aria-label={t("timer.controls")}>
      <h2>{t("timer.controls")}</h2>
      <div class="row wrap">
        <label class="inline-field">
          <span>{t("timer.minutes")}</span>
          <input
            type="number"
            min={1}
            max={60}
            value={minutes}
            onInput={(e) => setMinutes(Math.max(1, Math.min(60, Number(e.currentTarget.value) || 1)))}
          />
        </label>
        <button
          type="button"
          class="btn"
          data-testid="timer-start"
          disabled={offline}
          onClick={() => session.send({ type: "start_timer", seconds: minutes * 60 })}
        >
          ▶ {t("timer.start")}
        </button>
        <button
          type="button"
          class="btn"
          disabled={offline || !view.timer}
          onClick={() => session.send({ type: "extend_timer", seconds: 60 })}
        >
          {t("timer.extend")}
        </button>
        <button type="button" class="btn" disabled={offline || !view.timer} onClick={() => session.send({ type: "stop_timer" })}>
          ■ {t("timer.stop")}
        </button>
      </div>
    </section>
  );
});

const TOOL_PARTS = ["phase", "current_card_id", "placements", "post_its_locked", "still_to_place"] as const;

export const CardTools = memo(function CardTools({ session }: { session: RoomSession }) {
  const view = useViewParts(session, TOOL_PARTS);
  const offline = !useOnline(session);
  const presence = usePresence(session);
  if (!view) return null;
  const cardId = view.current_card_id;
  const round = currentRound(view.phase);
  const hidden =
    cardId !== null && ["place", "discuss", "revise"].includes(view.phase) && view.placements[cardId]?.[round]?.hidden;
  // Those who have not placed and are not connected: waiting for them may be in vain.
  const absent = offlineAmong(view.still_to_place, presence).length;
  return (
    <section class="panel" aria-label={t("facilitator.tools")}>
      <h2>{t("facilitator.tools")}</h2>
      <div class="row wrap">
        {hidden ? (
          <button
            type="button"
            class="btn"
            data-testid="reveal"
            disabled={offline}
            onClick={() => session.send({ type: "reveal_placements" })}
          >
            {absent > 0 ? t("facilitator.reveal_absent", { count: absent }) : t("facilitator.reveal")}
          </button>
        ) : null}
        <button
          type="button"
          class="btn"
          data-testid="lock-postits"
          aria-pressed={view.post_its_locked}
          disabled={offline}
          onClick={() => session.send({ type: view.post_its_locked ? "unlock_post_its" : "lock_post_its" })}
        >
          {view.post_its_locked ? t("facilitator.unlock") : t("facilitator.lock")}
        </button>
      </div>
    </section>
  );
});
