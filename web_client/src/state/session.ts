/**
 * One room screen's single store: the replica of the room (view + version), the
 * connection status, the clock offset to the server, and the pending-command queue.
 *
 * Life of a connection: connect -> `enter` {code, token, version} (version only when a
 * view is held, so a short gap comes back as updates) -> fold `update`s in version order;
 * a gap -> `enter` again with the last version -> send whatever is pending, each with the
 * command_id it was given when queued. A reload starts from the cached view and the
 * persisted queue, so the same person comes back with the same pawn, post-its and role.
 */

import type { Socket } from "socket.io-client";
import type {
  CommandBody,
  CommandReply,
  EnterReply,
  ErrorBody,
  PresenceMessage,
  Role,
  SnapshotMessage,
  UpdateMessage,
  View,
} from "../protocol";
import { call, openSocket } from "./connection";
import { PendingQueue, type Outcome } from "./queue";
import { Replica } from "./replica";
import {
  forgetCredentials,
  loadCachedView,
  loadCredentials,
  roomKey,
  saveCachedView,
  storage,
  type As,
} from "./storage";
import { NOTICE_TTL_MS, keptNotices, momentOf } from "./notices";
import { PLENARY_ID } from "./workshop";

export type Status = "connecting" | "online" | "offline" | "left" | "failed";

export interface Notice {
  id: string;
  kind: "refused" | "protocol_error";
  error: ErrorBody;
  command_type?: string;
  /** The text the person wrote, so a refused post-it can be copied and kept. */
  text?: string;
  command_id?: string;
  /** When it appeared (Date.now()); see state/notices.ts for how long it stays. */
  at: number;
}

/** How often a workshop's room not made yet is asked for again (0.5 s, 1 s, … apart). */
const ROOM_WAITS = 8;

