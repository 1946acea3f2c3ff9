/**
 * One workshop screen's store (the facilitator's, the projector's or a participant's): the
 * workshop view folded from versioned `update`s exactly like a room's (applyOps, version
 * order, a gap answered by `enter` with the last version), and the overview, which is not
 * versioned: `overview` events carry the summaries of the tables that changed, and the
 * `enter` reply carries all of them.
 *
 * Workshop commands steer (seat, broadcast, step all): like a room's steering buttons they
 * are sent only while online, each with one command_id, resent with the same id when no
 * answer came, so the server applies it once.
 */

import type { Socket } from "socket.io-client";
import type {
  ErrorBody,
  AnyWorkshopView,
  OverviewMessage,
  TableSummary,
  UpdateMessage,
  WorkshopEnterReply,
  WorkshopRole,
} from "../protocol";
import { newCommandId } from "../protocol";
import { call, openSocket } from "./connection";
import { applyOps } from "./replica";
import { forgetWorkshopCredentials, loadWorkshopCredentials, type WorkshopAs } from "./storage";
import type { Status } from "./session";

export interface WorkshopNotice {
  id: string;
  error: ErrorBody;
  at: number;
}

export type WorkshopCommand = { type: string } & Record<string, unknown>;

/** Resends of one command after no answer before it is reported as not sent. */
const RESENDS = 3;

export class WorkshopSession<V extends AnyWorkshopView = AnyWorkshopView> {
  view: V | null = null;
  version = -1;
  overview: Record<string, TableSummary> = {};
  role: WorkshopRole | null = null;
  status: Status = "connecting";
  failure: ErrorBody | null = null;
  offset = 0;
  notices: WorkshopNotice[] = [];
  private ahead = new Map<number, UpdateMessage>();
  private socket: Socket | null = null;
  private listeners = new Set<() => void>();
  private entering = false;

  constructor(
    readonly code: string,
    readonly as: WorkshopAs,
    /** The projector's token from its link; the others keep theirs in localStorage. */
    private readonly givenToken: string | null = null,
  ) {}

  get online(): boolean {
    return this.status === "online";
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private token(): string | null {
    return this.givenToken ?? loadWorkshopCredentials(this.code, this.as)?.token ?? null;
  }

  start(): void {
    if (!this.token()) {
      this.fail({ code: "bad_token", message: "" });
      return;
    }
    const socket = openSocket();
    this.socket = socket;
    socket.on("connect", () => void this.enter());
    socket.on("disconnect", (reason) => {
      if (this.status !== "failed") this.status = "offline";
      if (reason === "io server disconnect") socket.connect();
      this.changed();
    });
    socket.on("connect_error", () => {
      if (this.status !== "failed") this.status = "offline";
      this.changed();
    });
    socket.on("update", (message: UpdateMessage) => this.onUpdate(message));
    socket.on("overview", (message: OverviewMessage) => this.onOverview(message));
    // Removed from the workshop: the token no longer works; say so instead of a stale view.
    socket.on("left_room", () => {
      if (!this.givenToken) forgetWorkshopCredentials(this.code, this.as);
      this.fail({ code: "bad_token", message: "" });
    });
    socket.on("snapshot", (message: { version: number; role: WorkshopRole; view: V }) => {
      this.view = message.view;
      this.version = message.version;
      this.role = message.role;
      this.changed();
    });
  }

  /** Bound, so it can be a pagehide listener. */
  readonly stop = (): void => {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  };

  private fail(error: ErrorBody): void {
    this.failure = error;
    this.status = "failed";
    this.changed();
  }

  onOverview(message: OverviewMessage): void {
    if (message.code && message.code !== this.code) return;
    this.overview = { ...this.overview, ...message.tables };
    this.changed();
  }

  onUpdate(message: UpdateMessage): void {
    if (typeof message.server_time === "number") this.offset = message.server_time - Date.now();
    if (this.view === null || message.version <= this.version) return;
    if (message.version !== this.version + 1) {
      this.ahead.set(message.version, message);
      void this.enter();
      return;
    }
    this.view = applyOps(this.view, message.ops);
    this.version = message.version;
    this.drain();
    this.changed();
  }

  private drain(): void {
    for (let next = this.ahead.get(this.version + 1); next && this.view; next = this.ahead.get(this.version + 1)) {
      this.ahead.delete(next.version);
      this.view = applyOps(this.view, next.ops);
      this.version = next.version;
    }
    for (const v of [...this.ahead.keys()]) if (v <= this.version) this.ahead.delete(v);
  }

  /** Take an entry reply (enter, create): the view or the missing updates, and the overview. */
  takeReply(reply: WorkshopEnterReply): boolean {
    if (typeof reply.server_time === "number") this.offset = reply.server_time - Date.now();
    this.role = reply.role;
    if (reply.overview) this.overview = { ...reply.overview };
    if (reply.view !== undefined) {
      this.view = reply.view as V;
      this.version = reply.version;
    } else if (reply.updates && this.view) {
      for (const u of reply.updates) {
        if (u.version === this.version + 1) {
          this.view = applyOps(this.view, u.ops);
          this.version = u.version;
        }
      }
    }
    this.drain();
    return this.view !== null && this.version >= reply.version;
  }

  private async enter(): Promise<void> {
    if (this.entering) return;
    this.entering = true;
    try {
      let withVersion = true;
      for (let attempt = 0; attempt < 6; attempt++) {
        const socket = this.socket;
        const token = this.token();
        if (!socket?.connected || !token) return;
        const request: Record<string, unknown> = { code: this.code, token };
        if (withVersion && this.view !== null) request.version = this.version;
        const reply = await call<WorkshopEnterReply>(socket, "enter", request);
        if (reply === "no_answer") continue;
        if (!reply.ok) {
          if (reply.error.code === "rate_limited" || reply.error.code === "store_unavailable") {
            this.status = "offline";
            this.changed();
            setTimeout(() => void this.enter(), 5000);
            return;
          }
          if (reply.error.code === "bad_token" && !this.givenToken) forgetWorkshopCredentials(this.code, this.as);
          this.fail(reply.error);
          return;
        }
        if (!this.takeReply(reply)) {
          withVersion = false;
          continue;
        }
        this.status = "online";
        this.changed();
        return;
      }
    } finally {
      this.entering = false;
    }
  }

  /** Send one workshop command; resolves with the result, or null when refused or not sent (a notice says why). */
  async send(body: WorkshopCommand): Promise<Record<string, unknown> | null> {
    const command = { ...body, command_id: newCommandId() };
    for (let attempt = 0; attempt <= RESENDS; attempt++) {
      const socket = this.socket;
      if (!socket?.connected) break;
      const reply = await call<{ result: Record<string, unknown> }>(socket, "command", command);
      if (reply === "no_answer") continue;
      if (reply.ok) return reply.result ?? {};
      this.notify(reply.error);
      return null;
    }
    this.notify({ code: "no_answer", message: "" });
    return null;
  }

  /** Show a refusal or a send that got no answer (also for commands sent to a table from here). */
  notify(error: ErrorBody): void {
    this.notices = [...this.notices, { id: newCommandId(), error, at: Date.now() }];
    this.changed();
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.changed();
  }
}
