"""The plenary across a workshop's tables over a real server: three tables of four play a
card and sort, the facilitator opens the plenary, every table's piles arrive there
labelled, clusters are merged across tables, the participants vote with dots, the votes
are revealed, an action point is made, and the end of the workshop forgets the voters."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path
from typing import Any

from game_server.room.workshops import ensure_plenary
from game_server.rules import Options, open_room
from game_server.rules import workshop as ws
from game_server.rules.workshop.model import Table, TablesMode
from game_server.stores import SqliteStore
from tests.support.game import Table as Clients
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess
from tests.support.workshop import Workshop as RunningWorkshop
from tests.support.workshop import create_workshop, join, join_all
from tests.unit.rules.conftest import SCALE_BOARD, make_cards

NAMES = ["Ann", "Bas", "Cor", "Dee", "Eva", "Fos", "Gijs", "Hil", "Ivo", "Jet", "Kim", "Lot"]
TIME = {
    "t1": "Hoe maken we tijd om te leren?",
    "t2": "Hoe maken we tijd om te leren",
    "t3": "hoe maken we tijd om te leren?!",
}
TRUST = {
    "t1": "Veel vertrouwen in het team",
    "t2": "Er is veel vertrouwen",
    "t3": "Vertrouwen in elkaar",
}
SQUARES = {"t1": [2, 2, 2, 2], "t2": [2, 2, 1, 2], "t3": [1, 2, 2, 2]}


def download(url: str, code: str, fmt: str, token: str) -> bytes:
    request = urllib.request.Request(
        f"{url}/api/rooms/{code}/export/{fmt}", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return bytes(reply.read())


async def _all(workshop: RunningWorkshop, predicate: Any) -> None:
    await asyncio.gather(*(p.client.wait_for(predicate) for p in workshop.people))


async def _play_and_sort(workshop: RunningWorkshop) -> None:
    """Lockstep: one card at every table (pawns, post-its, pawns again), then all sort."""
    await workshop.do("start_workshop")
    await _all(workshop, lambda v: v["phase"] == "read")
    await workshop.do("step_all")
    await _all(workshop, lambda v: v["phase"] == "place")
    for table_id in workshop.tables():
        for person, square in zip(workshop.at(table_id), SQUARES[table_id], strict=True):
            await person.client.do("place_pawn", position={"square": square})
    await workshop.do("step_all")
    await _all(workshop, lambda v: v["phase"] == "discuss")
    for table_id in workshop.tables():
        first, second, third, _ = workshop.at(table_id)
        await first.client.do("add_post_it", colour="green", text=TRUST[table_id])
        await second.client.do("add_post_it", colour="pink", text="Wie beslist over scholing?")
        await third.client.do("add_post_it", colour="pink", text=TIME[table_id])
    await workshop.do("step_all")
    await _all(workshop, lambda v: v["phase"] == "revise")
    for table_id in workshop.tables():
        for person, square in zip(workshop.at(table_id), SQUARES[table_id], strict=True):
            await person.client.do("place_pawn", position={"square": square})
    await workshop.do("all_to_sort")
    await _all(workshop, lambda v: v["phase"] == "sort")


def _find(view: dict[str, Any], **fields: Any) -> list[dict[str, Any]]:
    return [p for p in view["post_its"].values() if all(p[k] == v for k, v in fields.items())]


async def test_three_tables_meet_in_the_plenary(server: ServerProcess) -> None:
    url = server.url
    workshop = await create_workshop(url, tables={"count": 3}, steering="facilitator")
    await join_all(url, workshop, NAMES)
    clients: list[GameClient] = []
    try:
        await _play_and_sort(workshop)
        opened = await workshop.do("open_plenary")
        fac_view = await workshop.fac.wait_for(lambda v: v["plenary"] is not None)
        assert fac_view["phase"] == "plenary"
        plenary = fac_view["plenary"]
        assert opened["result"] == {"code": plenary["code"]}
        assert (plenary["id"], plenary["name"]) == ("plenary", "Plenair")

        fac = await workshop.plenary_client(url)
        clients.append(fac)
        projector = await workshop.plenary_client(url, "projector_token")
        clients.append(projector)
        for person in workshop.people:
            await person.go_to_plenary()
        assert fac.view is not None and fac.role == "facilitator"
        view = fac.view
        assert view["phase"] == "summary" and view["table_name"] == "Plenair"
        assert view["workshop"] == workshop.code
        # Every participant sits in the plenary, the workshop's facilitator steers it.
        assert {p["name"] for p in view["players"].values() if p["active"]} == set(NAMES)
        assert view["facilitator_player_id"] is None

        # Every table's piles arrived, each item labelled with its table and author.
        for n, table_id in enumerate(workshop.tables(), start=1):
            first, second, third, _ = workshop.at(table_id)
            for person, text in (
                (first, TRUST[table_id]),
                (second, "Wie beslist over scholing?"),
                (third, TIME[table_id]),
            ):
                (item,) = _find(view, table_id=table_id, text=text)
                assert item["table_name"] == f"Tafel {n}"
                assert item["author_name"] == person.name and item["author_id"] is None
            (card,) = _find(view, table_id=table_id, pile_card=True)
            assert card["pile"] == "red" and card["card_id"] == "leerklimaat/veiligheid"
        headings = view["plenary"]
        assert len(headings["present"]) == 3 and len(headings["questions"]) == 6
        assert len(headings["develop"]) == 3  # the card, on red at every table
        # The consensus picture: the tables placed alike.
        consensus = view["consensus"]
        assert [t["id"] for t in consensus["tables"]] == ["t1", "t2", "t3"]
        (statement,) = consensus["cards"]
        assert statement["verdict"] == "agree" and set(statement["tables"]) == {"t1", "t2", "t3"}
        assert statement["together"]["second"]["count"] == 12
        # The same question at three tables is suggested for merging, never merged.
        times = [p["id"] for t in TIME for p in _find(view, text=TIME[t])]
        suggested = {frozenset((d["a"]["id"], d["b"]["id"])) for d in headings["duplicates"]}
        assert frozenset(times[:2]) in suggested and not view["clusters"]

        # The facilitator: those questions are answered needs, merged across the tables.
        for post_it_id in times:
            await fac.do("resolve_post_it", post_it_id=post_it_id)
        merged = await fac.do(
            "merge_items",
            items=[{"item": "post_it", "id": i} for i in times],
            name="Tijd om te leren",
        )
        time_cluster = merged["result"]["cluster_id"]
        cards = [p["id"] for p in _find(fac.view, pile_card=True)]
        merged = await fac.do("merge_items", items=[{"item": "post_it", "id": i} for i in cards])
        card_cluster = merged["result"]["cluster_id"]
        clusters = fac.view["clusters"]
        assert (clusters[time_cluster]["tables"], clusters[time_cluster]["post_its"]) == (3, 3)
        assert (clusters[card_cluster]["tables"], clusters[card_cluster]["post_its"]) == (3, 3)
        develop = [(d["item"], d["id"]) for d in fac.view["plenary"]["develop"]]
        assert sorted(develop) == sorted([("cluster", time_cluster), ("cluster", card_cluster)])

        # Dot voting by the participants, hidden until revealed.
        await fac.do("open_voting", dots=2, several_per_item=False)
        for n, person in enumerate(workshop.people):
            target = time_cluster if n < 8 else card_cluster
            await person.client.wait_for(lambda v: v["voting"] is not None)
            await person.client.do("place_dot", item="cluster", id=target)
        again = await workshop.people[0].client.command(
            "place_dot", item="cluster", id=time_cluster
        )
        assert again["error"]["code"] == "one_dot_per_item"
        seen = await projector.wait_for(lambda v: v["voting"]["dots_placed"] == 12)
        assert all(d["dots"] is None for d in seen["plenary"]["develop"])
        assert workshop.people[0].client.view is not None
        assert workshop.people[0].client.view["my_dots"] == [
            {"item": "cluster", "id": time_cluster, "dots": 1}
        ]
        # Every folded view (the players' own dots too) is what a fresh enter gives.
        plenary_room = Clients(fac, [p.client for p in workshop.people], projector)
        await plenary_room.assert_views_match_fresh_enter()
        await fac.do("reveal_votes")
        seen = await projector.wait_for(lambda v: v["voting"]["revealed"])
        assert [(d["id"], d["dots"]) for d in seen["plenary"]["develop"]] == [
            (time_cluster, 8),
            (card_cluster, 4),
        ]

        # An action point from the top item; every participant sees it.
        point = {"what": "Leeruur", "who": "MT", "first_step": "Agenda", "evaluate_when": "Q3"}
        await fac.do("add_action_point", **point, item="cluster", item_id=time_cluster)
        await _all(workshop, lambda v: len(v["action_points"]) == 1)
        await plenary_room.assert_views_match_fresh_enter()

        # The end of the workshop ends the plenary's game and forgets the voters.
        await workshop.do("end_workshop")
        await _all(workshop, lambda v: v["phase"] == "closed")
        token = plenary["facilitator_token"]
        record = json.loads(await asyncio.to_thread(download, url, plenary["code"], "json", token))
        voting = json.dumps(record["voting"])
        for person in workshop.people:
            assert person.participant_id not in voting
        assert sorted(sum(d["dots"] for d in b) for b in record["voting"]["ballots"]) == [1] * 12
    finally:
        for client in clients:
            await client.close()
        await workshop.close()


async def test_anonymous_tables_send_no_author_to_the_plenary(server: ServerProcess) -> None:
    url = server.url
    workshop = await create_workshop(
        url,
        tables={"count": 2},
        steering="facilitator",
        options={"hidden_placements": True, "anonymous_post_its": True},
    )
    await join_all(url, workshop, NAMES[:4])
    try:
        await workshop.do("start_workshop")
        await _all(workshop, lambda v: v["phase"] == "read")
        await workshop.do("step_all")
        await workshop.do("step_all")
        await _all(workshop, lambda v: v["phase"] == "discuss")
        for person in workshop.people:
            await person.client.do("add_post_it", colour="pink", text=f"Vraag van {person.name}")
        await workshop.do("open_plenary")
        for person in workshop.people:
            await person.go_to_plenary()
        view = workshop.people[0].client.view
        assert view is not None
        asked = _find(view, colour="pink")
        assert len(asked) == 4
        assert all(p["author_name"] is None and p["author_id"] is None for p in asked)
        assert not any(p["mine"] for p in asked)  # nobody is the author here
        assert {p["table_id"] for p in asked} == {"t1", "t2"}
    finally:
        await workshop.close()


async def test_bad_plenary_commands_are_refused_and_change_nothing(
    server: ServerProcess,
) -> None:
    url = server.url
    workshop = await create_workshop(url, tables={"count": 2}, steering="facilitator")
    await join_all(url, workshop, NAMES[:2])
    try:
        fac = workshop.fac
        version = fac.version
        refused = await fac.command("open_plenary")
        assert refused["error"]["code"] == "wrong_phase"  # in the lobby
        extra = await fac.command("open_plenary", name="Slotronde")
        assert extra["error"]["code"] == "bad_request"
        ann = workshop.people[0]
        probe = await GameClient.connected(url)
        try:
            await probe.enter(workshop.code, ann.workshop_token)
            by_participant = await probe.command("open_plenary")
            assert by_participant["error"]["code"] == "not_allowed"
        finally:
            await probe.close()
        assert fac.version == version and fac.view is not None and fac.view["plenary"] is None

        await workshop.do("start_workshop")
        command_id = new_command_id()
        first = await fac.command("open_plenary", command_id=command_id)
        resent = await fac.command("open_plenary", command_id=command_id)
        assert resent["ok"] and resent["result"] == first["result"]
        await fac.wait_version(first["version"])
        version = fac.version
        for payload in ({"type": "open_plenary"}, {"type": "step_all"}, {"type": "all_to_sort"}):
            fields = {k: v for k, v in payload.items() if k != "type"}
            reply = await fac.command(payload["type"], **fields)
            assert reply["error"]["code"] == "wrong_phase", payload
        await workshop.do("end_workshop")
        after = await fac.command("open_plenary")
        assert after["error"]["code"] == "room_closed"
        assert fac.view is not None and fac.view["plenary"]["code"] == first["result"]["code"]
        assert fac.version == version + 1
    finally:
        await workshop.close()


async def test_the_plenary_room_is_created_once(tmp_path: Path) -> None:
    """Two carries (a resend, another process) each gather the tables and create the
    plenary room: the first one's room stands, the second finds it and says so."""
    store = SqliteStore(tmp_path / "rooms.db")
    await store.open()
    try:
        tables = [Table("t1", "Tafel 1", "TAFEL1"), Table("t2", "Tafel 2", "TAFEL2")]
        created = ws.created_event(
            code="WSHOP1",
            title="Samen",
            secret="geheim",
            options=Options(),
            board=SCALE_BOARD,
            cards=make_cards(2),
            tables_mode=TablesMode(count=2),
            seating="spread",
            steering="tables",
            tables=tables,
            now=1,
            board_spec=dict(SCALE_BOARD.spec),
        )
        opened = {"type": "plenary_opened", "table_id": "plenary", "name": "Plenair"}
        w = ws.fold([created, {**opened, "code": "PLENUM", "at": 2}])
        _, t1 = open_room(
            code="TAFEL1",
            title="Samen",
            secret=ws.table_secret(w, "t1"),
            options=Options(),
            board=SCALE_BOARD,
            cards=make_cards(2),
            now=1,
            workshop="WSHOP1",
            table_name="Tafel 1",
        )
        assert await ensure_plenary(store, w, {"t1": t1})
        assert await ensure_plenary(store, w, {})  # a later gathering finds the first room
        (entry,) = await store.load("PLENUM")
        (event,) = entry.events
        assert event["workshop"] == "WSHOP1" and event["table_name"] == "Plenair"
        assert event["plenary"]["consensus"]["tables"] == [{"id": "t1", "name": "Tafel 1"}]
        # A room of another workshop under that code is not taken for the plenary.
        other = ws.fold([{**created, "code": "WSHOP2"}, {**opened, "code": "PLENUM", "at": 3}])
        assert not await ensure_plenary(store, other, {})
    finally:
        await store.close()


async def test_who_arrives_during_the_plenary_sits_in_it(server: ServerProcess) -> None:
    """Seated at a table or not (assign seating, never seated), a participant present in
    the plenary gets its token, also one who joins after it opened."""
    url = server.url
    workshop = await create_workshop(url, tables={"count": 2}, seating="assign")
    try:
        ann, bas = await join_all(url, workshop, ["Ann", "Bas"])
        await workshop.do("seat_participant", participant_id=ann.participant_id, table_id="t1")
        await workshop.do("start_workshop")
        await workshop.do("open_plenary")
        late = await join(url, workshop, "Cor", sit=False)
        for person in (ann, bas, late):
            reply = await person.go_to_plenary()
            assert reply["view"]["table_name"] == "Plenair"
            assert reply["view"]["players"][person.participant_id]["active"]
            assert person.client.role == "player"
    finally:
        await workshop.close()
