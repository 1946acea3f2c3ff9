/**
 * Broadcast to all tables: a message (shown on every player's screen), a timer for
 * everyone, and "all tables to sort now" (asks in place first: it ends every table's cards).
 */

import { useState } from "preact/hooks";
import { t } from "../../i18n";
import type { WorkshopView } from "../../protocol";
import type { WorkshopSession } from "../../state/workshopSession";
import { ConfirmButton } from "../common";

export const BROADCAST_MAX = 280;

export function BroadcastPanel({ session, view }: { session: WorkshopSession<WorkshopView>; view: WorkshopView }) {
  const [text, setText] = useState("");
  const [minutes, setMinutes] = useState("5");
  const online = session.online;
  const last = view.messages.length > 0 ? view.messages[view.messages.length - 1] : null;
  const playing = view.phase === "playing";
  const send = async (e: Event): Promise<void> => {
    e.preventDefault();
    const message = text.trim();
    if (!message) return;
    // The text stays in the field until the server has it: nothing typed is lost.
    if ((await session.send({ type: "broadcast", text: message })) !== null) setText("");
  };
  const seconds = Math.round(Number(minutes) * 60);
  return (
    <section class="panel broadcast" aria-labelledby="broadcast-title" data-testid="broadcast">
      <h2 id="broadcast-title">{t("broadcast.title")}</h2>
      <form class="broadcast-form" onSubmit={(e) => void send(e)}>
        <label class="field">
          <span class="label">{t("broadcast.message")}</span>
          <textarea
            rows={2}
            maxLength={BROADCAST_MAX}
            value={text}
            placeholder={t("broadcast.placeholder")}
            aria-describedby="broadcast-count"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <span id="broadcast-count" class="muted char-count">
          {t("broadcast.count", { count: text.length, max: BROADCAST_MAX })}
        </span>
        <button type="submit" class="btn btn-primary" disabled={!online || !text.trim()}>
          {t("broadcast.send")}
        </button>
      </form>
      {last ? (
        <p class="muted broadcast-last" data-testid="broadcast-last">
          {t("broadcast.last")} <q>{last.text}</q>
        </p>
      ) : null}
      <form
        class="broadcast-timer"
        onSubmit={(e) => {
          e.preventDefault();
          if (seconds > 0) void session.send({ type: "broadcast_timer", seconds });
        }}
      >
        <label class="inline-field">
          <span>{t("broadcast.timer_minutes")}</span>
          <input type="number" min={1} max={60} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn" disabled={!online || !playing || !(seconds > 0 && seconds <= 3600)}>
          {t("broadcast.timer_start")}
        </button>
      </form>
      <ConfirmButton
        class="btn"
        label={t("broadcast.all_to_sort")}
        confirmLabel={t("broadcast.all_to_sort_confirm")}
        disabled={!online || !playing}
        onConfirm={() => void session.send({ type: "all_to_sort" })}
      />
    </section>
  );
}
