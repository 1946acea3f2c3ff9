"""The facilitator's steering controls, clicked in the browser, seen by a player.

One room with four cards (made over python-socketio to save time; the facilitator's page
gets the keys), Anna joining in her own browser, Bram as a python-socketio player:
reordering the cards still to come, an accidental "next" undone with "Terug", the timer
started, extended and stopped, post-its locked (Anna's composer closes, the server refuses
Bram's post-it) and unlocked, a post-it deleted by the facilitator, a card skipped (and the
skip undone), then in the summary an action point added, edited and deleted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator
from browser_steps import add_post_it, join, shot, wait_phase
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CARDS = [
    "leerklimaat/veiligheid",
    "leerklimaat/autonomie",
    "leerklimaat/openheid",
    "leerklimaat/feedback",
]


def agenda_titles(page: Page) -> list[str]:
    return [
        t.strip() for t in page.get_by_test_id("agenda").locator(".agenda-text").all_inner_texts()
    ]


def timer_seconds(page: Page) -> int:
    minutes, seconds = page.get_by_test_id("timer").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_facilitator_controls(server: Any, bots: Bots, new_context: Any, screenshots: Path) -> None:
    base = server.url
    dialogs: list[str] = []
    _, created = bots.create_room("schaal-5", CARDS)
    code = created["code"]
    fac = open_as_facilitator(new_context(1366, 768), base, created)
    anna = join(new_context(1366, 768), base, code, "Anna", dialogs)
    (bram,) = bots.join(code, ["Bram"])
    agenda = fac.get_by_test_id("agenda")
    expect(agenda.locator("li")).to_have_count(4)

    # Reorder the cards still to come: Veiligheid later, Feedback earlier.
    agenda.get_by_role("button", name="Veiligheid later").click()
    expect(agenda.locator(".agenda-text").first).to_have_text("Autonomie")
    agenda.get_by_role("button", name="Feedback en reflectie eerder").click()
    expect(agenda.locator(".agenda-text").nth(2)).to_have_text("Feedback en reflectie")
    assert agenda_titles(fac) == ["Autonomie", "Veiligheid", "Feedback en reflectie", "Openheid"]
    expect(agenda.get_by_role("button", name="Autonomie eerder")).to_be_disabled()
    expect(agenda.get_by_role("button", name="Openheid later")).to_be_disabled()

    def step(phase: str) -> None:
        fac.get_by_test_id("next-step").click()
        wait_phase([fac, anna], phase)

    step("read")
    expect(anna.get_by_test_id("card")).to_contain_text("Autonomie")
    expect(fac.get_by_test_id("back-step")).to_be_enabled()

    # An accidental "next" (past placing) is undone with "Terug"; Anna's pawn stays.
    step("place")
    anna.locator("[data-square='3']").click()
    expect(fac.locator("[data-square='3'] .pawn-first")).to_have_count(1)
    step("discuss")
    fac.get_by_test_id("back-step").click()
    wait_phase([fac, anna], "place")
    expect(anna.locator("[data-square='3'] .pawn-first")).to_have_count(1)
    expect(fac.get_by_test_id("next-step")).to_have_text(re.compile("Naar bespreken"))
    bots.do(bram, "place_pawn", position={"square": 4})
    step("discuss")

    # The timer (running since the card began, from the deck's minutes): stop, start with
    # 3 minutes, +1 minute, stop. Anna sees it too.
    timer = fac.get_by_role("region", name="Timer")
    expect(anna.get_by_test_id("timer")).to_be_visible()
    timer.get_by_role("button", name="Stop").click()
    expect(anna.get_by_test_id("timer")).to_have_count(0)
    expect(timer.get_by_role("button", name="+1 minuut")).to_be_disabled()
    timer.get_by_role("spinbutton").fill("3")
    fac.get_by_test_id("timer-start").click()
    expect(anna.get_by_test_id("timer")).to_have_text(re.compile(r"^[23]:\d\d$"))
    before = timer_seconds(fac)
    timer.get_by_role("button", name="+1 minuut").click()
    # The extension reaches both screens as an update; wait for it rather than reading the
    # timer at once (on a busy machine it still shows the old end).
    for page in (fac, anna):
        page.wait_for_function(
            """least => {
                const [m, s] = document.querySelector('[data-testid=timer]').textContent
                    .split(':').map(Number);
                return m * 60 + s >= least;
            }""",
            arg=before + 50,
        )
    timer.get_by_role("button", name="Stop").click()
    expect(anna.get_by_test_id("timer")).to_have_count(0)
    expect(fac.get_by_test_id("timer")).to_have_count(0)

    # Lock post-its: Anna's composer closes, the server refuses Bram's; unlock again.
    add_post_it(anna, "green", "Eigen leerdoelen in het jaargesprek")
    expect(fac.get_by_test_id("wall")).to_contain_text("Eigen leerdoelen")
    anna.get_by_test_id("postit-text").fill("Nog een idee")
    lock = fac.get_by_test_id("lock-postits")
    lock.click()
    expect(lock).to_have_text("Post-its van het slot")
    composer = anna.get_by_test_id("composer")
    expect(composer).to_contain_text("De post-its staan op slot.")
    expect(composer.get_by_test_id("postit-text")).to_be_disabled()
    expect(composer.get_by_role("button", name="Op de muur plakken")).to_be_disabled()
    refused = bots.run(bram.command("add_post_it", colour="pink", text="Mag ik nog?"))
    assert refused["ok"] is False and refused["error"]["code"] == "post_its_locked", refused
    # Her own post-it can no longer be edited either (only the facilitator can).
    mine = anna.get_by_test_id("wall").locator("[data-testid=postit]", has_text="Eigen leerdoelen")
    expect(mine.get_by_role("button", name="Bewerken")).to_have_count(0)
    shot_dir = screenshots
    shot(anna, shot_dir, "player-locked-1366")
    lock.click()
    expect(lock).to_have_text("Post-its op slot")
    expect(composer.get_by_test_id("postit-text")).to_be_enabled()
    expect(composer.get_by_test_id("postit-text")).to_have_value("Nog een idee")  # kept
    composer.get_by_role("button", name="Op de muur plakken").click()
    expect(fac.get_by_test_id("wall").locator("[data-testid=postit]")).to_have_count(2)

    # The facilitator deletes a post-it; it is gone for Anna too.
    fac.get_by_test_id("wall").locator("[data-testid=postit]", has_text="Nog een idee").get_by_role(
        "button", name="Verwijderen"
    ).click()
    expect(anna.get_by_test_id("wall").locator("[data-testid=postit]")).to_have_count(1)
    expect(anna.get_by_test_id("wall")).not_to_contain_text("Nog een idee")

    # Skip a card: Veiligheid is skipped, the room goes to the card after it; "Terug"
    # brings it back.
    step("revise")
    step("read")
    expect(anna.get_by_test_id("card")).to_contain_text("Veiligheid")
    fac.get_by_role("button", name="Kaart overslaan").click()
    expect(anna.get_by_test_id("card")).to_contain_text("Feedback en reflectie")
    skipped = agenda.locator("li", has_text="Veiligheid")
    expect(skipped).to_contain_text("overgeslagen")
    fac.get_by_test_id("back-step").click()
    expect(anna.get_by_test_id("card")).to_contain_text("Veiligheid")
    expect(skipped).to_contain_text("nu")
    fac.get_by_role("button", name="Kaart overslaan").click()
    expect(anna.get_by_test_id("card")).to_contain_text("Feedback en reflectie")
    fac.get_by_role("button", name="Kaart overslaan").click()
    expect(anna.get_by_test_id("card")).to_contain_text("Openheid")
    fac.get_by_role("button", name="Kaart overslaan").click()
    wait_phase([fac, anna], "sort")
    assert agenda_titles(fac)[0] == "Autonomie"
    expect(agenda.locator(".agenda-skipped")).to_have_count(3)
    step("summary")

    # Action points: add, edit, delete.
    points = fac.get_by_test_id("action-points")
    fac.get_by_test_id("ap-what").fill("Leerdoelen in elk jaargesprek")
    fac.get_by_test_id("ap-who").fill("HR")
    fac.get_by_test_id("ap-first_step").fill("Formulier aanpassen")
    fac.get_by_test_id("ap-evaluate_when").fill("Na de gesprekkencyclus")
    fac.get_by_test_id("ap-submit").click()
    on_anna = anna.get_by_test_id("summary-action-points")
    expect(on_anna).to_contain_text("Leerdoelen in elk jaargesprek")
    expect(on_anna).to_contain_text("HR")
    points.locator(".action-list li").get_by_role("button", name="Bewerken").click()
    expect(points.get_by_role("heading", name="Actiepunt bewerken")).to_be_visible()
    expect(fac.get_by_test_id("ap-what")).to_have_value("Leerdoelen in elk jaargesprek")
    fac.get_by_test_id("ap-who").fill("Teamleiders en HR")
    fac.get_by_test_id("ap-submit").click()
    expect(on_anna).to_contain_text("Teamleiders en HR")
    expect(points.locator(".action-list li")).to_have_count(1)
    points.locator(".action-list").scroll_into_view_if_needed()
    shot(fac, shot_dir, "facilitator-action-points-1366")
    points.locator(".action-list li").get_by_role("button", name="Verwijderen").click()
    points.get_by_role("button", name="Ja, verwijderen").click()
    expect(points.locator(".action-list li")).to_have_count(0)
    expect(on_anna).to_contain_text("Nog geen actiepunten.")
    assert dialogs == []
