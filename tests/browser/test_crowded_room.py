"""A full room on the projector (1280x720) and the facilitator's laptop.

Thirty players join over python-socketio (cheap; see bots.py) and play one card: their
pawns on the board, thirty post-its on the wall, then a summary with more than a screen
of items. The projector nobody scrolls must show everything inside the screen: long lists
turn pages by themselves ("1/3"), the summary keeps every part in its box. Pawns stay
readable: a crowded square shrinks or stacks its pawns inside the square and counts them;
on the quadrant, pawns on one spot are laid out side by side with a count, and the group's
mean shift replaces thirty personal arrows. Screenshots: test-artifacts/screenshots/crowded-*.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector, wait_version
from browser_steps import shot
from playwright.sync_api import Page, expect

from tests.support.player import GameClient

pytestmark = pytest.mark.browser

NAMES = [
    "Anna Jansen", "Bram de Boer", "Cor", "Dina", "Eva Smit", "Finn", "Gijs", "Hanna Bakker",
    "Ilse", "Joost", "Karin", "Lotte", "Mo", "Nina", "Otto", "Pien", "Quinten", "Rosa",
    "Sem", "Tess", "Umut", "Vera", "Wim", "Xander", "Yara", "Zoë", "Ahmed", "Bas",
    "Chantal", "Daan",
]  # fmt: skip
TEXTS = [
    "Maandelijkse intervisie in het team",
    "Hoe vinden we tijd om te leren?",
    "Leerbudget per persoon",
    "Een buddy voor elke nieuwe collega, ook voor de flexwerkers die maar kort blijven",
    "Wie bepaalt wat we leren?",
    "Fouten bespreken we in het teamoverleg zonder schuldvraag",
    "Kennisdeling op vrijdagmiddag",
    "Te weinig tijd door de roosters",
]


def overflowing(page: Page) -> list[str]:
    """Items of a paged list that stick out of their box, and a main area that overflows."""
    found: list[str] = page.evaluate(
        """() => {
            const out = [];
            for (const list of document.querySelectorAll('.pager-list')) {
                const box = list.getBoundingClientRect();
                for (const item of list.children) {
                    const b = item.getBoundingClientRect();
                    if (b.bottom > box.bottom + 1 || b.right > box.right + 1)
                        out.push(item.textContent.slice(0, 50));
                }
            }
            const main = document.querySelector('.projector-main');
            if (main && main.scrollHeight > main.clientHeight + 1) out.push('projector-main');
            if (document.documentElement.scrollHeight > innerHeight + 1) out.push('page');
            return out;
        }"""
    )
    return found


def pawns_outside_their_square(page: Page) -> list[str]:
    """Scale-board pawns drawn (partly) outside their square's pawn area."""
    found: list[str] = page.evaluate(
        """() => {
            const out = [];
            for (const area of document.querySelectorAll('.square-pawns')) {
                const box = area.getBoundingClientRect();
                for (const pawn of area.querySelectorAll('.pawn:not(.pawn-probe)')) {
                    const b = pawn.getBoundingClientRect();
                    if (b.left < box.left - 1 || b.right > box.right + 1 ||
                        b.top < box.top - 1 || b.bottom > box.bottom + 1)
                        out.push(area.dataset.pawnsOf + ':' + pawn.textContent);
                }
            }
            return out;
        }"""
    )
    return found


def quadrant_pawns_on_top_of_each_other(page: Page) -> list[str]:
    """Quadrant pawns whose centres are closer than 80% of a pawn's width."""
    found: list[str] = page.evaluate(
        """() => {
            const boxes = [...document.querySelectorAll('g.qpawn')].map(g => {
                const b = g.getBoundingClientRect();
                return {x: b.x + b.width / 2, y: b.y + b.height / 2, w: b.width,
                        name: g.querySelector('title').textContent};
            });
            const out = [];
            for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++)
                    if (Math.hypot(boxes[i].x - boxes[j].x, boxes[i].y - boxes[j].y)
                        < 0.8 * Math.min(boxes[i].w, boxes[j].w))
                        out.push(boxes[i].name + ' / ' + boxes[j].name);
            return out;
        }"""
    )
    return found


