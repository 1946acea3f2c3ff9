"""A workshop of three tables over a real server: one code, twelve participants, both
steering modes, moves mid-game, broadcasts, and the facilitator's overview."""

from __future__ import annotations

import pytest

from tests.support.player import GameClient
from tests.support.server import ServerProcess
from tests.support.workshop import Workshop, create_workshop, join, join_all

NAMES = ["Ann", "Bas", "Cor", "Dee", "Eva", "Fos", "Gijs", "Hil", "Ivo", "Jet", "Kim", "Lot"]


async def _three_tables(server: ServerProcess, steering: str) -> Workshop:
    workshop = await create_workshop(server.url, tables={"count": 3}, steering=steering)
    await join_all(server.url, workshop, NAMES)
    return workshop


def _phase(client: GameClient) -> str:
    assert client.view is not None
    return str(client.view["phase"])


async def test_twelve_participants_at_three_self_steered_tables(server: ServerProcess) -> None:
    workshop = await _three_tables(server, "tables")
    try:
        fac = workshop.fac
        assert fac.view is not None and fac.view["kind"] == "workshop"
        tables = workshop.tables()
        assert list(tables) == ["t1", "t2", "t3"]
        # Spread evenly, four a table; each participant sits at their table's room.
        for table_id in tables:
            people = workshop.at(table_id)
            assert len(people) == 4
            for person in people:
                assert person.client.code == tables[table_id]["code"]
        # The first at each table leads it: they entered with the table's steering.
        leads = {t: workshop.at(t)[0] for t in tables}
        for table_id, lead in leads.items():
            await lead.client.wait_until(lambda c: c.role == "facilitator")
            assert workshop.at(table_id)[1].client.role == "player"

        await workshop.do("start_workshop")
        for person in workshop.people:
            await person.client.wait_for(lambda v: v["phase"] == "read")
        # A lead steers their own table and no other.
        await leads["t1"].client.do("next_step")
        assert _phase(leads["t1"].client) == "place"
        assert _phase(leads["t2"].client) == "read"
        # The overview shows it, and who still has to place there.
        overview = await fac.wait_event("overview")
        while "t1" not in overview["tables"] or overview["tables"]["t1"]["phase"] != "place":
            overview = await fac.wait_event("overview", after=_index(fac, overview) + 1)
        summary = overview["tables"]["t1"]
        assert summary["steered_by"] == "lead" and summary["lead"] == leads["t1"].name
        assert sorted(summary["still_to_place"]) == sorted(p.name for p in workshop.at("t1"))

        # A broadcast reaches every table.
        await workshop.do("broadcast", text="Nog 5 minuten, rond deze kaart af")
        for person in workshop.people:
            await person.client.wait_for(
                lambda v: v["message"] is not None and v["message"]["text"].startswith("Nog 5")
            )
        # The facilitator takes one table over and gives it back.
        await workshop.do("take_over_table", table_id="t2")
        await leads["t2"].client.wait_until(lambda c: c.role == "player")
        await workshop.do("give_back_table", table_id="t2")
        await leads["t2"].client.wait_until(lambda c: c.role is None or c.role == "facilitator")
    finally:
        await workshop.close()


def _index(client: GameClient, data: object) -> int:
    return next(i for i, (_, d) in enumerate(client.events) if d is data)


async def test_lockstep_moves_every_table_and_orders_reach_them_all(
    server: ServerProcess,
) -> None:
    workshop = await _three_tables(server, "facilitator")
    try:
        await workshop.do("start_workshop")
        for person in workshop.people:
            await person.client.wait_for(lambda v: v["phase"] == "read")
            assert person.client.role == "player"  # nobody leads: the facilitator steers
        await workshop.do("step_all")
        for person in workshop.people:
            await person.client.wait_for(lambda v: v["phase"] == "place")
        await workshop.do("broadcast_timer", seconds=120)
        for person in workshop.people:
            await person.client.wait_for(lambda v: v["timer"] and v["timer"]["seconds"] == 120)
        await workshop.do("all_to_sort")
        for person in workshop.people:
            await person.client.wait_for(lambda v: v["phase"] == "sort")
        # Switching to self-steering hands each table to its lead.
        await workshop.do("set_steering", steering="tables")
        for table_id in workshop.tables():
            await workshop.at(table_id)[0].client.wait_until(lambda c: c.role == "facilitator")
    finally:
        await workshop.close()


