"""The plenary across a workshop's three tables in real Chromium (issue 13).

Three tables play two statements over the protocol (python-socketio players: the tables'
play is not the point here), so the tables agree on one statement and differ on the other,
and write post-its that say the same thing in other words. Then, in the browsers: the
facilitator starts the plenary (asked first) and lands in the plenary room; the two
participants in browsers follow there from their tables, and so does the workshop's
projector. The facilitator merges the same need from three tables into one cluster
("3 tafels · 3 post-its"), opens a dot vote; one participant votes on a phone by touch,
the other with the keyboard; the facilitator reveals and turns the top cluster into an
action point, which the participants see. The projector shows the headings with the
cluster and its votes, the consensus picture ("Snel eens" / "Stof tot discussie") and the
action. axe-core runs over every screen photographed (``shot``) and every page left open.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import open_page, shot, three_sizes, wait_phase
from playwright.sync_api import Page, expect
from test_workshop import join_workshop

from tests.support import workshop as ws
from tests.support.player import GameClient

pytestmark = pytest.mark.browser

SAFETY, AUTONOMY = ws.CARDS[0], ws.CARDS[1]
AUTONOMY_TEXT = "Bij ons bepalen medewerkers zelf mee wat, hoe en wanneer ze leren"
# The same need at three tables, in other words.
TIME = {
    "t1": "Geen tijd om te leren naast het werk",
    "t2": "Er is geen tijd om te leren, het werk gaat voor",
    "t3": "Te weinig tijd om te leren",
}
QUESTION = "Hoe betrekken we de leidinggevende?"
GREEN = "<b>Collega's</b> geven elkaar feedback"
# Squares per table and card, first and second placement: the tables agree on safety
# (every table ends on 4) and differ on autonomy (1, 5, 3).
SQUARES = {
    SAFETY: {"t1": (3, 4), "t2": (5, 4), "t3": (4, 4)},
    AUTONOMY: {"t1": (2, 1), "t2": (5, 5), "t3": (3, 3)},
}


async def play_tables(w: ws.Workshop) -> None:
    """Each table's lead (its first seated bot) steps through safety and autonomy; the
    bots place and write; then every table to sorting, the piles laid, needs resolved."""
    await w.do("start_workshop")
    tables = ("t1", "t2", "t3")
    bots_at = {t: w.at(t) for t in tables}
    leads = {t: bots_at[t][0].client for t in tables}
    for card in (SAFETY, AUTONOMY):
        for t in tables:
            lead = leads[t]
            await lead.do("next_step")  # read -> place
            for person in bots_at[t]:
                await person.client.do("place_pawn", position={"square": SQUARES[card][t][0]})
            await lead.do("next_step")  # discuss
            if card == SAFETY:
                await bots_at[t][0].client.do("add_post_it", colour="pink", text=TIME[t])
                if t == "t2":
                    await bots_at[t][1].client.do("add_post_it", colour="pink", text=QUESTION)
                if t == "t3":
                    await bots_at[t][1].client.do("add_post_it", colour="green", text=GREEN)
            await lead.do("next_step")  # revise
            for person in bots_at[t]:
                await person.client.do("place_pawn", position={"square": SQUARES[card][t][1]})
            if card == SAFETY:
                await lead.do("next_step")  # the next card
    await w.do("all_to_sort")
    for t in tables:
        lead = leads[t]
        await lead.wait_for(lambda v: v["phase"] == "sort")
        assert lead.view is not None
        for post_it in lead.view["post_its"].values():
            if post_it["text"] == TIME[t]:
                await lead.do("resolve_post_it", post_it_id=post_it["id"])
        await lead.do("set_pile", item="card", id=AUTONOMY, pile="red")
        await lead.do("set_pile", item="card", id=SAFETY, pile="green" if t == "t1" else "red")


async def to_plenary(url: str, person: ws.Participant) -> GameClient:
    """A bot follows the workshop to its plenary room, as the web client does."""
    probe = await GameClient.connected(url, name=f"{person.name} (workshop)")
    try:
        await probe.enter(person.workshop_code, person.workshop_token)
        view = await probe.wait_for(lambda v: v.get("plenary") is not None)
    finally:
        await probe.close()
    client = await GameClient.connected(url, name=f"{person.name} (plenary)")
    plenary = view["plenary"]
    reply = await client.enter(plenary["code"], plenary["token"])
    assert reply["view"]["table_name"] == plenary["name"]
    return client


def open_workshop_as_facilitator(page: Page, base: str, created: dict[str, Any]) -> None:
    keys = {"token": created["facilitator_token"], "projector_token": created["projector_token"]}
    page.goto(f"{base}/#/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"lk:{created['code']}:workshop:facilitator", json.dumps(keys)],
    )
    page.goto(f"{base}/#/workshop/{created['code']}")


def test_plenary_across_three_tables(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    # Pawns in the open: a round a table never revealed stays out of the picture.
    w = bots.run(
        ws.create_workshop(server.url, tables={"count": 3}, options={"hidden_placements": False})
    )
    voters: list[GameClient] = []
    try:
        run_plenary(server, bots, new_context, screenshots, w, voters)
    finally:

        async def close() -> None:
            await asyncio.gather(*(c.close() for c in voters), return_exceptions=True)
            await w.close()

        bots.run(close())


def run_plenary(
    server: Any,
    bots: Bots,
    new_context: Any,
    screenshots: Path,
    w: ws.Workshop,
    voters: list[GameClient],
) -> None:
    code = w.code
    bots.run(ws.join_all(server.url, w, ["Anna", "Bram", "Eva", "Finn", "Gijs", "Hana"]))
    dialogs: list[str] = []
    fac = open_page(new_context(1366, 768), f"{server.url}/#/", dialogs)
    open_workshop_as_facilitator(fac, server.url, w.created)
    expect(fac.get_by_test_id("workshop-lobby")).to_be_visible()
    # Spread evenly: Cas joins Tafel 1, Dewi Tafel 2.
    cas = join_workshop(new_context(390, 844, touch=True), server.url, code, "Cas")
    dewi = join_workshop(new_context(1366, 768), server.url, code, "Dewi")
    expect(cas.get_by_test_id("table-name")).to_have_text("Tafel 1")
    expect(dewi.get_by_test_id("table-name")).to_have_text("Tafel 2")
    projector = open_page(
        new_context(1920, 1080),
        f"{server.url}/#/workshop-projector/{code}?token={w.created['projector_token']}",
        dialogs,
    )
    expect(projector.get_by_test_id("workshop-projector")).to_be_visible()

    bots.run(play_tables(w))
    wait_phase([cas, dewi], "sort")

    # Start the plenary: asked first, then the plenary room opens for the facilitator.
    overview = fac.get_by_test_id("overview")
    for table in ("Tafel 1", "Tafel 2", "Tafel 3"):
        expect(overview.get_by_role("article", name=table)).to_contain_text("Sorteren")
    start = fac.get_by_test_id("plenary-start")
    expect(start).to_contain_text("Wat een tafel daarna nog schrijft, gaat niet mee.")
    three_sizes(fac, screenshots, "workshop-plenary-start")
    start.get_by_role("button", name="Plenaire terugkoppeling starten").click()
    start.get_by_role("button", name="Ja, de stapels van alle tafels nu verzamelen").click()
    expect(fac.get_by_test_id("table-name")).to_have_text("Plenair")
    wait_phase([fac], "summary")
    # Everyone follows: the participants from their tables, the projector from the overview.
    for page in (cas, dewi):
        expect(page.get_by_test_id("table-name")).to_have_text("Plenair")
    wait_phase([cas, dewi], "summary")
    expect(projector.get_by_test_id("projector")).to_have_attribute("data-phase", "summary")
    expect(projector.get_by_test_id("projector")).to_contain_text("Plenair")

    # The three headings hold every table's items, each labelled with its table and author.
    develop = fac.get_by_test_id("summary-red")
    questions = fac.get_by_test_id("summary-questions")
    present = fac.get_by_test_id("summary-green")
    for table, text in TIME.items():
        item = develop.get_by_test_id("plenary-item").filter(has_text=text)
        expect(item.get_by_test_id("table-tag")).to_have_text(f"Tafel {table[1]}")
    expect(develop.get_by_test_id("plenary-item").filter(has_text=TIME["t1"])).to_contain_text(
        "— Anna"
    )
    expect(questions).to_contain_text(QUESTION)
    expect(questions.get_by_test_id("table-tag")).to_have_text("Tafel 2")
    expect(present).to_contain_text(GREEN)  # as text, never markup
    expect(present.locator("b")).to_have_count(0)
    # A statement on a table's pile looks like a card, called by its title: three tables
    # put autonomy on red.
    cards = develop.locator(".plenary-item-card").filter(has_text="Autonomie")
    expect(cards).to_have_count(3)
    expect(cards.first.locator(".kind-tag")).to_have_text("Kaart")
    expect(cards.first.locator(".item-text")).to_have_attribute("title", re.compile(AUTONOMY_TEXT))

    # The three tables' autonomy cards are suggested as one group, not three pairs.
    suggested = (
        fac.get_by_test_id("suggestions").get_by_role("listitem").filter(has_text="Autonomie")
    )
    expect(suggested).to_have_count(1)
    expect(suggested.get_by_role("button", name="Alle 3 samenvoegen")).to_be_visible()

    # The same need from three tables becomes one cluster.
    for text in TIME.values():
        develop.get_by_role("checkbox", name=f"Selecteer: {text}").check()
    fac.get_by_test_id("cluster-name").fill("Tijd om te leren")
    fac.get_by_role("button", name="Samenvoegen (3)").click()
    cluster = develop.locator(".plenary-item-cluster").filter(has_text="Tijd om te leren")
    expect(cluster.get_by_test_id("cluster-count")).to_have_text("3 tafels · 3 post-its")
    # Two of the autonomy cards, dragged one onto the other.
    # Both in sight first: a page that scrolls during a drag starts it on another item.
    box = cards.nth(1).bounding_box()
    assert box is not None
    fac.evaluate("y => window.scrollBy(0, y)", box["y"] - 80)
    cards.nth(2).drag_to(cards.nth(1))
    # Named after the card's title, as the card is called everywhere else.
    card_cluster = develop.locator(".plenary-item-cluster").filter(has_text="Autonomie")
    expect(card_cluster.get_by_test_id("cluster-count")).to_have_text("2 tafels · 2 post-its")

    # The consensus picture: safety the tables agree on, autonomy they differ on.
    picture = fac.get_by_test_id("consensus-picture")
    expect(picture.get_by_test_id("consensus-agree")).to_contain_text("Veiligheid")
    expect(picture.get_by_test_id("consensus-differ")).to_contain_text("Autonomie")
    figures = picture.get_by_role("table")
    expect(figures.get_by_role("rowheader", name="Tafel 2", exact=True)).to_have_count(2)
    picture.get_by_role("button", name="Cijfers als tabel").click()
    expect(figures).to_be_visible()
    three_sizes(fac, screenshots, "plenary-tables-facilitator")
    # The plenary ends with the workshop, not on its own; it plays no cards to plan.
    expect(fac.get_by_test_id("plenary-ends-with-workshop")).to_contain_text("Workshop afsluiten")
    expect(fac.get_by_role("button", name="Spel afsluiten")).to_have_count(0)
    expect(fac.get_by_text("Tijd van de sessie")).to_have_count(0)
    # On a phone the figures table scrolls in its box; the page itself never sideways.
    fac.set_viewport_size({"width": 390, "height": 844})
    assert fac.evaluate("document.documentElement.scrollWidth") <= 390
    fac.set_viewport_size({"width": 1366, "height": 768})

    # Dot voting: three dots each, several on one item allowed.
    controls = fac.get_by_test_id("voting-controls")
    controls.get_by_role("button", name="Stemronde openen").click()
    expect(cas.get_by_test_id("my-dots-left")).to_contain_text("Je hebt nog 3 van 3 stippen.")
    # Cas taps on the phone: two dots on the cluster.
    for left in ("2", "1"):
        cas.get_by_role("button", name="Stip erbij: Tijd om te leren").tap()
        expect(cas.get_by_test_id("my-dots-left")).to_contain_text(f"nog {left} van 3")
    three_sizes(cas, screenshots, "plenary-tables-voting-phone")
    # Dewi with the keyboard: Tab to the button, Enter.
    add = dewi.get_by_role("button", name="Stip erbij: Tijd om te leren")
    add.focus()
    dewi.keyboard.press("Enter")
    expect(dewi.get_by_test_id("my-dots-left")).to_contain_text("nog 2 van 3")
    dewi.keyboard.press("Enter")
    expect(dewi.get_by_test_id("my-dots-left")).to_contain_text("nog 1 van 3")
    # Two players at their own devices, over the protocol.
    anna, bram = (bots.run(to_plenary(server.url, w.person(n))) for n in ("Anna", "Bram"))
    voters.extend([anna, bram])
    assert anna.view is not None
    time_cluster = next(
        c for c in anna.view["clusters"].values() if c["name"] == "Tijd om te leren"
    )
    bots.run(anna.do("place_dot", item="cluster", id=time_cluster["id"]))
    autonomy_card = next(
        p for p in anna.view["post_its"].values() if p["pile_card"] and p["table_id"] == "t1"
    )
    bots.run(bram.do("place_dot", item="post_it", id=autonomy_card["id"]))
    expect(controls.get_by_test_id("voting-progress")).to_have_text(
        "6 stippen geplaatst door 4 deelnemers."
    )
    expect(fac.get_by_test_id("dot-total")).to_have_count(0)  # hidden until revealed
    expect(projector.get_by_test_id("projector-voting")).to_contain_text("6 stippen")
    controls.get_by_role("button", name="Stemmen tonen").click()

    # Revealed: most dots first; the top cluster becomes an action point.
    top = develop.get_by_test_id("plenary-item").first
    expect(top).to_contain_text("Tijd om te leren")
    expect(top.get_by_test_id("dot-total")).to_have_text("● 5 stippen")
    top.get_by_role("button", name="Actiepunt maken").click()
    form = fac.get_by_test_id("action-points")
    # One place for the action points on the facilitator's screen: the editor lists them,
    # under the headings (no second, read-only list).
    expect(fac.get_by_role("heading", name="Actiepunten", exact=True)).to_have_count(1)
    expect(fac.get_by_test_id("summary-action-points")).to_have_count(0)
    expect(form.get_by_test_id("ap-what")).to_be_in_viewport()
    expect(form.get_by_test_id("ap-what")).to_have_value("Tijd om te leren")
    form.get_by_test_id("ap-what").fill("Elke week een leeruur")
    form.get_by_test_id("ap-who").fill("Teamleiders")
    form.get_by_test_id("ap-first_step").fill("Agenda's vrijmaken")
    form.get_by_test_id("ap-evaluate_when").fill("Na de zomer")
    form.get_by_test_id("ap-submit").click()
    for page in (cas, dewi):
        expect(page.get_by_test_id("summary-action-points")).to_contain_text(
            "Elke week een leeruur"
        )

    # The projector: the headings with the cluster and its votes, the picture, the action.
    expect(projector.get_by_test_id("summary-red").locator(".plenary-item").first).to_contain_text(
        "5 stippen"
    )
    expect(projector.get_by_test_id("summary-red")).to_contain_text("3 tafels · 3 post-its")
    expect(projector.get_by_test_id("consensus-agree")).to_contain_text("Veiligheid")
    expect(projector.get_by_test_id("consensus-differ")).to_contain_text("Autonomie")
    # How far apart the tables ended, in words a room reads: they all ended on square 4
    # for safety, on 1, 5 and 3 for autonomy (gaps 4, 2 and 2); never the statistic.
    expect(
        projector.get_by_test_id("consensus-agree").get_by_test_id("consensus-apart")
    ).to_have_text("De tafels staan op hetzelfde vakje")
    expect(
        projector.get_by_test_id("consensus-differ").get_by_test_id("consensus-apart")
    ).to_have_text("De tafels liggen gemiddeld 2,7 vakjes uit elkaar")
    expect(projector.get_by_test_id("consensus-picture")).not_to_contain_text("verschil tussen")
    expect(projector.get_by_test_id("summary-action-points")).to_contain_text(
        "Elke week een leeruur"
    )
    three_sizes(projector, screenshots, "plenary-tables-projector")
    shot(projector, screenshots, "plenary-tables-projector-final-1920x1080")

    # The files at the end of the plenary are the whole workshop's (the decisions first,
    # then every table), not the plenary room's alone.
    downloads = fac.get_by_test_id("downloads")
    expect(downloads).to_contain_text("het rapport van de hele workshop")
    with fac.expect_download() as report:
        downloads.get_by_role("link", name="Rapport (PDF)").click()
    assert report.value.suggested_filename.startswith(f"leerklimaat-workshop-{code}-")

    # The overview stays reachable from the plenary room.
    fac.get_by_test_id("back-to-overview").click()
    expect(fac.get_by_test_id("plenary-open")).to_be_visible()
    # The projector shows the plenary now: no table is offered for it.
    expect(fac.get_by_test_id("projector-plenary")).to_have_text(
        "De beamer toont de plenaire terugkoppeling."
    )
    expect(fac.get_by_role("button", name="Op de beamer: Tafel 1")).to_have_count(0)
    three_sizes(fac, screenshots, "workshop-plenary-open")
    fac.get_by_role("link", name="Plenaire terugkoppeling openen").click()
    expect(fac.get_by_test_id("table-name")).to_have_text("Plenair")
    fac.evaluate("document.querySelector('[data-testid=plenary]').scrollIntoView()")
    three_sizes(fac, screenshots, "plenary-tables-actions-facilitator")
    # On a phone the one-line top bar holds the way back, the room's name and the whole step.
    fac.set_viewport_size({"width": 390, "height": 844})
    expect(fac.get_by_role("link", name="Tafels", exact=True)).to_be_visible()
    expect(fac.locator(".topbar .phase-current")).to_have_text("Samenvatting")
    fill = fac.locator(".topbar .topbar-fill")
    assert fill.evaluate("e => e.scrollWidth <= e.clientWidth"), "the step is cut off"
    fac.set_viewport_size({"width": 1366, "height": 768})
    expect(fac.get_by_role("link", name="Alle tafels", exact=True)).to_be_visible()
    for page in (cas, dewi):
        page.get_by_test_id("summary-action-points").scroll_into_view_if_needed()
    three_sizes(cas, screenshots, "plenary-tables-phone")
    three_sizes(dewi, screenshots, "plenary-tables-participant")
    # The projector in English: the same picture, in English words.
    projector.get_by_role("button", name="Switch to English").click()
    expect(projector.get_by_test_id("consensus-agree")).to_contain_text("Quick agreement")
    expect(projector.get_by_test_id("consensus-differ")).to_contain_text("Food for discussion")
    expect(
        projector.get_by_test_id("consensus-differ").get_by_test_id("consensus-apart")
    ).to_have_text("The tables are on average 2.7 squares apart")
    expect(projector.get_by_test_id("summary-red")).to_contain_text("3 tables · 3 post-its")
    shot(projector, screenshots, "plenary-tables-projector-en-1920x1080")
    assert dialogs == []
