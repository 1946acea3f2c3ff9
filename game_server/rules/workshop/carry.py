"""What a workshop asks of each of its tables: the table commands that bring a table's
room in line with the workshop. Pure; the server sends them (``room/carry.py``) as the
``workshop`` actor.

Two kinds:
- **reconciled**: who sits at the table, who steers it, the latest broadcast, the start.
  Worked out by comparing the workshop with the table's room as it is, so they are
  computed again (after a crash, on another process, on every workshop version) and
  give nothing once the table is as the workshop wants it.
- **orders** (a lockstep step, a timer, all to sort, clearing a call for help): one-time,
  recorded in the workshop with an id; each table's command id is made from that id, so a
  table answers a repeat from its memory of recent commands instead of stepping twice.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model import Room
from .model import Order, Workshop

Payload = dict[str, Any]


def reconcile(w: Workshop, table_id: str, room: Room, version: int) -> list[Payload]:
    """The commands that make ``room`` (the table ``table_id``) what ``w`` says, with
    command ids ``ws-v<version>-<table>-<digest>``: ``version`` is the workshop's version
    they answer and ``digest`` is the command's own, so two processes reconciling the same
    version send the same id for the same command, and never one id for two commands
    (their copies of the table may differ for a moment: a list position would pair one
    process's id with another command, and the table would take the second as a resend)."""
    wanted = {p.id: p for p in w.seated_at(table_id)}
    out: list[Payload] = []
    present = {pid for pid, p in room.players.items() if not p.removed}
    for p in wanted.values():
        if p.id not in present:
            out.append({"type": "seat", "player_id": p.id, "name": p.name})
    leaving = set()
    for pid in sorted(present - wanted.keys()):
        participant = w.participants.get(pid)
        if participant is None:
            continue  # not the workshop's (an old room's player): not ours to move
        leaving.add(pid)
        moved_to = None if participant.removed else participant.table_id
        out.append({"type": "unseat", "player_id": pid, "moved_to": moved_to})
    if w.messages and (room.message is None or room.message.id != w.messages[-1].id):
        m = w.messages[-1]
        out.append({"type": "show_message", "message_id": m.id, "text": m.text})
    # Who will sit here, present, once the seats are taken: the first is the lead.
    here = [pid for pid in wanted if pid not in present or room.players[pid].active]
    if w.phase in ("playing", "plenary") and room.phase == "lobby" and not room.started and here:
        out.append({"type": "start"})
    out.extend(_steering(w, table_id, room, leaving, here))
    if w.phase == "closed" and room.phase not in ("lobby", "closed"):
        # The workshop has ended: so has every table's game that was under way (after
        # steering was taken back, so the workshop actor ends it as the host would).
        out.append({"type": "end_game"})
    return [{**c, "command_id": _reconciled_id(version, table_id, c)} for c in out]


def reconcile_plenary(w: Workshop, room: Room, version: int) -> list[Payload]:
    """The commands that make the plenary room what ``w`` says: every participant present
    sits there (whatever their table, or none; up to a room's most players), the
    workshop's facilitator steers it, the latest broadcast shows, and it ends with the
    workshop. Orders are never carried here. Command ids as ``reconcile``'s, with the
    table id ``plenary``."""
    out: list[Payload] = []
    if w.plenary is None:
        return out
    wanted = {p.id: p for p in w.in_plenary()}
    present = {pid for pid, p in room.players.items() if not p.removed}
    # The removed leave first: their chairs may be the ones the newcomers take.
    for pid in sorted(present):
        participant = w.participants.get(pid)
        if participant is not None and participant.removed:
            out.append({"type": "unseat", "player_id": pid, "moved_to": None})
    if w.phase != "closed":
        for p in wanted.values():
            if p.id not in present:
                out.append({"type": "seat", "player_id": p.id, "name": p.name})
    if w.messages and (room.message is None or room.message.id != w.messages[-1].id):
        m = w.messages[-1]
        out.append({"type": "show_message", "message_id": m.id, "text": m.text})
    if room.facilitator_player_id is not None:
        out.append({"type": "take_back"})
    if w.phase == "closed" and room.phase not in ("lobby", "closed"):
        out.append({"type": "end_game"})
    return [{**c, "command_id": _reconciled_id(version, w.plenary.id, c)} for c in out]


def _reconciled_id(version: int, table_id: str, command: Payload) -> str:
    digest = hashlib.sha256(json.dumps(command, sort_keys=True).encode()).hexdigest()[:16]
    return f"ws-v{version}-{table_id}-{digest}"


def _steering(
    w: Workshop, table_id: str, room: Room, leaving: set[str], here: list[str]
) -> list[Payload]:
    lead = room.facilitator_player_id
    if w.steered_by_facilitator(table_id) or w.phase == "closed":
        return [{"type": "take_back"}] if lead is not None and lead not in leaving else []
    if lead is not None and lead not in leaving:
        return []  # the lead may have handed steering to another player: theirs to give
    if not here:
        return []
    return [{"type": "hand_over", "player_id": here[0]}]


def order_command(order: Order, table_id: str) -> Payload | None:
    """The table command for one order, or None when the order is for another table."""
    if order.table_id is not None and order.table_id != table_id:
        return None
    command_id = f"w-{order.id}-{table_id}"
    if order.kind == "step":
        return {"type": "next_step", "command_id": command_id}
    if order.kind == "timer":
        return {"type": "start_timer", "seconds": order.seconds, "command_id": command_id}
    if order.kind == "sort":
        return {"type": "go_to_sort", "command_id": command_id}
    return {"type": "clear_help", "command_id": command_id}
