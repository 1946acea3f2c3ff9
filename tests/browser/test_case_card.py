"""A blank case card from the deck, played in the browser as seed 003 plays it: its reader
writes a case from their own practice, reads it aloud, and the others respond. Nobody is
asked to read the prompt aloud or to place a pawn on it.

Anna (the first reader) and Bram play in their own browsers, the facilitator in a third,
the projector in a fourth; the room is made over python-socketio.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector
from browser_steps import join, shot, wait_phase
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BLANK = "casuskaarten/geslaagd-leermoment"
PROMPT = "Beschrijf een situatie uit je werk waarin jij of een collega iets nieuws leerde."
CASE = "Na een fout in de planning hielden we een korte terugblik zonder schuldvraag."


def test_a_blank_case_card_is_written_by_its_reader_then_played(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    dialogs: list[str] = []
    _, created = bots.create_room("schaal-5", [BLANK, "leerklimaat/veiligheid"])
    code = created["code"]
    fac = open_as_facilitator(new_context(1366, 768), base, created)
    anna = join(new_context(1366, 768), base, code, "Anna", dialogs)
    bram = join(new_context(390, 844), base, code, "Bram", dialogs)
    projector = open_projector(new_context(1920, 1080), base, created)
    pages = [fac, anna, bram, projector]

    fac.get_by_test_id("next-step").click()
    wait_phase(pages, "read")

    # The card is a writing prompt, on every screen; Anna is asked to write, not to read.
    for page in pages:
        card = page.get_by_test_id("card")
        expect(card.locator(".kind-tag")).to_have_text("Casuskaart: schrijf een casus")
        expect(card.get_by_test_id("card-text")).to_contain_text(PROMPT)
    expect(anna.get_by_test_id("reader")).to_contain_text("Jij schrijft de casus")
    expect(bram.get_by_test_id("reader")).to_contain_text("Anna schrijft de casus")
    expect(anna.get_by_test_id("instruction")).to_contain_text("Schrijf een casus uit je eigen")
    expect(anna.get_by_test_id("instruction")).not_to_contain_text("hardop")
    expect(bram.get_by_test_id("instruction")).to_contain_text("Anna schrijft een casus")
    expect(anna.get_by_test_id("write-case")).to_be_visible()
    expect(bram.get_by_test_id("write-case")).to_have_count(0)
    expect(fac.get_by_test_id("write-case")).to_contain_text("Anna schrijft de casus")
    shot(anna, screenshots, "case-card-to-write")

    # Moving on before the case is written is refused: nobody places a pawn on a prompt.
    fac.get_by_test_id("next-step").click()
    expect(fac.get_by_test_id("notice").last).to_contain_text("wacht nog op de casus")
    wait_phase(pages, "read")

    form = anna.get_by_test_id("write-case")
    expect(form.get_by_test_id("write-case-submit")).to_be_disabled()
    form.get_by_test_id("write-case-title").fill("Terugblik zonder schuld")
    form.get_by_test_id("write-case-text").fill(CASE)
    form.get_by_test_id("write-case-submit").click()

    # The case is now the card, shown as a case with its prompt; Anna reads it aloud.
    for page in pages:
        card = page.get_by_test_id("card")
        expect(card.get_by_test_id("card-text")).to_have_text(CASE)
        expect(card.locator(".card-title")).to_have_text("Terugblik zonder schuld")
        expect(card.locator(".kind-tag")).to_have_text("Casus")
        expect(card.get_by_test_id("case-prompt")).to_contain_text(PROMPT)
    expect(anna.get_by_test_id("write-case")).to_have_count(0)
    expect(fac.get_by_test_id("write-case")).to_have_count(0)
    read_aloud = "Lees de kaart hardop voor aan de groep."
    expect(anna.get_by_test_id("instruction")).to_have_text(read_aloud)
    expect(anna.get_by_test_id("reader")).to_contain_text("Jij leest deze kaart voor")
    shot(projector, screenshots, "case-card-written-projector")

    # Then it is played like a statement: everyone places a pawn on the case.
    fac.get_by_test_id("next-step").click()
    wait_phase(pages, "place")
    bram.locator("[data-square='4']").click()
    anna.locator("[data-square='2']").click()
    expect(fac.locator("[data-square='4'] .pawn-first")).to_have_count(1)
    expect(fac.locator("[data-square='2'] .pawn-first")).to_have_count(1)
    assert dialogs == []