async def test_a_participant_moved_mid_game_keeps_what_they_wrote(server: ServerProcess) -> None:
    workshop = await _three_tables(server, "facilitator")
    try:
        await workshop.do("start_workshop")
        ann = workshop.person("Ann")
        await ann.client.wait_for(lambda v: v["phase"] == "read")
        old_table = ann.client.code
        written = await ann.client.do("add_post_it", colour="pink", text="Wie <b>durft</b>?")
        post_it_id = written["result"]["post_it_id"]
        await workshop.do("seat_participant", participant_id=ann.participant_id, table_id="t3")
        left = await ann.client.wait_event("left_room")
        assert left == {"code": old_table, "reason": "moved"}
        await ann.sit_down()
        assert ann.table_id == "t3" and ann.client.code == workshop.tables()["t3"]["code"]
        assert ann.client.view is not None
        assert ann.client.view["players"][ann.participant_id]["active"]
        # What Ann wrote stays at her old table, under her name.
        bas = next(p for p in workshop.people if p.client.code == old_table and p is not ann)
        view = await bas.client.wait_for(
            lambda v: v["players"][ann.participant_id]["moved_to"] == "t3"
        )
        assert view["post_its"][post_it_id]["text"] == "Wie <b>durft</b>?"
        assert view["post_its"][post_it_id]["author_id"] == ann.participant_id
        # Her old table token no longer opens the old table.
        probe = await GameClient.connected(server.url)
        try:
            reply = await probe.enter(old_table, ann.table_tokens[0], check=False)
            assert reply["error"]["code"] == "bad_token"
        finally:
            await probe.close()
    finally:
        await workshop.close()


@pytest.mark.parametrize("resend", [False, True])
async def test_the_last_chair_is_given_once(server: ServerProcess, resend: bool) -> None:
    """Two participants race for the last chair of a size-mode table: one gets it, the
    other is told the table is full; a resent join gives the same one seat."""
    import asyncio

    workshop = await create_workshop(
        server.url, tables={"size": {"min": 2, "max": 2}}, seating="choose"
    )
    try:
        await join(server.url, workshop, "Ann")  # opens the first table
        if resend:
            first = await join(server.url, workshop, "Bas", table_id="t1", command_id="x" * 20)
            again = await join(
                server.url, workshop, "Bas", table_id="t1", command_id="x" * 20, sit=False
            )
            assert again.participant_id == first.participant_id
        else:
            outcomes = await asyncio.gather(
                join(server.url, workshop, "Bas", table_id="t1"),
                join(server.url, workshop, "Cor", table_id="t1"),
                return_exceptions=True,
            )
            refused = [o for o in outcomes if isinstance(o, Exception)]
            assert len(refused) == 1 and "table_full" in str(refused[0])
        await workshop.fac.wait_for(lambda v: len(v["tables"]["t1"]["participants"]) == 2)
        assert len(workshop.fac.view["tables"]["t1"]["participants"]) == 2  # type: ignore[index]
    finally:
        await workshop.close()


async def test_the_overview_is_coalesced_and_ends_true(server: ServerProcess) -> None:
    """However fast the tables move, the facilitator gets at most two overview events a
    second (``overview.INTERVAL``), and the last one tells how the tables are."""
    import time

    from game_server.transport.overview import INTERVAL

    workshop = await create_workshop(server.url, tables={"count": 3})
    await join_all(server.url, workshop, NAMES[:6])
    fac = workshop.fac
    arrivals: list[float] = []

    def overview(data: dict[str, object]) -> None:
        arrivals.append(time.monotonic())
        fac.events.append(("overview", data))
        fac._changed()

    fac.sio.on("overview", overview)
    try:
        await workshop.do("start_workshop")
        people = [p for t in workshop.tables() for p in workshop.at(t)]
        for person in people:
            await person.client.wait_for(lambda v: v["phase"] == "read")
        for n in range(5):
            for person in people:
                await person.client.do("add_post_it", colour="green", text=f"idee {n}")

        def latest(c: GameClient) -> dict[str, dict[str, object]]:
            tables: dict[str, dict[str, object]] = {}
            for name, data in c.events:
                if name == "overview":
                    tables.update(data["tables"])
            return tables

        await fac.wait_until(
            lambda c: all(
                latest(c).get(t, {}).get("post_its") == {"green": 10, "pink": 0}
                for t in ("t1", "t2", "t3")
            )
        )
        span = arrivals[-1] - arrivals[0]
        # n events are at least INTERVAL apart where they leave; one of slack for the
        # first and last one's trip.
        assert len(arrivals) <= span / INTERVAL + 2, (len(arrivals), span)
    finally:
        await workshop.close()


async def test_the_projector_sees_the_overview_without_tokens(server: ServerProcess) -> None:
    import json

    workshop = await create_workshop(server.url, tables={"count": 3})
    await join_all(server.url, workshop, NAMES[:3])
    projector = await GameClient.connected(server.url, name="projector")
    try:
        reply = await projector.enter(workshop.code, workshop.created["projector_token"])
        assert reply["role"] == "projector"
        assert set(reply["overview"]) == {"t1", "t2", "t3"}
        assert reply["overview"]["t1"]["players"][0]["name"] == "Ann"
        assert "token" not in json.dumps(reply["view"]) + json.dumps(reply["overview"])
        await workshop.do("show_table", table_id="t2")
        shown = await projector.wait_for(lambda v: v["shown_table"] is not None)
        table = shown["shown_table"]
        assert table["projector_token"] == workshop.tables()["t2"]["projector_token"]
        # A participant's workshop token opens no table, and their table token no workshop.
        ann = workshop.person("Ann")
        probe = await GameClient.connected(server.url)
        try:
            assert (await probe.enter(table["code"], ann.workshop_token, check=False))["error"][
                "code"
            ] == "bad_token"
            bad = await probe.enter(workshop.code, ann.table_tokens[0], check=False)
            assert bad["error"]["code"] == "bad_token"
        finally:
            await probe.close()
    finally:
        await projector.close()
        await workshop.close()


