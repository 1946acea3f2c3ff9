/**
 * Commands not yet acknowledged, kept in localStorage so that nothing a participant wrote
 * is lost by a reload or a dropped network.
 *
 * A command gets its command_id once, when it is queued; every resend uses that same id,
 * so the server applies it once (a resend of an applied command answers duplicate:true).
 * Commands are sent one at a time, in order. An acknowledgement removes the command; a
 * refusal removes it too but keeps it in `refused` (also persisted) until the person has
 * seen it, so it is visibly refused and never silently dropped. Transport trouble (no
 * answer, store briefly unavailable) keeps it in the queue for the next attempt.
 */

import { newCommandId, type Command, type CommandBody, type ErrorBody, type Reply } from "../protocol";

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Pending {
  command: Command;
  queued_at: number;
  attempts: number;
}

export interface Refused {
  command: Command;
  error: ErrorBody;
  at: number;
}

/** Error codes that say "try again later": the command was not applied and may be resent. */
export const RETRYABLE = new Set(["store_unavailable", "not_in_room", "rate_limited", "internal_error"]);
export const MAX_ATTEMPTS = 8;

export type SendResult = Reply | "no_answer";
export type Sender = (command: Command) => Promise<SendResult>;

export type Outcome =
  | { kind: "done"; command: Command; reply: Reply }
  | { kind: "refused"; command: Command; error: ErrorBody }
  | { kind: "kept"; command: Command };

export class PendingQueue {
  private pending: Pending[];
  private refusedList: Refused[];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly now: () => number = Date.now,
  ) {
    this.pending = read<Pending[]>(storage, `${key}:pending`) ?? [];
    this.refusedList = read<Refused[]>(storage, `${key}:refused`) ?? [];
  }

  get items(): readonly Pending[] {
    return this.pending;
  }

  get refused(): readonly Refused[] {
    return this.refusedList;
  }

  has(commandId: string): boolean {
    return this.pending.some((p) => p.command.command_id === commandId);
  }

  /** Queue a command: it gets its command_id here, for good. */
  add(body: CommandBody): Command {
    const command = { ...body, command_id: newCommandId() } as Command;
    this.pending.push({ command, queued_at: this.now(), attempts: 0 });
    this.save();
    return command;
  }

  /** What the answer (or its absence) to a sent command means for the queue. */
  settle(command: Command, result: SendResult): Outcome {
    const index = this.pending.findIndex((p) => p.command.command_id === command.command_id);
    const entry = index >= 0 ? this.pending[index] : undefined;
    if (result === "no_answer") {
      return { kind: "kept", command };
    }
    if (result.ok) {
      if (index >= 0) this.pending.splice(index, 1);
      this.save();
      return { kind: "done", command, reply: result };
    }
    if (RETRYABLE.has(result.error.code) && entry !== undefined && entry.attempts < MAX_ATTEMPTS) {
      return { kind: "kept", command };
    }
    if (index >= 0) this.pending.splice(index, 1);
    this.refusedList.push({ command, error: result.error, at: this.now() });
    this.save();
    return { kind: "refused", command, error: result.error };
  }

  /**
   * Send every pending command in order, each with its own command_id, one at a time.
   * Stops at the first one that is kept (no answer or a retryable error), so the order of
   * a person's commands is the order the server applies them in.
   */
  flush(send: Sender, onOutcome?: (outcome: Outcome) => void): Promise<void> {
    if (this.flushing !== null) return this.flushing;
    const run = async (): Promise<void> => {
      // Yield first, so `flushing` is set before the loop can finish and clear it.
      await Promise.resolve();
      try {
        while (this.pending.length > 0) {
          const entry = this.pending[0];
          entry.attempts += 1;
          this.save();
          const result = await send(entry.command);
          const outcome = this.settle(entry.command, result);
          onOutcome?.(outcome);
          if (outcome.kind === "kept") break;
        }
      } finally {
        this.flushing = null;
      }
    };
    this.flushing = run();
    return this.flushing;
  }

  dismiss(commandId: string): void {
    this.refusedList = this.refusedList.filter((r) => r.command.command_id !== commandId);
    this.save();
  }

  private save(): void {
    write(this.storage, `${this.key}:pending`, this.pending);
    write(this.storage, `${this.key}:refused`, this.refusedList);
  }
}

function read<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage, key: string, value: unknown[]): void {
  try {
    if (value.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked (private mode): the queue still works for this page's life.
  }
}

/** An in-memory storage (tests; browsers where localStorage is blocked). */
export class MemoryStorage implements KeyValueStorage {
  private data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}
