"""A workshop prepared in English in real Chromium: its tables are "Table 1", "Table 2"
in the facilitator's lobby and on the projector, and a workshop left unnamed is called
"Learning climate workshop of <day>" (never the board's name); a projector and a
participant who never chose a language read the workshop's. A Dutch one: "Tafel 1" and
"Leerklimaat-workshop van <dag>". axe-core over every screen photographed.
Screenshots: test-artifacts/screenshots/english-workshop-* and dutch-workshop-*."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_steps import open_page, shot, three_sizes
from playwright.sync_api import Page, expect
from test_workshop import choose_cards

pytestmark = pytest.mark.browser

UNTITLED = {
    "en": re.compile(r"^Learning climate workshop of \d{1,2} [A-Z][a-z]+ \d{4}$"),
    "nl": re.compile(r"^Leerklimaat-workshop van \d{1,2} [a-z]+ \d{4}$"),
}
WORDS = {
    "en": ("Number of tables", "Spread evenly", "Each table steers itself", "Table"),
    "nl": ("Aantal tafels", "Gelijk verdelen", "Elke tafel stuurt zichzelf", "Tafel"),
}


def _create(page: Page, base: str, language: str) -> str:
    if language == "en":
        page.get_by_role("button", name="Switch to English").click()
    choose_cards(page, base, 2)
    count, spread, steers, _ = WORDS[language]
    setup = page.get_by_test_id("tables-setup")
    setup.get_by_label(count, exact=True).fill("2")
    setup.get_by_role("radio", name=re.compile(spread)).check()
    setup.get_by_role("radio", name=re.compile(steers)).check()
    page.get_by_test_id("create-submit").click()
    code = page.get_by_test_id("lobby-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    return code


@pytest.mark.parametrize(("language", "prefix"), [("en", "english"), ("nl", "dutch")])
def test_a_workshop_speaks_the_language_it_was_made_in(
    server: Any, new_context: Any, screenshots: Path, language: str, prefix: str
) -> None:
    page = open_page(new_context(), f"{server.url}/#/", [])
    code = _create(page, server.url, language)
    table = WORDS[language][3]
    title = page.locator(".topbar .topbar-fill")
    expect(title).to_have_text(UNTITLED[language])
    lobby = page.get_by_test_id("workshop-lobby")
    for n in (1, 2):
        expect(lobby.get_by_role("region", name=re.compile(f"^{table} {n}"))).to_be_visible()
    other = "Tafel" if language == "en" else "Table"
    expect(lobby.get_by_text(re.compile(f"{other} [12]"))).to_have_count(0)
    three_sizes(page, screenshots, f"{prefix}-workshop-lobby")

    href = page.get_by_test_id("projector-link").get_attribute("href")
    assert href, "no projector link"
    projector = open_page(new_context(1920, 1080), href, [])
    expect(projector.locator(".projector-title")).to_have_text(UNTITLED[language])
    expect(projector.get_by_text(code).first).to_be_visible()
    # A projector that never chose a language shows the workshop's: its own words too.
    switch = "Schakel naar Nederlands" if language == "en" else "Switch to English"
    expect(projector.get_by_role("button", name=switch)).to_be_visible()

    # A participant joins on the home page (Dutch until chosen) and then reads the
    # workshop's language at their table.
    anna = open_page(new_context(390, 844, touch=True), f"{server.url}/#/join/{code}", [])
    anna.get_by_test_id("join-name").fill("Anna")
    anna.get_by_role("button", name="Meedoen").click()
    welcome = "Welcome, Anna" if language == "en" else "Welkom, Anna"
    expect(anna.get_by_text(welcome)).to_be_visible()
    expect(anna.get_by_test_id("table-name")).to_have_text(f"{table} 1")
    three_sizes(anna, screenshots, f"{prefix}-workshop-participant")
    expect(projector.get_by_text("Anna", exact=True)).to_be_visible()
    three_sizes(projector, screenshots, f"{prefix}-workshop-projector")
    shot(projector, screenshots, f"{prefix}-workshop-projector-final-1920x1080")
