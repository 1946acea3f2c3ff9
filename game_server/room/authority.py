"""One room's single line of commands (or one workshop's: a line holds either, see
``rules/line.py``; everything below reads "room" for both).

``handle`` runs one command at a time per room: decide (pure rules), append the entry to
the store with a versioned compare-and-set, and only then adopt the new state and answer.
If another process appended first (VersionConflict), the room catches up from the store
and decides again. A resent command (same sender, same command id) gets the answer it got
the first time and is not applied again.

Every version the room moves through - committed here, found in the store by a catch-up,
or received from another process (``receive``) - is put in the room's ``outbox`` once, in
order, while the line is held, with where it came from (``Source``). The room calls nothing
outside itself: whoever asked it to move (the transport) takes the versions out of the
outbox afterwards and sends them to its own connections, so each process serves its
clients the same sequence of versions whichever process stored them.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..rules import Actor, Command, Context, Event, Refusal
from ..rules.line import State, current_role, decide, fold
from ..stores.base import Entry, RoomStore, StoreError, VersionConflict
from ..stores.codec import decode_entry, encode_entry
from .anonymity import CLOSING, forgotten
from .applied import Applied
from .clock import new_id, new_room_code, now_ms

log = logging.getLogger(__name__)

RECENT = 32
"""How many recent versions (at least) a room keeps in memory to answer a short resume
with updates.

Enough for a laptop that was away for a few seconds during a burst; after a longer gap a
client gets a fresh view, which costs about the same to send. The room keeps these
versions' entries and the room as it was at two anchors (``Recent``), not the room after
every version: each post-it's version held its own copy of the growing post-it table, most
of a busy room's memory."""
MAX_CONFLICT_RETRIES = 20
OUTBOX_LIMIT = 1024
"""Versions a room keeps for sending; far more than a burst adopts while one is sent."""


Source = Literal["here", "store", "peer"]
"""Where a version came from: stored by this process, found in the store by a catch-up
(stored by a process that may have died before telling anyone), or heard from another
process through the fan-out."""


@dataclass(frozen=True, slots=True)
class AdoptedVersion:
    """One version this room moved to: the stored entry, the room after it, and where it
    came from. Kept for resuming clients (``recent``) and queued for sending (``outbox``)."""

    entry: Entry
    room: State
    source: Source
    previous: State | None = None
    """The state before this version, when known: a workshop's views are updated by
    comparing the two (``rules/workshop/views.py``)."""

    @property
    def version(self) -> int:
        return self.entry.version

    @property
    def events(self) -> Sequence[Event]:
        return self.entry.events


class Recent:
    """The entries of a room's recent versions and where to fold them from.

    ``anchor`` is the room at one version, ``entries`` every entry after it; folding them
    from the anchor gives the room after each of them, exactly as it was (folding is how a
    room is rebuilt from the store anyway). Once ``RECENT`` more versions came after the
    next anchor it becomes the anchor and the entries before it go: between ``RECENT`` and
    ``2 * RECENT`` versions are kept, with two rooms instead of one per version. The
    rooms are worked out only when a client resumes.

    Each entry is kept as the text the store and the fan-out keep it as (``encode_entry``),
    not as its Python objects: a version's event dicts, list, result dict and key were
    ~720 bytes beyond what the room shares with them, its text ~350 (``python -m
    bench.room_memory``: a room of 8 after 10 cards 188 -> 172 KB). It costs an encoding
    per version (~5 us) and a decoding per resumed version; decoding gives the entry as a
    catch-up from the store would (a tuple comes back as a list), so the rooms folded
    from it are the same."""

    def __init__(self, version: int, room: State) -> None:
        self.anchor: tuple[int, State] = (version, room)
        self.next_anchor: tuple[int, State] | None = None
        self.entries: deque[tuple[int, str]] = deque()
        """(version, encoded entry), oldest first."""

    def add(self, entry: Entry, room: State) -> None:
        """``entry`` was adopted; ``room`` is the room after it."""
        self.entries.append((entry.version, encode_entry(entry)))
        if self.next_anchor is None:
            if entry.version - self.anchor[0] >= RECENT:
                self.next_anchor = (entry.version, room)
            return
        if entry.version - self.next_anchor[0] >= RECENT:
            self.anchor, self.next_anchor = self.next_anchor, (entry.version, room)
            while self.entries and self.entries[0][0] <= self.anchor[0]:
                self.entries.popleft()

    def since(self, version: int) -> list[AdoptedVersion] | None:
        """The versions after ``version``, each with the room after it and before it; None
        when ``version`` is older than the anchor."""
        base, room = self.anchor
        if version < base:
            return None
        out = []
        for _, encoded in self.entries:
            entry = decode_entry(encoded)
            previous = room
            for event in entry.events:
                room = fold([event], room)
            if entry.version > version:
                out.append(AdoptedVersion(entry, room, "here", previous))
        return out


