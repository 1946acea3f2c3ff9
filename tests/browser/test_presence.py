"""The facilitator sees who is online, in the lobby and during the game, and reveals a
hidden round without waiting for a player who dropped: real Chromium, real server, the
players as python-socketio clients whose connections really close."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator
from browser_steps import three_sizes, wait_phase
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CARD = "leerklimaat/veiligheid"


def test_facilitator_sees_a_player_go_offline_and_reveals_without_them(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    _, created = bots.create_room("schaal-5", [CARD])
    code = created["code"]
    fac = open_as_facilitator(new_context(1366, 768), base=server.url, created=created)
    anna, bram = bots.join(code, ["Anna", "Bram"])
    lobby = fac.get_by_test_id("lobby-players")
    anna_tag = lobby.get_by_test_id(f"presence-{anna.player_id}")
    bram_tag = lobby.get_by_test_id(f"presence-{bram.player_id}")
    expect(anna_tag).to_have_text("● online")
    expect(bram_tag).to_have_text("● online")

    # Bram's laptop closes: the lobby list says so, in words, within seconds.
    bots.run(bram.disconnect())
    expect(bram_tag).to_have_text("○ offline")
    expect(bram_tag).to_have_attribute("data-online", "no")
    expect(anna_tag).to_have_text("● online")
    panel = fac.get_by_test_id("players-panel")
    expect(panel.get_by_test_id(f"presence-{bram.player_id}")).to_have_text("○ offline")
    three_sizes(fac, screenshots, "presence-lobby")

    # In the game: Anna places, Bram cannot; the facilitator reveals without waiting.
    fac.get_by_test_id("next-step").click()
    wait_phase([fac], "read")
    fac.get_by_test_id("next-step").click()
    wait_phase([fac], "place")
    bots.do(anna, "place_pawn", position={"square": 3})
    waiting = fac.get_by_test_id("still-to-place")
    expect(waiting).to_contain_text("Bram")
    expect(waiting.get_by_test_id(f"presence-{bram.player_id}")).to_have_text("○ offline")
    reveal = fac.get_by_test_id("reveal")
    expect(reveal).to_have_text("Nu tonen, niet wachten op wie offline is (1)")
    three_sizes(fac, screenshots, "presence-place")
    reveal.click()
    expect(reveal).to_have_count(0)

    # Bram comes back: online again.
    bots.run(bram.reconnect())
    expect(panel.get_by_test_id(f"presence-{bram.player_id}")).to_have_text("● online")
