"""The facilitator downloads the learning policy from the downloads at the end of a game:
a Word file named ``…-beleid.docx`` holding the goal the room voted on and the action
point with its owner, first step and evaluation. The downloads panel is photographed at
the three sizes (and passes axe-core)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from bots import Bots, open_as_facilitator
from browser_steps import three_sizes, wait_phase
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_learning_policy_is_downloaded(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    fac_client, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"])
    code = created["code"]
    anna, bram = bots.join(code, ["Anna", "Bram"])
    fac = open_as_facilitator(new_context(1366, 768), server.url, created)
    for command in ("start", "next_step"):
        bots.do(fac_client, command)
    bots.do(anna, "place_pawn", position={"square": 2})
    bots.do(bram, "place_pawn", position={"square": 1})
    bots.do(fac_client, "next_step")
    bots.do(anna, "add_post_it", colour="pink", text="Wie betaalt de <b>opleiding</b>?")
    bots.do(fac_client, "next_step")  # revise
    bots.do(anna, "place_pawn", position={"square": 2})
    bots.do(bram, "place_pawn", position={"square": 1})
    bots.do(fac_client, "next_step")  # sort
    bots.do(fac_client, "set_pile", item="card", id="leerklimaat/veiligheid", pile="red")
    bots.do(fac_client, "next_step")  # summary
    bots.do(fac_client, "open_voting", dots=2, several_per_item=True)
    for player in (anna, bram):
        bots.do(player, "place_dot", item="card", id="leerklimaat/veiligheid")
    bots.do(fac_client, "reveal_votes")
    bots.do(
        fac_client,
        "add_action_point",
        what="Veiligheid bespreken in elk teamoverleg",
        who="Teamleider",
        first_step="Agendapunt toevoegen",
        evaluate_when="Na drie maanden",
        item="card",
        item_id="leerklimaat/veiligheid",
    )
    wait_phase([fac], "summary")

    downloads = fac.get_by_test_id("downloads")
    link = downloads.get_by_role("link", name="Opleidingsbeleid (Word)")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("download", "")
    downloads.scroll_into_view_if_needed()
    three_sizes(fac, screenshots, "facilitator-downloads-policy")
    with fac.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith(f"leerklimaat-{code}-")
    assert download.suggested_filename.endswith("-beleid.docx")
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    goals = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert goals == ["Kaart 1: Veiligheid — 2 stippen"]
    row = [c.text for c in document.tables[0].rows[1].cells]
    assert row == [
        "Veiligheid bespreken in elk teamoverleg\n(bij doel: Veiligheid)",
        "Teamleider",
        "Agendapunt toevoegen",
        "Na drie maanden",
    ]
    questions = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any("Wie betaalt de <b>opleiding</b>?" in q for q in questions)
