"""A whole game through the browser UI, against a real server and real Chromium.

A facilitator (1366x768 laptop), a projector (1280x720 beamer) and three players in
separate browser contexts: Anna and Bram on laptops, Cor on a phone and forced onto
long-polling. Covered: join by link, a case card, placing by click, keyboard and drag,
hidden placements, post-its of both colours (one of them an HTML injection attempt),
a reload mid-game, a post-it written offline and sent on reconnect with its command id,
a draft kept across the facilitator moving on, revision with the shift shown, sorting
by buttons and by drag, resolving a pink post-it, an action point, the summary and
ending the game. Screenshots of each role's main screens go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_steps import add_post_it, create_room, join, next_step, open_page, shot, wait_phase
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"


def transport_of(page: Page) -> str:
    name: str = page.evaluate("() => window.__leerklimaat.socket.io.engine.transport.name")
    return name


def test_full_game_on_the_scale_board(server: Any, new_context: Any, screenshots: Path) -> None:
    base = server.url
    dialogs: list[str] = []
    fac_ctx = new_context(1366, 768)
    fac = open_page(fac_ctx, f"{base}/#/", dialogs)
    shot(fac, screenshots, "facilitator-home-1366")
    code = create_room(fac, base, board="Schaal", cards=1)
    expect(fac.get_by_test_id("lobby-invite").get_by_role("textbox")).to_have_value(
        f"{base}/#/join/{code}"
    )
    expect(fac.locator("svg.qr")).to_have_attribute("data-value", f"{base}/#/join/{code}")
    # The server (on 127.0.0.1 without --public-url) knows no network address: say so.
    expect(fac.get_by_test_id("localhost-warning")).to_be_visible()

    # The projector opens from the facilitator's link, with the projector token.
    href = fac.get_by_test_id("projector-link").get_attribute("href")
    assert href is not None and "token=v." in href
    proj = open_page(new_context(1280, 720), href, dialogs)
    expect(proj.get_by_test_id("projector-code")).to_have_text(code)

    anna = join(new_context(1366, 768), base, code, "Anna Jansen", dialogs)
    bram = join(new_context(1366, 768), base, code, "Bram de Boer", dialogs)
    cor = join(new_context(390, 844), base, code, "Cor", dialogs, query="?transport=polling")
    expect(proj.get_by_test_id("projector-players").locator(".chip")).to_have_count(3)
    expect(fac.get_by_test_id("lobby-players")).to_contain_text("Cor")
    assert transport_of(cor) == "polling"
    shot(fac, screenshots, "facilitator-lobby-1366")
    shot(proj, screenshots, "projector-lobby-1280")
    shot(cor, screenshots, "player-phone-lobby")

    # Anna writes a case card in the lobby: it goes on the agenda after the chosen card.
    anna.get_by_test_id("case-open").click()
    anna.get_by_test_id("case-title").fill("Inwerken nieuwe collega")
    anna.get_by_test_id("case-text").fill("Een nieuwe collega leerde het vak van een buddy.")
    anna.get_by_role("button", name="Casus toevoegen").click()
    expect(fac.get_by_test_id("agenda").locator("li")).to_have_count(2)
    expect(fac.get_by_test_id("agenda")).to_contain_text("Inwerken nieuwe collega")

    everyone = [anna, bram, cor, proj]
    next_step(fac, everyone, "read")
    expect(proj.get_by_test_id("card-text")).to_be_visible()
    expect(proj.get_by_test_id("reader")).to_contain_text("leest voor")
    shot(proj, screenshots, "projector-read-1280")
    shot(anna, screenshots, "player-read-1366")

    # Place: Anna clicks, Bram uses the keyboard, Cor drags on the phone.
    next_step(fac, everyone, "place")
    anna.locator("[data-square='4']").click()
    expect(proj.get_by_test_id("still-to-place")).to_contain_text("Bram de Boer")
    expect(proj.get_by_test_id("hidden-note")).to_be_visible()
    expect(bram.get_by_test_id("hidden-note")).to_be_visible()
    board = bram.get_by_test_id("board")
    board.focus()
    board.press("ArrowLeft")
    expect(bram.get_by_test_id("board-announcer")).to_contain_text("Keuze: 2")
    board.press("Enter")
    expect(bram.get_by_test_id("board-announcer")).to_contain_text("Geplaatst: 2")
    expect(bram.locator("[data-square='2'] .pawn-first")).to_have_count(1)
    shot(bram, screenshots, "player-place-hidden-1366")
    cor.get_by_test_id("board").scroll_into_view_if_needed()
    start = cor.locator("[data-square='1']").bounding_box()
    end = cor.locator("[data-square='5']").bounding_box()
    assert start and end
    cor.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    cor.mouse.down()
    cor.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=6)
    cor.mouse.up()
    # Everyone placed: the placements are revealed to all.
    expect(proj.get_by_test_id("still-to-place")).to_contain_text("Iedereen heeft geplaatst")
    for square, initials in (("4", "AJ"), ("2", "BB"), ("5", "C")):
        expect(proj.locator(f"[data-square='{square}'] .pawn-first")).to_contain_text(initials)
    shot(proj, screenshots, "projector-place-1280")
    shot(fac, screenshots, "facilitator-place-1366")
    shot(cor, screenshots, "player-phone-place")

    # Discuss: post-its of both colours; the HTML injection attempt stays text.
    next_step(fac, everyone, "discuss")
    add_post_it(anna, "green", "Maandelijkse intervisie in het team")
    add_post_it(bram, "pink", "Hoe vinden we tijd om te leren?")
    add_post_it(cor, "green", XSS)
    for page in (fac, proj, anna):
        expect(page.get_by_text(XSS, exact=True)).to_be_visible()
        expect(page.get_by_test_id("wall").locator("img")).to_have_count(0)
    expect(proj.get_by_test_id("wall").locator("[data-testid=postit]")).to_have_count(3)
    pink = proj.get_by_test_id("wall").locator("[data-testid=postit][data-colour=pink]")
    expect(pink).to_have_count(1)
    expect(pink).to_contain_text("Roze")
    expect(pink).to_contain_text("Hoe vinden we tijd om te leren?")

    # Bram reloads mid-game and comes back as himself: same pawn, same post-it, same role.
    bram.reload()
    expect(bram.locator("[data-phase]").first).to_have_attribute("data-phase", "discuss")
    expect(bram.locator("[data-square='2'] .pawn-first")).to_contain_text("BB")
    mine = bram.get_by_test_id("wall").locator(
        "[data-testid=postit]", has_text="Hoe vinden we tijd"
    )
    expect(mine).to_contain_text("van jou")
    expect(bram.locator(".me")).to_contain_text("Bram de Boer")

    # Anna loses the network, writes a post-it (kept, shown as waiting), and it is sent
    # once, with its command id, when she is back.
    anna.evaluate("() => window.__leerklimaat.disconnectForTest()")
    expect(anna.get_by_test_id("offline-banner")).to_be_visible()
    add_post_it(anna, "pink", "Wie betaalt de opleiding?")
    expect(anna.get_by_test_id("postit-pending")).to_contain_text("Wie betaalt de opleiding?")
    expect(anna.get_by_test_id("offline-banner")).to_contain_text("1 wijziging")
    pending = anna.evaluate(
        "() => JSON.parse(localStorage.getItem("
        "Object.keys(localStorage).find(k => k.endsWith(':pending'))))"
    )
    assert len(pending) == 1 and pending[0]["command"]["text"] == "Wie betaalt de opleiding?"
    anna.evaluate("() => window.__leerklimaat.resumeForTest()")
    expect(anna.get_by_test_id("offline-banner")).to_have_count(0)
    expect(fac.get_by_text("Wie betaalt de opleiding?")).to_have_count(1)
    expect(anna.get_by_test_id("postit-pending")).to_have_count(0)
    shot(proj, screenshots, "projector-discuss-1280")
    shot(anna, screenshots, "player-discuss-1366")
    # During the game the downloads sit in the facilitator's column; players have none.
    expect(fac.locator(".room-side").get_by_test_id("downloads")).to_be_visible()
    expect(anna.locator("a[download]")).to_have_count(0)
    shot(cor, screenshots, "player-phone-discuss")

    # The facilitator edits a post-it.
    note = fac.get_by_test_id("wall").locator(
        "[data-testid=postit]", has_text="Maandelijkse intervisie"
    )
    note.get_by_role("button", name="Bewerken").click()
    editor = fac.get_by_test_id("wall").locator("form", has=fac.locator("textarea"))
    editor.locator("textarea").fill("Maandelijkse intervisie in elk team")
    editor.get_by_role("button", name="Opslaan").click()
    expect(proj.get_by_text("Maandelijkse intervisie in elk team")).to_be_visible()

    # Revise: second placements, visibly distinct, with the shift listed.
    next_step(fac, everyone, "revise")
    anna.locator("[data-square='5']").click()
    bram.locator("[data-square='3']").click()
    # Cor starts a post-it but does not send it before the facilitator moves on.
    cor.get_by_test_id("postit-text").fill("Een buddy voor elke nieuwe collega")
    cor.locator("[data-square='5']").click()
    expect(proj.get_by_test_id("still-to-place")).to_contain_text("Iedereen heeft geplaatst")
    expect(proj.locator("[data-square='5'] .pawn-second")).to_have_count(2)
    expect(proj.get_by_test_id("shift-list")).to_contain_text("4 → 5")
    expect(proj.get_by_test_id("shift-list")).to_contain_text("2 → 3")
    shot(proj, screenshots, "projector-revise-1280")
    shot(bram, screenshots, "player-revise-1366")

    # Next card: the case card, read aloud by its author; Cor's draft survived.
    next_step(fac, everyone, "read")
    expect(anna.get_by_test_id("reader")).to_contain_text("Jij leest deze kaart voor")
    expect(proj.get_by_test_id("card")).to_contain_text("Inwerken nieuwe collega")
    drafts = cor.get_by_test_id("earlier-drafts")
    expect(drafts).to_contain_text("Een buddy voor elke nieuwe collega")
    drafts.get_by_role("button", name="Toch plakken").click()
    expect(drafts).to_have_count(0)
    next_step(fac, everyone, "place")
    for page, square in ((anna, "2"), (bram, "2"), (cor, "1")):
        page.locator(f"[data-square='{square}']").click()
    expect(proj.get_by_test_id("still-to-place")).to_contain_text("Iedereen heeft geplaatst")
    next_step(fac, everyone, "discuss")
    add_post_it(bram, "pink", "Hoe houden we kennis vast?")
    expect(proj.get_by_text("Hoe houden we kennis vast?")).to_be_visible()
    next_step(fac, everyone, "revise")
    fac.get_by_test_id("timer-start").click()
    expect(proj.get_by_test_id("timer")).to_have_text(re.compile(r"^[45]:\d\d$"))

    # Sort: suggested piles shown; moved by buttons and by dragging.
    next_step(fac, everyone, "sort")
    sorting = fac.get_by_test_id("sorting")
    expect(sorting.get_by_text("Voorstel: Rood").first).to_be_visible()
    case_item = sorting.locator(
        "[data-testid=sort-item][data-item=card]", has_text="Inwerken nieuwe collega"
    )
    case_item.get_by_role("button", name=re.compile("naar de groene stapel")).click()
    expect(fac.get_by_test_id("pile-green").locator("[data-item=card]")).to_have_count(2)
    # Items start on their suggested pile; "Nog niet" by button, then dragged (by its text)
    # to red, both near the top of their column, so the drag needs no scrolling.
    dragged = sorting.locator("[data-testid=sort-item]", has_text="Een buddy voor elke")
    dragged.get_by_role("button", name=re.compile("van de stapel halen")).click()
    expect(fac.get_by_test_id("pile-none").get_by_text("Een buddy voor elke")).to_be_visible()
    dragged.drag_to(
        fac.get_by_test_id("pile-red"),
        source_position={"x": 30, "y": 12},  # on its text, not on one of its buttons
        target_position={"x": 40, "y": 30},
    )
    expect(fac.get_by_test_id("pile-red").get_by_text("Een buddy voor elke")).to_be_visible()
    expect(proj.locator(".pile-red")).to_contain_text("Een buddy voor elke")
    expect(fac.get_by_role("heading", level=1)).to_have_text("Sorteren: rode en groene stapel")
    expect(anna.get_by_role("heading", level=1)).to_have_text("Sorteren")
    shot(fac, screenshots, "facilitator-sort-1366")
    shot(proj, screenshots, "projector-sort-1280")

    # Summary: resolve a pink post-it, add an action point.
    next_step(fac, everyone, "summary")
    questions = fac.get_by_test_id("summary-questions")
    questions.locator("[data-testid=postit]", has_text="Wie betaalt").get_by_role(
        "button", name="Beantwoord"
    ).click()
    expect(proj.get_by_test_id("summary-questions")).not_to_contain_text("Wie betaalt")
    fac.get_by_test_id("ap-what").fill("Buddy-systeem voor nieuwe collega's")
    fac.get_by_test_id("ap-who").fill("Teamleider Wonen")
    fac.get_by_test_id("ap-first_step").fill("Buddy's vragen in het teamoverleg")
    fac.get_by_test_id("ap-evaluate_when").fill("Na drie maanden")
    fac.get_by_test_id("ap-submit").click()
    summary = proj.get_by_test_id("summary")
    expect(summary.get_by_test_id("summary-action-points")).to_contain_text(
        "Buddy-systeem voor nieuwe collega's"
    )
    expect(summary.get_by_test_id("summary-action-points")).to_contain_text("Teamleider Wonen")
    expect(summary.get_by_test_id("summary-green")).to_contain_text("Inwerken nieuwe collega")
    expect(summary.get_by_test_id("summary-red")).to_contain_text("Een buddy voor elke")
    expect(summary.get_by_test_id("summary-questions")).to_contain_text("Hoe vinden we tijd")
    expect(summary.get_by_test_id("card-figures")).to_have_count(2)
    expect(summary.get_by_test_id("consensus").first).to_be_visible()
    shot(proj, screenshots, "projector-summary-1280")
    shot(fac, screenshots, "facilitator-summary-1366")
    shot(anna, screenshots, "player-summary-1366")

    # Downloads: the facilitator takes the report and the spreadsheet home through the UI;
    # a player's screen has no download links at all.
    downloads = fac.get_by_test_id("downloads")
    expect(downloads).to_have_count(1)
    expect(downloads).to_have_class(re.compile("downloads-prominent"))
    for label, magic, extension in (
        ("Rapport (PDF)", b"%PDF", ".pdf"),
        ("Spreadsheet (Excel)", b"PK", ".xlsx"),
        ("Opleidingsbeleid (Word)", b"PK", "-beleid.docx"),
    ):
        with fac.expect_download() as info:
            downloads.get_by_role("link", name=label).click()
        download = info.value
        assert download.suggested_filename.startswith(f"leerklimaat-{code}-")
        assert download.suggested_filename.endswith(extension)
        body = Path(download.path()).read_bytes()
        assert len(body) > 1000 and body.startswith(magic), (label, body[:20])
    csv_names = set()
    for label in ("Post-its (CSV)", "Post-its (CSV voor Excel NL)"):
        with fac.expect_download() as info:
            downloads.get_by_role("link", name=label).click()
        assert info.value.suggested_filename.endswith(".csv")
        csv_names.add(info.value.suggested_filename)
    assert len(csv_names) == 2, csv_names  # a browser never saves the second as "… (1).csv"
    for label in (
        "Rapport (Word)",
        "Post-its (CSV voor Excel NL)",
        "Post-its (CSV)",
        "Samenvatting (Markdown)",
        "Alles (JSON)",
    ):
        expect(downloads.get_by_role("link", name=label)).to_have_attribute("download", "")
    for page in (anna, cor, proj):
        expect(page.locator("a[download]")).to_have_count(0)
        expect(page.get_by_test_id("downloads")).to_have_count(0)

    fac.get_by_role("button", name="Spel afsluiten").click()
    fac.get_by_role("button", name="Ja, spel afsluiten").click()
    wait_phase([fac, anna, proj], "closed")
    expect(anna.get_by_test_id("closed")).to_be_visible()
    expect(
        fac.get_by_test_id("downloads").get_by_role("link", name="Rapport (PDF)")
    ).to_be_visible()
    shot(fac, screenshots, "facilitator-closed-1366")
    assert dialogs == [], f"unexpected dialogs: {dialogs}"
