import { useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import { fetchPublicUrl, joinBase, type JoinBase } from "./state/address";
import { RoomSession } from "./state/session";
import type { As, WorkshopAs } from "./state/storage";
import type { AnyWorkshopView, Language, View } from "./protocol";
import { WorkshopSession } from "./state/workshopSession";
import { followSession, language, onLanguage } from "./i18n";
import { exposeForTests } from "./testHook";

interface Source {
  subscribe(listener: () => void): () => void;
}

/** Re-render whenever `source` says it changed. */
export function useSubscription(source: Source | null): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!source) return;
    return source.subscribe(() => setTick((n) => n + 1));
  }, [source]);
}

/**
 * Whether two selections are the same: identical, or two arrays or plain objects whose
 * members are identical one by one (a selection of several parts of a view).
 */
export function sameSelection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keysA.every((k) => Object.prototype.hasOwnProperty.call(y, k) && Object.is(x[k], y[k]));
}

/**
 * What `select` picks from `source` (null while there is no source); the component
 * re-renders when that changes (see sameSelection), not on every change of the source.
 * The replica copies only the containers an update touched, so selecting `view.agenda`
 * and `view.cards` skips the updates that move pawns or add post-its.
 */
export function useSelected<S extends Source, T>(source: S | null, select: (source: S) => T): T | null {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selected = source ? select(source) : null;
  const latest = useRef({ select, selected });
  latest.current = { select, selected };
  useEffect(() => {
    if (!source) return;
    const check = (): void => {
      if (!sameSelection(latest.current.select(source), latest.current.selected)) rerender(undefined);
    };
    const unsubscribe = source.subscribe(check);
    check(); // a change between the render and the subscription
    return unsubscribe;
  }, [source]);
  return selected;
}

/**
 * The parts `keys` of a session's view (null without a view), re-rendering when one
 * changes. A component reading its parts this way is meant to skip its parent's renders
 * (memo), so this also re-renders it when the UI language changes.
 */
export function useViewParts<K extends keyof View>(session: RoomSession, keys: readonly K[]): Pick<View, K> | null {
  useLanguage();
  return useSelected(session, (s) => {
    const view = s.view;
    if (!view) return null;
    const parts: Partial<Pick<View, K>> = {};
    for (const key of keys) parts[key] = view[key];
    return parts as Pick<View, K>;
  });
}

/**
 * Every part of a view except the ones that change while pawns are placed (placements,
 * still_to_place) and the timer: what the pages of the lobby, sorting and the summary
 * read, so that a pawn or a timer change does not render them again.
 */
export const PAGE_PARTS = [
  "code", "title", "created_at", "me", "options", "board", "phase", "current_card_id",
  "can_go_back", "agenda", "post_its_locked", "facilitator_player_id", "cards", "players",
  "post_its", "action_points", "figures", "remaining_cards", "next_card_id", "played_cards",
  "summary", "workshop", "table_name", "plenary", "voting", "my_dots", "clusters", "consensus",
] as const satisfies readonly (keyof View)[];
export type PageView = Pick<View, (typeof PAGE_PARTS)[number]>;

/** The UI language, re-rendering when it is switched. */
export function useLanguage(): Language {
  const [lang, setLang] = useState(language());
  useEffect(() => onLanguage(() => setLang(language())), []);
  return lang;
}

/** Follow the language of the session on screen (i18n `followSession`) once it is known. */
export function useSessionLanguage(lang: Language | null | undefined): void {
  useEffect(() => {
    if (lang) followSession(lang);
  }, [lang]);
}

/** Who is connected to the room now (the facilitator's `presence`, sorted: an array, so that an unchanged list does not re-render; null while unknown). */
export function usePresence(session: RoomSession): readonly string[] | null {
  return useSelected(session, (s) => s.presence);
}

/** Whether the session is online now (steering waits for the connection). */
export function useOnline(session: RoomSession): boolean {
  return useSelected(session, (s) => s.online) ?? false;
}

/** The local clock, refreshed every `intervalMs`. */
export function useNow(intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Whether the browser says it is online (navigator.onLine), live. */
export function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === "undefined" ? true : navigator.onLine));
  useEffect(() => {
    const on = (): void => setOnline(true);
    const off = (): void => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

/** Where players join (see state/address.ts); null until the server has said. */
export function useJoinBase(): JoinBase | null {
  const [base, setBase] = useState<JoinBase | null>(null);
  useEffect(() => {
    let live = true;
    void fetchPublicUrl().then((publicUrl) => {
      if (live) setBase(joinBase(publicUrl, window.location));
    });
    return () => {
      live = false;
    };
  }, []);
  return base;
}

/**
 * The RoomSession for a screen: created once per code and role, stopped on leave. It does
 * not re-render the screen on an update: each part selects what it shows (useSelected,
 * useViewParts) and re-renders when that changes.
 */
export function useRoomSession(code: string, as: As | null, generation = 0): RoomSession | null {
  const session = useMemo(() => (as ? new RoomSession(code, as) : null), [code, as, generation]);
  useEffect(() => {
    if (!session) return;
    session.start();
    const hide = exposeForTests(session);
    const onUnload = (): void => session.stop();
    window.addEventListener("pagehide", onUnload);
    return () => {
      window.removeEventListener("pagehide", onUnload);
      hide();
      session.stop();
    };
  }, [session]);
  return session;
}

/** The WorkshopSession for a workshop screen: created once per code and role, stopped on leave. */
export function useWorkshopSession<V extends AnyWorkshopView>(
  code: string,
  as: WorkshopAs | null,
  token: string | null = null,
): WorkshopSession<V> | null {
  const session = useMemo(() => (as ? new WorkshopSession<V>(code, as, token) : null), [code, as, token]);
  useEffect(() => {
    if (!session) return;
    session.start();
    window.addEventListener("pagehide", session.stop);
    return () => {
      window.removeEventListener("pagehide", session.stop);
      session.stop();
    };
  }, [session]);
  useSubscription(session);
  return session;
}
