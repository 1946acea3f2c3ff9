import { describe, expect, it } from "vitest";
import { loadCachedView, saveCachedView, storage } from "../src/state/storage";
import { baseView } from "./fixtures";

describe("the cached view", () => {
  it("comes back as it was saved", () => {
    saveCachedView("ACDEFH", "player", 7, baseView());
    expect(loadCachedView("ACDEFH", "player")).toEqual({ version: 7, view: baseView() });
  });

  it("is dropped when an older app kept it without the fields this one reads", () => {
    const { summary: _, ...old } = baseView();
    storage.setItem("lk:ACDEFG:player:view", JSON.stringify({ version: 3, view: old }));
    expect(loadCachedView("ACDEFG", "player")).toBeNull();
  });
});