@dataclass(frozen=True, slots=True)
class Answer:
    """What the sender of a handled command is told.

    Not an ``AdoptedVersion``: a duplicate or a no-op is answered without adopting a
    version, and most adopted versions (found in the store, heard from a peer) answer no
    one here. ``adopted`` is the version this command made, if it made one."""

    version: int
    result: dict[str, Any]
    duplicate: bool = False
    adopted: AdoptedVersion | None = None


class Outbox:
    """The versions a room adopted that the transport has not sent yet, in order.

    The room only adds (under its line); the transport takes them out while holding
    ``sending``, so two callers never send one room's versions out of order, and every
    version is sent by the first caller that takes the outbox after it was adopted.

    Bounded, so a caller that moved a room and never sent (a bug) costs clients a resume,
    not the process its memory: the oldest unsent version is dropped, as a failed fan-out
    would drop it, and clients notice the gap."""

    def __init__(self, limit: int = OUTBOX_LIMIT) -> None:
        self._pending: deque[AdoptedVersion] = deque()
        self._limit = limit
        self.sending = asyncio.Lock()

    def put(self, version: AdoptedVersion) -> None:
        if len(self._pending) >= self._limit:
            dropped = self._pending.popleft()
            log.warning("v%d dropped from a full outbox: nobody sent it", dropped.version)
        self._pending.append(version)

    def take(self) -> list[AdoptedVersion]:
        taken = list(self._pending)
        self._pending.clear()
        return taken

    def __len__(self) -> int:
        return len(self._pending)


