"""A game on the quadrant board (the LLO dialogue model) through the browser UI.

Placing the "situation now" and the "desired situation" by click, keyboard and drag, the
facilitator revealing hidden placements, the shift drawn as arrows, the English switch,
and the summary with spread and consensus per round.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_steps import add_post_it, create_room, join, next_step, open_page, shot
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def click_at(page: Page, fx: float, fy: float) -> None:
    """Click the quadrant at a fraction of its width (left->right) and height (top->bottom)."""
    board = page.get_by_test_id("board")
    board.scroll_into_view_if_needed()
    box = board.bounding_box()
    assert box is not None
    board.click(position={"x": box["width"] * fx, "y": box["height"] * fy})


def drag_to(page: Page, fx: float, fy: float) -> None:
    board = page.get_by_test_id("board")
    board.scroll_into_view_if_needed()
    box = board.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy, steps=8)
    page.mouse.up()


def test_quadrant_room(server: Any, new_context: Any, screenshots: Path) -> None:
    base = server.url
    dialogs: list[str] = []
    fac = open_page(new_context(1366, 768), f"{base}/#/", dialogs)
    code = create_room(fac, base, board="dialoogmodel", cards=1)
    proj_href = fac.get_by_test_id("projector-link").get_attribute("href")
    assert proj_href
    proj = open_page(new_context(1280, 720), proj_href, dialogs)
    dina = join(new_context(1366, 768), base, code, "Dina", dialogs)
    eva = join(new_context(1366, 768), base, code, "Eva Smit", dialogs)
    finn = join(new_context(1366, 768), base, code, "Finn", dialogs)
    everyone = [dina, eva, finn, proj]

    # Someone opens the room address without having joined: the form is there, and joining
    # from it enters the room at once. The facilitator then removes them again.
    gijs = open_page(new_context(1366, 768), f"{base}/#/room/{code}", dialogs)
    gijs.get_by_test_id("join-name").fill("Gijs")
    gijs.get_by_role("button", name="Meedoen").click()
    expect(gijs.get_by_text("Welkom, Gijs")).to_be_visible()
    panel = fac.get_by_test_id("players-panel")
    panel.locator("li", has_text="Gijs").get_by_role("button", name="Verwijderen").click()
    panel.get_by_role("button", name="Ja, Gijs verwijderen").click()
    expect(gijs.get_by_test_id("gone")).to_contain_text("uit deze sessie gehaald")

    # Eva reads the game in English; card texts follow.
    eva.get_by_role("button", name="Switch to English").click()
    expect(eva.get_by_text("Welcome, Eva Smit")).to_be_visible()

    next_step(fac, everyone, "read")
    next_step(fac, everyone, "place")
    expect(dina.get_by_test_id("instruction")).to_contain_text("Situatie nu")
    expect(eva.get_by_test_id("instruction")).to_contain_text("Current situation")
    click_at(dina, 0.8, 0.2)  # person, proactive
    board = eva.get_by_test_id("board")
    board.focus()
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "ArrowUp", "ArrowUp"):
        board.press(key)
    expect(eva.get_by_test_id("board-announcer")).to_contain_text("horizontal 0.3")
    expect(eva.get_by_test_id("board-announcer")).to_contain_text("vertical 0.2")
    board.press("Enter")
    expect(eva.locator(".qpawn-first")).to_have_count(1)  # her own, the others hidden
    drag_to(finn, 0.2, 0.8)  # organisation, reactive
    expect(proj.locator(".qpawn-first")).to_have_count(3)
    shot(proj, screenshots, "projector-quadrant-place-1280")

    next_step(fac, everyone, "discuss")
    add_post_it(dina, "green", "Leerbudget per persoon")
    add_post_it(finn, "pink", "Wie bepaalt wat we leren?")
    expect(proj.get_by_test_id("wall").locator("[data-testid=postit]")).to_have_count(2)

    # Revise: two place, the facilitator reveals before the third has placed.
    next_step(fac, everyone, "revise")
    expect(dina.get_by_test_id("instruction")).to_contain_text("Gewenste situatie")
    click_at(dina, 0.9, 0.1)
    click_at(eva, 0.75, 0.25)
    expect(proj.get_by_test_id("hidden-note")).to_be_visible()
    fac.get_by_test_id("reveal").click()
    expect(proj.get_by_test_id("hidden-note")).to_have_count(0)
    expect(proj.locator(".qpawn-second")).to_have_count(2)
    click_at(finn, 0.7, 0.3)
    expect(proj.locator(".qpawn-second")).to_have_count(3)
    expect(proj.locator("line.shift-arrow")).to_have_count(3)
    expect(proj.get_by_test_id("still-to-place")).to_contain_text("Iedereen heeft geplaatst")
    shot(proj, screenshots, "projector-quadrant-revise-1280")
    shot(dina, screenshots, "player-quadrant-revise-1366")
    shot(eva, screenshots, "player-quadrant-revise-english-1366")

    next_step(fac, everyone, "sort")
    next_step(fac, everyone, "summary")
    figures = proj.get_by_test_id("card-figures")
    expect(figures).to_have_count(1)
    expect(figures).to_contain_text("Situatie nu")
    expect(figures).to_contain_text("Gewenste situatie")
    expect(figures.get_by_test_id("consensus")).to_have_count(2)
    expect(proj.get_by_test_id("summary-questions")).to_contain_text("Wie bepaalt wat we leren?")
    shot(proj, screenshots, "projector-quadrant-summary-1280")
    shot(eva, screenshots, "player-quadrant-summary-english-1366")

    # The facilitator removes a player, then hands facilitation to another.
    panel.locator("li", has_text="Finn").get_by_role("button", name="Verwijderen").click()
    panel.get_by_role("button", name="Ja, Finn verwijderen").click()
    expect(finn.get_by_test_id("gone")).to_contain_text("uit deze sessie gehaald")
    expect(panel.locator("li", has_text="Finn")).to_have_count(0)
    panel.locator("li", has_text="Dina").get_by_role("button", name="Leiding overdragen").click()
    panel.get_by_role("button", name="Ja, Dina leidt").click()
    # The host keeps its token: it now watches, and may take steering back.
    expect(fac.get_by_role("region", name=re.compile("Dina leidt het spel nu"))).to_be_visible()
    expect(fac.get_by_role("button", name="Leiding terugnemen")).to_be_visible()
    expect(dina.get_by_test_id("step-controls")).to_be_visible()
    expect(dina.locator("[data-role]")).to_have_attribute("data-role", "facilitator")
    dina.get_by_role("button", name="Spel afsluiten").click()
    dina.get_by_role("button", name="Ja, spel afsluiten").click()
    expect(proj.locator("[data-phase]").first).to_have_attribute("data-phase", "closed")
    assert dialogs == []
