"""A player with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows), in English.

They join, place their pawn, write two post-its in a row and open and close the case
form. Focus never falls back to the top of the page: after a post-it is put on the wall
the text field has it again; opening the case form puts it in the form's first field,
closing it puts it back on "Write a case".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import open_page, three_sizes, wait_phase
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser


def tab_to(page: Page, target: Locator, *, back: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, as a person would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{target} not reached with {'Shift+' if back else ''}Tab")


def test_a_player_on_the_keyboard_alone(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    host, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"], language="en")
    code = created["code"]
    dialogs: list[str] = []
    page = open_page(new_context(1366, 768), f"{server.url}/#/join/{code}?lang=en", dialogs)

    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.type("Kim")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Welcome, Kim")).to_be_visible()

    bots.do(host, "start")
    bots.do(host, "next_step")
    wait_phase([page], "place")
    board = page.get_by_test_id("board")
    tab_to(page, board)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("board-announcer")).to_contain_text("Placed")

    bots.do(host, "next_step")
    wait_phase([page], "discuss")
    text = page.get_by_label("Text", exact=True)
    tab_to(page, text)
    page.keyboard.press("Shift+Tab")  # the colour's radio group
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Pink")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Who pays for the course?")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wall = page.get_by_test_id("wall")
    expect(wall.get_by_text("Who pays for the course?")).to_be_visible()
    # Back in the field, ready for the next one.
    expect(text).to_be_focused()
    page.keyboard.type("Peer review every month")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(wall.get_by_text("Peer review every month")).to_be_visible()
    expect(text).to_be_focused()

    # The case form: into its first field, and back to its button when closed.
    opener = page.get_by_role("button", name="Write a case")
    tab_to(page, opener)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Title (optional)")).to_be_focused()
    three_sizes(page, screenshots, "keyboard-case-form")
    close = page.get_by_test_id("case-form").get_by_role("button", name="Close")
    tab_to(page, close)
    page.keyboard.press("Enter")
    expect(opener).to_be_focused()
    three_sizes(page, screenshots, "keyboard-discuss")
    assert dialogs == []
