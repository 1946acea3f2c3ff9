import { useEffect, useMemo, useState } from "preact/hooks";
import { fetchPublicUrl, joinBase, type JoinBase } from "./state/address";
import { RoomSession } from "./state/session";
import type { As } from "./state/storage";
import { exposeForTests } from "./testHook";

/** Re-render whenever `source` says it changed. */
export function useSubscription(source: { subscribe(listener: () => void): () => void } | null): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!source) return;
    return source.subscribe(() => setTick((n) => n + 1));
  }, [source]);
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

/** The RoomSession for a screen: created once per code and role, stopped on leave. */
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
  useSubscription(session);
  return session;
}
