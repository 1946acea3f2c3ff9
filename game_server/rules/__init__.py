"""The rules of the leerklimaat game: pure functions, no I/O.

Read in this order: ``model`` (the state), ``rule`` (the record of one command: schema,
who, phases, handler), a feature module such as ``post_its`` (its commands' records side by
side), ``decide`` (the records gathered into one table), ``events`` (the event table: how
each fact changes the state and which view paths it touches), ``figures`` (what placements
say) and ``views`` (who sees what). docs/architecture.md has the checklist for a new command.
"""

from .access import (
    GUEST,
    HOST,
    Actor,
    Viewer,
    current_role,
    facilitator_token,
    identify,
    player_token,
    projector_token,
)
from .commands import Command, CreateRoom
from .context import Accepted, Context
from .decide import COMMAND, RULES, SENDERS, carried_by, decide
from .events import Event, evolve, fold
from .figures import card_figures, summary
from .model import Board, Card, Options, Room
from .opening import open_room
from .refusals import REASONS, Refusal
from .views import AudienceUpdates, apply_ops, audience_updates, concerned, updates, view

__all__ = [
    "COMMAND",
    "GUEST",
    "HOST",
    "REASONS",
    "RULES",
    "SENDERS",
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
    "Viewer",
    "apply_ops",
    "audience_updates",
    "card_figures",
    "carried_by",
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
