// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { render } from "preact";
import { PresenceTag, offlineAmong } from "../src/components/facilitator/Presence";
import { sameSelection } from "../src/hooks";
import { setLanguage } from "../src/i18n";

function text(node: preact.ComponentChild): string {
  const root = document.createElement("div");
  render(node, root);
  return root.textContent ?? "";
}

describe("presence", () => {
  it("says online or offline in words, not only by colour", () => {
    setLanguage("nl");
    expect(text(<PresenceTag playerId="a" presence={["a", "b"]} />)).toBe("● online");
    expect(text(<PresenceTag playerId="c" presence={["a", "b"]} />)).toBe("○ offline");
    setLanguage("en");
    expect(text(<PresenceTag playerId="c" presence={["a"]} />)).toBe("○ offline");
    setLanguage("nl");
  });

  it("shows nothing while the server has not said", () => {
    expect(text(<PresenceTag playerId="a" presence={null} />)).toBe("");
    expect(offlineAmong(["a", "b"], null)).toEqual([]);
  });

  it("finds who has not placed and is offline", () => {
    expect(offlineAmong(["a", "b", "c"], ["b"])).toEqual(["a", "c"]);
  });

  it("compares lists by their members (a Set would always look unchanged)", () => {
    expect(sameSelection(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameSelection(["a", "b"], ["a"])).toBe(false);
  });
});
