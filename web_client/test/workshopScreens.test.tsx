// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { setLanguage } from "../src/i18n";
import { mount, unmountAll } from "./dom";
import { TableCard } from "../src/components/workshop/TableCard";
import { SeatingBoard } from "../src/components/workshop/SeatingBoard";
import { TablesFieldset } from "../src/components/workshop/TablesFieldset";
import { TablePicker } from "../src/components/workshop/TablePicker";
import { BroadcastMessage } from "../src/components/workshop/BroadcastMessage";
import { DEFAULT_SETUP, type TablesSetup } from "../src/state/workshopSetup";
import { orderedTables, seatingPlan } from "../src/state/workshop";
import { summary, workshopView } from "./workshopFixtures";

afterEach(() => {
  unmountAll();
  setLanguage("nl");
});

const table = workshopView().tables.t1;

describe("a table at a glance", () => {
  it("shows card, step, who still places, counts with words, the lead", () => {
    const el = mount(<TableCard table={table} summary={summary()} offset={0} />);
    const text = el.textContent ?? "";
    expect(el.querySelector("h3")!.textContent).toBe("Tafel 1");
    expect(text).toContain("Plaatsen");
    expect(text).toContain("kaart 2 van 4");
    expect(text).toContain("Openheid");
    expect(el.querySelector("[data-testid=table-still-to-place]")!.textContent).toBe("Bram");
    expect(text).toContain("2 groen");
    expect(text).toContain("1 roze");
    expect(el.querySelector("[data-testid=table-steered-by]")!.textContent).toBe("Anna (tafelleider)");
    expect(el.querySelector("[data-testid=help-flag]")).toBeNull();
    expect(el.querySelector("article")!.getAttribute("aria-labelledby")).toBe("table-t1-name");
  });

  it("flags a call for help in words, and who steers when the facilitator does", () => {
    const el = mount(<TableCard table={table} summary={summary({ help_asked_at: 5, steered_by: "facilitator", lead: null })} offset={0} />);
    expect(el.querySelector("[data-testid=help-flag]")!.textContent).toContain("Vraagt om hulp");
    expect(el.querySelector("[data-testid=table-steered-by]")!.textContent).toBe("jij");
  });

  it("renders a card's text and names as text, never markup", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const el = mount(<TableCard table={{ ...table, name: evil }} summary={summary({ card: { title: null, text: evil }, still_to_place: [evil], players: [{ id: "x", name: evil, active: true }] })} offset={0} />);
    expect(el.querySelector("img")).toBeNull();
    expect(el.textContent).toContain(evil);
  });

  it("says so before the table's first summary arrives", () => {
    const el = mount(<TableCard table={table} summary={undefined} offset={0} />);
    expect(el.textContent).toContain("Nog niets van deze tafel gehoord.");
  });

  it("follows the UI language", () => {
    setLanguage("en");
    const el = mount(<TableCard table={table} summary={summary()} offset={0} />);
    expect(el.textContent).toContain("card 2 of 4");
    expect(el.textContent).toContain("2 green");
  });
});