async def test_bad_workshop_input_gets_a_clear_error_and_changes_nothing(
    server: ServerProcess,
) -> None:
    workshop = await create_workshop(server.url, tables={"count": 2}, seating="assign")
    await join_all(server.url, workshop, ["Ann"])
    ann = workshop.person("Ann")
    fac = workshop.fac
    probe = await GameClient.connected(server.url)
    try:
        version = fac.version
        too_few = {
            "command_id": "c" * 20,
            "board_id": "schaal-5",
            "card_ids": ["leerklimaat/veiligheid"],
            "tables": {"count": 1},
        }
        assert (await probe.call("create_room", too_few))["error"]["code"] == "bad_request"
        both = {**too_few, "tables": {"count": 3, "size": {"min": 2, "max": 4}}}
        assert (await probe.call("create_room", both))["error"]["code"] == "bad_request"
        for payload, code in [
            (
                {"type": "seat_participant", "participant_id": "nobody", "table_id": "t1"},
                "unknown_participant",
            ),
            (
                {
                    "type": "seat_participant",
                    "participant_id": ann.participant_id,
                    "table_id": "t9",
                },
                "unknown_table",
            ),
            ({"type": "step_all"}, "wrong_phase"),
            ({"type": "set_seating", "seating": "random"}, "bad_request"),
            ({"type": "broadcast", "text": ""}, "bad_request"),
            ({"type": "next_step"}, "bad_request"),  # a room's command sent to a workshop
        ]:
            reply = await fac.command(payload.pop("type"), **payload)
            assert reply["error"]["code"] == code, (payload, reply)
        # A participant steers nothing in the workshop.
        await ann.client.enter(workshop.code, ann.workshop_token)
        reply = await ann.client.command("broadcast", text="Ik ben de baas")
        assert reply["error"]["code"] == "not_allowed"
        # On a room's code a table_id is refused.
        room = await GameClient.connected(server.url)
        try:
            created = await room.create_room("schaal-5", ["leerklimaat/veiligheid"])
            bad = await probe.call(
                "join",
                {"code": created["code"], "name": "Bas", "command_id": "j" * 20, "table_id": "t1"},
            )
            assert bad["error"]["code"] == "bad_request"
        finally:
            await room.close()
        fresh = await fac.fresh_enter()
        assert fresh["version"] == version
    finally:
        await probe.close()
        await workshop.close()


async def test_tables_made_as_people_arrive_join_the_overview(server: ServerProcess) -> None:
    workshop = await create_workshop(server.url, tables={"size": {"min": 2, "max": 3}})
    try:
        await join_all(server.url, workshop, NAMES[:5])
        fac = workshop.fac
        await fac.wait_for(lambda v: set(v["tables"]) == {"t1", "t2", "t3"})
        assert [len(workshop.at(t)) for t in ("t1", "t2", "t3")] == [2, 2, 1]

        def seen(c: GameClient) -> set[str]:
            return {t for name, data in c.events if name == "overview" for t in data["tables"]}

        await fac.wait_until(lambda c: seen(c) == {"t1", "t2", "t3"})
    finally:
        await workshop.close()


async def test_participants_and_the_projector_are_refused_every_facilitator_command(
    server: ServerProcess,
) -> None:
    from game_server.rules import workshop as ws
    from tests.unit.rules.test_workshop_rules_table import SAMPLES

    workshop = await create_workshop(server.url, tables={"count": 2})
    await join_all(server.url, workshop, ["Ann"])
    ann = workshop.person("Ann")
    await ann.client.enter(workshop.code, ann.workshop_token)
    projector = await GameClient.connected(server.url, name="projector")
    try:
        await projector.enter(workshop.code, workshop.created["projector_token"])
        version = workshop.fac.version
        for name, rule in sorted(ws.RULES.items()):
            if rule.who != "facilitator":
                continue
            payload = {k: v for k, v in SAMPLES[name].items() if k != "type"}
            if "participant_id" in payload:
                payload["participant_id"] = ann.participant_id
            for client in (ann.client, projector):
                reply = await client.command(name, **payload)
                assert reply["error"]["code"] == "not_allowed", (name, client, reply)
        assert (await workshop.fac.fresh_enter())["version"] == version
    finally:
        await projector.close()
        await workshop.close()
