import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { openSocket } from "../src/state/connection";

// nginx places a connection by the room code in its address (deploy/nginx.conf): a room's
// connection must carry it on every request, a connection without a room must not.
describe("openSocket", () => {
  const opened: Socket[] = [];
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.disconnect();
  });

  it("puts the room code in the connection's query", () => {
    const socket = openSocket("ACDEFH");
    opened.push(socket);
    expect(socket.io.opts.query).toEqual({ room: "ACDEFH" });
  });

  it("asks for its own commands' ops in their acks when the room screen says so", () => {
    const socket = openSocket("ACDEFH", true);
    opened.push(socket);
    expect(socket.io.opts.query).toEqual({ room: "ACDEFH", own: "ack" });
  });

  it("leaves the query alone without a room", () => {
    const socket = openSocket();
    opened.push(socket);
    expect(socket.io.opts.query ?? {}).toEqual({});
  });
});