export class RoomSession {
  readonly replica = new Replica();
  readonly queue: PendingQueue;
  status: Status = "connecting";
  /** Why the room cannot be entered (bad_token, room_not_found, removed, ...). */
  failure: ErrorBody | null = null;
  leftReason: string | null = null;
  /** server clock minus local clock, in ms. */
  offset = 0;
  role: Role | null = null;
  /** The players connected right now (facilitator only; null until the server said). */
  presence: readonly string[] | null = null;
  notices: Notice[] = [];
  private socket: Socket | null = null;
  private listeners = new Set<() => void>();
  private entering = false;
  private enterAgain = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Waits so far for a workshop's room that is not made yet (see enter). */
  private roomWaits = 0;
  private protocolErrors = 0;
  private noticeMoment: string | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly code: string,
    readonly as: As,
  ) {
    this.queue = new PendingQueue(storage, roomKey(code, as));
    const cached = loadCachedView(code, as);
    if (cached) this.replica.reset({ version: cached.version, view: cached.view });
    this.role = this.replica.view?.me.role ?? null;
    for (const refused of this.queue.refused) this.notices.push(refusalNotice(refused.command, refused.error));
  }

  get view(): View | null {
    return this.replica.view;
  }

  get version(): number {
    return this.replica.version;
  }

  get online(): boolean {
    return this.status === "online";
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.expireNotices();
    for (const listener of this.listeners) listener();
    this.scheduleSave();
  }

  /** Drop notices about a moment that has passed (another card or step, or long ago). */
  private expireNotices(): void {
    const moment = momentOf(this.replica.view);
    const changed = this.noticeMoment !== null && moment !== this.noticeMoment;
    this.noticeMoment = moment;
    const kept = keptNotices(this.notices, Date.now(), changed);
    if (kept.length !== this.notices.length) {
      // An expired refusal is dismissed for good, or it would come back on the next reload.
      for (const gone of this.notices) if (!kept.includes(gone) && gone.command_id) this.queue.dismiss(gone.command_id);
      this.notices = kept;
    }
    if (this.noticeTimer === null && this.notices.some((n) => n.text === undefined)) {
      this.noticeTimer = setTimeout(() => {
        this.noticeTimer = null;
        this.changed();
      }, NOTICE_TTL_MS + 100);
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null || this.replica.view === null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.replica.view && this.status !== "left") {
        saveCachedView(this.code, this.as, this.replica.version, this.replica.view);
      }
    }, 300);
  }

  start(): void {
    const credentials = loadCredentials(this.code, this.as);
    if (!credentials) {
      this.fail({ code: "bad_token", message: "" });
      return;
    }
    const socket = openSocket(this.code, true);
    this.socket = socket;
    socket.on("connect", () => void this.enter());
    socket.on("disconnect", (reason) => {
      if (this.status !== "left" && this.status !== "failed") this.status = "offline";
      if (reason === "io server disconnect") socket.connect();
      this.changed();
    });
    socket.on("connect_error", () => {
      if (this.status === "connecting" || this.status === "online") this.status = "offline";
      this.changed();
    });
    socket.on("update", (message: UpdateMessage) => this.onUpdate(message));
    socket.on("snapshot", (message: SnapshotMessage) => {
      this.replica.reset({ version: message.version, view: message.view });
      this.role = message.role;
      this.changed();
    });
    socket.on("presence", (message: PresenceMessage) => {
      this.presence = [...message.online].sort();
      this.changed();
    });
    socket.on("left_room", (message: { code: string; reason: string }) => {
      this.leftReason = message.reason;
      this.status = "left";
      forgetCredentials(this.code, this.as);
      this.changed();
    });
    socket.on("protocol_error", (error: ErrorBody) => {
      this.protocolErrors += 1;
      this.notices.push({ id: `pe${this.protocolErrors}`, kind: "protocol_error", error, at: Date.now() });
      this.changed();
    });
  }

  stop(): void {
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.replica.view && this.status !== "left" && this.status !== "failed") {
      saveCachedView(this.code, this.as, this.replica.version, this.replica.view);
    }
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Drop the network link, as a test or a flaky network would (reconnects on `resume`). */
  disconnectForTest(): void {
    this.socket?.disconnect();
  }

  resumeForTest(): void {
    this.socket?.connect();
  }

  private fail(error: ErrorBody): void {
    this.failure = error;
    this.status = "failed";
    this.changed();
  }

  private onUpdate(message: UpdateMessage): void {
    if (typeof message.server_time === "number") this.offset = message.server_time - Date.now();
    const result = this.replica.receive(message);
    if (result === "gap") void this.enter();
    if (result === "applied") {
      this.role = this.replica.view?.me.role ?? this.role;
      this.changed();
    }
  }

  /** A command's ack: its own version comes in it (the connection asked `own=ack`). */
  private onAck(reply: CommandReply | null): void {
    const result = this.replica.acknowledged(reply);
    if (result === "gap") void this.enter();
    if (result === "applied") {
      this.role = this.replica.view?.me.role ?? this.role;
      this.changed();
    }
  }

  private async enter(): Promise<void> {
    if (this.entering) {
      this.enterAgain = true;
      return;
    }
    this.entering = true;
    try {
      let withVersion = true;
      for (let attempt = 0; attempt < 6; attempt++) {
        const socket = this.socket;
        const credentials = loadCredentials(this.code, this.as);
        if (!socket?.connected || !credentials) return;
        const request: Record<string, unknown> = { code: this.code, token: credentials.token };
        if (withVersion && this.replica.view !== null && this.replica.version >= 0) {
          request.version = this.replica.version;
        }
        const reply = await call<EnterReply>(socket, "enter", request);
        if (reply === "no_answer") continue;
        if (!reply.ok) {
          if (reply.error.code === "rate_limited" || reply.error.code === "store_unavailable") {
            this.status = "offline";
            this.changed();
            setTimeout(() => void this.enter(), 5000);
            return;
          }
          // A workshop names its plenary room a moment before the server has made it and
          // seated everyone there: whoever follows at once may arrive first, and waits a
          // little (a table's seat that is gone is not waited for: the workshop knows where
          // its new one is).
          const early = reply.error.code === "room_not_found" || (reply.error.code === "bad_token" && credentials.table_id === PLENARY_ID);
          if (early && credentials.workshop && this.roomWaits < ROOM_WAITS) {
            this.roomWaits += 1;
            setTimeout(() => void this.enter(), 500 * this.roomWaits);
            return;
          }
          if (reply.error.code === "bad_token") {
            forgetCredentials(this.code, this.as);
            this.replica.clear();
          }
          this.fail(reply.error);
          return;
        }
        if (typeof reply.server_time === "number") this.offset = reply.server_time - Date.now();
        const complete = this.replica.reset(reply);
        this.role = reply.role;
        if (!complete) {
          withVersion = false;
          continue;
        }
        this.status = "online";
        this.changed();
        break;
      }
    } finally {
      this.entering = false;
    }
    if (this.status !== "online") return;
    if (this.enterAgain || this.replica.resyncing) {
      this.enterAgain = false;
      void this.enter();
      return;
    }
    void this.flush();
  }

  /** Queue a command (it gets its command_id now) and send it when online. */
  send(body: CommandBody): string {
    const command = this.queue.add(body);
    this.changed();
    void this.flush();
    return command.command_id;
  }

  private async flush(): Promise<void> {
    const socket = this.socket;
    if (!socket || this.status !== "online") return;
    await this.queue.flush(
      async (command) => {
        if (!socket.connected) return "no_answer";
        this.replica.sending();
        const reply = await call<CommandReply & Record<string, unknown>>(socket, "command", command);
        this.onAck(reply !== "no_answer" && reply.ok ? reply : null);
        return reply;
      },
      (outcome) => this.onOutcome(outcome),
    );
    this.changed();
  }

  private onOutcome(outcome: Outcome): void {
    if (outcome.kind === "refused") {
      this.notices.push(refusalNotice(outcome.command, outcome.error));
    }
    if (outcome.kind === "kept" && this.socket?.connected && this.status === "online") {
      // A retryable refusal (store briefly unavailable): try again in a few seconds.
      setTimeout(() => void this.flush(), 3000);
    }
    this.changed();
  }

  dismiss(noticeId: string): void {
    const notice = this.notices.find((n) => n.id === noticeId);
    if (notice?.command_id) this.queue.dismiss(notice.command_id);
    this.notices = this.notices.filter((n) => n.id !== noticeId);
    this.changed();
  }
}

function refusalNotice(command: { type: string; command_id: string } & Record<string, unknown>, error: ErrorBody): Notice {
  return {
    id: command.command_id,
    kind: "refused",
    error,
    command_type: command.type,
    text: typeof command.text === "string" ? command.text : undefined,
    command_id: command.command_id,
    at: Date.now(),
  };
}
