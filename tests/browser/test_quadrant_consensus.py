"""The consensus picture of a quadrant workshop on the projector, in real Chromium.

Two tables play one statement on the LLO quadrant over the protocol (python-socketio):
table 1 ends in the top left quarter, table 2 in the bottom right. The workshop's
projector follows to the plenary and draws each table's mark where its pawns ended on the
board (which runs from -1 to 1: a mark left of the centre is drawn left of it) and says in
words how far apart the tables ended. axe-core runs over every screen photographed.
Screenshots: test-artifacts/screenshots/quadrant-consensus-*."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import open_page, three_sizes
from playwright.sync_api import Page, expect

from tests.support import workshop as ws
from tests.support.player import GameClient, new_command_id

pytestmark = pytest.mark.browser

CARD = "leercultuur-elementen/zelfregie"
# Each table's pawns, first and second placement: table 1 top left, table 2 bottom right.
SPOTS = {"t1": [(-0.5, 0.5), (-0.5, 0.5)], "t2": [(0.5, -0.5), (0.5, -0.5)]}


async def play(url: str) -> ws.Workshop:
    fac = await GameClient.connected(url, name="facilitator")
    reply = await fac.call(
        "create_room",
        {
            "command_id": new_command_id(),
            "board_id": "llo-kwadrant",
            "card_ids": [CARD],
            "tables": {"count": 2},
            "seating": "spread",
            "steering": "facilitator",
            "options": {"hidden_placements": False},
        },
    )
    assert reply.get("ok"), reply
    fac._adopt(reply, code=reply["code"], token=reply["facilitator_token"])
    w = ws.Workshop(fac=fac, created=reply)
    await ws.join_all(url, w, ["Anna", "Bram", "Cas", "Dewi"])
    await w.do("start_workshop")
    for person in w.people:
        await person.client.wait_for(lambda v: v["phase"] == "read")
    await w.do("step_all")
    for table_id, spots in SPOTS.items():
        for person, (x, y) in zip(w.at(table_id), spots, strict=True):
            await person.client.wait_for(lambda v: v["phase"] == "place")
            await person.client.do("place_pawn", position={"x": x, "y": y})
    await w.do("all_to_sort")
    await w.do("open_plenary")
    await fac.wait_for(lambda v: v["plenary"] is not None)
    return w


def clipped(page: Page) -> list[str]:
    """Parts of a consensus row drawn outside the box of its list (the projector's pages)."""
    found: list[str] = page.evaluate(
        """() => {
            const out = [];
            for (const list of document.querySelectorAll('.projector-consensus .pager-list')) {
                const box = list.getBoundingClientRect();
                for (const part of list.querySelectorAll('.xt-axis, .xt-field, .xt-apart')) {
                    const b = part.getBoundingClientRect();
                    const over = b.bottom - box.bottom;
                    if (over > 1) out.push(part.className + ' ' + over);
                }
            }
            return out;
        }"""
    )
    return found


def test_the_quadrant_picture_draws_the_tables_where_they_ended(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    w = bots.run(play(server.url))
    try:
        projector = open_page(
            new_context(1920, 1080),
            f"{server.url}/#/workshop-projector/{w.code}?token={w.created['projector_token']}",
            [],
        )
        picture = projector.get_by_test_id("consensus-picture")
        expect(picture).to_be_visible()
        discs = picture.locator(".xt-field .xt-disc")
        expect(discs).to_have_count(2)
        # Means (-0.5, 0.5) and (0.5, -0.5): a quarter in from the top left and from the
        # bottom right of the field.
        assert [discs.nth(i).evaluate("d => [d.style.left, d.style.top]") for i in (0, 1)] == [
            ["25%", "25%"],
            ["75%", "75%"],
        ]
        # Apart by the diagonal of half the board: sqrt(2)/2 of its width.
        expect(picture.get_by_test_id("consensus-apart")).to_have_text(
            "De tafels liggen gemiddeld 71% van het bord uit elkaar"
        )
        for width, height in ((1920, 1080), (1366, 768)):
            projector.set_viewport_size({"width": width, "height": height})
            expect(picture.locator(".xt-axis-x")).to_be_visible()
            assert clipped(projector) == [], (width, clipped(projector))
        three_sizes(projector, screenshots, "quadrant-consensus-projector")
    finally:
        bots.run(w.close())