describe("the seating board", () => {
  const view = workshopView();
  function board(moves: [string, string][], max: number | null = null): HTMLElement {
    return mount(<SeatingBoard tables={orderedTables(view)} plan={seatingPlan(view)} max={max} onMove={(p, tb) => moves.push([p, tb])} />);
  }

  it("shows every table with its people and the unseated apart", () => {
    const el = board([]);
    const columns = [...el.querySelectorAll("section h3")].map((h) => h.textContent);
    expect(columns).toEqual(["Nog zonder tafel (1)", "Tafel 1 (2)", "Tafel 2 (1)", "Tafel 3 (0)"]);
  });

  it("moves someone with the arrow keys and says where they went", () => {
    const moves: [string, string][] = [];
    const el = board(moves);
    const anna = el.querySelector("[data-testid='seat-Anna'] button")!;
    act(() => {
      anna.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    });
    expect(moves).toEqual([["a", "t2"]]);
    expect(el.querySelector("[data-testid=seating-announce]")!.textContent).toBe("Anna zit nu aan Tafel 2.");
    act(() => {
      anna.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    });
    expect(moves).toHaveLength(1); // Tafel 1 is the first: nothing to the left
  });

  it("moves someone with the table menu beside their name, which is labelled", () => {
    const moves: [string, string][] = [];
    const el = board(moves);
    const select = el.querySelector("[data-testid='seat-Zoë'] select") as HTMLSelectElement;
    expect(select.closest("label")!.textContent).toContain("Tafel van Zoë");
    act(() => {
      select.value = "t3";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(moves).toEqual([["z", "t3"]]);
  });

  it("shows chairs taken and full tables in size mode", () => {
    const el = board([], 2);
    expect(el.querySelector("[data-testid=seat-column-t1] h3")!.textContent).toBe("Tafel 1 (2/2)vol");
  });
});

describe("the tables step of the create flow", () => {
  it("asks how people are seated and who steers only for more than one table", () => {
    let setup: TablesSetup = DEFAULT_SETUP;
    const el = mount(<TablesFieldset step={4} setup={setup} onChange={(s) => (setup = s)} />);
    expect(el.textContent).not.toContain("Wie zit waar?");
    const count = el.querySelector("[data-testid=tables-count]") as HTMLInputElement;
    act(() => {
      count.value = "3";
      count.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(setup.count).toBe(3);
    act(() => render(<TablesFieldset step={4} setup={setup} onChange={(s) => (setup = s)} />, el));
    expect(el.textContent).toContain("Wie zit waar?");
    expect(el.textContent).toContain("Wie stuurt de tafels?");
    const radios = [...el.querySelectorAll("input[name=steering]")] as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(["tables", "facilitator"]);
  });

  it("says what is wrong with a table size", () => {
    const el = mount(<TablesFieldset step={4} setup={{ ...DEFAULT_SETUP, mode: "size", min: 6, max: 4 }} onChange={() => undefined} />);
    expect(el.querySelector("[data-testid=tables-problem]")!.textContent).toContain("minimum");
  });
});

describe("choosing a table", () => {
  it("shows who sits where, refuses a full table, and confirms the chosen one", () => {
    const picked: string[] = [];
    const el = mount(
      <TablePicker
        tables={[
          { id: "t1", name: "Tafel 1", players: ["Anna", "Bram"], full: true },
          { id: "t2", name: "Tafel 2", players: [], full: false },
        ]}
        onPick={(id) => picked.push(id)}
      />,
    );
    const radios = [...el.querySelectorAll("input[type=radio]")] as HTMLInputElement[];
    expect(radios[0].disabled).toBe(true);
    expect(el.textContent).toContain("hier zitten: Anna, Bram");
    const submit = el.querySelector("[data-testid=picker-submit]") as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    act(() => {
      radios[1].checked = true;
      radios[1].dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(submit.textContent).toBe("Aan Tafel 2 gaan zitten");
    act(() => {
      (el.querySelector("form") as HTMLFormElement).dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    });
    expect(picked).toEqual(["t2"]);
  });
});

describe("the broadcast on a player's screen", () => {
  it("is shown as text and stays closed once read", () => {
    const message = { text: "Nog 5 minuten <b>echt</b>", at: 123 };
    const el = mount(<BroadcastMessage message={message} />);
    expect(el.querySelector("b")).toBeNull();
    expect(el.querySelector("[data-testid=broadcast-message]")!.getAttribute("role")).toBe("status");
    act(() => (el.querySelector("button") as HTMLButtonElement).click());
    expect(el.querySelector("[data-testid=broadcast-message]")).toBeNull();
    act(() => render(null, el));
    act(() => render(<BroadcastMessage message={message} />, el));
    expect(el.querySelector("[data-testid=broadcast-message]")).toBeNull();
    act(() => render(<BroadcastMessage message={{ text: "Nieuw", at: 456 }} />, el));
    expect(el.querySelector("[data-testid=broadcast-message]")).not.toBeNull();
  });
});

describe("the seating board's keyboard focus", () => {
  it("follows the person moved with the arrow keys to their new table", () => {
    const view = workshopView();
    const el = mount(<SeatingBoard tables={orderedTables(view)} plan={seatingPlan(view)} max={null} onMove={() => undefined} />);
    const anna = el.querySelector("[data-person=a] .seat-name") as HTMLButtonElement;
    anna.focus();
    act(() => {
      anna.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    });
    // The view says Anna sits at Tafel 2 now: the board is drawn anew, the focus goes along.
    view.participants.a = { ...view.participants.a, table_id: "t2" };
    act(() => render(<SeatingBoard tables={orderedTables(view)} plan={seatingPlan(view)} max={null} onMove={() => undefined} />, el));
    const moved = el.querySelector("[data-testid=seat-column-t2] [data-person=a] .seat-name");
    expect(moved).not.toBeNull();
    expect(document.activeElement).toBe(moved);
  });
});

describe("renaming a table", () => {
  it("asks in place and sends the new name once", () => {
    const view = workshopView();
    const renames: [string, string][] = [];
    const el = mount(<SeatingBoard tables={orderedTables(view)} plan={seatingPlan(view)} max={null} onMove={() => undefined} onRename={(id, name) => renames.push([id, name])} />);
    const edit = [...el.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === "Naam wijzigen: Tafel 2") as HTMLButtonElement;
    act(() => edit.click());
    const input = el.querySelector(".rename-table input") as HTMLInputElement;
    act(() => {
      input.value = "  Tafel Zon ";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    act(() => {
      (el.querySelector(".rename-table") as HTMLFormElement).dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    });
    expect(renames).toEqual([["t2", "Tafel Zon"]]);
    expect(el.querySelector(".rename-table")).toBeNull();
  });
});
