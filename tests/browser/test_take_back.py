"""The host hands steering to a player, whose laptop then vanishes; the host's screen shows
who steers and takes the lead back in two clicks: real Chromium, real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator
from browser_steps import three_sizes, wait_phase
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CARD = "leerklimaat/veiligheid"


def test_host_takes_the_lead_back(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    _, created = bots.create_room("schaal-5", [CARD])
    code = created["code"]
    fac = open_as_facilitator(new_context(1366, 768), base=server.url, created=created)
    (anna,) = bots.join(code, ["Anna"])
    panel = fac.get_by_test_id("players-panel")
    panel.get_by_role("button", name="Leiding overdragen").click()
    panel.get_by_role("button", name="Ja, Anna leidt").click()
    bots.run(anna.wait_until(lambda c: c.role == "facilitator"))

    # The host's screen: who steers now, and the way back; no steering controls.
    take_back = fac.get_by_test_id("take-back")
    expect(take_back).to_contain_text("Anna leidt het spel nu")
    expect(fac.get_by_test_id("next-step")).to_have_count(0)
    expect(fac.locator("[data-role]").first).to_have_attribute("data-role", "host")
    three_sizes(fac, screenshots, "take-back")

    # Anna's laptop is gone; the host takes the lead back and steers again.
    bots.run(anna.close())
    expect(take_back.get_by_test_id(f"presence-{anna.player_id}")).to_have_text("○ offline")
    take_back.get_by_role("button", name="Leiding terugnemen").click()
    take_back.get_by_role("button", name="Ja, ik leid weer").click()
    expect(fac.get_by_test_id("take-back")).to_have_count(0)
    fac.get_by_test_id("next-step").click()
    wait_phase([fac], "read")
