"""An English session for people whose browsers never chose a language.

The facilitator switches the home page to English and opens a session: the projector,
opened from the facilitator's link on the beamer's own laptop, shows it in English; a
phone that follows the join link (or its QR code) joins in English and stays in English
after a reload; a participant who switches to Dutch keeps Dutch.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector
from browser_steps import open_page, three_sizes, wait_phase
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CARD = "leerklimaat/veiligheid"


def test_an_english_session_reaches_projector_and_phones_in_english(
    server: Any, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    dialogs: list[str] = []
    fac = open_page(new_context(1366, 768), f"{base}/#/", dialogs)
    fac.get_by_role("button", name="Switch to English").click()
    form = fac.get_by_test_id("create-form")
    # Nothing Dutch on the English form: the own deck is named in English until renamed.
    expect(form.get_by_label("Name of your own deck")).to_have_value("Own cards")
    three_sizes(fac, screenshots, "english-session-create-form")
    form.get_by_role("radio", name=re.compile("Scale")).check()
    form.locator(".deck-open .deck-cards input[type=checkbox]").first.check()
    fac.get_by_role("button", name="Open session").click()
    code = fac.get_by_test_id("lobby-code").inner_text().strip()
    link = fac.get_by_role("textbox", name="Link to join")
    expect(link).to_have_value(f"{base}/#/join/{code}?lang=en")
    expect(fac.locator("svg.qr")).to_have_attribute("data-value", f"{base}/#/join/{code}?lang=en")

    # The beamer's laptop: a browser that never chose a language.
    href = fac.get_by_role("link", name=re.compile("Open projector screen")).get_attribute("href")
    assert href is not None
    projector = open_page(new_context(1920, 1080), href, dialogs)
    expect(projector.get_by_text("and enter this code:")).to_be_visible()
    expect(projector.get_by_text("Joined: 0")).to_be_visible()
    expect(projector.locator("html")).to_have_attribute("lang", "en")

    # A phone follows the join link: the join page, the lobby and a reload, in English.
    phone = open_page(new_context(390, 844, touch=True), f"{base}/#/join/{code}?lang=en", dialogs)
    expect(phone.get_by_role("heading", name="Join")).to_be_visible()
    phone.get_by_label("Your name").fill("Ana")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("Welcome, Ana")).to_be_visible()
    phone.reload()
    expect(phone.get_by_text("Welcome, Ana")).to_be_visible()
    expect(projector.get_by_text("Joined: 1")).to_be_visible()
    expect(phone.get_by_text("Joined: 1")).to_be_visible()

    # A participant who chooses Dutch keeps Dutch in the English session.
    kees = open_page(new_context(1366, 768), f"{base}/#/join/{code}?lang=en", dialogs)
    kees.get_by_role("button", name="Schakel naar Nederlands").click()
    kees.get_by_label("Je naam").fill("Kees")
    kees.get_by_role("button", name="Meedoen").click()
    expect(kees.get_by_text("Welkom, Kees")).to_be_visible()
    kees.reload()
    expect(kees.get_by_text("Welkom, Kees")).to_be_visible()

    three_sizes(projector, screenshots, "english-session-projector-lobby")
    three_sizes(phone, screenshots, "english-session-player-lobby")
    three_sizes(fac, screenshots, "english-session-facilitator-lobby")
    assert dialogs == []


def test_one_dot_from_one_participant_is_said_in_the_singular(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    host, created = bots.create_room("schaal-5", [CARD], language="en")
    code = created["code"]
    # Browsers that never chose a language: they follow the English room.
    fac = open_as_facilitator(new_context(1366, 768), base=server.url, created=created)
    projector = open_projector(new_context(1920, 1080), server.url, created)
    dialogs: list[str] = []
    phone = open_page(
        new_context(390, 844, touch=True), f"{server.url}/#/join/{code}?lang=en", dialogs
    )
    phone.get_by_label("Your name").fill("Ana")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("Welcome, Ana")).to_be_visible()

    bots.do(host, "start")
    while host.view["phase"] != "sort":
        bots.do(host, "next_step")
    bots.do(host, "set_pile", item="card", id=CARD, pile="red")
    bots.do(host, "next_step")
    wait_phase([fac, phone, projector], "summary")

    controls = fac.get_by_test_id("voting-controls")
    controls.get_by_role("button", name="Open the vote").click()
    phone.get_by_role("button", name=re.compile("^Add a dot")).click()
    expect(controls.get_by_test_id("voting-progress")).to_have_text(
        "1 dot placed by 1 participant."
    )
    expect(projector.get_by_test_id("projector-voting")).to_have_text(
        "Voting: 1 dot from 1 participant."
    )
    expect(phone.get_by_text("1 of your dots")).to_be_attached()
    three_sizes(fac, screenshots, "english-session-voting-facilitator")
    three_sizes(projector, screenshots, "english-session-voting-projector")
    assert dialogs == []


def test_switching_language_keeps_what_was_chosen_and_typed(
    server: Any, new_context: Any, screenshots: Path
) -> None:
    dialogs: list[str] = []
    page = open_page(new_context(1366, 768), f"{server.url}/#/", dialogs)
    form = page.get_by_test_id("create-form")
    form.get_by_role("radio", name=re.compile("Schaal")).check()
    boxes = form.locator(".deck-open .deck-cards input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    expect(page.get_by_text("2 kaarten gekozen")).to_be_visible()
    page.get_by_label("Je naam").fill("Piet")
    page.get_by_role("button", name="Switch to English").click()
    expect(page.get_by_text("2 cards chosen")).to_be_visible()
    expect(form.get_by_role("radio", name=re.compile("Scale"))).to_be_checked()
    expect(page.get_by_label("Your name")).to_have_value("Piet")
    expect(form.get_by_label("Name of your own deck")).to_have_value("Own cards")
    three_sizes(page, screenshots, "english-session-home-switched")

    # The join page too: the name typed on a phone survives the switch.
    phone = open_page(new_context(390, 844, touch=True), f"{server.url}/#/join/ABC234", dialogs)
    phone.get_by_label("Je naam").fill("Ana")
    phone.get_by_role("button", name="Switch to English").click()
    expect(phone.get_by_label("Your name")).to_have_value("Ana")
    expect(phone.get_by_label("Session code")).to_have_value("ABC234")
    assert dialogs == []


def test_a_vote_with_nothing_to_develop_says_why_it_cannot_open(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    host, created = bots.create_room("schaal-5", [CARD], language="en")
    fac = open_as_facilitator(new_context(1366, 768), base=server.url, created=created)
    bots.join(created["code"], ["Ana"])
    bots.do(host, "start")
    while host.view["phase"] != "sort":
        bots.do(host, "next_step")
    bots.do(host, "set_pile", item="card", id=CARD, pile="green")
    bots.do(host, "next_step")
    wait_phase([fac], "summary")

    controls = fac.get_by_test_id("voting-controls")
    expect(controls.get_by_role("button", name="Open the vote")).to_be_disabled()
    expect(controls).to_contain_text("there is nothing to vote on")
    three_sizes(fac, screenshots, "english-session-vote-nothing")

    # As the hint says: back to sorting, the card on the red pile, and the vote can open.
    fac.get_by_role("button", name="Back").click()
    wait_phase([fac], "sort")
    fac.get_by_role("button", name="Safety to the red pile").click()
    expect(fac.get_by_test_id("pile-red")).to_contain_text("Safety")
    fac.get_by_role("button", name="To the summary").click()
    wait_phase([fac], "summary")
    controls.get_by_role("button", name="Open the vote").click()
    expect(controls.get_by_test_id("voting-progress")).to_have_text(
        "0 dots placed by 0 participants."
    )
