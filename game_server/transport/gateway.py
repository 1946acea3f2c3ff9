"""Socket.IO events in, acknowledgements and updates out.

The path of a command, one way: validate the payload -> who is this connection -> the
room's single line (RoomAuthority.handle: rules, then the store), which leaves the versions
it adopted in the room's outbox -> ``send`` takes them out, in order, and broadcasts what
each audience may see. The room never calls back into the transport.

With several server processes each process sends updates only to its own connections:
every new version of a room reaches this process either because it stored it or through
the fan-out (``fanout.py``), and ``send`` sends it to the local audiences. So the
audiences (who gets the generic player update, who a personal one, whose role changed)
are always computed over connections this process really has.
"""

from __future__ import annotations

import asyncio
import logging
import math
import unicodedata
from collections.abc import Awaitable, Callable, Collection
from typing import Any
from urllib.parse import parse_qs

import socketio
from pydantic import ValidationError

from ..room import ReusedCommandId, RoomAuthority, Rooms, UnknownContent
from ..room.authority import AdoptedVersion
from ..room.clock import new_id, normalise_code, now_ms
from ..rules import (
    GUEST,
    Actor,
    CreateRoom,
    Refusal,
    Room,
    audience_updates,
    facilitator_token,
    player_token,
    projector_token,
)
from ..rules.line import (
    carried_by,
    current_role,
    identify,
    may_send,
    updates,
    validate,
    view,
)
from ..rules.players import Join, Rejoin
from ..rules.workshop import Workshop
from ..rules.workshop.create import CreateWorkshop
from ..stores.base import Entry, RoomNotFound, StoreError, StoreUnavailable
from . import audiences
from .addresses import AddressResolver
from .audiences import Connections
from .carry import Carry
from .creations import REASON as TOO_MANY_ROOMS
from .creations import CreationLimit, refusal_message
from .emit import NAMESPACE, send_to_group
from .fanout import Fanout, LocalFanout
from .limits import PER_ADDRESS, PER_CONNECTION, FailureLimit
from .metrics import Metrics
from .overview import Overview
from .presence import LocalBoard, Presence
from .quiet_log import QuietLog
from .replies import error, invalid, ok
from .requests import EnterRequest, JoinRequest, sealed_id
from .throttle import TokenBucket
from .wire import MALFORMED, REFUSED

log = logging.getLogger(__name__)

ROLE_EVENTS = {
    "facilitation_handed_over",
    "facilitation_taken_back",
    "player_removed",
    "player_moved",
    "participant_removed",
}
RECOVERY_INTERVAL = 0.5
RECOVERY_ATTEMPTS = 240
"""After ``store_unavailable``: look for writes that landed late for up to two minutes."""

EventHandler = Callable[[str, Any], Awaitable[dict[str, Any]]]
"""A Socket.IO event's handler here: ``(sid, data)`` to the acknowledgement (not the
rules' ``Handler``, which decides a command)."""
REUSED_ID = "This command_id was already used for another request; make a new one."


class ConnectionGone(Exception):
    """The connection closed while its request was waiting (for the store, say)."""


def _folded(name: str) -> str:
    """A name as the rules compare names (``rules/players.py``)."""
    return unicodedata.normalize("NFKC", name).casefold()


