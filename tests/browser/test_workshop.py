"""Workshops of several tables (issue 12), as the facilitator and the participants meet them.

- The create flow's tables step: one table is today's room; more tables ask how people are
  seated and who steers, and open a workshop.
- A workshop of 30 tables on the projector at 1920x1080: the overview pages turn, and
  nothing on a page overflows the screen.
- A workshop of 3 tables of 2 players, each player in a browser context of their own: one
  code for everyone, spread evenly; the facilitator's lobby shows the tables and moves a
  player by keyboard (who follows to the new table); the overview shows every table's step;
  a broadcast reaches every player's screen; a table lead steers their own table; the
  facilitator takes over and gives back; then steers all tables in step; the projector
  shows the overview and, when chosen, one table.

Every screen visited passes axe-core (``browser_steps.shot`` and the ``new_context``
fixture); the changed screens are photographed at 1366x768, 390x844 and 1920x1080.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import SIZES, open_page, shot, three_sizes, wait_phase
from playwright.sync_api import BrowserContext, Page, expect

from tests.support import workshop as ws

pytestmark = pytest.mark.browser


def choose_cards(page: Page, base: str, cards: int) -> None:
    page.goto(f"{base}/#/")
    form = page.get_by_test_id("create-form")
    boxes = form.locator(".deck-open .deck-cards input[type=checkbox]")
    for i in range(cards):
        boxes.nth(i).check()
    expect(page.get_by_test_id("order-list").locator("li")).to_have_count(cards)


def test_one_table_is_todays_room(server: Any, new_context: Any, screenshots: Path) -> None:
    dialogs: list[str] = []
    page = open_page(new_context(), f"{server.url}/#/", dialogs)
    choose_cards(page, server.url, 2)
    tables = page.get_by_test_id("tables-setup")
    expect(tables.get_by_label("Aantal tafels", exact=True)).to_have_value("1")
    expect(tables.get_by_text("Wie zit waar?")).to_have_count(0)
    expect(page.get_by_test_id("create-submit")).to_have_text("Sessie openen")
    page.get_by_test_id("create-submit").click()
    expect(page.get_by_test_id("lobby-code")).to_be_visible()
    assert re.search(r"#/room/[A-Z0-9]{6}$", page.url), page.url
    assert dialogs == []


def test_tables_step_asks_seating_and_steering(
    server: Any, new_context: Any, screenshots: Path
) -> None:
    page = open_page(new_context(), f"{server.url}/#/", [])
    choose_cards(page, server.url, 2)
    tables = page.get_by_test_id("tables-setup")
    tables.get_by_label("Aantal tafels", exact=True).fill("3")
    expect(tables.get_by_text("Wie zit waar?")).to_be_visible()
    expect(tables.get_by_text("Wie stuurt de tafels?")).to_be_visible()
    expect(tables.get_by_role("radio", name=re.compile("Gelijk verdelen"))).to_be_checked()
    expect(
        tables.get_by_role("radio", name=re.compile("Elke tafel stuurt zichzelf"))
    ).to_be_checked()
    expect(page.get_by_test_id("create-submit")).to_have_text("Workshop openen")
    tables.get_by_role("radio", name=re.compile("Een tafelgrootte")).check()
    tables.get_by_label("Minstens aan een tafel").fill("7")
    expect(page.get_by_test_id("tables-problem")).to_contain_text("minimum")
    expect(page.get_by_test_id("create-submit")).to_be_disabled()
    tables.get_by_label("Minstens aan een tafel").fill("4")
    expect(page.get_by_test_id("create-submit")).to_be_enabled()
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        tables.get_by_text("Wie zit waar?").scroll_into_view_if_needed()
        shot(page, screenshots, f"workshop-create-tables-{width}x{height}")


def create_workshop(page: Page, base: str, tables: int) -> str:
    choose_cards(page, base, 3)
    setup = page.get_by_test_id("tables-setup")
    setup.get_by_label("Aantal tafels", exact=True).fill(str(tables))
    setup.get_by_role("radio", name=re.compile("Gelijk verdelen")).check()
    setup.get_by_role("radio", name=re.compile("Elke tafel stuurt zichzelf")).check()
    page.get_by_test_id("create-submit").click()
    code = page.get_by_test_id("lobby-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    assert page.url.endswith(f"#/workshop/{code}"), page.url
    return code


def join_workshop(context: BrowserContext, base: str, code: str, name: str) -> Page:
    """A participant with the one code of the workshop: seated, and at their table's screen."""
    page = open_page(context, f"{base}/#/join/{code}", [])
    page.get_by_test_id("join-name").fill(name)
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_text(f"Welkom, {name}")).to_be_visible()
    expect(page.get_by_test_id("table-name")).to_be_visible()
    return page


