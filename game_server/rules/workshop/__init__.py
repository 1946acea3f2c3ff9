"""A workshop: a room of rooms (issue #12). Pure, as the rest of ``rules``.

Read in this order: ``model`` (the state), ``events`` (its event table), ``rule`` (the
record of one workshop command), ``seats`` and ``steering`` (the commands), ``decide``,
``tokens`` (who is who; the tables' derived secrets), ``views`` (who sees what),
``summary`` (one table at a glance, for the overview), ``carry`` (what the workshop
asks of each table), and ``plenary`` with ``consensus`` (what the plenary room opens
with). The tables and the plenary themselves are ordinary rooms.
"""

from .carry import order_command, reconcile, reconcile_plenary
from .decide import COMMAND, RULES, WorkshopAccepted, decide
from .events import CREATED, created_event, fold
from .model import Participant, Table, TablesMode, Workshop
from .plenary import gather, open_plenary_room
from .rule import WorkshopContext
from .summary import table_summary
from .tokens import (
    facilitator_token,
    identify,
    participant_token,
    projector_token,
    table_player_token,
    table_secret,
)
from .views import updates, view

__all__ = [
    "COMMAND",
    "CREATED",
    "RULES",
    "Participant",
    "Table",
    "TablesMode",
    "Workshop",
    "WorkshopAccepted",
    "WorkshopContext",
    "created_event",
    "decide",
    "facilitator_token",
    "fold",
    "gather",
    "identify",
    "open_plenary_room",
    "order_command",
    "participant_token",
    "projector_token",
    "reconcile",
    "reconcile_plenary",
    "table_player_token",
    "table_secret",
    "table_summary",
    "updates",
    "view",
]