def test_crowded_room_fits_the_projector(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    fac_client, created = bots.create_room(
        "schaal-5", ["leerklimaat/veiligheid", "leerklimaat/autonomie"]
    )
    code = created["code"]
    players = bots.join(code, NAMES)
    proj = open_projector(new_context(1280, 720), base, created)
    fac = open_as_facilitator(new_context(1366, 768), base, created)
    expect(proj.get_by_test_id("projector-players").locator(".chip")).to_have_count(30)
    assert overflowing(proj) == []

    def step(phase: str, command: str = "next_step") -> None:
        version = bots.do(fac_client, command)["version"]
        for page in (proj, fac):
            wait_version(page, version)
        expect(proj.locator("[data-phase]").first).to_have_attribute("data-phase", phase)

    def place(clients: list[GameClient], squares: list[int]) -> None:
        version = bots.each(clients, "place_pawn", [{"position": {"square": s}} for s in squares])
        for page in (proj, fac):
            wait_version(page, version)

    step("read", "start")
    step("place")
    place(players[:12], [4] * 12)
    # Eighteen still to place: the projector names a few and counts the rest.
    still = proj.get_by_test_id("still-to-place")
    expect(still).to_contain_text("Nog plaatsen (18)")
    expect(still).to_contain_text("en nog 11")
    place(players[12:], [4] * 2 + [3] * 8 + [5] * 5 + [1] * 2 + [2])
    expect(still).to_contain_text("Iedereen heeft geplaatst")
    # Fourteen pawns on square 4: all inside the square, counted.
    for page in (proj, fac):
        square = page.locator("[data-square='4']")
        expect(square.locator(".pawn-first")).to_have_count(14)
        expect(square.get_by_test_id("crowd-count")).to_contain_text("14 eerste plaatsing")
        expect(page.locator("[data-square='2']").get_by_test_id("crowd-count")).to_have_count(0)
        assert pawns_outside_their_square(page) == []
    shot(proj, screenshots, "crowded-projector-place-1280")
    fac.locator(".board-wrap").scroll_into_view_if_needed()
    shot(fac, screenshots, "crowded-facilitator-place-1366")

    # Discuss: thirty post-its. Each colour fills its box and turns pages.
    step("discuss")
    for i, client in enumerate(players):
        colour = "green" if i % 2 == 0 else "pink"
        reply = bots.do(
            client, "add_post_it", colour=colour, text=f"{TEXTS[i % len(TEXTS)]} ({i + 1})"
        )
    wait_version(proj, reply["version"])
    wall = proj.get_by_test_id("wall")
    expect(wall.locator(".wall-count").first).to_have_text("(15)")
    green = proj.get_by_test_id("wall-green")
    indicator = green.get_by_test_id("pager-indicator")
    expect(indicator).to_have_text(re.compile(r"^1/[2-9]$"))
    pages = int(indicator.inner_text().split("/")[1])
    first_page = green.locator("[data-testid=postit]").all_inner_texts()
    assert 0 < len(first_page) < 15
    assert overflowing(proj) == []
    shot(proj, screenshots, "crowded-projector-wall-1280")
    # The page turns by itself (every 8 s) and shows other post-its.
    expect(indicator).to_have_text(f"2/{pages}")
    second_page = green.locator("[data-testid=postit]").all_inner_texts()
    assert second_page and not set(first_page) & set(second_page)
    assert overflowing(proj) == []
    shot(proj, screenshots, "crowded-projector-wall-page2-1280")
    shot(fac, screenshots, "crowded-facilitator-wall-1366")

    # Through revise, past the second card, into the summary: more than a screen of items.
    step("revise")
    place(players, [5] * 10 + [4] * 12 + [3] * 8)
    expect(proj.get_by_test_id("shift-summary")).to_contain_text("hoger")
    for page in (proj, fac):
        square = page.locator("[data-square='4']")
        expect(square.locator(".pawn-second")).to_have_count(12)
        expect(square.get_by_test_id("crowd-count")).to_contain_text("12 herziene plaatsing")
        assert pawns_outside_their_square(page) == []
    shot(proj, screenshots, "crowded-projector-revise-1280")
    fac.locator(".board-wrap").scroll_into_view_if_needed()
    shot(fac, screenshots, "crowded-facilitator-revise-1366")
    step("read")
    step("sort", "skip_card")
    step("summary")
    # Half the pink post-its were needs, answered in the talk: they are to develop; the
    # other half stay open questions (each post-it under one heading of the plenary).
    pinks = sorted(p["id"] for p in fac_client.view["post_its"].values() if p["colour"] == "pink")
    for post_it_id in pinks[:8]:
        bots.do(fac_client, "resolve_post_it", post_it_id=post_it_id)
    for n in range(4):
        reply = bots.do(
            fac_client,
            "add_action_point",
            what=f"Actiepunt {n + 1}: {TEXTS[n]}",
            who="Teamleider Wonen",
            first_step="Bespreken in het teamoverleg",
            evaluate_when="Na drie maanden",
        )
    wait_version(proj, reply["version"])
    summary = proj.get_by_test_id("summary")
    expect(summary.get_by_test_id("summary-action-points").locator("li")).not_to_have_count(0)
    expect(summary.get_by_test_id("card-figures")).to_have_count(1)
    for part in ("summary-green", "summary-red", "summary-questions"):
        expect(summary.get_by_test_id(part).get_by_test_id("pager-indicator")).to_have_text(
            re.compile(r"^1/\d$")
        )
    assert overflowing(proj) == []
    shot(proj, screenshots, "crowded-projector-summary-1280")


def test_crowded_quadrant(server: Any, bots: Bots, new_context: Any, screenshots: Path) -> None:
    base = server.url
    fac_client, created = bots.create_room("llo-kwadrant", ["leerklimaat/veiligheid"])
    players = bots.join(created["code"], NAMES)
    proj = open_projector(new_context(1280, 720), base, created)
    fac = open_as_facilitator(new_context(1366, 768), base, created)
    phone = open_as_facilitator(new_context(390, 844), base, created)
    for command in ("start", "next_step"):
        bots.do(fac_client, command)

    def settled(version: int, pages: tuple[Page, ...]) -> None:
        """Every page shows the room at ``version``: all acknowledged placements."""
        for page in pages:
            wait_version(page, version)

    def spots(x: float, y: float, n: int) -> list[dict[str, Any]]:
        return [{"position": {"x": round(x + 0.01 * (i % 3), 2), "y": y}} for i in range(n)]

    placed = bots.each(
        players, "place_pawn", spots(0.5, 0.5, 16) + spots(-0.5, -0.4, 10) + spots(0.3, -0.6, 4)
    )
    settled(placed, (proj, fac, phone))
    for page in (proj, fac, phone):
        expect(page.locator("g.qpawn")).to_have_count(30)
        assert quadrant_pawns_on_top_of_each_other(page) == []
        expect(page.get_by_test_id("crowd-count")).to_have_count(2)  # the 16 and the 10
    shot(proj, screenshots, "crowded-projector-quadrant-place-1280")
    fac.get_by_test_id("board").scroll_into_view_if_needed()
    shot(fac, screenshots, "crowded-facilitator-quadrant-place-1366")
    phone.get_by_test_id("board").scroll_into_view_if_needed()
    shot(phone, screenshots, "crowded-phone-quadrant-place")

    for command in ("next_step", "next_step"):
        bots.do(fac_client, command)
    placed = bots.each(players, "place_pawn", spots(0.6, 0.6, 20) + spots(-0.4, 0.5, 10))
    settled(placed, (proj, fac))
    for page in (proj, fac):
        expect(page.locator("g.qpawn-second")).to_have_count(30)
        # The first placements become a cloud of small ghosts; one arrow for the group.
        expect(page.locator("g.qpawn-first")).to_have_count(0)
        expect(page.get_by_test_id("ghost-pawn")).to_have_count(30)
        expect(page.get_by_test_id("mean-shift")).to_have_count(1)
        expect(page.locator("line.shift-arrow")).to_have_count(0)
        assert quadrant_pawns_on_top_of_each_other(page) == []
    shot(proj, screenshots, "crowded-projector-quadrant-revise-1280")
    fac.get_by_test_id("board").scroll_into_view_if_needed()
    shot(fac, screenshots, "crowded-facilitator-quadrant-revise-1366")
