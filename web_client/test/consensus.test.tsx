// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { setLanguage } from "../src/i18n";
import { mount, unmountAll } from "./dom";
import { apartText, ConsensusPicture, ProjectorConsensus } from "../src/components/Consensus";
import { PlenaryHeadings } from "../src/components/Plenary";
import { ProjectorSummary } from "../src/components/Summary";
import { SortingBoard } from "../src/components/facilitator/Sorting";
import type { RoomSession } from "../src/state/session";
import { apart, assignLanes, byVerdict, roundHalfUp, scaleMarks } from "../src/state/consensusPicture";
import { EVIL, consensus, plenaryView } from "./plenaryFixtures";

afterEach(() => {
  unmountAll();
  setLanguage("nl");
});

describe("where the picture draws each table", () => {
  it("puts marks that would overlap in the next lane, and leaves apart ones in the first", () => {
    expect(assignLanes([0.5, 0.5, 0.52, 0.9], 0.07)).toEqual([0, 1, 2, 0]);
    expect(assignLanes([0, 0.5, 1], 0.07)).toEqual([0, 0, 0]);
    expect(assignLanes([null, 0.3], 0.07)).toEqual([0, 0]);
  });

  it("places a table at its last round's mean, its first round's mean and its spread on the line", () => {
    const c = consensus();
    const marks = scaleMarks(c, c.cards[0], 5);
    expect(marks.map((m) => [m.number, m.first, m.last, m.half])).toEqual([
      [1, 0.25, 0.5, 0.1],
      [2, 0.5, 0.5, 0],
      [3, 0.375, 0.625, 0.125],
    ]);
    // Tables 1 and 2 ended in one place: one above the other.
    expect(marks.map((m) => m.lane)).toEqual([0, 1, 0]);
    // A table with one round only: no first mark, no move.
    expect(scaleMarks(c, c.cards[2], 5)).toEqual([{ number: 2, tableId: "t2", name: "Tafel 2", first: null, last: 0.75, half: 0, lane: 0 }]);
  });

  it("says how far apart the tables ended: the mean distance between two tables' marks", () => {
    const c = consensus();
    // Means 3, 3 and 3.5: gaps 0, 0.5 and 0.5 squares.
    expect(apart("scale", c.cards[0])).toBeCloseTo(1 / 3);
    expect(apart("scale", c.cards[2])).toBeNull(); // one table
    const at = (x: number, y: number) => ({ first: null, second: { count: 2, mean: { x, y }, spread: 0, consensus: null } });
    const quadrant = { ...c.cards[0], tables: { t1: at(-1, 0), t2: at(1, 0) } };
    expect(apart("quadrant", quadrant)).toBe(1); // the board's whole width
    expect(roundHalfUp(0.25, 1)).toBe(0.3);
    expect(roundHalfUp(1.05, 1)).toBe(1.1);
  });

  it("puts that in plain words, singular for part of a square in Dutch", () => {
    const card = (means: number[]) => ({
      ...consensus().cards[0],
      tables: Object.fromEntries(means.map((m, i) => [`t${i}`, { first: null, second: { count: 1, mean: m, spread: 0, consensus: null } }])),
    });
    expect(apartText("scale", card([2, 2]))).toBe("De tafels staan op hetzelfde vakje");
    expect(apartText("scale", card([2, 2.8]))).toBe("De tafels liggen gemiddeld 0,8 vakje uit elkaar");
    expect(apartText("scale", card([1, 3.5]))).toBe("De tafels liggen gemiddeld 2,5 vakjes uit elkaar");
    setLanguage("en");
    expect(apartText("scale", card([2, 2.8]))).toBe("The tables are on average 0.8 squares apart");
    expect(apartText("scale", card([2, 3]))).toBe("The tables are on average 1 square apart");
  });

  it("groups the cards by verdict in agenda order", () => {
    const groups = byVerdict(consensus());
    expect([groups.agree, groups.differ, groups.single].map((g) => g.map((c) => c.card_id))).toEqual([["d/a"], ["d/b"], ["d/c"]]);
  });
});

