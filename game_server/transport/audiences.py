"""Which Socket.IO rooms a connection sits in, and what each audience is sent.

Per game room there is one group per kind of viewer: the facilitator, the projector and
all players, plus one group per player for what only that player may see (their own
hidden pawn, ``mine`` on their anonymous post-its). Updates are computed once per group.

The groups live in this process only (the fan-out between processes is per room, not per
group), so their names can change freely. They spell out the role: the projector's token
starts with ``v.`` (``rules/access.py``), a name kept because tokens already handed out
and stored in browsers must keep working, but a group has no such reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..rules import Actor, Viewer


@dataclass(frozen=True, slots=True)
class Binding:
    code: str
    actor: Actor


def facilitators(code: str) -> str:
    return f"{code}/facilitator"


def projectors(code: str) -> str:
    return f"{code}/projector"


def players(code: str) -> str:
    return f"{code}/players"


def player(code: str, player_id: str) -> str:
    return f"{code}/player/{player_id}"


def groups(code: str, actor: Actor) -> list[str]:
    if actor.role == "facilitator":
        return [facilitators(code)]
    if actor.role == "projector" or actor.role == "host":
        # The host, while a player steers, sees what the projector shows (``take_back``).
        return [projectors(code)]
    if actor.role in ("player", "participant") and actor.player_id is not None:
        # A workshop's participant: their view is their own, so only their own group is
        # sent to; ``players`` lets presence count them as any room's players.
        return [players(code), player(code, actor.player_id)]
    return []


def viewer(actor: Actor) -> Viewer:
    return Viewer(actor.role, actor.player_id)


class Connections:
    """This process's connections and the game room each one is bound to."""

    def __init__(self) -> None:
        self.by_sid: dict[str, Binding] = {}
        self.by_room: dict[str, set[str]] = defaultdict(set)

    def bind(self, sid: str, code: str, actor: Actor) -> Binding | None:
        previous = self.unbind(sid)
        self.by_sid[sid] = Binding(code, actor)
        self.by_room[code].add(sid)
        return previous

    def unbind(self, sid: str) -> Binding | None:
        binding = self.by_sid.pop(sid, None)
        if binding is not None:
            sids = self.by_room.get(binding.code)
            if sids is not None:
                sids.discard(sid)
                if not sids:
                    del self.by_room[binding.code]
        return binding

    def get(self, sid: str) -> Binding | None:
        return self.by_sid.get(sid)

    def in_room(self, code: str) -> list[str]:
        return sorted(self.by_room.get(code, ()))
