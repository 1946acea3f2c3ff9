/**
 * The Socket.IO connection with the msgpack parser, and the few one-shot calls made
 * before a room screen exists (create_room, join).
 *
 * Transports: long-polling first, upgraded to WebSocket when the network allows it, so a
 * proxy that blocks WebSockets leaves a working (polling) connection. `?transport=polling`
 * in the page address forces polling only (tests, or a network known to break upgrades).
 *
 * A connection for one room carries the room code in its address (`?room=CODE` on every
 * Engine.IO request, polling and WebSocket alike): nginx hashes on it, so every connection
 * of a room reaches the same server process and an update never crosses Redis inside a
 * room (deploy/nginx.conf). The server ignores it; a connection without it (creating a
 * room, an older client) is placed by its address as before.
 *
 * A room screen's connection also asks for its own commands' ops in their acks
 * (`own=ack`: one packet less per command; the replica folds them, state/replica.ts).
 */

import { io, type Socket } from "socket.io-client";
import { parser } from "./wire";
import { newCommandId, type Reply } from "../protocol";

export const ACK_TIMEOUT_MS = 10_000;

export function forcedPolling(): boolean {
  const search = new URLSearchParams(globalThis.location?.search ?? "");
  const hashQuery = (globalThis.location?.hash ?? "").split("?")[1] ?? "";
  return search.get("transport") === "polling" || new URLSearchParams(hashQuery).get("transport") === "polling";
}

export function openSocket(room?: string, ownInAck = false): Socket {
  const polling = forcedPolling();
  const query: Record<string, string> = {};
  if (room) query.room = room;
  if (ownInAck) query.own = "ack";
  return io({
    path: "/socket.io",
    ...(Object.keys(query).length > 0 ? { query } : {}),
    parser,
    transports: polling ? ["polling"] : ["polling", "websocket"],
    upgrade: !polling,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    timeout: ACK_TIMEOUT_MS,
  });
}

/** Emit with an acknowledgement; "no_answer" when none came in time (or the link dropped). */
export function call<T>(socket: Socket, event: string, data: unknown, timeoutMs = ACK_TIMEOUT_MS): Promise<Reply<T> | "no_answer"> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, data, (err: unknown, reply: Reply<T>) => {
      resolve(err ? "no_answer" : reply);
    });
  });
}

/** Connect, make one call, disconnect: for create_room and join from the home screen. */
export async function oneShot<T>(event: string, data: unknown, room?: string): Promise<Reply<T> | "no_answer"> {
  const socket = openSocket(room);
  try {
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) return "no_answer";
    return await call<T>(socket, event, data);
  } finally {
    socket.disconnect();
  }
}


/**
 * One workshop command from a table's screen (the workshop facilitator looking at one
 * table: take it over, clear its call for help), on a connection of its own that enters the
 * workshop with the facilitator's workshop token. The command_id is made once, so a resend
 * after no answer is applied once.
 */
export async function workshopCommand(code: string, token: string, body: { type: string } & Record<string, unknown>): Promise<Reply | "no_answer"> {
  const socket = openSocket();
  const command = { ...body, command_id: newCommandId() };
  try {
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) return "no_answer";
    const entered = await call(socket, "enter", { code, token });
    if (entered === "no_answer" || !entered.ok) return entered;
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await call(socket, "command", command);
      if (reply !== "no_answer") return reply;
    }
    return "no_answer";
  } finally {
    socket.disconnect();
  }
}
