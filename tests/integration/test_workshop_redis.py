"""A workshop on two server processes sharing one Redis: participants spread over both,
and the seating, the overview, the broadcast and lockstep steps correct across them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.scale.redis_server import RedisServer
from tests.support.server import ServerProcess
from tests.support.workshop import create_workshop, join

pytestmark = pytest.mark.redis

NAMES = ["Ann", "Bas", "Cor", "Dee", "Eva", "Fos", "Gijs", "Hil", "Ivo", "Jet", "Kim", "Lot"]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def two(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> list[ServerProcess]:
    return [
        server_factory(
            data_dir=tmp_path / f"unused{i}", extra_args=["--redis-url", redis_server.url]
        )
        for i in range(2)
    ]


async def test_a_workshop_spread_over_two_processes(two: list[ServerProcess]) -> None:
    urls = [s.url for s in two]
    workshop = await create_workshop(urls[0], tables={"count": 3}, steering="tables")
    try:
        # Joins race on both processes at once: the workshop's line seats each once.
        people = await asyncio.gather(
            *(join(urls[i % 2], workshop, name) for i, name in enumerate(NAMES))
        )
        fac = workshop.fac
        await fac.wait_for(
            lambda v: sorted(len(t["participants"]) for t in v["tables"].values()) == [4, 4, 4]
        )
        assert len({p.participant_id for p in people}) == 12
        # A join resent to the other process gives the same seat, not a second one.
        first = await join(urls[0], workshop, "Max", command_id="r" * 24, sit=False)
        again = await join(urls[1], workshop, "Max", command_id="r" * 24, sit=False)
        assert again.participant_id == first.participant_id
        await fac.wait_for(lambda v: len(v["participants"]) == 13)

        # The tables start; a lead on the other process steers, the overview here shows it.
        await workshop.do("start_workshop")
        for person in people:
            await person.client.wait_for(lambda v: v["phase"] == "read")
        # The lead is the first in the workshop's own order, whichever join answered first.
        assert fac.view is not None
        first_at_t2 = fac.view["tables"]["t2"]["participants"][0]
        lead = next(p for p in people if p.participant_id == first_at_t2)
        await lead.client.wait_until(lambda c: c.role == "facilitator")
        await lead.client.do("next_step")
        await fac.wait_until(
            lambda c: any(
                name == "overview" and data["tables"].get("t2", {}).get("phase") == "place"
                for name, data in c.events
            )
        )
        # A broadcast from this process reaches the participants on the other one.
        await workshop.do("broadcast", text="Nog 5 minuten")
        for person in people:
            await person.client.wait_for(
                lambda v: v["message"] is not None and v["message"]["text"] == "Nog 5 minuten"
            )
        # Lockstep: one step moves every table, wherever its players are connected.
        await workshop.do("set_steering", steering="facilitator")
        await workshop.do("step_all")
        phases = {"t1": "place", "t2": "discuss", "t3": "place"}
        for person in people:
            expected = phases[str(person.table_id)]
            await person.client.wait_for(lambda v, e=expected: v["phase"] == e)
    finally:
        await workshop.close()


def _stored(server: RedisServer) -> bytes:
    """Every list entry of the real redis-server: the stored histories, as bytes."""
    with server.client() as client:
        return b"\n".join(
            b"\n".join(client.lrange(key, 0, -1))
            for key in client.keys("*")
            if client.type(key) == b"list"
        )


async def test_the_plenary_across_two_processes(
    two: list[ServerProcess], redis_server: RedisServer
) -> None:
    """The facilitator on one process, every participant on the other: the plenary room
    is one room, and seating, clusters, votes, reveal and the end work the same; after the
    end nothing stored links a dot to its voter."""
    fac_url, people_url = two[0].url, two[1].url
    workshop = await create_workshop(fac_url, tables={"count": 3}, steering="facilitator")
    clients = []
    try:
        people = [await join(people_url, workshop, name) for name in NAMES[:6]]
        await workshop.do("start_workshop")
        for person in people:
            await person.client.wait_for(lambda v: v["phase"] == "read")
        await workshop.do("step_all")
        await workshop.do("step_all")
        for person in people:
            await person.client.wait_for(lambda v: v["phase"] == "discuss")
            text = f"Tijd om te leren ({person.table_id})"
            await person.client.do("add_post_it", colour="green", text=text)
        await workshop.do("all_to_sort")
        for person in people:
            await person.client.wait_for(lambda v: v["phase"] == "sort")
        await workshop.do("open_plenary")
        await workshop.fac.wait_for(lambda v: v["plenary"] is not None)
        fac = await workshop.plenary_client(fac_url)
        clients.append(fac)
        for person in people:
            await person.go_to_plenary(people_url)
        assert fac.view is not None
        # One room: the post-its of all three tables, every participant seated there.
        view = await fac.wait_for(
            lambda v: sum(p["active"] for p in v["players"].values()) == len(people)
        )
        gathered = [p for p in view["post_its"].values() if not p["pile_card"]]
        assert sorted(p["table_id"] for p in gathered) == ["t1", "t1", "t2", "t2", "t3", "t3"]
        assert {p["author_name"] for p in gathered} == {p.name for p in people}
        for person in people:
            assert person.client.view is not None
            assert person.client.view["code"] == view["code"]

        # Green post-its are "present": vote on the cluster of them after moving it to red.
        ids = sorted(p["id"] for p in gathered)
        merged = await fac.do(
            "merge_items", items=[{"item": "post_it", "id": i} for i in ids], name="Tijd"
        )
        cluster = merged["result"]["cluster_id"]
        assert fac.view["clusters"][cluster]["tables"] == 3
        for post_it_id in ids:
            await fac.do("set_pile", item="post_it", id=post_it_id, pile="red")
        await fac.do("open_voting", dots=1)
        for person in people:
            await person.client.wait_for(lambda v: v["voting"] is not None)
            await person.client.do("place_dot", item="cluster", id=cluster)
        await fac.wait_for(lambda v: v["voting"]["dots_placed"] == len(people))
        await fac.do("reveal_votes")
        for person in people:
            seen = await person.client.wait_for(lambda v: v["voting"]["revealed"])
            assert seen["plenary"]["develop"][0] == {
                "item": "cluster",
                "id": cluster,
                "dots": len(people),
            }
        point = {"what": "Leeruur", "who": "MT", "first_step": "Agenda", "evaluate_when": "Q3"}
        await fac.do("add_action_point", **point, item="cluster", item_id=cluster)
        for person in people:
            await person.client.wait_for(lambda v: len(v["action_points"]) == 1)
        voters = [f'"type":"dot_placed","player_id":"{p.participant_id}"'.encode() for p in people]
        assert all(link in _stored(redis_server) for link in voters), "not where we look"
        await workshop.do("end_workshop")
        assert [link for link in voters if link in _stored(redis_server)] == []
        for person in people:
            await person.client.wait_for(lambda v: v["phase"] == "closed")
        closed = await fac.wait_for(lambda v: v["phase"] == "closed")
        assert closed["voting"]["voters"] == len(people)  # the ballots stay, their voters go
    finally:
        for client in clients:
            await client.close()
        await workshop.close()
