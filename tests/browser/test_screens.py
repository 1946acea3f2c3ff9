"""Screens that misled real users (issue 10), checked as a person would meet them.

- Reorder arrows sit beside their own card (create form step 3 and the facilitator's
  agenda), and the ↑ beside a card moves that card.
- The create form keeps "Sessie openen" in view on a laptop.
- A hovered confirm button stays readable; a closed game offers nothing the server refuses.
- Hidden placements are marked on the facilitator's screen, and can be covered.
- A phone: a one-line top bar that stays, with the outage banner, in view when scrolled;
  the instruction speaks of tapping; square labels break between words only.
- Notices about a moment go when the room moves on; the projector's outage banner does not
  speak of writing; the projector summary at 1920x1080 is readable from 3 metres.
- Wording: "Aangemeld", "Leiding overdragen", decimal commas in the quadrant announcement;
  the quadrant's positions in words for screen readers.

Each changed screen is photographed at 1366x768, 390x844 and 1920x1080 (``three_sizes``),
and every photographed screen passes axe-core (``browser_steps.shot``).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector, wait_version
from browser_steps import SIZES, add_post_it, join, open_page, shot, three_sizes, wait_phase
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

CARDS = [
    "leerklimaat/veiligheid",
    "leerklimaat/autonomie",
    "leerklimaat/openheid",
    "leerklimaat/feedback",
]


def beside(button: Locator, text: Locator) -> bool:
    """The button's vertical middle lies within the text's line box (same row)."""
    b = button.bounding_box()
    r = text.bounding_box()
    assert b and r
    middle = b["y"] + b["height"] / 2
    return r["y"] - 2 <= middle <= r["y"] + r["height"] + 2


def in_view(page: Page, locator: Locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    assert box and size
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 0.5


def contrast_when_hovered(button: Locator) -> float:
    """WCAG contrast of the hovered button's text against its background."""
    button.hover()
    ratio: float = button.evaluate(
        """el => {
            const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => {
                const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92
                                                 : Math.pow((c + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
            };
            const style = getComputedStyle(el);
            const a = lum(rgb(style.color)), b = lum(rgb(style.backgroundColor));
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }"""
    )
    return ratio


def words_split_across_lines(page: Page, selector: str) -> list[str]:
    """Words in the matched elements that the browser broke over two lines."""
    found: list[str] = page.evaluate(
        """selector => {
            const out = [];
            for (const el of document.querySelectorAll(selector)) {
                const node = el.firstChild;
                if (!node || node.nodeType !== Node.TEXT_NODE) continue;
                const text = node.textContent;
                for (const m of text.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (tops.size > 1) out.push(m[0]);
                }
            }
            return out;
        }""",
        selector,
    )
    return found


def font_px(locator: Locator) -> float:
    size: str = locator.evaluate("el => getComputedStyle(el).fontSize")
    return float(size.removesuffix("px"))


