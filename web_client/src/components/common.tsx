import { useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import { encode } from "uqr";
import { language, setLanguage, t, tCount } from "../i18n";
import type { Key } from "../i18n";
import type { ErrorBody, Player, Timer as TimerData } from "../protocol";
import { formatRemaining, initials, timerRemaining } from "../state/selectors";
import { inkOn } from "../state/ink";
import type { RoomSession } from "../state/session";
import { useNow, useSelected } from "../hooks";

export function LanguageSwitch() {
  const other = language() === "nl" ? "en" : "nl";
  return (
    <button
      type="button"
      class="lang-switch"
      lang={other}
      onClick={() => setLanguage(other)}
      aria-label={t("language.switch_label")}
    >
      {t("language.other")}
    </button>
  );
}

/** A QR code drawn from uqr's encoded matrix as one SVG path (no HTML injection). */
export function Qr({ value, size = 240, label }: { value: string; size?: number; label: string }) {
  const qr = encode(value, { ecc: "M", border: 2 });
  const n = qr.size;
  let d = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (qr.data[y][x]) d += `M${x} ${y}h1v1h-1z`;
    }
  }
  return (
    <svg
      class="qr"
      data-value={value}
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      shape-rendering="crispEdges"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/** `secret`: placed but still hidden from the room (only the facilitator sees it). */
export function Pawn({
  player,
  round = "first",
  faded = false,
  small = false,
  secret = false,
}: {
  player: Player;
  round?: "first" | "second";
  faded?: boolean;
  small?: boolean;
  secret?: boolean;
}) {
  const cls = ["pawn", `pawn-${round}`, faded ? "pawn-faded" : "", small ? "pawn-small" : "", secret ? "pawn-secret" : ""].join(" ");
  const what = `${t(round === "first" ? "board.first" : "board.second")}${secret ? ` · ${t("board.secret_one")}` : ""}`;
  return (
    <span class={cls} style={{ "--pawn": player.colour, "--pawn-ink": inkOn(player.colour) }} title={`${player.name} · ${what}`}>
      <span aria-hidden="true">{initials(player.name)}</span>
      <span class="sr-only">
        {player.name}, {what}
      </span>
    </span>
  );
}

export function TimerDisplay({ timer, offset, big = false }: { timer: Pick<TimerData, "ends_at"> | null; offset: number; big?: boolean }) {
  const now = useNow(500);
  const remaining = timerRemaining(timer, now, offset);
  if (remaining === null) return null;
  const over = remaining <= 0;
  return (
    <div class={`timer ${over ? "timer-over" : ""} ${big ? "timer-big" : ""}`} role="timer" aria-live="off">
      <span class="timer-value" data-testid="timer">
        {over ? t("timer.over") : formatRemaining(remaining)}
      </span>
      <span class="sr-only">{t("timer.label")}</span>
    </div>
  );
}

/** Offline / connecting. `readOnly` (the projector): nobody writes there, so the banner
 * says the screen catches up, not that what one writes is kept. */
export function ConnectionBanner({ session, readOnly = false }: { session: RoomSession; readOnly?: boolean }) {
  const { status, pending } = useSelected(session, (s) => ({ status: s.status, pending: s.queue.items.length }))!;
  if (status === "online") return null;
  if (status === "connecting") {
    return (
      <div class="banner banner-info" role="status">
        {t("connection.connecting")}
      </div>
    );
  }
  if (status === "offline") {
    return (
      <div class="banner banner-offline" role="status" data-testid="offline-banner">
        <strong>{t("connection.offline")}</strong>{" "}
        {readOnly ? t("connection.offline_hint_view") : pending > 0 ? tCount("connection.pending", pending) : t("connection.offline_hint")}
      </div>
    );
  }
  return null;
}

/** Refused commands and protocol errors: visible until dismissed, with the text kept. */
export function Notices({ session }: { session: RoomSession }) {
  // A copy: the session adds to its list in place, and the selection compares members.
  const notices = useSelected(session, (s) => [...s.notices])!;
  if (notices.length === 0) return null;
  return (
    <div class="notices" role="alert">
      {notices.map((notice) => (
        <div class="notice" key={notice.id} data-testid="notice">
          <p>
            <strong>{t(notice.kind === "refused" ? "notice.refused" : "notice.protocol_error")}</strong>{" "}
            {refusalText(notice.error.code, notice.error.message)}
          </p>
          {notice.text ? (
            <p class="notice-text">
              {t("notice.your_text")} <q>{notice.text}</q>
            </p>
          ) : null}
          <button type="button" class="btn btn-small" onClick={() => session.dismiss(notice.id)}>
            {t("notice.dismiss")}
          </button>
        </div>
      ))}
    </div>
  );
}

const REFUSALS: Record<string, Key> = {
  not_allowed: "refusal.not_allowed",
  wrong_phase: "refusal.wrong_phase",
  room_closed: "refusal.room_closed",
  not_joined: "refusal.not_joined",
  name_taken: "refusal.name_taken",
  room_full: "refusal.room_full",
  post_its_locked: "refusal.post_its_locked",
  no_players: "refusal.no_players",
  room_not_found: "refusal.room_not_found",
  bad_token: "refusal.bad_token",
  rate_limited: "refusal.rate_limited",
  bad_request: "refusal.bad_request",
  not_author: "refusal.not_author",
  timer_not_running: "refusal.timer_not_running",
  nothing_to_reveal: "refusal.nothing_to_reveal",
  case_not_written: "refusal.case_not_written",
  not_reader: "refusal.not_reader",
  nothing_to_write: "refusal.nothing_to_write",
  limit_reached: "refusal.limit_reached",
  unknown_item: "refusal.unknown_item",
  unknown_cluster: "refusal.unknown_cluster",
  not_in_cluster: "refusal.not_in_cluster",
  too_few_items: "refusal.too_few_items",
  other_heading: "refusal.other_heading",
  not_in_plenary: "refusal.not_in_plenary",
  voting_open: "refusal.voting_open",
  voting_closed: "refusal.voting_closed",
  nothing_to_vote: "refusal.nothing_to_vote",
  not_votable: "refusal.not_votable",
  no_dots_left: "refusal.no_dots_left",
  one_dot_per_item: "refusal.one_dot_per_item",
  no_dot_here: "refusal.no_dot_here",
  table_full: "refusal.table_full",
  table_required: "refusal.table_required",
  unknown_table: "refusal.unknown_table",
  unknown_participant: "refusal.unknown_participant",
  not_lockstep: "refusal.not_lockstep",
  card_started: "refusal.card_started",
  unknown_content: "refusal.unknown_content",
};

/** A refusal in the UI language when we know the code, else the server's message. */
export function refusalText(code: string, message: string): string {
  const key = REFUSALS[code];
  return key ? t(key) : message || code;
}

/** A refused `create_room`: past the rooms per address it says how long to wait. */
export function createRefusalText(error: ErrorBody): string {
  if (error.code === "too_many_rooms") {
    return tCount("refusal.too_many_rooms", Math.max(1, Math.ceil((error.retry_after ?? 3600) / 60)));
  }
  return refusalText(error.code, error.message);
}

/** A button that asks "sure?" in place before it acts (no browser dialogs). */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  class: cls = "btn",
  disabled = false,
}: {
  label: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  class?: string;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class={cls} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        type="button"
        class="btn btn-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" class="btn btn-quiet" onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </button>
    </span>
  );
}

export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="copy-field">
      <label>
        <span class="label">{label}</span>
        <input type="text" readOnly value={value} data-testid={testId} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
      </label>
      {typeof navigator !== "undefined" && navigator.clipboard ? (
        <button type="button" class="btn btn-small" onClick={() => void copy()}>
          {copied ? t("common.copied") : t("common.copy")}
        </button>
      ) : null}
    </div>
  );
}