def table_of(page: Page) -> str:
    return page.get_by_test_id("table-name").inner_text().strip()


def card(facilitator: Page, table: str) -> Any:
    return facilitator.get_by_test_id("overview").get_by_role("article", name=table)


def test_three_tables(server: Any, new_context: Any, screenshots: Path) -> None:
    facilitator = open_page(new_context(), f"{server.url}/#/", [])
    code = create_workshop(facilitator, server.url, 3)
    shot(facilitator, screenshots, "workshop-lobby-empty-1366x768")

    names = ["Anna", "Bram", "Cas", "Dewi", "Emre", "Fleur"]
    players: dict[str, Page] = {}
    for i, name in enumerate(names):
        phone = i == 5
        context = new_context(390, 844, touch=True) if phone else new_context()
        players[name] = join_workshop(context, server.url, code, name)
    # Spread evenly: the least-filled table, the earliest on ties.
    seats = {name: table_of(page) for name, page in players.items()}
    assert seats == {
        "Anna": "Tafel 1",
        "Bram": "Tafel 2",
        "Cas": "Tafel 3",
        "Dewi": "Tafel 1",
        "Emre": "Tafel 2",
        "Fleur": "Tafel 3",
    }, seats
    shot(players["Fleur"], screenshots, "workshop-participant-lobby-390x844")

    # The lobby: every table with its people; move Fleur by keyboard, she follows.
    lobby = facilitator.get_by_test_id("workshop-lobby")
    for table, people in (
        ("Tafel 1", "Anna Dewi"),
        ("Tafel 2", "Bram Emre"),
        ("Tafel 3", "Cas Fleur"),
    ):
        column = lobby.get_by_role("region", name=re.compile(f"^{table}"))
        for person in people.split():
            expect(column.get_by_role("button", name=person, exact=True)).to_be_visible()
    three_sizes(facilitator, screenshots, "workshop-lobby")
    fleur = lobby.get_by_role("button", name="Fleur", exact=True)
    fleur.focus()
    facilitator.keyboard.press("ArrowLeft")
    expect(facilitator.get_by_test_id("seating-announce")).to_have_text("Fleur zit nu aan Tafel 2.")
    expect(players["Fleur"].get_by_test_id("table-name")).to_have_text("Tafel 2")
    lobby.get_by_label("Tafel van Fleur").select_option(label="Tafel 3")
    expect(players["Fleur"].get_by_test_id("table-name")).to_have_text("Tafel 3")

    # The code goes on the big screen from the invitation itself, in sight on a laptop
    # (the side column's projector panel is further down); both open the same screen.
    invite = facilitator.get_by_test_id("lobby-invite")
    to_projector = invite.get_by_role("link", name="Code op de beamer tonen")
    expect(to_projector).to_be_in_viewport()
    projector_url = to_projector.get_attribute("href")
    assert projector_url
    assert projector_url == facilitator.get_by_test_id("projector-link").get_attribute("href")
    projector = open_page(new_context(1920, 1080), projector_url, [])
    expect(projector.get_by_test_id("workshop-projector")).to_be_visible()
    shot(projector, screenshots, "workshop-projector-lobby-1920x1080")

    # Start: every table reads its first card; the first seated at each table leads it.
    facilitator.get_by_test_id("start-workshop").click()
    wait_phase(list(players.values()), "read")
    for table, lead in (("Tafel 1", "Anna"), ("Tafel 2", "Bram"), ("Tafel 3", "Cas")):
        expect(card(facilitator, table)).to_contain_text("Lezen")
        expect(card(facilitator, table).get_by_test_id("table-steered-by")).to_have_text(
            f"{lead} (tafelleider)"
        )
    expect(projector.get_by_test_id("overview").get_by_role("article")).to_have_count(3)

    # A broadcast reaches every player's screen, as text.
    message = "Nog 5 minuten, rond deze kaart af <b>echt</b>"
    facilitator.get_by_label("Bericht").fill(message)
    facilitator.get_by_role("button", name="Bericht sturen").click()
    for page in players.values():
        expect(page.get_by_test_id("broadcast-message")).to_contain_text(message)
        expect(page.get_by_test_id("broadcast-message").locator("b")).to_have_count(0)
    shot(players["Fleur"], screenshots, "workshop-participant-broadcast-390x844")
    players["Fleur"].get_by_test_id("broadcast-message").get_by_role(
        "button", name="Gelezen"
    ).click()
    expect(players["Fleur"].get_by_test_id("broadcast-message")).to_have_count(0)

    # A table lead steers their own table only; the overview follows.
    players["Anna"].get_by_test_id("next-step").click()
    wait_phase([players["Anna"], players["Dewi"]], "place")
    expect(card(facilitator, "Tafel 1")).to_contain_text("Plaatsen")
    expect(card(facilitator, "Tafel 1").get_by_test_id("table-still-to-place")).to_have_text(
        "Anna, Dewi"
    )
    expect(card(facilitator, "Tafel 2")).to_contain_text("Lezen")
    # The lead asks for help; the overview shows it, the facilitator clears it.
    players["Anna"].get_by_test_id("ask-help").click()
    expect(card(facilitator, "Tafel 1").get_by_test_id("help-flag")).to_be_visible()
    three_sizes(facilitator, screenshots, "workshop-overview")
    shot(projector, screenshots, "workshop-projector-overview-1920x1080")
    card(facilitator, "Tafel 1").get_by_role("button", name="Geholpen: Tafel 1").click()
    expect(card(facilitator, "Tafel 1").get_by_test_id("help-flag")).to_have_count(0)

    # Take over a table and give it back.
    card(facilitator, "Tafel 2").get_by_role("button", name=re.compile("Overnemen")).click()
    expect(card(facilitator, "Tafel 2").get_by_test_id("table-steered-by")).to_have_text("jij")
    expect(players["Bram"].get_by_test_id("next-step")).to_have_count(0)
    card(facilitator, "Tafel 2").get_by_role("button", name=re.compile("Teruggeven")).click()
    expect(players["Bram"].get_by_test_id("next-step")).to_be_visible()

    # Open a table: today's facilitator view of it, and back to the overview.
    card(facilitator, "Tafel 3").get_by_role("link", name="Open tafel: Tafel 3").click()
    expect(facilitator.get_by_test_id("table-name")).to_have_text("Tafel 3")
    shot(facilitator, screenshots, "workshop-open-table-1366x768")
    facilitator.get_by_test_id("back-to-overview").click()
    expect(facilitator.get_by_test_id("overview")).to_be_visible()

    # The projector shows one table when chosen, then the overview again.
    facilitator.get_by_test_id("projector-select").select_option(label="Tafel 1")
    expect(projector.get_by_test_id("projector")).to_be_visible()
    shot(projector, screenshots, "workshop-projector-table-1920x1080")
    facilitator.get_by_test_id("projector-select").select_option(
        label="Alle tafels (zonder post-its)"
    )
    expect(projector.get_by_test_id("workshop-projector")).to_be_visible()

    # The facilitator steers all tables in step: one "next" moves every table.
    facilitator.get_by_role("radio", name=re.compile("Jij stuurt alle tafels tegelijk")).check()
    for table in ("Tafel 1", "Tafel 2", "Tafel 3"):
        expect(card(facilitator, table).get_by_test_id("table-steered-by")).to_have_text("jij")
    expect(players["Anna"].get_by_test_id("next-step")).to_have_count(0)
    facilitator.get_by_test_id("step-all").click()
    wait_phase([players["Anna"], players["Dewi"]], "discuss")
    wait_phase([players[n] for n in ("Bram", "Emre", "Cas", "Fleur")], "place")
    shot(players["Fleur"], screenshots, "workshop-participant-place-390x844")

    # The overview in English, then back to Dutch.
    facilitator.get_by_role("button", name="Switch to English").click()
    expect(facilitator.get_by_role("heading", name="All tables", level=1)).to_be_visible()
    expect(card(facilitator, "Tafel 1").get_by_test_id("table-steered-by")).to_have_text("you")
    shot(facilitator, screenshots, "workshop-overview-en-1366x768")
    facilitator.get_by_role("button", name="Schakel naar Nederlands").click()
    expect(facilitator.get_by_role("heading", name="Alle tafels", level=1)).to_be_visible()

    # A reload lands at the right table.
    players["Emre"].reload()
    expect(players["Emre"].get_by_test_id("table-name")).to_have_text("Tafel 2")
    wait_phase([players["Emre"]], "place")

    # The workshop's downloads: one file with every table, from the facilitator's screen.
    href = (
        facilitator.get_by_test_id("downloads").locator("a[data-format=json]").get_attribute("href")
    )
    assert href
    reply = facilitator.request.get(f"{server.url}/{href}")
    assert reply.ok, reply.status
    body = reply.json()
    assert body["format"] == "leerklimaat-workshop"
    assert sorted(t["name"] for t in body["tables"]) == ["Tafel 1", "Tafel 2", "Tafel 3"]


