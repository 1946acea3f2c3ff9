"""Who is who in a room: tokens and the roles they grant.

Tokens are HMACs of the room's secret, so nothing secret is stored besides that one key,
and a resent ``join`` can be answered with the same token. The room code alone grants
nothing beyond joining as a new player.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from .model import Room

Role = Literal["facilitator", "player", "projector", "guest", "host", "workshop", "participant"]
"""``host``: the facilitator token while a player steers: it may only ``take_back``.
``workshop``: the workshop's facilitator acting at one of its tables through the server
(``rules/workshop/carry.py``); no token maps to it. ``participant``: a workshop's
participant at the workshop (not at a table, where they are a ``player``)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sends a command or looks at a view: the role a token grants, and the player
    seat if any."""

    role: Role
    player_id: str | None = None

    @property
    def sees_all(self) -> bool:
        """The facilitator's view hides nothing (see ``views``)."""
        return self.role == "facilitator"

    @property
    def key(self) -> str:
        """Scope for command ids, so one sender cannot collide with another's ids."""
        return self.player_id or self.role


GUEST = Actor("guest")
HOST = Actor("host")
WORKSHOP = Actor("workshop")

Viewer = Actor
"""The same type under the name the views use: who looks is who may act, so a hand-over
or a removal changes both at once."""


def mac(secret: str, subject: str) -> str:
    """The HMAC every token is made of: ``subject`` signed with a room's (or workshop's)
    secret."""
    digest = hmac.new(secret.encode(), subject.encode(), hashlib.sha256).digest()
    return digest[:18].hex()


def _mac(room: Room, subject: str) -> str:
    return mac(room.secret, subject)


def facilitator_token(room: Room) -> str:
    """The host's token. It stays the same for the room's life: a hand-over does not end
    it, so the host can always take steering back (``take_back``)."""
    return f"f0.{_mac(room, 'facilitator:0')}"


def _host_token(room: Room, token: str) -> bool:
    """A facilitator token of this room. Rooms stored before steering could be taken back
    counted hand-overs in their tokens (``f<generation>``); every one of those is the
    host's too."""
    generation, _, _mac_part = token[1:].partition(".")
    if not generation.isdigit() or len(generation) > 6:
        return False
    g = int(generation)
    if g > room.facilitator_generation:
        return False
    return hmac.compare_digest(token, f"f{g}.{_mac(room, f'facilitator:{g}')}")


def projector_token(room: Room) -> str:
    return f"v.{_mac(room, 'projector')}"


def player_token(room: Room, player_id: str) -> str:
    return f"p.{player_id}.{_mac(room, f'player:{player_id}')}"


def identify(room: Room, token: str) -> Actor | None:
    """The actor a token stands for now, or None for a forged, stale or revoked token."""
    if token.startswith("p."):
        player_id = token[2:].rsplit(".", 1)[0]
        player = room.players.get(player_id)
        if player is None or player.removed:
            return None
        if not hmac.compare_digest(token, player_token(room, player_id)):
            return None
        role: Role = "facilitator" if room.facilitator_player_id == player_id else "player"
        return Actor(role, player_id)
    if token.startswith("v.") and hmac.compare_digest(token, projector_token(room)):
        return Actor("projector")
    if token.startswith("f") and _host_token(room, token):
        return Actor("facilitator") if room.facilitator_player_id is None else HOST
    return None


def current_role(room: Room, actor: Actor) -> Actor:
    """The actor's role as of this room state (a hand-over or removal changes it)."""
    if actor.role == "workshop":
        return actor
    if actor.player_id is None:
        if actor.role in ("facilitator", "host"):
            return Actor("facilitator") if room.facilitator_player_id is None else HOST
        return actor
    player = room.players.get(actor.player_id)
    if player is None or player.removed:
        return GUEST
    role: Role = "facilitator" if room.facilitator_player_id == actor.player_id else "player"
    return Actor(role, actor.player_id)
