"""Small steps the browser tests share: open screens, move the game on, take screenshots."""

from __future__ import annotations

import re
from pathlib import Path

from a11y import assert_accessible
from playwright.sync_api import BrowserContext, Dialog, Page, expect


def open_page(context: BrowserContext, url: str, dialogs: list[str]) -> Page:
    page = context.new_page()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    return page


def create_room(page: Page, base: str, *, board: str, cards: int) -> str:
    """Prepare a room on the home screen: a board, the first ``cards`` cards of the open deck."""
    page.goto(f"{base}/#/")
    form = page.get_by_test_id("create-form")
    form.get_by_role("radio", name=re.compile(board)).check()
    boxes = form.locator(".deck-open .deck-cards input[type=checkbox]")
    for i in range(cards):
        boxes.nth(i).check()
    expect(page.get_by_test_id("order-list").locator("li")).to_have_count(cards)
    page.get_by_test_id("create-submit").click()
    code = page.get_by_test_id("lobby-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    return code


def join(
    context: BrowserContext, base: str, code: str, name: str, dialogs: list[str], query: str = ""
) -> Page:
    page = open_page(context, f"{base}/{query}#/join/{code}", dialogs)
    expect(page.get_by_test_id("join-code")).to_have_value(code)
    page.get_by_test_id("join-name").fill(name)
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_text(f"Welkom, {name}")).to_be_visible()
    return page


def wait_phase(pages: list[Page], phase: str) -> None:
    for page in pages:
        expect(page.locator("[data-phase]").first).to_have_attribute("data-phase", phase)


def next_step(facilitator: Page, pages: list[Page], phase: str) -> None:
    facilitator.get_by_test_id("next-step").click()
    wait_phase([facilitator, *pages], phase)


def add_post_it(page: Page, colour: str, text: str) -> None:
    composer = page.get_by_test_id("composer")
    composer.locator(f".colour-option-{colour}").click()
    composer.get_by_test_id("postit-text").fill(text)
    composer.get_by_role("button", name="Op de muur plakken").click()


SIZES = ((1366, 768), (390, 844), (1920, 1080))
"""A laptop, a phone and a 1080p projector."""


def three_sizes(page: Page, directory: Path, name: str) -> None:
    """Screenshots (and axe-core) of the screen at a laptop, a phone and a 1080p size."""
    before = page.viewport_size
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        shot(page, directory, f"{name}-{width}x{height}")
    if before:
        page.set_viewport_size(before)


def shot(page: Page, directory: Path, name: str) -> None:
    """A screenshot of the screen, which must also pass axe-core (see a11y.py)."""
    page.screenshot(path=str(directory / f"{name}.png"))
    assert_accessible(page, name)
