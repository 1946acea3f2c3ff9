import { describe, expect, it } from "vitest";
import type { TableSummary, WorkshopView } from "../src/protocol";
import { DEFAULT_SETUP, isWorkshop, setupProblem, workshopFields } from "../src/state/workshopSetup";
import { helpQueue, minutesSince, neighbourTable, overviewTotals, seatingPlan, tableOrder } from "../src/state/workshop";
import { WorkshopSession } from "../src/state/workshopSession";
import { namesWithRest } from "../src/components/workshop/TableCard";
import { summary, workshopView } from "./workshopFixtures";

describe("the tables of the create flow", () => {
  it("one table is today's room; more tables or a table size is a workshop", () => {
    expect(isWorkshop(DEFAULT_SETUP)).toBe(false);
    expect(isWorkshop({ ...DEFAULT_SETUP, count: 3 })).toBe(true);
    expect(isWorkshop({ ...DEFAULT_SETUP, mode: "size" })).toBe(true);
  });

  it("says what is wrong before sending", () => {
    expect(setupProblem({ ...DEFAULT_SETUP, count: 31 })).toBe("count_range");
    expect(setupProblem({ ...DEFAULT_SETUP, count: Number.NaN })).toBe("count_range");
    expect(setupProblem({ ...DEFAULT_SETUP, count: 2.5 })).toBe("count_range");
    expect(setupProblem({ ...DEFAULT_SETUP, mode: "size", min: 1, max: 4 })).toBe("size_range");
    expect(setupProblem({ ...DEFAULT_SETUP, mode: "size", min: 4, max: 13 })).toBe("size_range");
    expect(setupProblem({ ...DEFAULT_SETUP, mode: "size", min: 6, max: 4 })).toBe("size_order");
    expect(setupProblem({ ...DEFAULT_SETUP, mode: "size", min: 4, max: 4 })).toBeNull();
    expect(setupProblem({ ...DEFAULT_SETUP, count: 30 })).toBeNull();
  });

  it("sends the protocol's fields", () => {
    expect(workshopFields({ ...DEFAULT_SETUP, count: 3, seating: "choose", steering: "facilitator" })).toEqual({
      tables: { count: 3 },
      seating: "choose",
      steering: "facilitator",
    });
    expect(workshopFields({ ...DEFAULT_SETUP, mode: "size", min: 4, max: 6 }).tables).toEqual({ size: { min: 4, max: 6 } });
  });
});

describe("workshop lookups", () => {
  it("orders tables by number, not as strings", () => {
    expect(tableOrder(["t10", "t2", "t1"])).toEqual(["t1", "t2", "t10"]);
  });

  it("plans who sits where, the unseated first, in joining order", () => {
    const plan = seatingPlan(workshopView());
    expect([...plan.keys()]).toEqual([null, "t1", "t2", "t3"]);
    expect(plan.get("t1")!.map((p) => p.name)).toEqual(["Anna", "Bram"]);
    expect(plan.get(null)!.map((p) => p.name)).toEqual(["Zoë"]);
    expect(plan.get("t3")).toEqual([]);
  });

  it("puts someone at a table the view no longer has among the unseated", () => {
    const view: WorkshopView = workshopView();
    view.participants.x = { id: "x", name: "Xander", table_id: "t9", joined_at: 50 };
    expect(seatingPlan(view).get(null)!.map((p) => p.name)).toContain("Xander");
  });

  it("counts whole minutes on a step with the server clock", () => {
    expect(minutesSince(null, 1000, 0)).toBeNull();
    expect(minutesSince(0, 125_000, 0)).toBe(2);
    expect(minutesSince(0, 100_000, 25_000)).toBe(2);
    expect(minutesSince(10_000, 0, 0)).toBe(0);
  });

  it("lists the tables asking for help, longest waiting first", () => {
    const overview: Record<string, TableSummary> = {
      t1: summary({ help_asked_at: 300 }),
      t2: summary(),
      t3: summary({ help_asked_at: 100 }),
    };
    expect(helpQueue(overview)).toEqual(["t3", "t1"]);
    expect(overviewTotals(overview)).toEqual({ green: 6, pink: 3, help: 2, stillToPlace: 3 });
  });

  it("moves to the neighbouring table with the arrow keys, not past the ends", () => {
    const order = ["t1", "t2", "t3"];
    expect(neighbourTable(order, "t1", 1)).toBe("t2");
    expect(neighbourTable(order, "t1", -1)).toBeNull();
    expect(neighbourTable(order, "t3", 1)).toBeNull();
    expect(neighbourTable(order, null, 1)).toBe("t1");
    expect(neighbourTable(order, null, -1)).toBe("t3");
    expect(neighbourTable([], null, 1)).toBeNull();
  });

  it("shows at most a few names, then how many more", () => {
    expect(namesWithRest(["a", "b"], 4)).toEqual({ shown: ["a", "b"], rest: 0 });
    expect(namesWithRest(["a", "b", "c", "d", "e", "f"], 4)).toEqual({ shown: ["a", "b", "c"], rest: 3 });
  });
});

describe("the workshop session's folding", () => {
  it("folds versioned updates in order and keeps the overview apart", () => {
    const session = new WorkshopSession("WXYZAB", "facilitator");
    expect(session.takeReply({ role: "facilitator", version: 3, view: workshopView(), overview: { t1: summary() } })).toBe(true);
    session.onUpdate({ version: 5, ops: [["set", ["steering"], "facilitator"]] });
    expect(session.version).toBe(3); // a gap: held back until version 4 comes
    session.onUpdate({ version: 4, ops: [["set", ["participants", "z", "table_id"], "t2"]] });
    expect(session.version).toBe(5);
    expect(session.view!.steering).toBe("facilitator");
    expect((session.view as WorkshopView).participants.z.table_id).toBe("t2");
    session.onUpdate({ version: 5, ops: [["set", ["steering"], "tables"]] });
    expect(session.view!.steering).toBe("facilitator"); // an old version is ignored

    session.onOverview({ code: "WXYZAB", tables: { t2: summary({ phase: "discuss" }) } });
    expect(Object.keys(session.overview).sort()).toEqual(["t1", "t2"]);
    session.onOverview({ code: "OTHER1", tables: { t3: summary() } });
    expect(session.overview.t3).toBeUndefined();
    expect(session.version).toBe(5); // the overview is not versioned
  });
});

describe("workshop routes", async () => {
  const { parseRoute } = await import("../src/router");
  it("names the workshop screen and its projector", () => {
    expect(parseRoute("#/workshop/wxyzab")).toEqual({ name: "workshop", code: "WXYZAB" });
    expect(parseRoute("#/workshop-projector/WXYZAB?token=v.abc")).toEqual({ name: "workshop-projector", code: "WXYZAB", token: "v.abc" });
    expect(parseRoute("#/workshop/")).toEqual({ name: "home" });
  });
});
