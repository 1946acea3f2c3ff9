import { describe, expect, it } from "vitest";
import type { Command, Reply } from "../src/protocol";
import { MemoryStorage, PendingQueue, type SendResult } from "../src/state/queue";

const ok: Reply = { ok: true, version: 3, result: {}, duplicate: false } as Reply;

describe("PendingQueue", () => {
  it("persists queued commands with their command_id across a reload", () => {
    const storage = new MemoryStorage();
    const q = new PendingQueue(storage, "lk:ROOM:player");
    const command = q.add({ type: "add_post_it", colour: "green", text: "Intervisie" });
    expect(command.command_id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const reloaded = new PendingQueue(storage, "lk:ROOM:player");
    expect(reloaded.items.map((p) => p.command)).toEqual([command]);
  });

  it("resends with the same command_id until acknowledged, then drops it", async () => {
    const storage = new MemoryStorage();
    const q = new PendingQueue(storage, "k");
    const command = q.add({ type: "add_post_it", colour: "pink", text: "Waarom?" });
    const sent: string[] = [];
    let answer: SendResult = "no_answer";
    const send = async (c: Command): Promise<SendResult> => {
      sent.push(c.command_id);
      return answer;
    };
    await q.flush(send);
    expect(q.items).toHaveLength(1);
    answer = ok;
    await q.flush(send);
    expect(sent).toEqual([command.command_id, command.command_id]);
    expect(q.items).toHaveLength(0);
    expect(new PendingQueue(storage, "k").items).toHaveLength(0);
  });

  it("sends in order and stops at the first command without an answer", async () => {
    const q = new PendingQueue(new MemoryStorage(), "k");
    const a = q.add({ type: "add_post_it", colour: "green", text: "a" });
    const b = q.add({ type: "add_post_it", colour: "green", text: "b" });
    const sent: string[] = [];
    await q.flush(async (c) => {
      sent.push(c.command_id);
      return c.command_id === a.command_id ? "no_answer" : ok;
    });
    expect(sent).toEqual([a.command_id]);
    expect(q.items.map((p) => p.command.command_id)).toEqual([a.command_id, b.command_id]);
  });

  it("surfaces a refusal: removed from pending, kept (persisted) as refused until dismissed", async () => {
    const storage = new MemoryStorage();
    const q = new PendingQueue(storage, "k");
    const command = q.add({ type: "add_post_it", colour: "green", text: "te laat" });
    const outcomes: string[] = [];
    await q.flush(
      async () => ({ ok: false, error: { code: "post_its_locked", message: "locked" } }),
      (o) => outcomes.push(o.kind),
    );
    expect(outcomes).toEqual(["refused"]);
    expect(q.items).toHaveLength(0);
    const reloaded = new PendingQueue(storage, "k");
    expect(reloaded.refused).toHaveLength(1);
    expect(reloaded.refused[0].command.command_id).toBe(command.command_id);
    expect(reloaded.refused[0].error.code).toBe("post_its_locked");
    reloaded.dismiss(command.command_id);
    expect(new PendingQueue(storage, "k").refused).toHaveLength(0);
  });

  it("keeps a command on a retryable error (store briefly unavailable)", async () => {
    const q = new PendingQueue(new MemoryStorage(), "k");
    q.add({ type: "place_pawn", position: { square: 2 } });
    await q.flush(async () => ({ ok: false, error: { code: "store_unavailable", message: "" } }));
    expect(q.items).toHaveLength(1);
    expect(q.refused).toHaveLength(0);
  });

  it("treats a duplicate acknowledgement as done", async () => {
    const q = new PendingQueue(new MemoryStorage(), "k");
    q.add({ type: "add_post_it", colour: "green", text: "x" });
    await q.flush(async () => ({ ok: true, version: 4, result: {}, duplicate: true }) as Reply);
    expect(q.items).toHaveLength(0);
  });
});

describe("PendingQueue.flush with nothing pending", () => {
  it("can flush again afterwards (an empty flush does not stay in progress)", async () => {
    const q = new PendingQueue(new MemoryStorage(), "k");
    await q.flush(async () => ok);
    q.add({ type: "start" });
    const sent: string[] = [];
    await q.flush(async (c) => {
      sent.push(c.type);
      return ok;
    });
    expect(sent).toEqual(["start"]);
  });
});
