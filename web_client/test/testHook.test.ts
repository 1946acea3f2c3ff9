import { afterEach, describe, expect, it, vi } from "vitest";
import { testHooksEnabled } from "../src/testHook";
import { MemoryStorage } from "../src/state/queue";

function page(url: string, stored: Record<string, string> = {}): void {
  const u = new URL(url);
  vi.stubGlobal("location", { search: u.search, hash: u.hash });
  const storage = new MemoryStorage();
  for (const [k, v] of Object.entries(stored)) storage.setItem(k, v);
  vi.stubGlobal("localStorage", storage);
}

describe("test hook flag", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is off on a plain page", () => {
    page("http://localhost:8080/#/room/AC3DEF");
    expect(testHooksEnabled()).toBe(false);
  });

  it("is on with ?e2e=1 before or after the hash, or the localStorage key", () => {
    page("http://localhost:8080/?e2e=1#/room/AC3DEF");
    expect(testHooksEnabled()).toBe(true);
    page("http://localhost:8080/#/room/AC3DEF?as=player&e2e=1");
    expect(testHooksEnabled()).toBe(true);
    page("http://localhost:8080/#/room/AC3DEF", { "lk:e2e": "1" });
    expect(testHooksEnabled()).toBe(true);
    page("http://localhost:8080/?e2e=0#/room/AC3DEF", { "lk:e2e": "yes" });
    expect(testHooksEnabled()).toBe(false);
  });
});