describe("the consensus picture on a plenary screen", () => {
  it("groups 'Snel eens' and 'Stof tot discussie' with words, not colour alone", () => {
    const el = mount(<ConsensusPicture view={plenaryView()} />);
    expect(el.querySelector("h2")!.textContent).toBe("Eens en oneens tussen de tafels");
    expect(el.querySelector("[data-testid=consensus-agree] h3")!.textContent).toContain("Snel eens (1)");
    expect(el.querySelector("[data-testid=consensus-differ] h3")!.textContent).toContain("Stof tot discussie (1)");
    const agree = el.querySelector("[data-testid=consensus-agree] [data-testid=consensus-card]")!;
    expect(agree.textContent).toContain("Openheid");
    // In words a room reads, not the statistic: the mean distance between two tables.
    expect(agree.querySelector("[data-testid=consensus-apart]")!.textContent).toBe("De tafels liggen gemiddeld 0,3 vakje uit elkaar");
    expect(agree.textContent).not.toContain("0,1");
    // One numbered mark per table, and the tables together, in the picture.
    expect([...agree.querySelectorAll(".xt-track .xt-disc")].map((d) => d.textContent)).toEqual(["1", "2", "3"]);
    expect(agree.querySelector(".xt-together")!.textContent).toContain("Samen");
    expect(agree.querySelector(".xt-track")!.getAttribute("aria-hidden")).toBe("true");
  });

  it("has the figures as a table for screen readers, shown to everyone on request", () => {
    const el = mount(<ConsensusPicture view={plenaryView()} />);
    const box = el.querySelector("[data-testid=consensus-table]")!;
    expect(box.className).toBe("sr-only");
    const table = box.querySelector("table")!;
    expect(table.caption!.textContent).toContain("gemiddelde en spreiding per tafel");
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(heads).toEqual(["Tafel", "Eerste plaatsing: gemiddeld", "Eerste plaatsing: spreiding", "Herziene plaatsing: gemiddeld", "Herziene plaatsing: spreiding", "Herziene plaatsing: verdeling (vakje: pionnen)"]);
    const bodies = [...table.querySelectorAll("tbody")];
    const rows = (i: number) => [...bodies[i].querySelectorAll("tr")];
    const cells = (row: Element) => [...row.querySelectorAll("th, td")].map((c) => c.textContent);
    // The exact figure stays here, the detail behind the words.
    expect(rows(0)[0].textContent).toBe("Openheid — Snel eens (De tafels liggen gemiddeld 0,3 vakje uit elkaar; spreiding tussen de tafels 0,1)");
    expect(cells(rows(0)[1])).toEqual(["Tafel 1", "2", "0,5", "3", "0,2", "–"]);
    expect(cells(rows(0)[4])).toEqual(["Samen", "2,5", "0,4", "3,17", "0,2", "–"]);
    // The card played by two tables lists those two and the tables together.
    expect(rows(1)).toHaveLength(4);
    const button = el.querySelector("button[aria-pressed]") as HTMLButtonElement;
    expect(button.textContent).toBe("Cijfers als tabel");
    act(() => button.click());
    expect(box.className).toBe("xt-figures-box");
    expect(button.getAttribute("aria-pressed")).toBe("true");
  });

  it("renders a card's text as text, never markup", () => {
    const el = mount(<ConsensusPicture view={plenaryView()} />);
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector("[data-testid=consensus-single]")!.textContent).toContain(EVIL);
  });

  it("says so when no card was played by two tables, and shows nothing in an ordinary room", () => {
    const empty = mount(<ConsensusPicture view={{ ...plenaryView(), consensus: { tables: consensus().tables, cards: [] } }} />);
    expect(empty.textContent).toContain("Nog geen stelling door twee of meer tafels gespeeld.");
    act(() => render(<ConsensusPicture view={{ ...plenaryView(), consensus: null }} />, empty));
    expect(empty.innerHTML).toBe("");
  });

  it("follows the UI language", () => {
    setLanguage("en");
    const el = mount(<ConsensusPicture view={plenaryView()} />);
    expect(el.querySelector("[data-testid=consensus-agree] h3")!.textContent).toContain("Quick agreement");
    expect(el.querySelector("[data-testid=consensus-differ] h3")!.textContent).toContain("Food for discussion");
    expect(el.querySelector("[data-testid=consensus-differ] [data-testid=consensus-apart]")!.textContent).toBe("The tables are on average 3 squares apart");
  });
});

describe("the consensus picture of a quadrant board", () => {
  it("draws each table's mean point where it lies on the board, which runs from -1 to 1", () => {
    const view = plenaryView();
    const at = (x: number, y: number) => ({ first: null, second: { count: 2, mean: { x, y }, spread: 0, consensus: null } });
    const card = { ...view.consensus!.cards[0], tables: { t1: at(-1, 1), t2: at(0, 0), t3: at(0.5, -0.5) } };
    const quadrant = {
      ...view,
      board: { ...view.board, kind: "quadrant" as const },
      consensus: { ...view.consensus!, cards: [card] },
    };
    const el = mount(<ConsensusPicture view={quadrant} />);
    const discs = [...el.querySelectorAll<HTMLElement>(".xt-field .xt-disc")].map((d) => [d.style.left, d.style.top]);
    // Top left corner, the centre, and halfway to the bottom right corner.
    expect(discs).toEqual([
      ["0%", "0%"],
      ["50%", "50%"],
      ["75%", "75%"],
    ]);
    expect(el.querySelector("[data-testid=consensus-apart]")!.textContent).toBe("De tafels liggen gemiddeld 71% van het bord uit elkaar");
  });
});

