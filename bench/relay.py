"""The bare Socket.IO floor: a relay that speaks our message shapes without our work.

A minimal python-socketio server on aiohttp with the msgpack parser. It knows rooms and
versions and nothing else: ``create_room`` opens a room, ``join`` adds a connection to it,
``command`` gives the room its next version, broadcasts ``update`` {version, ops,
server_time} to every member and acknowledges; a sender that connected with ``own=ack``
gets the update in its ack instead, as from our server. No rules, no store, no per-role
views.

It sends through our own send path (``game_server/transport/emit.py``: one encoding per
message, written to every recipient's connection the way our server does it), not
python-socketio's stock group emit, and pads each update to the size of ours (314 bytes
on average in a benchmark step, as measured for issue 16; ``--update-bytes``). So "ours ÷
relay" measures our own work only, not a different delivery path or smaller messages.

Like our room authority it keeps one line per room (a lock held from assigning the version
until the broadcast is handed over), so updates leave in version order; without that the
comparison would flatter the relay.

The benchmark measures our server against this one under the same load, so the ratio
shows what our layers (validation, rules, durable store, per-audience views) cost on top
of python-socketio itself. It runs on the same runtime as our server (uvloop and the
collector settings of ``game_server/runtime.py``), so that runtime tuning is not counted
as a difference between the two.

Run: ``python -m bench.relay --port 8765`` (127.0.0.1 only).
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import socketio
from aiohttp import web

from game_server.runtime import event_loop, settle_memory
from game_server.transport import direct
from game_server.transport.emit import encode, send_to_group
from game_server.transport.server import GameSocketServer

from .limits import raise_open_files_limit

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"


@dataclass
class RelayRoom:
    code: str
    version: int = 1
    line: asyncio.Lock = field(default_factory=asyncio.Lock)
    players: int = 0


def _ms() -> int:
    return int(time.time() * 1000)


UPDATE_BYTES = 314
"""Our server's average encoded ``update`` (Socket.IO packet) in a benchmark step."""


def padding(sio: socketio.AsyncServer, update: dict[str, Any], size: int) -> str:
    """Filler that brings ``update``'s encoded packet to about ``size`` bytes."""
    short = len(encode(sio, "update", {**update, "ops": [*update["ops"], ["set", ["pad"], ""]]}))
    return "x" * max(0, size - short - 2)  # msgpack's str header grows by 1-2 bytes


def build_relay(update_bytes: int = UPDATE_BYTES) -> web.Application:
    sio = GameSocketServer(  # our python-socketio server class: its acks take our send path
        async_mode="aiohttp",
        serializer="msgpack",
        cors_allowed_origins=None,
        max_http_buffer_size=64 * 1024,
        ping_interval=20,
        ping_timeout=20,
    )
    app = web.Application()
    sio.attach(app)
    direct.install(sio)  # our send path: idle WebSockets are written to directly
    rooms: dict[str, RelayRoom] = {}
    member_of: dict[str, str] = {}

    def new_code() -> str:
        for _ in range(100):
            code = "".join(secrets.choice(ALPHABET) for _ in range(6))
            if code not in rooms:
                return code
        raise RuntimeError("no free room code")

    own_in_ack: dict[str, bool] = {}

    def wants_own_in_ack(sid: str) -> bool:
        """As ours: a connection with ``own=ack`` gets its own update in the ack."""
        if sid not in own_in_ack:
            query = parse_qs(str((sio.get_environ(sid) or {}).get("QUERY_STRING", "")))
            own_in_ack[sid] = query.get("own") == ["ack"]
        return own_in_ack[sid]

    async def broadcast(
        room: RelayRoom, payload: dict[str, Any], sender: str | None = None
    ) -> dict[str, Any]:
        """Assign the next version and send it to the room (but ``sender``); the caller
        holds the line. The update."""
        room.version += 1
        update: dict[str, Any] = {
            "version": room.version,
            "ops": [["set", ["last"], payload]],
            "server_time": _ms(),
        }
        update["ops"].append(["set", ["pad"], padding(sio, update, update_bytes)])
        await send_to_group(sio, "update", update, room.code, (sender,) if sender else ())
        return update

    async def create_room(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        room = RelayRoom(new_code())
        rooms[room.code] = room
        await sio.enter_room(sid, room.code)
        member_of[sid] = room.code
        return {
            "ok": True,
            "role": "facilitator",
            "version": room.version,
            "view": {"code": room.code},
            "code": room.code,
            "facilitator_token": "f",
            "projector_token": "v",
            "server_time": _ms(),
        }

    async def join(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        room = rooms.get(str(data.get("code")))
        if room is None:
            return {"ok": False, "error": {"code": "room_not_found", "message": "no room"}}
        async with room.line:
            room.players += 1
            player_id = f"p{room.players}"
            # Like ours: the joiner learns its version from the reply, the others by update.
            update = await broadcast(room, {"type": "join", "name": data.get("name")})
            version = update["version"]
            await sio.enter_room(sid, room.code)
        member_of[sid] = room.code
        return {
            "ok": True,
            "role": "player",
            "player_id": player_id,
            "token": f"p.{player_id}",
            "version": version,
            "view": {"code": room.code},
        }

    async def command(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        room = rooms.get(member_of.get(sid, ""))
        if room is None:
            return {"ok": False, "error": {"code": "not_in_room", "message": "enter first"}}
        sender = sid if wants_own_in_ack(sid) else None
        async with room.line:
            update = await broadcast(room, data, sender)
        reply = {"ok": True, "version": update["version"], "result": {}, "duplicate": False}
        if sender is not None:
            reply["update"] = update
        return reply

    async def disconnect(sid: str, reason: Any = None) -> None:
        member_of.pop(sid, None)
        own_in_ack.pop(sid, None)

    sio.on("create_room", create_room)
    sio.on("join", join)
    sio.on("command", command)
    sio.on("disconnect", disconnect)

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "rooms": len(rooms)})

    app.router.add_get("/healthz", health)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--update-bytes", type=int, default=UPDATE_BYTES)
    args = parser.parse_args()
    if args.host != "127.0.0.1":
        parser.error("the relay listens on 127.0.0.1 only")
    raise_open_files_limit()
    app = build_relay(args.update_bytes)

    async def settle(app: web.Application) -> None:
        settle_memory()

    app.on_startup.append(settle)
    web.run_app(app, host=args.host, port=args.port, print=None, loop=event_loop())


if __name__ == "__main__":
    main()
