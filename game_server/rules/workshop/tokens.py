"""Who is who in a workshop, and the keys of its tables.

Like a room's tokens (``rules/access.py``) these are HMACs of the workshop's secret. A
table's secret is derived from the workshop's, so the workshop's views can hand out a
table's tokens without loading the table, and nothing else secret is stored. A
participant's workshop token (``w.``) opens the workshop, never a table: at a table they
use that table's player token, which the workshop hands them for the table they sit at.
"""

from __future__ import annotations

import hmac

from ..access import GUEST, Actor, mac
from .model import Workshop


def table_secret(workshop: Workshop, table_id: str) -> str:
    """``HMAC(workshop secret, "table:" + table_id)`` (144 bits)."""
    return mac(workshop.secret, f"table:{table_id}")


def facilitator_token(workshop: Workshop) -> str:
    return f"f0.{mac(workshop.secret, 'facilitator:0')}"


def projector_token(workshop: Workshop) -> str:
    return f"v.{mac(workshop.secret, 'projector')}"


def participant_token(workshop: Workshop, participant_id: str) -> str:
    return f"w.{participant_id}.{mac(workshop.secret, f'participant:{participant_id}')}"


def table_facilitator_token(workshop: Workshop, table_id: str) -> str:
    """The table room's ``f0.`` token (``access.facilitator_token`` of that room)."""
    return f"f0.{mac(table_secret(workshop, table_id), 'facilitator:0')}"


def table_projector_token(workshop: Workshop, table_id: str) -> str:
    return f"v.{mac(table_secret(workshop, table_id), 'projector')}"


def table_player_token(workshop: Workshop, table_id: str, participant_id: str) -> str:
    """The table room's ``p.`` token for this participant (``access.player_token``)."""
    subject = f"player:{participant_id}"
    return f"p.{participant_id}.{mac(table_secret(workshop, table_id), subject)}"


def identify(workshop: Workshop, token: str) -> Actor | None:
    """The actor a workshop token stands for, or None (forged, or a removed participant)."""
    if token.startswith("w."):
        participant_id = token[2:].rsplit(".", 1)[0]
        participant = workshop.participants.get(participant_id)
        if participant is None or participant.removed:
            return None
        if not hmac.compare_digest(token, participant_token(workshop, participant_id)):
            return None
        return Actor("participant", participant_id)
    if token.startswith("v.") and hmac.compare_digest(token, projector_token(workshop)):
        return Actor("projector")
    if token.startswith("f0.") and hmac.compare_digest(token, facilitator_token(workshop)):
        return Actor("facilitator")
    return None


def current_role(workshop: Workshop, actor: Actor) -> Actor:
    """A removed participant is a guest from then on."""
    if actor.role != "participant" or actor.player_id is None:
        return actor
    participant = workshop.participants.get(actor.player_id)
    if participant is None or participant.removed:
        return GUEST
    return actor
