import { describe, expect, it } from "vitest";
import type { Op, UpdateMessage } from "../src/protocol";
import { baseView } from "./fixtures";
import { applyOps, Replica } from "../src/state/replica";

describe("applyOps (mirrors views.apply_ops)", () => {
  it("sets and deletes by path, creating missing maps", () => {
    const view = baseView();
    const ops: Op[] = [
      ["set", ["phase"], "read"],
      ["set", ["placements", "d/a", "first", "positions", "p1"], { square: 3 }],
      ["set", ["post_its", "x"], { id: "x" }],
      ["del", ["post_its", "x"]],
      ["del", ["post_its", "not-there"]],
    ];
    const after = applyOps(view, ops);
    expect(after.phase).toBe("read");
    expect(after.placements["d/a"].first.positions.p1).toEqual({ square: 3 });
    expect(after.post_its).toEqual({});
  });

  it("does not mutate the input and shares untouched branches", () => {
    const view = baseView();
    const after = applyOps(view, [["set", ["players", "p1"], { id: "p1" }]]);
    expect(view.players).toEqual({});
    expect(after.players.p1).toEqual({ id: "p1" });
    expect(after.cards).toBe(view.cards);
    expect(after).not.toBe(view);
  });

  it("replaces a whole section value (a set on a parent replaces its children)", () => {
    const view = applyOps(baseView(), [["set", ["figures", "d/a"], { first: { count: 2 } }]]);
    const after = applyOps(view, [["set", ["figures", "d/a"], null]]);
    expect(after.figures["d/a"]).toBeNull();
  });
});

describe("Replica: version order, gaps, snapshots", () => {
  const update = (version: number, ops: Op[]): UpdateMessage => ({ version, ops, server_time: 0 });

  it("applies only the next version and ignores old ones", () => {
    const r = new Replica();
    r.reset({ version: 4, view: baseView() });
    expect(r.receive(update(5, [["set", ["phase"], "read"]]))).toBe("applied");
    expect(r.receive(update(5, [["set", ["phase"], "place"]]))).toBe("ignored");
    expect(r.receive(update(3, [["set", ["phase"], "place"]]))).toBe("ignored");
    expect(r.version).toBe(5);
    expect(r.view!.phase).toBe("read");
  });

  it("detects a gap, buffers later updates, and drains them after the resync", () => {
    const r = new Replica();
    r.reset({ version: 1, view: baseView() });
    expect(r.receive(update(3, [["set", ["phase"], "place"]]))).toBe("gap");
    expect(r.receive(update(4, [["set", ["phase"], "discuss"]]))).toBe("gap");
    expect(r.resyncing).toBe(true);
    expect(r.version).toBe(1);
    // The enter reply brings the missing version 2 as updates.
    const complete = r.reset({ version: 2, updates: [update(2, [["set", ["phase"], "read"]])] });
    expect(complete).toBe(true);
    expect(r.version).toBe(4);
    expect(r.view!.phase).toBe("discuss");
    expect(r.resyncing).toBe(false);
  });

  it("takes a snapshot as a replacement and drops buffered updates it covers", () => {
    const r = new Replica();
    r.reset({ version: 1, view: baseView() });
    r.receive(update(3, [["set", ["phase"], "place"]]));
    const fresh = { ...baseView(), phase: "revise" as const, title: "new" };
    expect(r.reset({ version: 7, view: fresh })).toBe(true);
    expect(r.version).toBe(7);
    expect(r.view!.title).toBe("new");
    expect(r.view!.phase).toBe("revise");
    expect(r.resyncing).toBe(false);
    expect(r.receive(update(8, [["set", ["phase"], "sort"]]))).toBe("applied");
  });

  it("keeps a newer view when an update overtook an older reply for the same seat", () => {
    const r = new Replica();
    r.reset({ version: 59, view: baseView() });
    expect(r.receive(update(60, [["set", ["phase"], "read"]]))).toBe("applied");
    expect(r.reset({ version: 59, view: baseView() })).toBe(true);
    expect(r.version).toBe(60);
    expect(r.view!.phase).toBe("read");
    const other = { ...baseView(), me: { role: "facilitator" as const, player_id: null } };
    r.reset({ version: 59, view: other });
    expect(r.version).toBe(59);
    expect(r.view!.me.role).toBe("facilitator");
  });

  it("reports an incomplete catch-up so the caller enters again without a version", () => {
    const r = new Replica();
    r.reset({ version: 1, view: baseView() });
    expect(r.reset({ version: 5, updates: [update(4, []), update(5, [])] })).toBe(false);
    expect(r.version).toBe(1);
  });

  it("ignores updates before any view", () => {
    const r = new Replica();
    expect(r.receive(update(1, []))).toBe("ignored");
  });
});

describe("Replica: own commands' versions in their acks (own=ack)", () => {
  const update = (version: number, ops: Op[]): UpdateMessage => ({ version, ops, server_time: 0 });

  it("folds the ack's update like an update", () => {
    const r = new Replica();
    r.reset({ version: 4, view: baseView() });
    r.sending();
    expect(r.acknowledged({ version: 5, update: update(5, [["set", ["phase"], "read"]]) })).toBe("applied");
    expect(r.version).toBe(5);
    expect(r.view!.phase).toBe("read");
    expect(r.resyncing).toBe(false);
  });

  it("holds a later update that overtakes the ack, then applies both in version order", () => {
    const r = new Replica();
    r.reset({ version: 4, view: baseView() });
    r.sending();
    // Another player's version 6 arrives before this client's own version 5.
    expect(r.receive(update(6, [["set", ["phase"], "discuss"]]))).toBe("held");
    expect(r.resyncing).toBe(false);
    expect(r.version).toBe(4);
    expect(r.acknowledged({ version: 5, update: update(5, [["set", ["phase"], "place"]]) })).toBe("applied");
    expect(r.version).toBe(6);
    expect(r.view!.phase).toBe("discuss");
  });

  it("folds two acks that come out of order", () => {
    const r = new Replica();
    r.reset({ version: 1, view: baseView() });
    r.sending();
    r.sending();
    expect(r.acknowledged({ version: 3, update: update(3, [["set", ["phase"], "place"]]) })).toBe("held");
    expect(r.acknowledged({ version: 2, update: update(2, [["set", ["phase"], "read"]]) })).toBe("applied");
    expect(r.version).toBe(3);
    expect(r.view!.phase).toBe("place");
  });

  it("is a gap once no ack can fill it any more", () => {
    const r = new Replica();
    r.reset({ version: 4, view: baseView() });
    r.sending();
    expect(r.receive(update(6, [["set", ["phase"], "discuss"]]))).toBe("held");
    // No answer came (or a refusal): version 5 is someone else's that was lost.
    expect(r.acknowledged(null)).toBe("gap");
    expect(r.resyncing).toBe(true);
  });

  it("asks for a version an ack names without ops (a resent command's first answer)", () => {
    const r = new Replica();
    r.reset({ version: 4, view: baseView() });
    r.sending();
    expect(r.acknowledged({ version: 5 })).toBe("gap");
    r.sending();
    expect(r.acknowledged({ version: 4 })).toBe("ignored"); // a no-op: nothing missing
  });
});
