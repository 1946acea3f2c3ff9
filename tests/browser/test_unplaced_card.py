"""A card the group stepped through without placing pawns, on the projector's summary.

Its rounds say "niemand geplaatst" in words, not an empty row of bars and "gem. –", which
read as a broken figure on a projector. Screenshots at three sizes, axe on each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_projector, wait_version
from browser_steps import three_sizes
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_card_nobody_placed_on_says_so_on_the_projector(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    fac, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid", "leerklimaat/autonomie"])
    players = bots.join(created["code"], ["Anna Jansen", "Bram de Boer"])
    proj = open_projector(new_context(1366, 768), server.url, created)
    bots.do(fac, "start")
    bots.do(fac, "next_step")  # place
    bots.each(players, "place_pawn", [{"position": {"square": 2}}, {"position": {"square": 4}}])
    for _ in ("discuss", "revise", "read", "place", "discuss", "revise", "sort"):
        bots.do(fac, "next_step")
    version = bots.do(fac, "next_step")["version"]  # summary
    wait_version(proj, version)

    rows = proj.get_by_test_id("card-figures")
    expect(rows).to_have_count(2)
    placed, unplaced = rows.nth(0), rows.nth(1)
    expect(unplaced).to_contain_text("Autonomie")
    expect(unplaced.get_by_text("niemand geplaatst")).to_have_count(2)
    expect(unplaced).not_to_contain_text("gem.")
    expect(placed).to_contain_text("gem. 3")
    # The first card's revised round had no pawns either.
    expect(placed.get_by_text("niemand geplaatst")).to_have_count(1)
    three_sizes(proj, screenshots, "unplaced-card-projector-summary")
