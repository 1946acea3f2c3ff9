"""The rules of the leerklimaat game: pure functions, no I/O.

Read in this order: ``model`` (the state), ``commands`` (what clients may ask),
``decide`` (who may ask what, when, and what it causes), ``events`` (how facts change
the state), ``figures`` (what placements say) and ``views`` (who sees what).
"""

from .access import (
    GUEST,
    HOST,
    Actor,
    current_role,
    facilitator_token,
    identify,
    player_token,
    projector_token,
)
from .commands import COMMAND, Command, CreateRoom, RoomOptions
from .context import Accepted, Context
from .decide import RULES, decide
from .events import Event, evolve, fold
from .figures import card_figures, summary
from .model import Board, Card, Options, Room
from .opening import open_room
from .refusals import REASONS, Refusal
from .views import AudienceUpdates, Viewer, apply_ops, audience_updates, concerned, updates, view

__all__ = [
    "COMMAND",
    "GUEST",
    "HOST",
    "REASONS",
    "RULES",
    "Accepted",
    "Actor",
    "AudienceUpdates",
    "Board",
    "Card",
    "Command",
    "Context",
    "CreateRoom",
    "Event",
    "Options",
    "Refusal",
    "Room",
    "RoomOptions",
    "Viewer",
    "apply_ops",
    "audience_updates",
    "card_figures",
    "concerned",
    "current_role",
    "decide",
    "evolve",
    "facilitator_token",
    "fold",
    "identify",
    "open_room",
    "player_token",
    "projector_token",
    "summary",
    "updates",
    "view",
]
