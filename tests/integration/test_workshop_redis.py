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
