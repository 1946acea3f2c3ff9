"""A phone's top bar in a game: the current step is read in full beside the timer.

At 390 px the bar holds the room code, the current step, the timer, the player's pawn and
the language switch on one line; the switch shows "EN" there (its accessible name stays
"Switch to English"), so that "Bespreken" is not cut off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import join, three_sizes, wait_phase
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def step_fits(page: Page, name: str) -> None:
    step = page.get_by_test_id("phase").get_by_text(name, exact=True)
    expect(step).to_be_visible()
    # The bar clips what does not fit (overflow: hidden): the step must lie inside it.
    shown = step.bounding_box()
    room = page.locator(".topbar .topbar-fill").bounding_box()
    assert shown and room
    assert shown["x"] + shown["width"] <= room["x"] + room["width"] + 0.5, (name, shown, room)


def test_the_current_step_fits_a_phone_top_bar(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    host, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"])
    dialogs: list[str] = []
    phone = join(new_context(390, 844, touch=True), server.url, created["code"], "Wim", dialogs)
    bots.do(host, "start")
    for phase, name in (("read", "Lezen"), ("place", "Plaatsen"), ("discuss", "Bespreken")):
        if host.view["phase"] != phase:
            bots.do(host, "next_step")
        bots.do(host, "start_timer", seconds=600)
        wait_phase([phone], phase)
        expect(phone.get_by_test_id("timer")).to_be_visible()
        step_fits(phone, name)
    switch = phone.get_by_role("button", name="Switch to English")
    shown = switch.evaluate("b => getComputedStyle(b, '::after').content")
    assert shown == '"EN"', shown  # drawn by CSS; the accessible name stays the long one
    three_sizes(phone, screenshots, "phone-top-bar-discuss")
    assert dialogs == []
