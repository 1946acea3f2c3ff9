/**
 * The client's copy of the room: the snapshot `view` and the version it is at.
 *
 * `applyOps` folds `["set", path, value]` / `["del", path]` exactly like `apply_ops` in
 * game_server/rules/views.py (missing containers along a path are created as maps), but
 * copies every container along the path instead of mutating it, so a screen can compare
 * objects by identity.
 *
 * `Replica.receive` applies an update only when its version is the next one; older ones
 * are ignored; a newer one means a gap: it is buffered and the caller must `enter` again
 * with `replica.version`. The answer to that enter (a new view, or the missing updates)
 * goes to `Replica.reset`, which then drains whatever was buffered meanwhile.
 *
 * A room's connection asks for its own commands' ops in their acks (`own=ack`), so its own
 * version comes as `acknowledged(reply)`, not as an update, and an update of a later
 * version may come first. While a command awaits its ack (`sending`), a gap is therefore
 * only held ("held"), not resynced: the ack usually fills it. Once no ack is awaited, a
 * version still missing is a gap for real.
 */

import type { EnterReply, Op, UpdateMessage, View } from "../protocol";

type Container = Record<string, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A new snapshot with the ops folded in; the input is not changed. */
export function applyOps<T extends object>(snapshot: T, ops: readonly Op[]): T {
  let root = snapshot as unknown as Container;
  for (const op of ops) {
    const path = op[1].map(String);
    if (path.length === 0) continue;
    const newRoot: Container = { ...root };
    let target = newRoot;
    for (const key of path.slice(0, -1)) {
      const existing = target[key];
      const copy: Container = isContainer(existing) ? { ...existing } : {};
      target[key] = copy;
      target = copy;
    }
    const last = path[path.length - 1];
    if (op[0] === "set") {
      target[last] = op[2];
    } else {
      delete target[last];
    }
    root = newRoot;
  }
  return root as unknown as T;
}

function sameSeat(a: View, b: View): boolean {
  return a.me.role === b.me.role && a.me.player_id === b.me.player_id;
}

export type ReceiveResult = "applied" | "ignored" | "gap" | "held";

export class Replica {
  view: View | null = null;
  version = -1;
  /** Updates that arrived ahead of a gap, by version, waiting for the resync. */
  private ahead = new Map<number, UpdateMessage>();
  /** Commands sent whose acks have not come: their versions come with them. */
  private acksAwaited = 0;

  get resyncing(): boolean {
    return this.ahead.size > 0 && this.acksAwaited === 0;
  }

  /** A command is being sent: its version will come in its ack. */
  sending(): void {
    this.acksAwaited += 1;
  }

  /**
   * The ack of a command sent (null: no answer, or a refusal). Folds the update it
   * carries; "gap" when a version is still missing and no other ack could bring it (a
   * resent command's first answer carries no ops: the version may be one this replica
   * never had), so the caller enters again with `version`.
   */
  acknowledged(reply: { version: number; update?: UpdateMessage } | null): ReceiveResult {
    this.acksAwaited = Math.max(0, this.acksAwaited - 1);
    const result = reply?.update !== undefined ? this.receive(reply.update) : "ignored";
    if (this.view === null || this.acksAwaited > 0) return result;
    if (this.ahead.size > 0 || (reply !== null && reply.version > this.version)) return "gap";
    return result === "held" ? "ignored" : result;
  }

  /** Fold one `update` message. */
  receive(message: UpdateMessage): ReceiveResult {
    if (this.view === null || message.version <= this.version) return "ignored";
    if (message.version !== this.version + 1) {
      this.ahead.set(message.version, message);
      return this.acksAwaited > 0 ? "held" : "gap";
    }
    this.view = applyOps(this.view, message.ops);
    this.version = message.version;
    this.drain();
    return "applied";
  }

  /**
   * Take a `snapshot` event or the reply to `enter`/`join`/`create_room`. Returns false
   * when the updates given did not reach the reply's version (enter again without one).
   */
  reset(reply: Pick<EnterReply, "version" | "view" | "updates">): boolean {
    if (reply.view !== undefined) {
      // An update can overtake the reply: a view older than the one already folded, for
      // the same seat, would take the screen back (and nothing would move it forward
      // again while the room is quiet).
      if (this.view !== null && reply.version < this.version && sameSeat(this.view, reply.view)) {
        return true;
      }
      this.view = reply.view;
      this.version = reply.version;
    } else if (reply.updates !== undefined && this.view !== null) {
      for (const update of reply.updates) {
        if (update.version === this.version + 1) {
          this.view = applyOps(this.view, update.ops);
          this.version = update.version;
        }
      }
    }
    for (const v of [...this.ahead.keys()]) if (v <= this.version) this.ahead.delete(v);
    this.drain();
    return this.view !== null && this.version >= reply.version;
  }

  private drain(): void {
    for (;;) {
      const next = this.ahead.get(this.version + 1);
      if (next === undefined || this.view === null) break;
      this.ahead.delete(next.version);
      this.view = applyOps(this.view, next.ops);
      this.version = next.version;
    }
    for (const v of [...this.ahead.keys()]) if (v <= this.version) this.ahead.delete(v);
  }

  clear(): void {
    this.view = null;
    this.version = -1;
    this.ahead.clear();
    this.acksAwaited = 0;
  }
}
