"""A new English-speaking user's walk through one single-table session (not a test).

Run: .venv/bin/python scripts/walk_english_session.py [outdir]. Starts its own server on a
free loopback port, drives real Chromium through the UI, writes screenshots and downloads to
outdir and prints what it noticed (Dutch words in English screens, axe violations).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests/browser"))
from a11y import violations
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/walk")
OUT.mkdir(parents=True, exist_ok=True)
DUTCH = re.compile(
    r"\b(de|het|een|kaart|stelling|speler|spelers|deelnemer|gespreksleider|stapel|rood|groen|"
    r"roze|voorlezen|leest|plaatsen|bespreken|herzien|sorteren|samenvatting|nog|niet|wacht|"
    r"tafel|Bewerken|Opslaan|Verwijderen|Volgende|Vorige|stippen|geplaatst|iedereen|jij|je|"
    r"van|voor|naar|bij|met|ook|al)\b"
)
expect.set_options(timeout=20_000)
notes: list[str] = []


def port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def look(page: Page, name: str, english: bool = True) -> None:
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    if english:
        text = page.locator("body").inner_text()
        hits = sorted({m.group(0) for m in DUTCH.finditer(text)} - {"de"})
        if hits:
            lines = [ln for ln in text.splitlines() if DUTCH.search(ln)]
            notes.append(f"{name}: Dutch-looking words {hits}: {lines[:8]}")
    found = violations(page)
    if found:
        notes.append(f"{name}: axe {[v['id'] for v in found]}")


def main() -> None:
    data = Path(tempfile.mkdtemp())
    p = port()
    base = f"http://127.0.0.1:{p}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game_server",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(p),
            "--data-dir",
            str(data),
            "--max-rooms-per-address",
            "0",
        ],
        cwd=ROOT,
        stdout=(OUT / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            walk(browser, base)
            browser.close()
    finally:
        server.terminate()
        server.wait()
        print("\n".join(notes) or "no notes")


def ctx(
    browser: Browser, w: int, h: int, touch: bool = False, lang: str = "en-GB"
) -> BrowserContext:
    return browser.new_context(
        viewport={"width": w, "height": h},
        locale=lang,
        has_touch=touch,
        is_mobile=touch,
        accept_downloads=True,
    )


def walk(browser: Browser, base: str) -> None:
    fac = ctx(browser, 1366, 768).new_page()
    fac.on("dialog", lambda d: (notes.append(f"dialog: {d.message}"), d.dismiss()))
    fac.goto(f"{base}/#/")
    look(fac, "01-home-first", english=False)
    fac.get_by_role("button", name=re.compile("English|Engels")).first.click()
    look(fac, "02-home-en")
    form = fac.get_by_test_id("create-form")
    form.get_by_role("radio", name=re.compile("Scale")).check()
    boxes = form.locator(".deck-open .deck-cards input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    look(fac, "03-create-filled")
    fac.get_by_test_id("create-submit").click()
    code = fac.get_by_test_id("lobby-code").inner_text().strip()
    look(fac, "04-lobby")
    href = fac.get_by_test_id("projector-link").get_attribute("href")
    proj = ctx(browser, 1920, 1080).new_page()
    proj.goto(href if href.startswith("http") else base + "/" + href.lstrip("/"))
    look(proj, "05-projector-lobby")

    def phone_join(name: str) -> Page:
        page = ctx(browser, 390, 844, touch=True).new_page()
        page.goto(f"{base}/#/join/{code}")
        look(page, f"06-join-{name}-first", english=False)
        page.get_by_role("button", name=re.compile("English")).first.click()
        page.get_by_test_id("join-name").fill(name)
        page.get_by_role("button", name="Join").click()
        expect(page.get_by_text(f"Welcome, {name}")).to_be_visible()
        look(page, f"07-lobby-{name}")
        return page

    ana = phone_join("Ana")
    ben = phone_join("Ben")
    # Dutch laptop player, keyboard only.
    kees = ctx(browser, 1366, 768, lang="nl-NL").new_page()
    kees.goto(f"{base}/#/join/{code}")
    kees.keyboard.press("Tab")
    for _ in range(15):
        focused = kees.evaluate(
            "document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName"
        )
        if focused == "join-name":
            break
        kees.keyboard.press("Tab")
    else:
        notes.append("keyboard: could not reach the name field by Tab")
    kees.keyboard.type("Kees")
    kees.keyboard.press("Enter")
    # A browser that never chose follows the English session: Kees chooses Dutch.
    expect(kees.get_by_text("Welcome, Kees")).to_be_visible()
    kees.get_by_role("button", name="Schakel naar Nederlands").click()
    expect(kees.get_by_text("Welkom, Kees")).to_be_visible()
    look(kees, "08-lobby-kees-nl", english=False)
    look(fac, "09-fac-lobby-players")

    players = [ana, ben, kees, proj]

    def step(phase: str) -> None:
        fac.get_by_test_id("next-step").click()
        for pg in [fac, *players]:
            expect(pg.locator("[data-phase]").first).to_have_attribute("data-phase", phase)

    step("read")
    look(fac, "10-fac-read")
    look(ana, "11-ana-read")
    look(proj, "12-proj-read")
    step("place")
    look(ana, "13-ana-place")
    ana.locator("[data-square='4']").click()
    ben.locator("[data-square='2']").click()
    # Kees: keyboard to the board.
    for _ in range(40):
        kees.keyboard.press("Tab")
        if kees.evaluate("document.activeElement?.getAttribute('data-testid')") == "board":
            break
    else:
        notes.append("keyboard: board not reachable by Tab")
    kees.keyboard.press("ArrowRight")
    kees.keyboard.press("Enter")
    look(kees, "14-kees-place", english=False)
    look(fac, "15-fac-place")
    look(proj, "16-proj-place")
    step("discuss")
    look(ana, "17-ana-discuss")
    for page, colour, text in (
        (ana, "green", "Monthly peer review in the team"),
        (ben, "pink", "How do we find time to learn?"),
    ):
        composer = page.get_by_test_id("composer")
        composer.locator(f".colour-option-{colour}").click()
        composer.get_by_test_id("postit-text").fill(text)
        composer.get_by_role("button", name="Put it on the wall").click()
        expect(proj.get_by_text(text)).to_be_visible()
    look(ana, "18-ana-discuss-posted")
    # Kees writes a pink post-it by keyboard only.
    kees.get_by_test_id("postit-text").focus()
    kees.keyboard.press("Shift+Tab")
    kees.keyboard.press("ArrowRight")
    look(kees, "19-kees-keyboard-colour", english=False)
    kees.keyboard.press("Tab")
    kees.keyboard.type("Wie betaalt de opleiding?")
    kees.keyboard.press("Tab")
    kees.keyboard.press("Enter")
    expect(proj.get_by_text("Wie betaalt de opleiding?")).to_be_visible()
    look(fac, "20-fac-discuss")
    look(proj, "21-proj-discuss")
    step("revise")
    ana.locator("[data-square='5']").click()
    ben.locator("[data-square='3']").click()
    kees.get_by_test_id("board").focus()
    kees.keyboard.press("ArrowRight")
    kees.keyboard.press("Enter")
    look(ana, "22-ana-revise")
    look(proj, "23-proj-revise")
    look(fac, "24-fac-revise")
    # To sort (skipping the second card).
    while fac.locator("[data-phase]").first.get_attribute("data-phase") != "sort":
        fac.get_by_test_id("next-step").click()
        fac.wait_for_timeout(400)
        if fac.locator("[data-phase]").first.get_attribute("data-phase") == "place":
            look(fac, "24b-fac-card2-place")
    look(fac, "25-fac-sort")
    look(ana, "26-ana-sort")
    look(proj, "27-proj-sort")
    sorting = fac.get_by_test_id("sorting")
    to_red = sorting.get_by_role("button", name=re.compile("to the red pile"))
    btn = sorting.locator("button:enabled").and_(to_red).first
    btn.click()
    step("summary")
    look(fac, "28-fac-summary")
    look(ana, "29-ana-summary")
    look(proj, "30-proj-summary")
    # Plenary: dots.
    controls = fac.get_by_test_id("voting-controls")
    if controls.count():
        controls.get_by_role("button", name="Open the vote").click()
        look(ana, "31-ana-voting")
        b = ana.get_by_role("button", name=re.compile("^(Add a dot|Dot)")).first
        b.click()
        look(ana, "32-ana-voted")
        look(fac, "33-fac-voting")
        controls.get_by_role("button", name="Show the votes").click()
        look(proj, "34-proj-votes")
    else:
        notes.append("no voting controls")
    fac.get_by_test_id("ap-what").fill("Weekly learning hour")
    fac.get_by_test_id("ap-who").fill("Team lead")
    fac.get_by_test_id("ap-first_step").fill("Free the diaries")
    fac.get_by_test_id("ap-evaluate_when").fill("After the summer")
    fac.get_by_test_id("ap-submit").click()
    expect(proj.get_by_text("Weekly learning hour")).to_be_visible()
    look(fac, "35-fac-actions")
    look(proj, "36-proj-actions")
    downloads = fac.get_by_test_id("downloads")
    for link in downloads.get_by_role("link").all():
        label = link.inner_text()
        with fac.expect_download() as info:
            link.click()
        name = info.value.suggested_filename
        info.value.save_as(str(OUT / name))
        notes.append(f"download {label!r} -> {name}")
    fac.get_by_role("button", name="End the game").click()
    fac.get_by_role("button", name="Yes, end the game").click()
    expect(ana.get_by_test_id("closed")).to_be_visible()
    look(fac, "37-fac-closed")
    look(ana, "38-ana-closed")
    look(proj, "39-proj-closed")
    look(kees, "40-kees-closed", english=False)


if __name__ == "__main__":
    main()
