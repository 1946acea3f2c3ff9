"""A facilitator's own content, in the browser as a facilitator meets it (issue 14).

A facilitator writes three statements of their own in the create form (one with a
mistake that is shown next to its field), saves the deck as a YAML file and in the
browser, then, in a new browser (another week, another laptop), loads that file and opens a
room with it; a player joins and the first own statement is read as text. Files with
mistakes get their problems in Dutch (English after switching), naming line, row, column,
card and field. A session plan from the home page starts a room in two clicks; the room
keeps the plan, so on another laptop the facilitator sees the same planned time, and the
room's cards are kept as an own set ("Bewaar kaarten als eigen set") and opened again.
Screens are photographed at the three sizes and pass axe-core.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator
from browser_steps import SIZES, shot, three_sizes, wait_phase
from playwright.sync_api import Locator, Page, expect
from ruamel.yaml import YAML

from game_server.content.deck_files import read_upload

pytestmark = pytest.mark.browser

STATEMENTS = [
    "In onze gemeente is leren een vast onderdeel van het werkoverleg.",
    "Ons opleidingsbeleid is bij iedereen bekend <b>en</b> wordt gebruikt.",
    "Leidinggevenden vragen na een training wat je geleerd hebt.",
]


def write_card(page: Page, number: int, text: str) -> None:
    page.get_by_role("button", name="Nieuwe kaart schrijven").click()
    card = page.get_by_test_id("own-card").nth(number - 1)
    card.get_by_label("Tekst (Nederlands)").fill(text)


def test_write_save_reload_and_play_own_statements(
    server: Any, bots: Bots, new_context: Any, screenshots: Path, tmp_path: Path
) -> None:
    base = server.url
    page = new_context(1366, 768).new_page()
    page.goto(f"{base}/#/")
    expect(page.get_by_role("heading", name="Kies een werkvorm")).to_be_visible()

    form = page.get_by_test_id("create-form")
    form.get_by_label("Naam van je eigen deck").fill("Onze gemeente")
    write_card(page, 1, STATEMENTS[0])
    write_card(page, 2, "x" * 601)
    # The server's deck check names the field: the error stands next to the text.
    second = page.get_by_test_id("own-card").nth(1)
    errors = second.locator(".field-errors")
    expect(errors).to_contain_text("Te lang: hoogstens 600 tekens (nu 601)")
    expect(page.get_by_role("button", name="Download als deckbestand (YAML)")).to_be_disabled()
    second.get_by_label("Tekst (Nederlands)").fill(STATEMENTS[1])
    expect(second.locator(".field-errors")).to_have_count(0)
    write_card(page, 3, STATEMENTS[2])
    expect(page.get_by_test_id("order-list").locator("li")).to_have_count(3)
    # A case prompt looks different from a statement while it is being written.
    page.get_by_test_id("own-card").nth(2).get_by_label("Soort").select_option("case")
    expect(page.get_by_test_id("own-card").nth(2)).to_contain_text("Een casus-opdracht wordt")
    page.get_by_test_id("own-cards").scroll_into_view_if_needed()
    three_sizes(page, screenshots, "own-cards-case")
    page.get_by_test_id("own-card").nth(2).get_by_label("Soort").select_option("statement")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download als deckbestand (YAML)").click()
    saved = tmp_path / "onze-gemeente.yaml"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "onze-gemeente.yaml"
    data = YAML(typ="safe").load(saved.read_text(encoding="utf-8"))
    assert [c["text"]["nl"] for c in data["cards"]] == STATEMENTS
    deck, problems = read_upload(saved.read_bytes(), saved.name, {"schaal-5", "llo-kwadrant"})
    assert problems == [] and deck is not None  # what check-content checks

    page.get_by_role("button", name="Onthoud in deze browser").click()
    expect(page.get_by_test_id("saved-decks")).to_contain_text("Onze gemeente")
    three_sizes(page, screenshots, "own-cards-written")

    # Next week, on another laptop: a new browser with nothing remembered.
    other = new_context(1366, 768).new_page()
    other.goto(f"{base}/#/")
    expect(other.get_by_test_id("saved-decks")).to_have_count(0)
    other.get_by_test_id("own-cards").locator("input[type=file]").set_input_files(str(saved))
    expect(other.get_by_text("Deck Onze gemeente geladen: 3 kaarten.")).to_be_visible()
    order = other.get_by_test_id("order-list").locator("li")
    expect(order).to_have_count(3)
    expect(order.first).to_contain_text(STATEMENTS[0])
    other.get_by_test_id("create-submit").click()
    code = other.get_by_test_id("lobby-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code

    # In the lobby the facilitator can still add a card of their own, and take one out.
    agenda = other.get_by_test_id("agenda")
    lobby_card = other.get_by_test_id("lobby-card")
    lobby_card.get_by_label("Tekst (Nederlands)").fill("Nog eentje over ons eigen beleid.")
    lobby_card.get_by_role("button", name="Kaart toevoegen").click()
    expect(agenda.locator("li")).to_have_count(4)
    expect(agenda.locator("li").last).to_contain_text("Nog eentje over ons eigen beleid.")
    three_sizes(other, screenshots, "own-cards-lobby")
    agenda.get_by_role(
        "button", name=re.compile("^Nog eentje over ons eigen beleid.* weghalen")
    ).click()
    expect(agenda.locator("li")).to_have_count(3)

    [anna] = bots.join(code, ["Anna"])
    other.get_by_test_id("next-step").click()
    wait_phase([other], "read")
    card_text = other.get_by_test_id("card").get_by_test_id("card-text")
    expect(card_text).to_contain_text(STATEMENTS[0])
    other.get_by_test_id("next-step").click()
    wait_phase([other], "place")
    # The second statement's markup is text, never a bold element (the agenda lists it).
    expect(other.get_by_text("<b>en</b>", exact=False).first).to_be_attached()
    expect(other.locator("b", has_text="en")).to_have_count(0)
    bots.do(anna, "place_pawn", position={"square": 3})
    expect(other.get_by_test_id("plan-clock")).to_contain_text("Gepland: 15 min")
    shot(other, screenshots, "own-cards-room")


def test_a_session_plan_starts_in_two_clicks(
    server: Any, new_context: Any, screenshots: Path
) -> None:
    page = new_context(1366, 768).new_page()
    page.goto(f"{server.url}/#/")
    plans = page.get_by_role("region", name="Kies een werkvorm")
    quickscan = page.get_by_test_id("plan-quickscan-leervoorwaarden")
    expect(quickscan).to_contain_text("ongeveer 38 minuten")
    # Leerlandschap's 2 minutes a statement replace its deck's 3 (its seed: 15-20 minutes).
    expect(page.get_by_test_id("plan-leerlandschap")).to_contain_text("ongeveer 19 minuten")
    for name in ("Leerklimaat-workshop", "Leerlandschap", "LLO-dialoog"):
        expect(plans).to_contain_text(name)
    three_sizes(page, screenshots, "plans-home")

    # "Eerst aanpassen" fills the form with the plan; an own card already written stays.
    write_card(page, 1, STATEMENTS[0])
    landscape = page.get_by_test_id("plan-leerlandschap")
    landscape.get_by_role("button", name="Kies Leerlandschap").click()
    landscape.get_by_role("button", name="Eerst aanpassen").click()
    order = page.get_by_test_id("order-list").locator("li")
    expect(order).to_have_count(6)
    expect(order.last).to_contain_text(STATEMENTS[0])
    expect(page.get_by_label("Naam van de sessie", exact=False)).to_have_value("Leerlandschap")
    expect(page.get_by_label("Minuten per kaart")).to_have_value("2")
    landscape.get_by_role("button", name="Leerlandschap dichtklappen").click()

    quickscan.get_by_role("button", name="Kies Quickscan leervoorwaarden").click()
    expect(quickscan).to_contain_text("Actiepunten noteren")
    shot(page, screenshots, "plans-chosen")
    quickscan.get_by_role("button", name="Open de sessie").click()
    expect(page.get_by_test_id("lobby-code")).to_be_visible()
    code = page.get_by_test_id("lobby-code").inner_text().strip()
    clock = page.get_by_test_id("plan-clock")
    expect(clock).to_contain_text("Quickscan leervoorwaarden")
    expect(clock).to_contain_text("Gepland: 38 min")
    shot(page, screenshots, "plans-room")

    # Another laptop: a new browser that has only the facilitator's key (nothing of the
    # plan): the room itself knows its plan.
    key = f"lk:{code}:facilitator"
    credentials = page.evaluate(f"localStorage.getItem({key!r})")
    laptop_context = new_context(1366, 768)
    laptop_context.add_init_script(f"localStorage.setItem({key!r}, {json.dumps(credentials)});")
    laptop = laptop_context.new_page()
    laptop.goto(f"{server.url}/#/room/{code}")
    other_clock = laptop.get_by_test_id("plan-clock")
    expect(other_clock).to_contain_text("Quickscan leervoorwaarden")
    expect(other_clock).to_contain_text("Gepland: 38 min")
    expect(other_clock).to_contain_text("Opening volgens de werkvorm")
    expect(other_clock).to_contain_text("Inleiding en doelen")
    laptop.reload()
    expect(laptop.get_by_test_id("plan-clock")).to_contain_text("Gepland: 38 min")
    three_sizes_at(laptop, laptop.get_by_test_id("plan-clock"), screenshots, "plan-clock-laptop")

    # The room's cards kept as an own set, then opened again from the home page.
    keep = laptop.get_by_role("region", name="Kaarten bewaren")
    keep.scroll_into_view_if_needed()
    keep.get_by_role("button", name="Bewaar kaarten als eigen set").click()
    expect(keep.get_by_role("status")).to_have_text(
        "Bewaard in deze browser als Quickscan leervoorwaarden (4 kaarten)."
        " Je vindt de set op de startpagina bij Eigen kaarten."
    )
    three_sizes_at(laptop, keep, screenshots, "save-deck-lobby")
    with laptop.expect_download() as download:
        keep.get_by_role("button", name="Download als deckbestand (YAML)").click()
    saved = download.value.path()
    assert download.value.suggested_filename == "quickscan-leervoorwaarden.yaml"
    deck, problems = read_upload(saved.read_bytes(), "q.yaml", {"schaal-5", "llo-kwadrant"})
    assert problems == [] and deck is not None
    assert [c.id for c in deck.cards] == [
        "budget",
        "tijd-en-werkdruk",
        "borgen-van-leren",
        "leerroute",
    ]
    assert [c.minutes for c in deck.cards] == [6, 7, 7, 6]

    laptop.goto(f"{server.url}/#/")
    laptop.get_by_role("button", name="Quickscan leervoorwaarden gebruiken").click()
    order = laptop.get_by_test_id("order-list").locator("li")
    expect(order).to_have_count(4)
    expect(order.first).to_contain_text("Eigen")


def three_sizes_at(page: Page, part: Locator, directory: Path, name: str) -> None:
    """``three_sizes`` with ``part`` scrolled into view at each size (it may be far down)."""
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        part.scroll_into_view_if_needed()
        shot(page, directory, f"{name}-{width}x{height}")
    page.set_viewport_size({"width": 1366, "height": 768})


ENGLISH = re.compile(
    r"\b(the|should|must|field|required|found|unknown|file|line|row|column|allowed|"
    r"at most|expected|key|card|whole|number|quotes|available|syntax|error|not|use)\b",
    re.IGNORECASE,
)


def load_file(page: Page, name: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.get_by_test_id("own-cards").locator("input[type=file]").set_input_files(str(path))


def test_a_deck_files_problems_are_in_the_facilitators_language(
    server: Any, new_context: Any, screenshots: Path, tmp_path: Path
) -> None:
    page = new_context(1366, 768).new_page()
    page.goto(f"{server.url}/#/")
    problems = page.locator(".file-problems")

    load_file(page, "tabs.yaml", "id: ons-team\n\tname: x\n", tmp_path)
    expect(problems).to_contain_text(
        "regel 2: De YAML-opmaak klopt niet: spring in met spaties, niet met tabs."
    )
    load_file(page, "ons-team.yaml", BROKEN_DECK, tmp_path)
    expect(problems).to_contain_text("Het bestand heeft 3 problemen")
    expect(problems).to_contain_text("regel 5, bord: Er is geen bord 'schaal-7'.")
    expect(problems).to_contain_text(
        "regel 8, kaart 1, soort: Kies een van: 'statement', 'scenario', 'case'."
        " (gevonden: 'stelling')"
    )
    expect(problems).to_contain_text("regel 10, kaart 1, minuten: Hoogstens 60. (gevonden: '90')")
    text = re.sub(r"'[^']*'", "", problems.inner_text())
    assert not ENGLISH.search(text), text
    three_sizes_at(page, problems, screenshots, "deck-problems-nl")

    load_file(page, "kaarten.csv", "kind;kleur;text_nl\nstatement;rood;Goed\n", tmp_path)
    expect(problems).to_contain_text(
        "rij 1, kolom kleur: Onbekende kolom 'kleur'. Mogelijke kolommen: 'id', 'kind',"
    )
    assert not ENGLISH.search(re.sub(r"'[^']*'|kolom \w+", "", problems.inner_text()))

    page.get_by_role("button", name="Switch to English").click()
    load_file(page, "kaarten.csv", "kind;kleur;text_nl\nstatement;rood;Goed\n", tmp_path)
    expect(problems).to_contain_text("row 1, column kleur: Unknown column 'kleur'.")


BROKEN_DECK = """id: ons-team
name: {nl: Ons team, en: Our team}
description: {nl: Eigen, en: Own}
source: Workshop
board: schaal-7
cards:
  - id: s1
    kind: stelling
    text: {nl: Wij leren., en: We learn.}
    minutes: 90