describe("the consensus picture on the projector", () => {
  it("shows both groups side by side and keeps the table for screen readers", () => {
    const el = mount(<ProjectorConsensus view={plenaryView()} />);
    expect(el.querySelector("[data-testid=consensus-agree]")!.textContent).toContain("Openheid");
    expect(el.querySelector("[data-testid=consensus-differ]")!.textContent).toContain("Fouten maken mag");
    expect(el.querySelector("[data-testid=consensus-table]")!.className).toBe("sr-only");
    expect(el.querySelector("h2")!.textContent).toBe("Eens en oneens tussen de tafels");
  });

  it("takes the place of the per-card figures in the plenary room's projector summary", () => {
    const el = mount(<ProjectorSummary view={plenaryView()} />);
    expect(el.querySelector("[data-testid=consensus-picture]")).not.toBeNull();
    expect(el.querySelector(".summary-cards")).toBeNull();
    expect(el.querySelector(".summary-projector")!.className).toContain("summary-across-tables");
  });
});

describe("imported items in the plenary headings", () => {
  it("label their table and author, and a cluster says how many tables and post-its", () => {
    const el = mount(<PlenaryHeadings view={plenaryView()} facilitator={false} />);
    const items = [...el.querySelectorAll("[data-testid=summary-red] [data-testid=plenary-item]")];
    expect(items).toHaveLength(3);
    const cluster = items[0];
    expect(cluster.querySelector("[data-testid=cluster-count]")!.textContent).toBe("2 tafels · 2 post-its");
    const members = [...cluster.querySelectorAll(".cluster-members li")].map((li) => li.textContent);
    expect(members[0]).toContain("Geen tijd om te leren");
    expect(members[0]).toContain("Tafel 1");
    expect(members[0]).toContain("— Anna");
    // Tafel 2 writes anonymously: no author.
    expect(members[1]).toContain("Tafel 2");
    expect(members[1]).not.toContain("—");
  });

  it("shows a statement card from a table's pile as a card, not a post-it", () => {
    const el = mount(<PlenaryHeadings view={plenaryView()} facilitator={false} />);
    const card = [...el.querySelectorAll("[data-testid=plenary-item]")].find((li) => li.textContent!.includes("Fouten maken mag"))!;
    expect(card.className).toContain("plenary-item-card");
    expect(card.querySelector(".kind-tag")!.textContent).toBe("Kaart");
    // Called by its title, as the card itself is; its text is a hover away.
    expect(card.querySelector(".item-text")!.textContent).toBe("Fouten maken mag");
    expect(card.querySelector(".item-text")!.getAttribute("title")).toBe("Fouten maken mag: tekst");
    expect(card.querySelector(".colour-tag")).toBeNull();
    expect(card.querySelector("[data-testid=table-tag]")!.textContent).toBe("Tafel 2");
  });

  it("renders post-it text, author and table names as text, never markup", () => {
    const el = mount(<PlenaryHeadings view={plenaryView()} facilitator={false} />);
    expect(el.querySelector("img")).toBeNull();
    const evil = [...el.querySelectorAll("[data-testid=plenary-item]")].find((li) => li.querySelector("[data-testid=table-tag]")?.textContent === "Tafel 3")!;
    expect(evil.textContent).toContain(`${EVIL} Tafel 3 — ${EVIL}`);
  });

  it("keeps today's count for a cluster at one table", () => {
    const view = plenaryView();
    view.clusters.c1 = { ...view.clusters.c1, tables: 0 };
    const el = mount(<PlenaryHeadings view={view} facilitator={false} />);
    expect(el.querySelector("[data-testid=cluster-count]")!.textContent).toBe("(2 post-its)");
  });
});

describe("the plenary room's sorting board", () => {
  it("shows a table's card as a card, suggested where that table laid it, with its table", () => {
    const view = plenaryView();
    view.post_its["t2-card-d/b"] = { ...view.post_its["t2-card-d/b"], pile: "red", suggested_pile: "green" };
    const el = mount(<SortingBoard view={view} session={{ send: () => undefined } as unknown as RoomSession} />);
    const item = el.querySelector("[data-id='t2-card-d/b']")!;
    expect(item.querySelector(".kind-tag")!.textContent).toBe("Kaart");
    expect(item.querySelector(".colour-tag")).toBeNull();
    expect(item.querySelector("[data-testid=table-tag]")!.textContent).toBe("Tafel 2");
    expect(item.querySelector(".suggested")!.textContent).toBe("Voorstel: Rood");
  });
});

