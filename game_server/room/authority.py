"""One room's single line of commands.

``handle`` runs one command at a time per room: decide (pure rules), append the entry to
the store with a versioned compare-and-set, and only then adopt the new state and answer.
If another process appended first (VersionConflict), the room catches up from the store
and decides again. A resent command (same sender, same command id) gets the answer it got
the first time and is not applied again.

Every version the room moves through - committed here, found in the store by a catch-up,
or received from another process (``receive``) - is passed to ``on_step`` once, in order,
while the line is held, with where it came from (``Source``). That is where the transport
fans updates out to this process's own connections, so each process serves its clients
the same sequence of versions whichever process stored them.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..rules import (
    Accepted,
    Actor,
    Command,
    Context,
    Event,
    Refusal,
    Room,
    current_role,
    decide,
    fold,
)
from ..stores.base import Entry, RoomStore, StoreError, VersionConflict
from .anonymity import FORGOTTEN, forgotten
from .applied import Applied
from .clock import new_id, now_ms

log = logging.getLogger(__name__)

RECENT = 32
"""How many recent versions a room keeps in memory to answer a short resume with updates.

Enough for a laptop that was away for a few seconds during a burst; after a longer gap a
client gets a fresh view, which costs about the same to send. Each kept version holds
the room as it was (2-3 KB a version, as rooms share what did not change), so this bound
is most of a busy room's memory."""
MAX_CONFLICT_RETRIES = 20


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a handled command did. ``events`` is empty for a no-op or a duplicate."""

    version: int
    result: dict[str, Any]
    events: list[Event]
    before: Room
    room: Room
    duplicate: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """One version of the room, kept for resuming clients: its events and the room after."""

    version: int
    events: list[Event]
    room: Room


Source = Literal["here", "store", "peer"]
"""Where a version came from: stored by this process, found in the store by a catch-up
(stored by a process that may have died before telling anyone), or heard from another
process through the fan-out."""

StepListener = Callable[["RoomAuthority", Step, Entry, Source], Awaitable[None]]
"""``(authority, step, entry, source)``: called for every new version, in order."""


@dataclass
class RoomAuthority:
    code: str
    store: RoomStore
    room: Room
    version: int
    applied: Applied = field(default_factory=Applied)
    recent: deque[Step] = field(default_factory=lambda: deque(maxlen=RECENT))
    clock: Callable[[], int] = now_ms
    ids: Callable[[], str] = new_id
    on_step: StepListener | None = None
    _line: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def busy(self) -> bool:
        """Whether a command, catch-up or received entry is being handled right now."""
        return self._line.locked()

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
            authority.applied.remember(entry.command_key, entry.version, dict(entry.result))
        return authority

    async def _forget_authors(self, entries: list[Entry] | None = None) -> list[Entry]:
        """Rewrite the stored entries that still name an anonymous post-it's author (see
        anonymity.py); what was rewritten, or nothing if the store could not do it now."""
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

    async def _advance(self, entry: Entry, room: Room, source: Source) -> Step:
        """Adopt one new version and tell ``on_step``; the line is held by the caller."""
        self.room, self.version = room, entry.version
        self.applied.remember(entry.command_key, entry.version, dict(entry.result))
        if any(e["type"] == FORGOTTEN for e in entry.events):
            # Whichever process stores or hears of the closing entry makes sure (doing it
            # twice is harmless); when this process stored it, before its answer.
            await self._forget_authors()
        step = Step(entry.version, list(entry.events), room)
        self.recent.append(step)
        if self.on_step is not None:
            try:
                await self.on_step(self, step, entry, source)
            except Exception:
                # Stored is stored: a failed fan-out must not undo or fail the version;
                # clients notice the gap and resume.
                log.exception("fan-out of %s v%d failed", self.code, entry.version)
        return step

    async def handle(
        self,
        actor: Actor,
        command: Command,
        on_commit: Callable[[Outcome], Awaitable[None]] | None = None,
    ) -> Outcome:
        """Apply one command; raises Refusal (nothing changed) or a StoreError.

        ``on_commit`` runs for a newly stored version while the room's line is still held,
        so broadcasts of successive versions go out in order.
        """
        key = f"{actor.key}:{command.command_id}"
        async with self._line:
            for _ in range(MAX_CONFLICT_RETRIES):
                answer = self.applied.get(key)
                if answer is not None:
                    version, result = answer
                    return Outcome(version, result, [], self.room, self.room, duplicate=True)
                # The sender's role as of the room now, not as of when the command arrived:
                # a removal or hand-over may have been stored meanwhile, here or by another
                # process (then the append conflicted and the room was caught up).
                sender = current_role(self.room, actor)
                try:
                    accepted = decide(self.room, command, Context(sender, self.clock(), self.ids()))
                except Refusal:
                    # Refuse only on the latest state: with several processes this copy may
                    # not have heard of a version another process stored a moment ago.
                    if await self._moved_on():
                        continue
                    raise
                if not accepted.events:
                    return Outcome(self.version, accepted.result, [], self.room, self.room)
                try:
                    outcome = await self._commit(key, accepted)
                except VersionConflict:
                    await self._catch_up()
                    continue
                if on_commit is not None:
                    try:
                        await on_commit(outcome)
                    except Exception:
                        # Stored is stored: a failed broadcast must not turn into an error
                        # reply; clients notice the version gap and resume.
                        log.exception("broadcast of %s v%d failed", self.code, outcome.version)
                return outcome
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

    async def _commit(self, key: str, accepted: Accepted) -> Outcome:
        entry = Entry(
            version=self.version + 1,
            command_key=key,
            events=accepted.events,
            at=self.clock(),
            result=accepted.result,
        )
        await self.store.append(self.code, entry)
        before = self.room
        await self._advance(entry, accepted.room, "here")
        return Outcome(entry.version, accepted.result, accepted.events, before, accepted.room)

    def steps_since(self, version: int) -> list[Step] | None:
        """The versions after ``version``, or None when they are no longer all in memory."""
        if version == self.version:
            return []
        if version > self.version or not self.recent or self.recent[0].version > version + 1:
            return None
        return [s for s in self.recent if s.version > version]