class Gateway:
    def __init__(
        self,
        sio: socketio.AsyncServer,
        rooms: Rooms,
        fanout: Fanout | None = None,
        addresses: AddressResolver | None = None,
        creations: CreationLimit | None = None,
    ) -> None:
        self.sio = sio
        self.resolver = addresses or AddressResolver()
        self.creations = creations if creations is not None else CreationLimit()
        """Rooms and workshops made per client address (``creations.py``)."""
        self.refused_creations = QuietLog(log)
        self.rooms = rooms
        self.fanout: Fanout = fanout or LocalFanout()
        self.connections = Connections()
        self.presence = Presence(sio, self.connections, LocalBoard())
        """Who is online, for the facilitators (``presence.py``; the app sets its board)."""
        # A whole workshop may share one address (NAT, proxy): typos there must not lock
        # everyone out, while one connection still cannot try codes or tokens at speed.
        self.failures = {
            "sid": FailureLimit(limit=PER_CONNECTION),
            "addr": FailureLimit(limit=PER_ADDRESS),
        }
        self.buckets: dict[str, TokenBucket] = {}
        """Per connection: how many requests it may still send now (``throttle.py``)."""
        self.client_mistakes = QuietLog(log)
        self._recovering: dict[str, asyncio.Task[None]] = {}
        # No "connect" handler: the address is read from the connection's own request when
        # it is needed (_keys), never from anything the client sends.
        self.draining = False
        """Set on SIGTERM (``drain.py``): the process is going away."""
        self.metrics: Metrics | None = None
        self.in_flight = 0
        """Events being handled right now (a draining process waits for them)."""
        self._idle = asyncio.Event()
        self._idle.set()
        self._own_in_ack: dict[str, bool] = {}
        """Per connection: whether it asked for its own commands' ops in the ack
        (``own=ack`` in its address), read once from its handshake."""
        self._senders: dict[tuple[str, int], str] = {}
        """(room, version) -> the connection whose command made it and takes its ops in
        the ack; set before the version can be sent, taken when it is."""
        self._own_updates: dict[tuple[str, int], dict[str, Any]] = {}
        """(room, version) -> the update its sender was not sent, for the ack."""
        self.carry = Carry(rooms)
        self.overview = Overview(sio)
        from .workshops import WorkshopDesk  # the workshop half of this gateway

        self.desk = WorkshopDesk(self)
        sio.on("disconnect", self.disconnect)
        for name, handler in {
            "create_room": self.create_room,
            "join": self.join,
            "enter": self.enter,
            "command": self.command,
        }.items():
            sio.on(name, self._counted(name, self._guarded(handler)))
        sio.on("*", self.unknown)

    # -- connection lifecycle ------------------------------------------------------------

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        if self.sio.manager.is_connected(sid, "/"):
            # python-socketio also calls this for a client's own event named "disconnect";
            # on a real disconnect the connection is already marked as going.
            return
        self.presence.unbound(self.connections.unbind(sid))
        self.failures["sid"].forget(sid)
        self.buckets.pop(sid, None)
        self._own_in_ack.pop(sid, None)

    async def unknown(self, event: str, sid: str, *args: Any) -> dict[str, Any] | None:
        if event == MALFORMED:
            # Acknowledged too when its ack id could be read.
            return await self.malformed(sid, str(args[0]) if args else "malformed packet")
        if event == REFUSED:
            event = str(args[0]) if args else event
        return error("unknown_event", f"There is no event {event[:40]!r}.")

    def _counted(
        self, event: str, run: Callable[..., Awaitable[dict[str, Any]]]
    ) -> Callable[..., Any]:
        async def counted(sid: str, *args: Any) -> dict[str, Any]:
            self.in_flight += 1
            self._idle.clear()
            try:
                reply = await run(sid, *args)
                if self.metrics is not None:
                    self.metrics.handled(event, args[0] if len(args) == 1 else None, reply)
                return reply
            finally:
                self.in_flight -= 1
                if self.in_flight == 0:
                    self._idle.set()

        return counted

    async def idle(self, within: float) -> bool:
        """Wait until no event is being handled; False if that took longer than ``within``."""
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True

    async def malformed(self, sid: str, detail: str) -> dict[str, Any]:
        """Tell a connection that it sent a packet we could not read; log it quietly."""
        self.client_mistakes.warning(
            "bad packet from %s (%s): %s", self._address_or_unknown(sid), sid, detail
        )
        reply = error("bad_request", f"Malformed packet: {detail}")
        await self.sio.emit("protocol_error", reply["error"], to=sid)
        return reply

    async def bad_frame(self, eio_sid: str, detail: str) -> None:
        """An Engine.IO frame or polling body refused before it was parsed (frames.py)."""
        sid = self.sio.manager.sid_from_eio_sid(eio_sid, "/")
        if sid is None:
            self.client_mistakes.warning("bad frame from session %s: %s", eio_sid, detail)
        else:
            await self.malformed(sid, detail)

    def _allowed(self, sid: str) -> bool:
        """Spend one of the connection's tokens; False when it sends too fast."""
        bucket = self.buckets.get(sid)
        if bucket is None:
            if not self.sio.manager.is_connected(sid, "/"):
                # Gone (the requests a flood queued may run after the disconnect): nobody
                # is left to answer, and nothing it asked for should be done.
                return False
            bucket = self.buckets[sid] = TokenBucket()
        return bucket.take()

    def _guarded(self, handler: EventHandler) -> Callable[..., Awaitable[dict[str, Any]]]:
        """Every failure becomes an error reply; nothing reaches python-socketio."""

        async def run(sid: str, *args: Any) -> dict[str, Any]:
            if not self._allowed(sid):
                return error("rate_limited", "Too many requests from this connection; slow down.")
            if len(args) != 1 or not isinstance(args[0], dict):
                return error("bad_request", "Send exactly one map as the event's data.")
            try:
                return await handler(sid, args[0])
            except ConnectionGone:
                return error("not_in_room")  # nobody is left to read this reply
            except ValidationError as exc:
                return invalid(exc)
            except Refusal as refusal:
                return error(refusal.code, refusal.message)
            except RoomNotFound:
                self._fail(sid)
                return error("room_not_found")
            except UnknownContent as exc:
                return error("unknown_content", f"{exc}.")
            except StoreUnavailable as exc:
                log.warning("store unavailable: %s", exc)
                self._recover_later(sid, args[0])
                return error("store_unavailable")
            except StoreError:
                log.exception("store error")
                return error("store_unavailable")
            except Exception:
                log.exception("unexpected error")
                return error("internal_error")

        return run

    def connected(self) -> list[str]:
        """Every open Socket.IO connection of this process."""
        return [sid for sid, _ in self.sio.manager.get_participants("/", None)]

    # -- guessing limits -----------------------------------------------------------------

    def address(self, sid: str) -> str:
        """The client address of a connection, from the request that opened it (as
        python-socketio holds it), through the trusted proxies (``addresses.py``)."""
        return self.resolver.of_environ(self.sio.get_environ(sid))

    def _address_or_unknown(self, sid: str) -> str:
        try:
            return self.address(sid)
        except (AttributeError, KeyError, TypeError):
            return "?"  # closed meanwhile

    def _keys(self, sid: str) -> dict[str, str]:
        return {"sid": sid, "addr": self.address(sid)}

    def _limited(self, sid: str) -> bool:
        return any(self.failures[kind].blocked(key) for kind, key in self._keys(sid).items())

    def _fail(self, sid: str) -> None:
        for kind, key in self._keys(sid).items():
            self.failures[kind].fail(key)

    # -- events ----------------------------------------------------------------------------

    async def create_room(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        request = (CreateWorkshop if "tables" in data else CreateRoom).model_validate(data)
        address = self.address(sid)
        creation = sealed_id(request.command_id)
        taken = self.creations.take(address, creation)
        if taken == "refused":
            return self._too_many_rooms(address)
        try:
            if isinstance(request, CreateWorkshop):
                reply = await self.desk.create(sid, request)
            else:
                reply = await self._create_room(sid, request)
        except UnknownContent:
            if taken == "counted":
                self.creations.give_back(address, creation)
            raise
        if not reply["ok"] and taken == "counted":
            self.creations.give_back(address, creation)  # an id reused: nothing was made
        return reply

    def _too_many_rooms(self, address: str) -> dict[str, Any]:
        limit = self.creations
        wait = limit.retry_after(address)
        self.refused_creations.warning(
            "refused a create_room from %s: it made %d rooms or workshops within %g s "
            "(--max-rooms-per-address)",
            address,
            limit.limit,
            limit.window,
        )
        message = refusal_message(limit.limit, limit.window, wait)
        return error(TOO_MANY_ROOMS, message, retry_after=max(1, math.ceil(wait)))

    async def _create_room(self, sid: str, request: CreateRoom) -> dict[str, Any]:
        sealed = request.model_copy(update={"command_id": sealed_id(request.command_id)})
        try:
            authority = await self.rooms.create(sealed)
        except ReusedCommandId:
            return error("bad_request", REUSED_ID)
        await self.fanout.follow(authority.code)
        room = authority.room
        assert isinstance(room, Room)
        reply = self._bind(sid, authority, Actor("facilitator"))
        return {
            **reply,
            "code": room.code,
            "facilitator_token": facilitator_token(room),
            "projector_token": projector_token(room),
        }

    async def join(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        request = JoinRequest.model_validate(data)
        if self._limited(sid):
            return error("rate_limited")
        authority = await self.rooms.get(request.code)
        await self.fanout.follow(authority.code)
        if isinstance(authority.room, Workshop):
            return await self.desk.join(sid, authority, request)
        if request.table_id is not None:
            return error("bad_request", "table_id is only for a workshop's code.")
        command_id = sealed_id(request.command_id)
        command = Join(type="join", name=request.name, command_id=command_id)
        try:
            outcome = await authority.handle(GUEST, command)
        finally:
            await self.send(authority)
        player_id = str(outcome.result["player_id"])
        assert isinstance(authority.room, Room)
        seated = authority.room.players[player_id].name
        if outcome.duplicate and _folded(seated) != _folded(command.name):
            self._fail(sid)  # someone else's id: count it like a wrong token
            return error("bad_request", REUSED_ID)
        reply = self._bind(sid, authority, Actor("player", player_id))
        return {**reply, "token": player_token(authority.room, player_id)}

    async def enter(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        request = EnterRequest.model_validate(data)
        if self._limited(sid):
            return error("rate_limited")
        authority = await self.rooms.get(request.code)
        await self.fanout.follow(authority.code)
        try:
            await authority.catch_up()
        finally:
            await self.send(authority)
        actor = identify(authority.room, request.token)
        if actor is None:
            self._fail(sid)
            return error("bad_token")
        if isinstance(authority.room, Workshop):
            return await self.desk.enter(sid, authority, actor, request.version)
        if actor.player_id is not None and not authority.room.players[actor.player_id].active:
            rejoin = Rejoin(type="rejoin", command_id=f"rejoin-{new_id()}")
            try:
                await authority.handle(actor, rejoin)
            finally:
                await self.send(authority)
        return self._bind(sid, authority, actor, request.version)

    async def command(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        binding = self.connections.get(sid)
        if binding is None:
            return error("not_in_room")
        # Who may give which command is the rules': the rule records say which roles send
        # commands at all (``may_send``: not the projector, refused here before the line is
        # touched) and which event carries each (``Rule.event``: join has its own).
        # Whether this sender may give it now is decided in the line on the sender's role
        # as of the room then (a removal or hand-over may have changed it).
        authority = await self.rooms.get(binding.code)
        if not may_send(authority.room, binding.actor.role):
            return error("not_allowed", "This connection may not send commands.")
        cmd = validate(authority.room, data)
        if (event := carried_by(authority.room, cmd.type)) != "command":
            return error("not_allowed", f"Use the {event} event to {event} a room.")
        key: tuple[str, int] | None = None
        try:
            outcome = await authority.handle(binding.actor, cmd)
            if outcome.adopted is not None and self._wants_own_in_ack(sid):
                # Nothing awaited since the version was adopted, so whoever sends it
                # (this call's ``send`` or one already running) finds the sender here.
                key = (authority.code, outcome.version)
                self._senders[key] = sid
            if isinstance(authority.room, Workshop):
                # Carried before the workshop's version is sent or published: whoever
                # learns of a new seat or of the plenary finds that room made and
                # themselves seated in it, on this process or any other.
                await self.desk.carried(authority, outcome.adopted)
        finally:
            await self.send(authority)
        own = None
        if key is not None:
            self._senders.pop(key, None)
            own = self._own_updates.pop(key, None)
        if cmd.type == "leave" and not outcome.duplicate:
            self._unbind(sid)
        reply = ok(version=outcome.version, result=outcome.result, duplicate=outcome.duplicate)
        if own is not None:
            reply["update"] = own
        return reply

    def _wants_own_in_ack(self, sid: str) -> bool:
        """Whether this connection takes its own commands' ops in the ack, not as an
        ``update`` (docs/protocol.md, "Own updates in the acknowledgement")."""
        wanted = self._own_in_ack.get(sid)
        if wanted is None:
            environ = self.sio.get_environ(sid)
            if environ is None:
                return False  # gone: not remembered, as its disconnect has been handled
            query = parse_qs(str(environ.get("QUERY_STRING", "")))
            wanted = self._own_in_ack[sid] = query.get("own") == ["ack"]
        return wanted

    # -- binding a connection to a room -------------------------------------------------------

    def _bind(
        self, sid: str, authority: RoomAuthority, actor: Actor, since: int | None = None
    ) -> dict[str, Any]:
        """Put the connection in its audience groups and give it the room as it is now.

        Nothing awaits between reading the room and joining the groups, so no update can
        fall in between; a client ignores updates at or below the version it was given.
        Raises ConnectionGone if the connection closed while the request was waiting.
        """
        if not self.sio.manager.is_connected(sid, "/"):
            raise ConnectionGone(sid)
        previous = self.connections.bind(sid, authority.code, actor)
        manager = self.sio.manager
        if previous is not None:
            for group in audiences.groups(previous.code, previous.actor):
                manager.basic_leave_room(sid, "/", group)
        for group in audiences.groups(authority.code, actor):
            manager.basic_enter_room(sid, "/", group)
        self.presence.bound(sid, audiences.Binding(authority.code, actor))
        viewer = audiences.viewer(actor)
        reply = ok(
            role=actor.role,
            player_id=actor.player_id,
            version=authority.version,
            server_time=now_ms(),
        )
        missed = authority.versions_since(since) if since is not None else None
        ops = (
            [updates(v.previous, v.room, list(v.events), viewer) for v in missed]
            if missed is not None
            and not any(e["type"] in ROLE_EVENTS for v in missed for e in v.events)
            else None
        )
        if missed is not None and ops is not None and all(o is not None for o in ops):
            reply["updates"] = [
                {"version": v.version, "ops": o} for v, o in zip(missed, ops, strict=True)
            ]
        else:
            reply["view"] = view(authority.room, viewer)
        return reply

    def _unbind(self, sid: str) -> None:
        binding = self.connections.unbind(sid)
        self.presence.unbound(binding)
        if binding is not None:
            for group in audiences.groups(binding.code, binding.actor):
                self.sio.manager.basic_leave_room(sid, "/", group)

    # -- after the store was unreachable ----------------------------------------------------

    def _recover_later(self, sid: str, data: dict[str, Any]) -> None:
        """Make sure a write whose outcome is unknown reaches every client.

        A write that timed out may still have been stored (a paused Redis runs it when it
        resumes). Nobody would hear of it until the room's next version, so once the store
        answers again this process catches the room up, which sends the version to its
        own clients and publishes it for the other processes (``send``).
        """
        binding = self.connections.get(sid)
        code = binding.code if binding else normalise_code(str(data.get("code", "")))
        authority = self.rooms.cached(code)
        if authority is None or code in self._recovering:
            return
        task = asyncio.create_task(self._recover(authority))
        self._recovering[code] = task
        task.add_done_callback(lambda _: self._recovering.pop(code, None))

    async def _recover(self, authority: RoomAuthority) -> None:
        answered = 0
        for _ in range(RECOVERY_ATTEMPTS):
            await asyncio.sleep(RECOVERY_INTERVAL)
            try:
                # Asked outside the room's line, so while the store is still unreachable
                # this waiting never holds up the room's commands.
                stored = await authority.store.current_version(authority.code)
                if stored > authority.version:
                    try:
                        await authority.catch_up()
                    finally:
                        await self.send(authority)
            except StoreError:
                continue
            answered += 1
            if answered == 2:  # a request Redis had buffered may run just after it resumes
                return

    # -- broadcasting ---------------------------------------------------------------------

    async def send(self, authority: RoomAuthority) -> None:
        """Send every version the room adopted and nobody sent yet, in version order.

        Called by whoever made the room move (a command, a catch-up, a received entry),
        after the room's line was released. One room's versions go out under its
        ``outbox.sending`` lock, so they leave in order whichever caller takes them.

        A version found in the store is published too, not only one stored here: the
        process that stored it may have died before publishing (its write timed out and
        landed later), and then only the processes that happen to catch up would ever
        hear of it. Receivers drop versions they have, so a repeat costs one message."""
        async with authority.outbox.sending:
            while adopted := authority.outbox.take():
                for version in adopted:
                    try:
                        if self.metrics is not None:
                            self.metrics.adopted(version.source, version.entry)
                        if version.source != "peer":
                            await self.fanout.publish(authority.code, version.entry)
                        await self.broadcast(authority, version)
                        if isinstance(version.room, Room) and version.room.workshop is not None:
                            self.overview.moved(authority.code, version.room)
                    except Exception:
                        # Stored is stored: a failed fan-out must not undo or fail the
                        # version; clients notice the gap and resume.
                        log.exception("fan-out of %s v%d failed", authority.code, version.version)

    async def deliver(self, code: str, entry: Entry | None) -> None:
        """An entry stored by another process (None: catch up, messages may be lost)."""
        authority = self.rooms.cached(code)
        if authority is None:
            return
        try:
            if entry is None:
                await authority.catch_up()
            else:
                await authority.receive(entry)
        finally:
            await self.send(authority)

    async def broadcast(self, authority: RoomAuthority, adopted: AdoptedVersion) -> None:
        """Send every local audience of the room its own updates for one new version.

        Each audience's message is encoded once, and only if it has a connection here.
        """
        if isinstance(adopted.room, Workshop):
            await self.desk.broadcast(authority, adopted)
            if any(e["type"] in ROLE_EVENTS for e in adopted.events):
                await self._roles_changed(authority)
            return
        code = authority.code
        sender = self._senders.pop((code, adopted.version), None)
        # A projector that binds while this version is being sent is given the room as of
        # this version or later, so it misses nothing when none was here to compute for.
        projectors = audiences.projectors(code)
        any_projector = self._has(projectors)
        ops = audience_updates(adopted.room, list(adopted.events), any_projector)
        now = now_ms()
        own = self.connections.get(sender) if sender is not None else None
        echo: set[str] = set()
        if sender is not None and own is not None and own.code == code:
            # The sender is sent its ops in its ack instead (``command``).
            echo.add(sender)
            self._own_updates[(code, adopted.version)] = {
                "version": adopted.version,
                "ops": ops.for_viewer(audiences.viewer(own.actor)),
                "server_time": now,
            }

        async def send(audience_ops: list[Any], group: str, skip: Collection[str] = ()) -> None:
            message = {"version": adopted.version, "ops": audience_ops, "server_time": now}
            await send_to_group(self.sio, "update", message, group, skip)

        await send(ops.facilitator, audiences.facilitators(code), echo)
        if any_projector:
            await send(ops.projector, projectors, echo)  # the host, while a player steers
        skip = {
            sid
            for sid in (self.connections.in_room(code) if ops.personal else ())
            if (b := self.connections.get(sid)) is not None and b.actor.player_id in ops.personal
        }
        await send(ops.player, audiences.players(code), skip | echo)
        for player_id, personal_ops in ops.personal.items():
            await send(personal_ops, audiences.player(code, player_id), echo)
        if any(e["type"] in ROLE_EVENTS for e in adopted.events):
            await self._roles_changed(authority)

    def _has(self, group: str) -> bool:
        """Whether a connection of this process is in ``group`` now."""
        return bool(self.sio.manager.rooms.get(NAMESPACE, {}).get(group))

    async def _roles_changed(self, authority: RoomAuthority) -> None:
        """Move connections whose role changed; tell those who lost access."""
        for sid in self.connections.in_room(authority.code):
            binding = self.connections.get(sid)
            if binding is None:
                continue
            actor = current_role(authority.room, binding.actor)
            if actor == binding.actor:
                continue
            if actor.role == "guest":
                self._unbind(sid)
                reason = "removed" if binding.actor.player_id else "facilitation_handed_over"
                room = authority.room
                moved = binding.actor.player_id
                if isinstance(room, Room) and moved is not None and moved in room.players:
                    if room.players[moved].moved_to is not None:
                        reason = "moved"  # to another table of the workshop: enter it anew
                await self.sio.emit("left_room", {"code": authority.code, "reason": reason}, to=sid)
            else:
                try:
                    reply = self._bind(sid, authority, actor)
                except ConnectionGone:
                    continue
                await self.sio.emit(
                    "snapshot",
                    {
                        "version": reply["version"],
                        "role": actor.role,
                        "view": reply["view"],
                        "server_time": reply["server_time"],
                    },
                    to=sid,
                )