def test_choose_assign_and_orders(server: Any, new_context: Any, screenshots: Path) -> None:
    """Seating "choose" (the picker, who sits where), then "assign" (waiting, seated by a
    drag in the lobby), a timer for everyone and "all tables to sort"."""
    facilitator = open_page(new_context(), f"{server.url}/#/", [])
    choose_cards(facilitator, server.url, 2)
    setup = facilitator.get_by_test_id("tables-setup")
    setup.get_by_label("Aantal tafels", exact=True).fill("2")
    setup.get_by_role("radio", name=re.compile("Deelnemers kiezen")).check()
    facilitator.get_by_test_id("create-submit").click()
    code = facilitator.get_by_test_id("lobby-code").inner_text().strip()

    # Choose: the picker lists the tables and who sits there; the choice seats you.
    iris = open_page(new_context(390, 844, touch=True), f"{server.url}/#/join/{code}", [])
    iris.get_by_test_id("join-name").fill("Iris")
    iris.get_by_role("button", name="Meedoen").click()
    picker = iris.get_by_test_id("table-picker")
    expect(picker.get_by_role("radio", name=re.compile("Tafel 1"))).to_be_visible()
    expect(iris.get_by_test_id("picker-submit")).to_be_disabled()
    shot(iris, screenshots, "workshop-participant-choose-390x844")
    picker.get_by_text("Tafel 2").click()
    iris.get_by_test_id("picker-submit").click()
    expect(iris.get_by_test_id("table-name")).to_have_text("Tafel 2")

    # Assign: a participant waits until the facilitator drags them onto a table.
    facilitator.get_by_role("radio", name=re.compile("Jij deelt in")).check()
    expect(facilitator.get_by_role("radio", name=re.compile("Jij deelt in"))).to_be_checked()
    joost = open_page(new_context(390, 844, touch=True), f"{server.url}/#/join/{code}", [])
    joost.get_by_test_id("join-name").fill("Joost")
    joost.get_by_role("button", name="Meedoen").click()
    expect(joost.get_by_test_id("waiting-for-table")).to_contain_text(
        "De begeleider geeft je zo een tafel"
    )
    shot(joost, screenshots, "workshop-participant-wait-390x844")
    lobby = facilitator.get_by_test_id("workshop-lobby")
    unseated = lobby.get_by_role("region", name=re.compile("^Nog zonder tafel"))
    expect(unseated.get_by_role("button", name="Joost", exact=True)).to_be_visible()
    shot(facilitator, screenshots, "workshop-lobby-unseated-1366x768")
    # Dragged by the name, as a person grabs it.
    unseated.get_by_role("button", name="Joost", exact=True).drag_to(
        lobby.get_by_test_id("seat-column-t1")
    )
    expect(joost.get_by_test_id("table-name")).to_have_text("Tafel 1")
    expect(lobby.get_by_role("region", name=re.compile("^Nog zonder tafel"))).to_have_count(0)

    # Start; a timer for everyone; then every table to sorting at once.
    facilitator.get_by_test_id("start-workshop").click()
    wait_phase([iris, joost], "read")
    facilitator.get_by_label("Timer voor iedereen (minuten)").fill("2")
    facilitator.get_by_role("button", name="Timer starten").click()
    for page in (iris, joost):
        expect(page.get_by_test_id("timer")).to_have_text(re.compile(r"^[12]:\d\d$"))
    facilitator.get_by_role("button", name="Alle tafels naar sorteren").click()
    facilitator.get_by_role("button", name="Ja, alle tafels nu naar sorteren").click()
    wait_phase([iris, joost], "sort")
    for table in ("Tafel 1", "Tafel 2"):
        expect(card(facilitator, table)).to_contain_text("Sorteren")

    # Ending the workshop (asked in place first).
    facilitator.get_by_role("button", name="Workshop afsluiten").click()
    facilitator.get_by_role("button", name="Ja, alle tafels afsluiten").click()
    expect(facilitator.get_by_text("De workshop is afgesloten.")).to_be_visible()
    # Every table's game ends with it.
    wait_phase([iris, joost], "closed")


def test_thirty_tables_on_the_projector(
    server: Any, new_context: Any, bots: Bots, screenshots: Path
) -> None:
    async def prepare() -> ws.Workshop:
        w = await ws.create_workshop(server.url, tables={"count": 30})
        await ws.join_all(server.url, w, [f"Deelnemer {i:02d}" for i in range(30)])
        await w.do("start_workshop")
        return w

    workshop = bots.run(prepare(), timeout=180)
    try:
        code, token = workshop.code, workshop.created["projector_token"]
        projector = open_page(
            new_context(1920, 1080), f"{server.url}/#/workshop-projector/{code}?token={token}", []
        )
        overview = projector.get_by_test_id("overview")
        expect(overview).to_have_attribute("data-pages", re.compile(r"^[2-9]$"))
        expect(overview.get_by_test_id("pager-indicator")).to_have_text(re.compile(r"^1/\d$"))
        bottoms = overview.get_by_role("article").evaluate_all(
            "cards => cards.map(c => c.getBoundingClientRect().bottom)"
        )
        assert bottoms and max(bottoms) <= 1080, bottoms
        shot(projector, screenshots, "workshop-projector-30-tables-1920x1080")
    finally:
        bots.run(workshop.close())
