/**
 * The browser tests' handle on a page: `window.__leerklimaat` is the page's live
 * RoomSession (its `disconnectForTest()` / `resumeForTest()` drop and restore the link).
 * It exists only when the page was opened with a test flag, `?e2e=1` in the address or
 * `localStorage["lk:e2e"] === "1"` (the browser tests set it before the page loads), so a
 * production page exposes no such global.
 */

import type { RoomSession } from "./state/session";

declare global {
  interface Window {
    __leerklimaat?: RoomSession;
  }
}

export function testHooksEnabled(): boolean {
  const { search, hash } = globalThis.location ?? { search: "", hash: "" };
  if (new URLSearchParams(search).get("e2e") === "1") return true;
  if (new URLSearchParams(hash.split("?")[1] ?? "").get("e2e") === "1") return true;
  try {
    return globalThis.localStorage?.getItem("lk:e2e") === "1";
  } catch {
    return false;
  }
}

/** Offer `session` to the tests (when the flag is set); returns the undo. */
export function exposeForTests(session: RoomSession): () => void {
  if (!testHooksEnabled()) return () => undefined;
  window.__leerklimaat = session;
  return () => {
    if (window.__leerklimaat === session) delete window.__leerklimaat;
  };
}