"""


BLANK = "casuskaarten/geslaagd-leermoment"
CASE = "Na een fout in de planning hielden we een korte terugblik zonder schuldvraag."


def test_a_played_rooms_cards_are_kept_from_the_summary(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    """After the game the facilitator keeps the cards as played: the case Anna wrote on
    the blank case card comes back as a scenario, ready to play again next week."""
    fac_bot, created = bots.create_room("schaal-5", [BLANK, "leerklimaat/veiligheid"])
    [anna] = bots.join(created["code"], ["Anna"])
    bots.do(fac_bot, "start")
    bots.do(anna, "write_case", text=CASE)
    while fac_bot.view is not None and fac_bot.view["phase"] != "summary":
        if fac_bot.view["phase"] in ("place", "revise"):
            bots.do(anna, "place_pawn", position={"square": 3})
        bots.do(fac_bot, "next_step")

    page = open_as_facilitator(new_context(1366, 768), server.url, created)
    wait_phase([page], "summary")
    keep = page.get_by_role("region", name="Kaarten bewaren")
    keep.get_by_role("button", name="Bewaar kaarten als eigen set").click()
    expect(keep.get_by_role("status")).to_contain_text("(2 kaarten)")
    three_sizes_at(page, keep, screenshots, "save-deck-summary")

    page.goto(f"{server.url}/#/")
    title = created["view"]["title"]
    page.get_by_role("button", name=f"{title} gebruiken").click()
    written = page.get_by_test_id("own-card").first
    expect(written.get_by_label("Soort")).to_have_value("scenario")
    expect(written.get_by_label("Tekst (Nederlands)")).to_have_value(CASE)
    expect(page.get_by_test_id("order-list").locator("li")).to_have_count(2)