describe("a sealed round of voting", () => {
  it("tells a participant why no dot can be placed, and offers no dot buttons", () => {
    const base = plenaryView();
    const view = {
      ...base,
      me: { role: "player" as const, player_id: "p1" },
      voting: { dots: 3, several_per_item: true, revealed: false, dots_placed: 4, voters: 2, sealed: true },
    };
    const el = mount(<PlenaryHeadings view={view} session={{ send: () => undefined } as unknown as RoomSession} facilitator={false} />);
    expect(el.querySelector("[data-testid=voting-sealed]")?.textContent).toContain("stemronde is gesloten");
    expect(el.querySelector("[data-testid=my-dots-left]")).toBeNull();
    expect(el.querySelectorAll(".dot-plus").length).toBe(0);
  });

  it("shows the dot buttons while the round is open and not sealed", () => {
    const base = plenaryView();
    const view = {
      ...base,
      me: { role: "player" as const, player_id: "p1" },
      voting: { dots: 3, several_per_item: true, revealed: false, dots_placed: 0, voters: 0, sealed: false },
    };
    const el = mount(<PlenaryHeadings view={view} session={{ send: () => undefined } as unknown as RoomSession} facilitator={false} />);
    expect(el.querySelector("[data-testid=voting-sealed]")).toBeNull();
    expect(el.querySelectorAll(".dot-plus").length).toBeGreaterThan(0);
  });
});

describe("the figures table's distribution", () => {
  it("writes pawns per square, squares with none left out", async () => {
    const { pawnsPerSquare } = await import("../src/components/Consensus");
    expect(pawnsPerSquare({ "1": 0, "2": 1, "10": 2, "4": 3 })).toBe("2: 1 · 4: 3 · 10: 2");
    expect(pawnsPerSquare({ "1": 0 })).toBe("–");
    expect(pawnsPerSquare(undefined)).toBe("–");
  });
});

describe("duplicate suggestions as groups", () => {
  it("joins pairs that share an item into one group, in the order of their first pair", async () => {
    const { suggestionGroups } = await import("../src/components/Plenary");
    const p = (id: string) => ({ item: "post_it" as const, id });
    const pairs = [
      { a: p("a"), b: p("b"), score: 1 },
      { a: p("x"), b: p("y"), score: 0.9 },
      { a: p("b"), b: p("c"), score: 0.8 },
      { a: p("y"), b: p("c"), score: 0.7 },
      { a: p("m"), b: p("n"), score: 0.6 },
    ];
    const groups = suggestionGroups(pairs, new Set());
    expect(groups.map((g) => g.items.map((r) => r.id))).toEqual([["a", "b", "c", "x", "y"], ["m", "n"]]);
    expect(groups[0].pairs).toHaveLength(4);
    const ignored = new Set(["post_it:y|post_it:c"]);
    expect(suggestionGroups(pairs, ignored).map((g) => g.items.map((r) => r.id))).toEqual([["a", "b", "c"], ["x", "y"], ["m", "n"]]);
  });
});

describe("a participant in the plenary before any vote", () => {
  it("is told what the screen shows and what comes next", () => {
    const view = { ...plenaryView(), me: { role: "player" as const, player_id: "p1" }, voting: null };
    const el = mount(<PlenaryHeadings view={view} session={{ send: () => undefined } as unknown as RoomSession} facilitator={false} />);
    expect(el.querySelector("[data-testid=plenary-waiting]")?.textContent).toContain("straks kies je met stippen");
    const facilitator = mount(<PlenaryHeadings view={{ ...plenaryView(), voting: null }} session={{ send: () => undefined } as unknown as RoomSession} facilitator={true} />);
    expect(facilitator.querySelector("[data-testid=plenary-waiting]")).toBeNull();
  });
});

describe("a card's row on a single table's projector summary", () => {
  it("says nobody placed in a round without pawns, instead of empty bars and no mean", () => {
    const placed = { count: 2, distribution: { "3": 2 }, mean: 3, spread: 0, consensus: null };
    const empty = { count: 0, distribution: {}, mean: null, spread: null, consensus: null };
    const view = {
      ...plenaryView(),
      consensus: null,
      workshop: null,
      played_cards: ["d/a", "d/b"],
      figures: {
        "d/a": { first: empty, second: null, shift: null, suggested_pile: null },
        "d/b": { first: placed, second: placed, shift: 0, suggested_pile: null },
      },
    };
    const el = mount(<ProjectorSummary view={view} />);
    const rows = [...el.querySelectorAll("[data-testid=card-figures]")];
    expect(rows).toHaveLength(2);
    const rounds = [...rows[0].querySelectorAll(".card-row-mean")].map((r) => r.textContent);
    expect(rounds).toEqual(["niemand geplaatst", "niemand geplaatst"]);
    expect(rows[0].querySelector(".spark")).toBeNull();
    expect(rows[1].querySelector(".spark")).not.toBeNull();
    expect(rows[1].textContent).toContain("gem. 3");
  });
});
