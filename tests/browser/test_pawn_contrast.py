"""The initials on a pawn are readable on every player colour (WCAG AA, 4.5:1).

Twelve players join a room over python-socketio, one for every colour of the palette, and
place their pawns; in real Chromium the lobby (facilitator and projector) and the board
(scale and quadrant) are measured: for every pawn, the text colour the page computes
against the pawn's own colour, also for the first placement shown behind the second
while revising. axe-core runs over every screen photographed.
Screenshots: test-artifacts/screenshots/pawn-contrast-*."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector, wait_version
from browser_steps import shot, three_sizes
from playwright.sync_api import Page, expect

from game_server.rules.model import PLAYER_COLOURS

pytestmark = pytest.mark.browser

NAMES = [
    "Anna Jansen", "Bram de Boer", "Cor Visser", "Dina Smit", "Eva Mol", "Finn Kok",
    "Gijs Bos", "Hanna Bakker", "Ilse Vos", "Joost Dekker", "Karin Peters", "Lotte Meijer",
]  # fmt: skip

# The contrast of each pawn's text on its own background, as the page draws it: an HTML
# pawn's `color` on its `background-color`, an SVG pawn's text `fill` on its shape's fill.
MEASURE = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b]
    .map((c) => c / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const out = [];
  for (const pawn of document.querySelectorAll('.pawn:not(.pawn-pending)')) {
    const style = getComputedStyle(pawn);
    if (!pawn.textContent.trim()) continue;
    out.push({ text: pawn.title, ratio: ratio(style.color, style.backgroundColor) });
  }
  for (const g of document.querySelectorAll('g.qpawn')) {
    const text = g.querySelector('text');
    const shape = g.querySelector('circle, rect');
    out.push({
      text: g.querySelector('title').textContent,
      ratio: ratio(getComputedStyle(text).fill, getComputedStyle(shape).fill),
    });
  }
  return out;
}"""


def low_contrast(page: Page, expected: int) -> list[str]:
    found = page.evaluate(MEASURE)
    assert len(found) >= expected, found
    return [f"{p['text']}: {p['ratio']:.2f}:1" for p in found if p["ratio"] < 4.5]


def _room(
    server: Any, bots: Bots, new_context: Any, board: str, card: str
) -> tuple[Any, dict[str, Any], list[Any], Page, Page]:
    # Placements shown as they come: six of twelve revising show both rounds.
    fac_client, created = bots.create_room(board, [card], hidden_placements=False)
    players = bots.join(created["code"], NAMES)
    fac = open_as_facilitator(new_context(1366, 768), server.url, created)
    proj = open_projector(new_context(1920, 1080), server.url, created)
    return fac_client, created, players, fac, proj


def test_every_player_colour_carries_readable_initials(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    assert len(NAMES) == len(PLAYER_COLOURS)  # one player per colour of the palette
    fac_client, _created, players, fac, proj = _room(
        server, bots, new_context, "schaal-5", "leerklimaat/veiligheid"
    )
    for page in (fac, proj):
        expect(page.get_by_text("Lotte Meijer").first).to_be_visible()
    # The lobby: every player's pawn beside their name.
    assert low_contrast(fac, 12) == []
    assert low_contrast(proj, 12) == []
    three_sizes(fac, screenshots, "pawn-contrast-lobby-facilitator")
    three_sizes(proj, screenshots, "pawn-contrast-lobby-projector")

    bots.do(fac_client, "start")
    bots.do(fac_client, "next_step")
    version = bots.each(
        players, "place_pawn", [{"position": {"square": 1 + i % 5}} for i in range(12)]
    )
    for page in (fac, proj):
        wait_version(page, version)
        expect(page.locator("[data-square] .pawn-first")).to_have_count(12)
    # The board: twelve pawns on the squares, their initials on every colour.
    assert low_contrast(proj, 12) == []
    assert low_contrast(fac, 12) == []
    three_sizes(proj, screenshots, "pawn-contrast-board-projector")
    fac.locator(".board-wrap").scroll_into_view_if_needed()
    shot(fac, screenshots, "pawn-contrast-board-facilitator-1366x768")

    # Revising: the first placement stays on the board behind the second, its initials
    # as readable as the second's.
    bots.do(fac_client, "next_step")
    bots.do(fac_client, "next_step")
    version = bots.each(
        players, "place_pawn", [{"position": {"square": 5 - i % 5}} for i in range(12)]
    )
    for page in (fac, proj):
        wait_version(page, version)
        expect(page.locator("[data-square] .pawn-second")).to_have_count(12)
        expect(page.locator("[data-square] .pawn-faded")).to_have_count(12)
        assert low_contrast(page, 24) == []
    three_sizes(proj, screenshots, "pawn-contrast-revise-projector")


def test_every_player_colour_carries_readable_initials_on_the_quadrant(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    fac_client, _created, players, _fac, proj = _room(
        server, bots, new_context, "llo-kwadrant", "leercultuur-elementen/zelfregie"
    )
    bots.do(fac_client, "start")
    bots.do(fac_client, "next_step")
    spots = [(-0.8 + 0.3 * (i % 6), 0.5 if i < 6 else -0.5) for i in range(12)]
    version = bots.each(players, "place_pawn", [{"position": {"x": x, "y": y}} for x, y in spots])
    wait_version(proj, version)
    expect(proj.locator("g.qpawn")).to_have_count(12)
    assert low_contrast(proj, 12) == []
    three_sizes(proj, screenshots, "pawn-contrast-quadrant-projector")
    bots.do(fac_client, "next_step")
    bots.do(fac_client, "next_step")
    # Six revise (more moves than that make the first placements ghosts without text).
    second = [{"position": {"x": -x, "y": -y}} for x, y in spots[:6]]
    version = bots.each(players[:6], "place_pawn", second)
    wait_version(proj, version)
    expect(proj.locator("g.qpawn.pawn-faded")).to_have_count(12)
    assert low_contrast(proj, 18) == []
    three_sizes(proj, screenshots, "pawn-contrast-quadrant-revise-projector")