def test_create_form_order_and_action_in_view(
    server: Any, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    dialogs: list[str] = []
    page = open_page(new_context(1366, 768), f"{base}/#/", dialogs)
    form = page.get_by_test_id("create-form")
    form.get_by_role("radio", name=re.compile("Schaal")).check()
    form.get_by_test_id("deck-leerklimaat").locator(".deck-toggle").click()
    for title in ("Veiligheid", "Autonomie", "Openheid", "Feedback en reflectie"):
        form.get_by_role("checkbox", name=re.compile(f"^{title}:")).check()
    rows = page.get_by_test_id("order-list").locator("li")
    expect(rows).to_have_count(4)
    # The way to open the session is on screen, though the form goes on far below.
    assert page.evaluate("() => document.documentElement.scrollHeight") > 768 + 400
    page.evaluate("() => window.scrollTo(0, 0)")
    expect(page.get_by_test_id("create-submit")).to_be_in_viewport()
    expect(page.get_by_test_id("create-actions")).to_contain_text("4 kaarten gekozen")
    # Every row's buttons are on the row itself, named after its card.
    for i, title in enumerate(("Veiligheid", "Autonomie", "Openheid", "Feedback en reflectie")):
        row = rows.nth(i)
        text = row.locator(".order-text")
        expect(text).to_have_text(title)
        up = row.get_by_role("button", name=f"{title} eerder")
        down = row.get_by_role("button", name=f"{title} later")
        assert beside(up, text) and beside(down, text), title
    # The ↑ next to "Openheid" moves Openheid.
    rows.nth(2).get_by_role("button", name="Openheid eerder").click()
    expect(rows.locator(".order-text")).to_have_text(
        ["Veiligheid", "Openheid", "Autonomie", "Feedback en reflectie"]
    )
    page.get_by_role("button", name="Autonomie weghalen").click()
    expect(rows).to_have_count(3)
    page.get_by_test_id("order-list").scroll_into_view_if_needed()
    three_sizes(page, screenshots, "home-create-order")
    # The session plans come first on the home page (issue 14), so on a phone the form
    # starts below the fold; from its heading on, its action stays in view.
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => document.getElementById('create-title').scrollIntoView()")
        expect(page.get_by_test_id("create-submit")).to_be_in_viewport()
    page.get_by_test_id("create-submit").click()
    expect(page.get_by_test_id("lobby-code")).to_have_text(re.compile(r"^[A-Z0-9]{6}$"))
    assert dialogs == []


def test_facilitator_hidden_pawns_confirm_and_closed_game(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    fac_client, created = bots.create_room("schaal-5", CARDS, hidden_placements=True)
    code = created["code"]
    anna, bram, cor = bots.join(code, ["Anna Jansen", "Bram de Boer", "Cor"])
    fac = open_as_facilitator(new_context(1366, 768), base, created)
    proj = open_projector(new_context(1920, 1080), base, created)
    expect(fac.get_by_test_id("lobby-players")).to_contain_text("Aangemeld: 3")
    expect(proj.get_by_test_id("projector-players")).to_contain_text("Aangemeld: 3")

    # The agenda's arrows sit beside their own card, and move it.
    agenda = fac.get_by_test_id("agenda")
    items = agenda.locator("li")
    expect(items).to_have_count(4)
    for i, title in enumerate(("Veiligheid", "Autonomie", "Openheid", "Feedback en reflectie")):
        text = items.nth(i).locator(".agenda-label")
        up = items.nth(i).get_by_role("button", name=f"{title} eerder")
        assert beside(up, text), title
    items.nth(2).get_by_role("button", name="Openheid eerder").click()
    expect(agenda.locator(".agenda-text")).to_have_text(
        ["Veiligheid", "Openheid", "Autonomie", "Feedback en reflectie"]
    )
    three_sizes(fac, screenshots, "facilitator-lobby-agenda")

    # Hidden placements: the facilitator sees every pawn, marked as hidden from the room.
    for command in ("start", "next_step"):
        bots.do(fac_client, command)
    bots.do(anna, "place_pawn", position={"square": 4})
    version = bots.do(bram, "place_pawn", position={"square": 2})["version"]
    wait_version(fac, version)
    board = fac.locator(".board-wrap")
    expect(board.locator(".pawn-first")).to_have_count(2)
    expect(board.locator(".pawn-first").first).to_contain_text("verborgen voor de groep")
    expect(fac.get_by_test_id("secret-note")).to_contain_text(
        "2 pionnen zie alleen jij: verborgen voor de groep"
    )
    expect(proj.locator(".board-wrap .pawn-first")).to_have_count(0)
    board.scroll_into_view_if_needed()
    three_sizes(fac, screenshots, "facilitator-place-hidden-marked")
    # Covered (the laptop on the shared screen): no pawn shows, as for the room.
    cover = fac.get_by_role("button", name="Pionnen afdekken")
    cover.click()
    expect(cover).to_have_attribute("aria-pressed", "true")
    expect(board.locator(".pawn-first")).to_have_count(0)
    expect(fac.get_by_test_id("hidden-note")).to_contain_text("2 pionnen verborgen")
    three_sizes(fac, screenshots, "facilitator-place-hidden-covered")
    # Cor places: the round is revealed, nothing is hidden any more, nothing to cover.
    version = bots.do(cor, "place_pawn", position={"square": 5})["version"]
    wait_version(fac, version)
    expect(fac.get_by_role("button", name="Pionnen afdekken")).to_have_count(0)
    expect(board.locator(".pawn-first")).to_have_count(3)
    cover_state = fac.evaluate("() => localStorage.getItem('lk:cover-hidden')")
    assert cover_state == "1"  # remembered for the next card

    # Into the summary with an open question and an action point (the other cards skipped).
    bots.do(fac_client, "next_step")
    bots.do(anna, "add_post_it", colour="pink", text="Wie betaalt de opleiding?")
    bots.do(anna, "add_post_it", colour="green", text="Intervisie elke maand")
    for command in ("next_step", "next_step", "skip_card", "skip_card", "skip_card", "next_step"):
        bots.do(fac_client, command)
    bots.do(
        fac_client,
        "add_action_point",
        what="Leerdoelen in elk jaargesprek",
        who="HR",
        first_step="Formulier aanpassen",
        evaluate_when="Na drie maanden",
    )
    wait_phase([fac, proj], "summary")

    # A hovered confirm button stays readable (white on red).
    panel = fac.get_by_test_id("players-panel")
    panel.locator("li", has_text="Cor").get_by_role("button", name="Leiding overdragen").click()
    hand_over = panel.get_by_role("button", name="Ja, Cor leidt")
    assert contrast_when_hovered(hand_over) >= 4.5
    panel.get_by_role("button", name="Annuleren").click()
    fac.get_by_role("button", name="Spel afsluiten").click()
    end = fac.get_by_role("button", name="Ja, spel afsluiten")
    assert contrast_when_hovered(end) >= 4.5
    three_sizes(fac, screenshots, "facilitator-end-confirm-hovered")
    end.click()
    wait_phase([fac, proj], "closed")

    # Closed: read-only. Nothing to edit, delete, answer or hand over; downloads remain.
    main = fac.locator("main")
    expect(fac.get_by_test_id("closed")).to_be_visible()
    expect(fac.get_by_test_id("summary-questions")).to_contain_text("Wie betaalt de opleiding?")
    for name in ("Bewerken", "Verwijderen", "Beantwoord", "Leiding overdragen"):
        expect(main.get_by_role("button", name=name)).to_have_count(0)
    downloads = fac.get_by_test_id("downloads")
    expect(downloads.get_by_role("link", name="Rapport (PDF)")).to_be_visible()
    three_sizes(fac, screenshots, "facilitator-closed")
    three_sizes(proj, screenshots, "projector-closed")


def test_phone_player_and_projector(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    dialogs: list[str] = []
    fac_client, created = bots.create_room(
        "schaal-5", CARDS[:2], hidden_placements=False, anonymous_post_its=False
    )
    code = created["code"]
    phone = join(new_context(390, 844, touch=True), base, code, "Cor van den Heuvel", dialogs)
    (bram,) = bots.join(code, ["Bram de Boer"])
    proj = open_projector(new_context(1920, 1080), base, created)

    # One line of top bar on a phone.
    top = phone.locator(".topbar")
    bar = top.bounding_box()
    assert bar and bar["height"] <= 64, bar
    shot(phone, screenshots, "phone-lobby-390")

    for command in ("start", "next_step"):
        bots.do(fac_client, command)
    wait_phase([phone], "place")
    # The current step is shown whole in the phone's top bar.
    step_box = phone.locator(".topbar .phase-current").bounding_box()
    fill_box = phone.locator(".topbar .topbar-fill").bounding_box()
    assert (
        step_box
        and fill_box
        and step_box["x"] + step_box["width"] <= fill_box["x"] + fill_box["width"] + 0.5
    ), (step_box, fill_box)
    instruction = phone.get_by_test_id("instruction")
    expect(instruction).to_contain_text("Tik op het bord")
    expect(instruction).not_to_contain_text("pijltjestoetsen")
    phone.get_by_test_id("board").scroll_into_view_if_needed()
    assert words_split_across_lines(phone, ".square-label") == []
    # Every screen has one level-one heading (here: the step and the card).
    expect(phone.get_by_role("heading", level=1)).to_have_count(1)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Plaatsen: Veiligheid")
    expect(proj.get_by_role("heading", level=1)).to_have_count(1)
    phone.locator("[data-square='4']").tap()
    expect(phone.locator("[data-square='4'] .pawn-first")).to_have_count(1)
    three_sizes(phone, screenshots, "player-place")

    # Discuss: a long wall. Cor writes a case card; the confirmation belongs to this card.
    version = bots.do(bram, "place_pawn", position={"square": 2})["version"]
    wait_version(phone, version)
    bots.do(fac_client, "next_step")
    wait_phase([phone], "discuss")
    for i in range(10):
        reply = bots.do(bram, "add_post_it", colour="green", text=f"Idee nummer {i + 1}")
    wait_version(phone, reply["version"])
    # The composer's name is its label, without the character counter.
    expect(phone.get_by_role("textbox", name="Tekst", exact=True)).to_be_visible()
    add_post_it(phone, "pink", "Wie betaalt de opleiding?")
    phone.get_by_test_id("case-open").click()
    phone.get_by_test_id("case-text").fill("Een nieuwe collega leerde het vak van een buddy.")
    phone.get_by_role("button", name="Casus toevoegen").click()
    expect(phone.get_by_text("Je casus staat op de agenda.")).to_be_visible()

    # Scrolled to the bottom, the phone still shows its top bar, and the outage.
    phone.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    assert phone.evaluate("() => window.scrollY") > 400
    assert in_view(phone, top)
    phone.evaluate("() => window.__leerklimaat.disconnectForTest()")
    banner = phone.get_by_test_id("offline-banner")
    expect(banner).to_be_visible()
    assert in_view(phone, banner)
    three_sizes(phone, screenshots, "player-offline-scrolled")
    phone.evaluate("() => window.__leerklimaat.resumeForTest()")
    expect(banner).to_have_count(0)

    # The projector's banner speaks of catching up, not of keeping what one writes.
    proj.evaluate("() => window.__leerklimaat.disconnectForTest()")
    proj_banner = proj.get_by_test_id("offline-banner")
    expect(proj_banner).to_contain_text("dit scherm loopt weer mee")
    expect(proj_banner).not_to_contain_text("wat je schrijft")
    three_sizes(proj, screenshots, "projector-offline")
    proj.evaluate("() => window.__leerklimaat.resumeForTest()")
    expect(proj_banner).to_have_count(0)

    # The next card: the case confirmation is gone.
    for command in ("next_step", "next_step"):
        version = bots.do(fac_client, command)["version"]
    wait_version(phone, version)
    wait_phase([phone], "read")
    expect(phone.get_by_text("Je casus staat op de agenda.")).to_have_count(0)
    shot(phone, screenshots, "phone-next-card-390")

    # Through to the summary; the projector at 1920x1080 from 3 metres.
    for command in ("skip_card", "skip_card"):
        bots.do(fac_client, command)
    bots.do(fac_client, "next_step")
    for n in range(2):
        reply = bots.do(
            fac_client,
            "add_action_point",
            what=f"Buddy voor nieuwe collega's ({n + 1})",
            who="HR",
            first_step="Teamoverleg",
            evaluate_when="Juni",
        )
    bots.do(fac_client, "set_pile", item="card", id=CARDS[0], pile="green")
    wait_version(proj, reply["version"])
    wait_phase([proj, phone], "summary")
    summary = proj.get_by_test_id("summary")
    points = summary.get_by_test_id("summary-action-points")
    expect(points.locator("li")).to_have_count(2)
    numbers = points.locator(".ap-number")
    expect(numbers).to_have_text(["1.", "2."])
    box = points.locator(".pager-list").bounding_box()
    for i in range(2):
        number = numbers.nth(i).bounding_box()
        assert box and number and number["x"] >= box["x"] - 0.5, (i, number, box)
    question = summary.get_by_test_id("summary-questions").locator(".postit-text")
    expect(question).to_have_text("Wie betaalt de opleiding?")
    assert font_px(question) >= 24, font_px(question)
    for tag in (
        summary.locator(".colour-tag").first,
        summary.locator(".kind-tag").first,
        summary.locator(".consensus").first,
    ):
        assert font_px(tag) >= 20, (tag, font_px(tag))
    three_sizes(proj, screenshots, "projector-summary")
    expect(proj.get_by_role("heading", level=1)).to_have_count(1)
    # The players' summary: one h1, then h2 sections, then h3 (no level skipped).
    levels = phone.evaluate(
        "() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
        ".map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    three_sizes(phone, screenshots, "player-summary")
    assert dialogs == []


def test_quadrant_words_and_marks(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    base = server.url
    dialogs: list[str] = []
    fac_client, created = bots.create_room(
        "llo-kwadrant", ["leerklimaat/veiligheid"], hidden_placements=True
    )
    code = created["code"]
    dina = join(new_context(1366, 768), base, code, "Dina", dialogs)
    eva, _finn = bots.join(code, ["Eva Smit", "Finn"])
    fac = open_as_facilitator(new_context(1366, 768), base, created)
    proj = open_projector(new_context(1920, 1080), base, created)
    for command in ("start", "next_step"):
        bots.do(fac_client, command)
    wait_phase([dina, fac, proj], "place")

    # Dutch numbers in Dutch: a decimal comma.
    board = dina.get_by_test_id("board")
    board.focus()
    for key in ("ArrowRight",) * 5 + ("ArrowUp",) * 3:
        board.press(key)
    announcer = dina.get_by_test_id("board-announcer")
    expect(announcer).to_contain_text("horizontaal 0,5")
    expect(announcer).to_contain_text("verticaal 0,3")
    board.press("Enter")
    expect(announcer).to_contain_text("Geplaatst")

    # The facilitator sees both pawns marked hidden; the positions are there in words.
    version = bots.do(eva, "place_pawn", position={"x": -0.5, "y": -0.4})["version"]
    wait_version(fac, version)
    expect(fac.locator("g.qpawn-secret")).to_have_count(2)
    positions = fac.get_by_role("list", name="Posities op het bord")
    expect(positions).to_contain_text("Eva Smit, eerste plaatsing (verborgen voor de groep)")
    expect(positions).to_contain_text("horizontaal -0,5")
    fac.get_by_test_id("board").scroll_into_view_if_needed()
    three_sizes(fac, screenshots, "facilitator-quadrant-hidden-marked")
    fac.get_by_role("button", name="Pionnen afdekken").click()
    expect(fac.locator("g.qpawn")).to_have_count(0)
    fac.get_by_role("button", name="Pionnen afdekken").click()
    expect(fac.locator("g.qpawn")).to_have_count(2)

    # Revealed (Finn has not placed yet): the projector, a viewer that does not place,
    # lists every position in words.
    fac.get_by_test_id("reveal").click()
    expect(proj.locator("g.qpawn")).to_have_count(2)
    expect(fac.locator("g.qpawn-secret")).to_have_count(0)
    proj_positions = proj.get_by_role("list", name="Posities op het bord")
    expect(proj_positions).to_contain_text("Dina, eerste plaatsing: horizontaal 0,5")
    expect(proj_positions).to_contain_text("Eva Smit, eerste plaatsing: horizontaal -0,5")
    three_sizes(proj, screenshots, "projector-quadrant-place")
    assert dialogs == []


def test_home_puts_joining_first(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    """A participant told "go to the address and type the code" lands on the home page on a
    phone: the code field is on the first screen, above the facilitator's session plans,
    and first to reach with Tab."""
    _fac, created = bots.create_room("schaal-5", CARDS[:1])
    dialogs: list[str] = []
    page = open_page(new_context(390, 844, touch=True), f"{server.url}/#/", dialogs)
    code_field = page.get_by_label("Sessiecode")
    expect(code_field).to_be_in_viewport()
    plans = page.get_by_role("heading", name="Kies een werkvorm")
    field_box, plans_box = code_field.bounding_box(), plans.bounding_box()
    assert field_box and plans_box and field_box["y"] < plans_box["y"]
    for _ in range(3):  # the brand link, the language button, then the code
        page.keyboard.press("Tab")
    expect(code_field).to_be_focused()
    three_sizes(page, screenshots, "home-join-first")
    page.set_viewport_size({"width": 390, "height": 844})
    code_field.fill(created["code"])
    page.get_by_label("Je naam").fill("Sanne")
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_text("Welkom, Sanne")).to_be_visible()
    assert dialogs == []
