/**
 * The facilitator's controls: steps, timer, reveal, lock, agenda, players, projector link,
 * sorting, action points and ending the game. Steering buttons are disabled while offline
 * (a step taken later than meant would surprise everyone); content is queued instead.
 */

import { useState } from "preact/hooks";
import { language, t } from "../i18n";
import type { Key } from "../i18n";
import type { ActionPoint, Pile, View } from "../protocol";
import { activePlayers, currentRound, isCardPhase, local, postItsInOrder } from "../state/selectors";
import type { RoomSession } from "../state/session";
import { appUrl } from "../router";
import { loadCredentials } from "../state/storage";
import { ConfirmButton, Pawn } from "./common";
import { cardLabel } from "./Summary";
import { ColourTag } from "./PostIts";

function nextLabel(view: View): Key | null {
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

export function StepControls({ view, session }: { view: View; session: RoomSession }) {
  const offline = !session.online;
  const next = nextLabel(view);
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
        {view.phase === "lobby" && noPlayers ? <p class="muted">{t("lobby.wait_for_players")}</p> : null}
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
        {["read", "place", "discuss", "revise", "sort", "summary"].includes(view.phase) ? (
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
}

export function TimerControls({ view, session }: { view: View; session: RoomSession }) {
  const card = view.current_card_id ? view.cards[view.current_card_id] : null;
  const defaultMinutes = card?.minutes ?? view.options.minutes_per_card ?? 5;
  const [minutes, setMinutes] = useState(defaultMinutes);
  const offline = !session.online;
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
}

export function CardTools({ view, session }: { view: View; session: RoomSession }) {
  const offline = !session.online;
  const cardId = view.current_card_id;
  const round = currentRound(view.phase);
  const hidden =
    cardId !== null && ["place", "discuss", "revise"].includes(view.phase) && view.placements[cardId]?.[round]?.hidden;
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
            {t("facilitator.reveal")}
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
}

export function Agenda({ view, session }: { view: View; session: RoomSession }) {
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
                    disabled={index === 0 || !session.online}
                    onClick={() => move(index, -1)}
                    aria-label={t("agenda.up", { card: cardLabel(card).slice(0, 40) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="btn btn-icon"
                    disabled={index === remaining.length - 1 || !session.online}
                    onClick={() => move(index, 1)}
                    aria-label={t("agenda.down", { card: cardLabel(card).slice(0, 40) })}
                  >
                    ↓
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function PlayersPanel({ view, session }: { view: View; session: RoomSession }) {
  const players = Object.values(view.players)
    .filter((p) => !p.removed)
    .sort((a, b) => a.seat - b.seat);
  return (
    <section class="panel" aria-label={t("players.title")} data-testid="players-panel">
      <h2>
        {t("players.title")} ({activePlayers(view).length})
      </h2>
      {players.length === 0 ? <p class="muted">{t("players.none")}</p> : null}
      <ul class="player-list">
        {players.map((p) => (
          <li key={p.id} class={p.active ? "" : "inactive"}>
            <Pawn player={p} small /> <span class="player-name">{p.name}</span>
            {!p.active ? <span class="muted"> ({t("players.away")})</span> : null}
            {view.facilitator_player_id === p.id ? <span class="kind-tag">{t("players.facilitator")}</span> : null}
            {view.facilitator_player_id !== p.id && view.phase !== "closed" ? (
              <span class="player-actions">
                <ConfirmButton
                  class="btn btn-small btn-quiet"
                  label={t("players.hand_over")}
                  confirmLabel={t("players.hand_over_confirm", { name: p.name })}
                  disabled={!session.online || !p.active}
                  onConfirm={() => session.send({ type: "hand_over", player_id: p.id })}
                />
                <ConfirmButton
                  class="btn btn-small btn-quiet"
                  label={t("players.remove")}
                  confirmLabel={t("players.remove_confirm", { name: p.name })}
                  disabled={!session.online}
                  onConfirm={() => session.send({ type: "remove_player", player_id: p.id })}
                />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function projectorUrl(code: string): string | null {
  const credentials = loadCredentials(code, "facilitator");
  if (!credentials?.projector_token) return null;
  return appUrl(`#/projector/${code}?token=${encodeURIComponent(credentials.projector_token)}`);
}

export function ProjectorLink({ code }: { code: string }) {
  const url = projectorUrl(code);
  if (!url) return null;
  return (
    <a class="btn" href={url} target="_blank" rel="noopener" data-testid="projector-link">
      {t("facilitator.projector_link")} ↗
    </a>
  );
}

/** Sorting: every played card and post-it onto the red or the green pile. */
export function SortingBoard({ view, session }: { view: View; session: RoomSession }) {
  const [dragging, setDragging] = useState<string | null>(null);
  type Item = { item: "card" | "post_it"; id: string; pile: Pile | null };
  const items: Item[] = [
    ...view.played_cards.map((id) => ({ item: "card" as const, id, pile: view.cards[id]?.pile ?? null })),
    ...postItsInOrder(view).map((p) => ({ item: "post_it" as const, id: p.id, pile: p.pile })),
  ];
  const setPile = (it: Item, pile: Pile | null): void => {
    if (it.pile !== pile) session.send({ type: "set_pile", item: it.item, id: it.id, pile });
  };
  const columns: { pile: Pile | null; key: Key; hint: Key }[] = [
    { pile: "red", key: "pile.red", hint: "pile.red_hint" },
    { pile: null, key: "pile.none", hint: "pile.none_hint" },
    { pile: "green", key: "pile.green", hint: "pile.green_hint" },
  ];
  const keyOf = (it: Item): string => `${it.item}:${it.id}`;
  return (
    <section class="sorting" aria-label={t("sort.title")} data-testid="sorting">
      {/* The sort screen's main heading; under the summary's own h1 it is a section. */}
      {view.phase === "sort" ? <h1 class="page-title">{t("sort.title")}</h1> : <h2>{t("sort.title")}</h2>}
      <p class="muted">{t("sort.hint")}</p>
      <div class="sort-columns">
        {columns.map((col) => (
          <div
            key={String(col.pile)}
            class={`sort-column sort-${col.pile ?? "none"}`}
            data-testid={`pile-${col.pile ?? "none"}`}
            onDragOver={(e) => {
              e.preventDefault();
              if (e.dataTransfer) e.dataTransfer.dropEffect = "move";
            }}
            onDrop={(e) => {
              e.preventDefault();
              const key = e.dataTransfer?.getData("text/plain") || dragging;
              const it = items.find((i) => keyOf(i) === key);
              if (it) setPile(it, col.pile);
              setDragging(null);
            }}
          >
            <h3>
              {col.pile === "green" ? "✔ " : col.pile === "red" ? "✚ " : ""}
              {t(col.key)}
            </h3>
            <p class="pile-hint">{t(col.hint)}</p>
            <ul>
              {items
                .filter((it) => it.pile === col.pile)
                .map((it) => (
                  <SortItem
                    key={keyOf(it)}
                    view={view}
                    it={it}
                    onDragStart={(e) => {
                      e.dataTransfer?.setData("text/plain", keyOf(it));
                      setDragging(keyOf(it));
                    }}
                    onPile={(pile) => setPile(it, pile)}
                  />
                ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

function SortItem({
  view,
  it,
  onDragStart,
  onPile,
}: {
  view: View;
  it: { item: "card" | "post_it"; id: string; pile: Pile | null };
  onDragStart: (e: DragEvent) => void;
  onPile: (pile: Pile | null) => void;
}) {
  const lang = language();
  const postIt = it.item === "post_it" ? view.post_its[it.id] : null;
  const card = it.item === "card" ? view.cards[it.id] : null;
  const suggested = postIt ? postIt.suggested_pile : (view.figures[it.id]?.suggested_pile ?? null);
  const label = card ? cardLabel(card) : (postIt?.text ?? "");
  return (
    <li class={`sort-item sort-item-${it.item}`} draggable data-testid="sort-item" data-item={it.item} data-id={it.id} onDragStart={onDragStart}>
      <div class="sort-item-text">
        {card ? <span class="kind-tag">{t("card.card")}</span> : postIt ? <ColourTag colour={postIt.colour} /> : null}{" "}
        <span class="sort-label">{label}</span>
        {postIt && view.cards[postIt.card_id] ? (
          <small class="muted"> · {local(view.cards[postIt.card_id].title ?? view.cards[postIt.card_id].text, lang).slice(0, 50)}</small>
        ) : null}
      </div>
      {suggested ? (
        <div class={`suggested suggested-${suggested}`}>
          {t("sort.suggested")}: {t(suggested === "green" ? "pile.green_short" : "pile.red_short")}
        </div>
      ) : null}
      <div class="row sort-buttons">
        {/* Each accessible name starts with the button's visible word, so voice control
            ("click Rood") finds it; the item follows to tell the buttons apart. */}
        <button type="button" class="btn btn-small btn-red" disabled={it.pile === "red"} onClick={() => onPile("red")} aria-label={`${t("pile.red_short")}: ${t("sort.to_red_label", { item: label.slice(0, 40) })}`}>
          <span aria-hidden="true">✚</span> {t("pile.red_short")}
        </button>
        <button type="button" class="btn btn-small btn-quiet" disabled={it.pile === null} onClick={() => onPile(null)} aria-label={`${t("sort.none_short")}: ${t("sort.to_none_label", { item: label.slice(0, 40) })}`}>
          {t("sort.none_short")}
        </button>
        <button type="button" class="btn btn-small btn-green" disabled={it.pile === "green"} onClick={() => onPile("green")} aria-label={`${t("pile.green_short")}: ${t("sort.to_green_label", { item: label.slice(0, 40) })}`}>
          <span aria-hidden="true">✔</span> {t("pile.green_short")}
        </button>
      </div>
    </li>
  );
}

type ApFields = Pick<ActionPoint, "what" | "who" | "first_step" | "evaluate_when">;
const EMPTY: ApFields = { what: "", who: "", first_step: "", evaluate_when: "" };
const FIELDS: (keyof ApFields)[] = ["what", "who", "first_step", "evaluate_when"];

export function ActionPointsEditor({ view, session }: { view: View; session: RoomSession }) {
  const [fields, setFields] = useState<ApFields>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const points = Object.values(view.action_points).sort((a, b) => a.created_at - b.created_at);
  const complete = FIELDS.every((f) => fields[f].trim() !== "");
  return (
    <section class="panel action-points" aria-label={t("actions.title")} data-testid="action-points">
      <h2>{t("actions.title")}</h2>
      <ol class="action-list">
        {points.map((a) => (
          <li key={a.id}>
            <strong>{a.what}</strong>
            <span>
              {t("actions.who")}: {a.who}
            </span>
            <span>
              {t("actions.first_step")}: {a.first_step}
            </span>
            <span>
              {t("actions.evaluate_when")}: {a.evaluate_when}
            </span>
            <span class="row">
              <button
                type="button"
                class="btn btn-small"
                onClick={() => {
                  setEditing(a.id);
                  setFields({ what: a.what, who: a.who, first_step: a.first_step, evaluate_when: a.evaluate_when });
                }}
              >
                {t("common.edit")}
              </button>
              <ConfirmButton
                class="btn btn-small btn-quiet"
                label={t("common.delete")}
                confirmLabel={t("common.delete_confirm")}
                onConfirm={() => session.send({ type: "delete_action_point", action_point_id: a.id })}
              />
            </span>
          </li>
        ))}
      </ol>
      <form
        class="action-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!complete) return;
          const clean = Object.fromEntries(FIELDS.map((f) => [f, fields[f].trim()])) as ApFields;
          if (editing) session.send({ type: "edit_action_point", action_point_id: editing, ...clean });
          else session.send({ type: "add_action_point", ...clean });
          setFields(EMPTY);
          setEditing(null);
        }}
      >
        <h3>{editing ? t("actions.edit") : t("actions.add_title")}</h3>
        {FIELDS.map((f) => (
          <label class="field" key={f}>
            <span class="label">{t(`actions.${f}` as Key)}</span>
            <input
              type="text"
              maxLength={200}
              value={fields[f]}
              data-testid={`ap-${f}`}
              placeholder={t(`actions.${f}_placeholder` as Key)}
              onInput={(e) => setFields({ ...fields, [f]: e.currentTarget.value })}
            />
          </label>
        ))}
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={!complete} data-testid="ap-submit">
            {editing ? t("common.save") : t("actions.add")}
          </button>
          {editing ? (
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => {
                setEditing(null);
                setFields(EMPTY);
              }}
            >
              {t("common.cancel")}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
