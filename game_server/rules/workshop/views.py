"""What each role sees of a workshop: the facilitator, a participant, the projector.

Views are snapshots as a room's are (``rules/views.py``), and updates are ``set``/``del``
operations on them, folded by the same ``apply_ops``. A workshop's view is small (its
tables and participants, no game content), so ``updates`` compares the view before and
after a version instead of naming paths per event: correct by construction, and cheap at
a workshop's size. The tables' progress is not in these views: it is the overview
(``summary.table_summary``), sent apart from the workshop's versions.
"""

from __future__ import annotations

from typing import Any

from ..access import Viewer
from .model import Workshop
from .seating import has_room
from .tokens import (
    participant_token,
    table_facilitator_token,
    table_player_token,
    table_projector_token,
)

Op = list[Any]
KEYED = ("tables", "participants")
"""Sections whose entries are updated one by one."""


def _message(w: Workshop) -> dict[str, Any] | None:
    if not w.messages:
        return None
    m = w.messages[-1]
    return {"id": m.id, "text": m.text, "at": m.at}


def _common(w: Workshop, viewer: Viewer) -> dict[str, Any]:
    return {
        "kind": "workshop",
        "code": w.code,
        "title": w.title,
        "created_at": w.created_at,
        "me": {"role": viewer.role, "participant_id": viewer.player_id},
        "phase": w.phase,
        "seating": w.seating,
        "steering": w.steering,
        "message": _message(w),
        "language": w.options.language,
    }


def _names(w: Workshop, table_id: str) -> list[str]:
    return [p.name for p in w.seated_at(table_id)]


def _plenary(w: Workshop) -> dict[str, Any] | None:
    if w.plenary is None:
        return None
    return {"id": w.plenary.id, "name": w.plenary.name, "code": w.plenary.code}


def facilitator_view(w: Workshop) -> dict[str, Any]:
    return {
        **_common(w, Viewer("facilitator")),
        "tables_mode": w.tables_mode.as_dict(),
        "shown_table": w.shown_table,
        "options": w.options.model_dump(),
        "board": {"id": w.board.id, "kind": w.board.kind, "size": w.board.size},
        "cards_total": len(w.agenda),
        "tables": {
            t.id: {
                "id": t.id,
                "name": t.name,
                "code": t.code,
                "facilitator_token": table_facilitator_token(w, t.id),
                "projector_token": table_projector_token(w, t.id),
                "steered_by_facilitator": w.steered_by_facilitator(t.id),
                "taken_over": t.id in w.taken_over,
                "participants": [p.id for p in w.seated_at(t.id)],
            }
            for t in w.tables.values()
        },
        "participants": {
            p.id: {"id": p.id, "name": p.name, "table_id": p.table_id, "joined_at": p.joined_at}
            for p in w.present()
        },
        "messages": [{"id": m.id, "text": m.text, "at": m.at} for m in w.messages],
        "plenary": None
        if (plenary := _plenary(w)) is None
        else {
            **plenary,
            "facilitator_token": table_facilitator_token(w, plenary["id"]),
            "projector_token": table_projector_token(w, plenary["id"]),
        },
    }


def participant_view(w: Workshop, participant_id: str) -> dict[str, Any]:
    me = w.participants[participant_id]
    table = w.tables.get(me.table_id) if me.table_id is not None else None
    choosing = table is None and w.seating == "choose"
    return {
        **_common(w, Viewer("participant", participant_id)),
        "name": me.name,
        "token": participant_token(w, participant_id),
        "table": None
        if table is None
        else {
            "id": table.id,
            "name": table.name,
            "code": table.code,
            "token": table_player_token(w, table.id, participant_id),
        },
        # The tables to choose from, with who sits there, only while there is a choice.
        "tables": {
            t.id: {
                "id": t.id,
                "name": t.name,
                "players": _names(w, t.id),
                "full": not has_room(w, t.id),
            }
            for t in w.tables.values()
        }
        if choosing
        else {},
        # Every participant present takes part in the plenary, seated at a table or not
        # (up to a room's most players: ``Workshop.in_plenary``).
        "plenary": None
        if (plenary := _plenary(w)) is None or participant_id not in {p.id for p in w.in_plenary()}
        else {**plenary, "token": table_player_token(w, plenary["id"], participant_id)},
    }


def projector_view(w: Workshop) -> dict[str, Any]:
    shown = w.tables.get(w.shown_table) if w.shown_table is not None else None
    return {
        **_common(w, Viewer("projector")),
        "tables": {
            t.id: {"id": t.id, "name": t.name, "players": _names(w, t.id)}
            for t in w.tables.values()
        },
        "shown_table": None
        if shown is None
        else {
            "id": shown.id,
            "name": shown.name,
            "code": shown.code,
            "projector_token": table_projector_token(w, shown.id),
        },
        "plenary": None
        if (plenary := _plenary(w)) is None
        else {**plenary, "projector_token": table_projector_token(w, plenary["id"])},
    }


def view(w: Workshop, viewer: Viewer) -> dict[str, Any]:
    if viewer.role == "facilitator":
        return facilitator_view(w)
    if viewer.role == "participant" and viewer.player_id in w.participants:
        return participant_view(w, str(viewer.player_id))
    return projector_view(w)


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Op]:
    """The operations that turn one view into the other (``apply_ops``)."""
    ops: list[Op] = []
    for key in before.keys() - after.keys():
        ops.append(["del", [key]])
    for key, value in after.items():
        old = before.get(key)
        if old == value:
            continue
        if key in KEYED and isinstance(old, dict) and isinstance(value, dict):
            for entry in old.keys() - value.keys():
                ops.append(["del", [key, entry]])
            for entry, item in value.items():
                if old.get(entry) != item:
                    ops.append(["set", [key, entry], item])
        else:
            ops.append(["set", [key], value])
    return ops


def updates(before: Workshop, after: Workshop, viewer: Viewer) -> list[Op]:
    """The operations that bring ``viewer``'s view from ``before`` to ``after``."""
    if viewer.role == "participant" and viewer.player_id not in before.participants:
        return [["set", [k], v] for k, v in view(after, viewer).items()]
    return diff(view(before, viewer), view(after, viewer))
