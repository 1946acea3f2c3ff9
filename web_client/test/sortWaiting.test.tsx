// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { setLanguage } from "../src/i18n";
import { mount, unmountAll } from "./dom";
import { SortWaiting } from "../src/components/SortWaiting";
import { baseView } from "./fixtures";

afterEach(() => {
  unmountAll();
  setLanguage("nl");
});

const anna = { id: "p1", name: "Anna", seat: 0, colour: "blue", active: true, removed: false, moved_to: null };

describe("a player waiting while the piles are laid", () => {
  it("is told the facilitator sorts when nobody leads", () => {
    const el = mount(<SortWaiting view={{ ...baseView(), players: { p1: anna } }} />);
    expect(el.querySelector("h1")!.textContent).toBe("Sorteren");
    expect(el.textContent).toContain("De begeleider verdeelt de kaarten");
  });

  it("is told the table lead sorts at a table with a lead", () => {
    const el = mount(<SortWaiting view={{ ...baseView(), players: { p1: anna }, facilitator_player_id: "p1" }} />);
    expect(el.textContent).toContain("Anna verdeelt de kaarten en post-its over de rode en de groene stapel.");
    expect(el.textContent).not.toContain("begeleider");
    setLanguage("en");
    act(() => render(<SortWaiting view={{ ...baseView(), players: { p1: anna }, facilitator_player_id: "p1" }} />, el));
    expect(el.textContent).toContain("Anna sorts the cards and post-its onto the red and the green pile.");
  });
});
