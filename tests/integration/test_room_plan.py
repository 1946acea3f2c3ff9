"""A room opened from a session plan keeps the plan (``create_room``'s ``plan``): the
facilitator sees its opening and closing in the view on any device (a second connection
with the same token), players and the projector do not, and a bad plan opens nothing."""

from __future__ import annotations

from typing import Any

from tests.support.player import GameClient
from tests.support.server import ServerProcess

PLAN: dict[str, Any] = {
    "name": {"nl": "Quickscan leervoorwaarden", "en": "Quick scan of learning conditions"},
    "opening": [
        {"title": {"nl": "Inleiding", "en": "Introduction"}, "minutes": 3},
    ],
    "closing": [
        {
            "title": {"nl": "Actiepunten", "en": "Action points"},
            "minutes": 7,
            "text": {"nl": "Wie pakt wat op?", "en": "Who takes on what?"},
        },
        {"title": {"nl": "Afsluiting", "en": "Closing"}, "minutes": 2},
    ],
}
CARDS = ["leervoorwaarden/budget", "leervoorwaarden/tijd-en-werkdruk"]


def expected_plan() -> dict[str, Any]:
    """The plan as the view shows it: every step has a ``text``, null when none was given."""
    steps = lambda steps: [{"text": None, **step} for step in steps]  # noqa: E731
    return {**PLAN, "opening": steps(PLAN["opening"]), "closing": steps(PLAN["closing"])}


async def test_the_plan_is_kept_with_the_room_for_the_facilitator(server: ServerProcess) -> None:
    fac = await GameClient.connected(server.url)
    laptop = await GameClient.connected(server.url)
    player = await GameClient.connected(server.url)
    try:
        created = await fac.create_room("schaal-5", CARDS, plan=PLAN)
        assert created["view"]["plan"] == expected_plan()
        # Another laptop with the facilitator's token: the same plan, from the server.
        entered = await laptop.enter(created["code"], created["facilitator_token"])
        assert entered["view"]["plan"] == expected_plan()
        joined = await player.join(created["code"], "Anna")
        assert joined["view"]["plan"] is None
        projector = await player.enter(created["code"], created["projector_token"])
        assert projector["view"]["plan"] is None
    finally:
        for client in (fac, laptop, player):
            await client.close()


async def test_a_room_without_a_plan_has_none(server: ServerProcess) -> None:
    fac = await GameClient.connected(server.url)
    try:
        created = await fac.create_room("schaal-5", CARDS)
        assert created["view"]["plan"] is None
    finally:
        await fac.close()


async def test_a_bad_plan_is_refused_and_opens_nothing(server: ServerProcess) -> None:
    fac = await GameClient.connected(server.url)
    try:
        bad = {**PLAN, "closing": [{"title": {"nl": "Lang", "en": "Long"}, "minutes": 61}]}
        reply = await fac.create_room("schaal-5", CARDS, plan=bad, check=False)
        assert reply["ok"] is False and reply["error"]["code"] == "bad_request"
        assert "plan.closing.0.minutes" in reply["error"]["message"]
        assert fac.view is None
    finally:
        await fac.close()


async def test_a_plan_with_tables_is_refused_not_dropped(server: ServerProcess) -> None:
    """A workshop keeps no plan: sending one with ``tables`` says so instead of losing it."""
    fac = await GameClient.connected(server.url)
    try:
        payload = {
            "command_id": "w" * 16,
            "board_id": "schaal-5",
            "card_ids": CARDS,
            "tables": {"count": 2},
            "plan": PLAN,
        }
        reply = await fac.call("create_room", payload)
        assert reply["ok"] is False and reply["error"]["code"] == "bad_request"
        assert "plan" in reply["error"]["message"]
        reply = await fac.call("create_room", {**payload, "plan": None, "command_id": "x" * 16})
        assert reply["ok"] is True
    finally:
        await fac.close()
