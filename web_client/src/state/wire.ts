/**
 * The msgpack parser for Socket.IO, with one adjustment: JavaScript `undefined` is removed
 * before encoding. socket.io-msgpack-parser (through notepack.io) encodes `undefined` as
 * a msgpack extension (fixext 1, type 0), and the server accepts no extension types
 * (game_server/transport/wire.py), so e.g. the CONNECT packet `{type: 0, nsp: "/", data:
 * undefined}` would be refused as malformed. Keys whose value is undefined are dropped;
 * undefined inside an array becomes null.
 */

import * as msgpackParser from "socket.io-msgpack-parser";

export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : withoutUndefined(v)));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = withoutUndefined(v);
    }
    return out;
  }
  return value;
}

class Encoder {
  private readonly inner = new msgpackParser.Encoder();
  encode(packet: unknown): unknown {
    return this.inner.encode(withoutUndefined(packet));
  }
}

export const parser = { Encoder, Decoder: msgpackParser.Decoder, protocol: msgpackParser.protocol };