@dataclass
class RoomAuthority:
    code: str
    store: RoomStore
    room: State
    version: int
    applied: Applied = field(default_factory=Applied)
    outbox: Outbox = field(default_factory=Outbox)
    clock: Callable[[], int] = now_ms
    ids: Callable[[], str] = new_id
    codes: Callable[[], str] = new_room_code
    """A fresh room code for a table a workshop command opens (size mode)."""
    _line: asyncio.Lock = field(default_factory=asyncio.Lock)
    recent: Recent = field(init=False)

    def __post_init__(self) -> None:
        self.recent = Recent(self.version, self.room)

    @property
    def busy(self) -> bool:
        """Whether a command, catch-up or received entry is being handled right now, or
        versions it adopted are still to be sent."""
        return self._line.locked() or self.outbox.sending.locked() or len(self.outbox) > 0

    @classmethod
    async def load(cls, code: str, store: RoomStore) -> RoomAuthority:
        entries = await store.load(code)
        room = fold(e for entry in entries for e in entry.events)
        authority = cls(code=code, store=store, room=room, version=entries[-1].version)
        # A closed anonymous room whose rewrite was interrupted (a crash, the store away)
        # is rewritten now; until then nothing but the store had the old entries.
        rewritten = {e.version: e for e in await authority._forget_authors(entries)}
        for entry in entries:
            entry = rewritten.get(entry.version, entry)
            authority.applied.remember(entry.command_key, entry.version, entry.result)
        return authority

    async def _forget_authors(self, entries: list[Entry] | None = None) -> list[Entry]:
        """Rewrite the stored entries that still name an anonymous post-it's author or a
        voter (see anonymity.py); what was rewritten, or nothing if the store could not do
        it now."""
        try:
            rewritten = forgotten(
                entries if entries is not None else await self.store.load(self.code)
            )
            await self.store.rewrite(self.code, rewritten)
        except StoreError:
            log.exception("room %s: could not forget the authors of its post-its yet", self.code)
            return []
        return rewritten

    async def catch_up(self) -> None:
        """Fold in entries other processes appended since this process last looked."""
        async with self._line:
            await self._catch_up()

    async def receive(self, entry: Entry) -> None:
        """Fold in an entry another process stored (a fan-out message).

        Older versions are ignored; a gap (a message was missed) is filled from the store.
        """
        async with self._line:
            if entry.version <= self.version:
                return
            if entry.version == self.version + 1:
                room = self.room
                for event in entry.events:
                    room = fold([event], room)
                await self._advance(entry, room, "peer")
            else:
                await self._catch_up()

    async def _catch_up(self) -> None:
        for entry in await self.store.read_since(self.code, self.version):
            room = self.room
            for event in entry.events:
                room = fold([event], room)
            await self._advance(entry, room, "store")

    async def _advance(self, entry: Entry, room: State, source: Source) -> AdoptedVersion:
        """Adopt one new version and queue it for sending; the line is held by the caller."""
        previous = self.room
        self.room, self.version = room, entry.version
        self.applied.remember(entry.command_key, entry.version, entry.result)
        if any(e["type"] in CLOSING for e in entry.events):
            # Whichever process stores or hears of the closing entry makes sure (doing it
            # twice is harmless); when this process stored it, before its answer.
            await self._forget_authors()
        adopted = AdoptedVersion(entry, room, source, previous)
        self.recent.add(entry, room)
        self.outbox.put(adopted)
        return adopted

    async def handle(self, actor: Actor, command: Command) -> Answer:
        """Apply one command; raises Refusal (nothing changed) or a StoreError.

        The versions adopted meanwhile (this command's, and any a catch-up found) are in
        ``outbox`` for the caller to send."""
        key = f"{actor.key}:{command.command_id}"
        async with self._line:
            for _ in range(MAX_CONFLICT_RETRIES):
                answer = self.applied.get(key)
                if answer is not None:
                    version, result = answer
                    return Answer(version, result, duplicate=True)
                # The sender's role as of the room now, not as of when the command arrived:
                # a removal or hand-over may have been stored meanwhile, here or by another
                # process (then the append conflicted and the room was caught up).
                sender = current_role(self.room, actor)
                try:
                    context = Context(sender, self.clock(), self.ids())
                    accepted = decide(self.room, command, context, self.codes)
                except Refusal:
                    # Refuse only on the latest state: with several processes this copy may
                    # not have heard of a version another process stored a moment ago.
                    if await self._moved_on():
                        continue
                    raise
                if not accepted.events:
                    return Answer(self.version, accepted.result)
                try:
                    return await self._commit(key, accepted)
                except VersionConflict:
                    await self._catch_up()
                    continue
            raise VersionConflict(self.code, self.version + 1, self.version)

    async def _moved_on(self) -> bool:
        """Catch up from the store; True if the room was behind. A store that cannot answer
        counts as no news (the refusal stands, as it would have on one process)."""
        before = self.version
        try:
            await self._catch_up()
        except StoreError:
            return False
        return self.version != before

    async def _commit(self, key: str, accepted: Any) -> Answer:
        entry = Entry(
            version=self.version + 1,
            command_key=key,
            events=accepted.events,
            at=self.clock(),
            result=accepted.result,
        )
        await self.store.append(self.code, entry)
        adopted = await self._advance(entry, accepted.room, "here")
        return Answer(entry.version, accepted.result, adopted=adopted)

    def versions_since(self, version: int) -> list[AdoptedVersion] | None:
        """The versions after ``version``, or None when they are no longer all in memory."""
        if version == self.version:
            return []
        if version > self.version:
            return None
        return self.recent.since(version)
