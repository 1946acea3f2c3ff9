"""Random workshops: whatever the facilitator and participants do, once the workshop is
carried every table (and the plenary room) seats exactly its participants, is steered as
the workshop says, and carrying again asks nothing more of it (the carry is a fixed
point)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game_server.rules import Actor, Refusal
from game_server.rules import workshop as ws

from .workshop_kit import FACILITATOR, GUEST, make_run

NAMES = ["Ann", "Bas", "Cor", "Dee", "Eva", "Fos", "Gijs"]


def _step(draw: Any, run: Any) -> tuple[Actor, dict[str, Any]]:
    people = sorted(run.workshop.participants) or ["nobody"]
    tables = [*run.workshop.tables, "t9"]
    kind = draw(
        st.sampled_from(
            [
                "join",
                "join",
                "seat",
                "remove",
                "steering",
                "take_over",
                "give_back",
                "start",
                "step_all",
                "broadcast",
                "add_table",
                "open_plenary",
                "end_workshop",
            ]
        )
    )
    if kind == "join":
        payload: dict[str, Any] = {"type": "join_workshop", "name": draw(st.sampled_from(NAMES))}
        if run.workshop.seating == "choose" and draw(st.booleans()):
            payload["table_id"] = draw(st.sampled_from(tables))
        return GUEST, payload
    if kind == "seat":
        table = draw(st.sampled_from([*tables, None]))
        person = draw(st.sampled_from(people))
        return FACILITATOR, {
            "type": "seat_participant",
            "participant_id": person,
            "table_id": table,
        }
    if kind == "remove":
        return FACILITATOR, {
            "type": "remove_participant",
            "participant_id": draw(st.sampled_from(people)),
        }
    if kind == "steering":
        steering = draw(st.sampled_from(["tables", "facilitator"]))
        return FACILITATOR, {"type": "set_steering", "steering": steering}
    if kind in ("take_over", "give_back"):
        name = "take_over_table" if kind == "take_over" else "give_back_table"
        return FACILITATOR, {"type": name, "table_id": draw(st.sampled_from(tables))}
    if kind == "start":
        return FACILITATOR, {"type": "start_workshop"}
    if kind == "step_all":
        return FACILITATOR, {"type": "step_all"}
    if kind == "broadcast":
        return FACILITATOR, {"type": "broadcast", "text": draw(st.sampled_from(["Pauze", "Nog 5"]))}
    if kind in ("open_plenary", "end_workshop"):
        return FACILITATOR, {"type": kind}
    return FACILITATOR, {"type": "add_table"}


def _check(run: Any) -> None:
    w = run.workshop
    for table_id, table in w.tables.items():
        room = run.table(table_id)
        seated = {p.id for p in w.seated_at(table_id)}
        present = {pid for pid, p in room.players.items() if not p.removed}
        assert present == seated, (table_id, present, seated)
        lead = room.facilitator_player_id
        if w.steered_by_facilitator(table_id) or w.phase == "closed":
            assert lead is None
        elif room.phase != "closed" and seated:
            assert lead in seated
        assert room.workshop == w.code and room.code == table.code
        assert ws.reconcile(w, table_id, room, run.version) == []
        if w.messages:
            assert room.message is not None and room.message.id == w.messages[-1].id
    if w.plenary is not None:
        # The plenary room seats everyone present, whatever their table, and nobody leads.
        room = run.table(w.plenary.id)
        present = {pid for pid, p in room.players.items() if not p.removed}
        assert present == {p.id for p in w.present()}
        assert room.facilitator_player_id is None
        assert room.phase == ("closed" if w.phase == "closed" else "summary")
        assert ws.reconcile_plenary(w, room, run.version) == []


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    seating=st.sampled_from(["choose", "spread", "assign"]),
    steering=st.sampled_from(["tables", "facilitator"]),
    size=st.booleans(),
)
def test_every_table_is_what_the_workshop_says(
    data: Any, seating: str, steering: str, size: bool
) -> None:
    run = make_run(
        count=None if size else 2, size=(2, 3) if size else None, seating=seating, steering=steering
    )
    for _ in range(data.draw(st.integers(1, 25))):
        actor, payload = _step(data.draw, run)
        try:
            run.play(actor, payload)
        except Refusal:
            pass
        _check(run)
