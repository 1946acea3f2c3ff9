"""A facilitator whose address made its rooms for now (``--max-rooms-per-address``) is told
on the create form, in the page's language, how long to wait; nothing opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import SIZES, shot
from conftest import Server
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def limited_server(
    built_client: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("limited-server"), "--max-rooms-per-address", "1")
    yield srv
    srv.stop()


def test_the_create_form_says_to_wait_past_the_rooms_per_address(
    limited_server: Server, new_context: Any, screenshots: Path
) -> None:
    base = limited_server.url
    bots = Bots(base)
    try:
        bots.create_room("schaal-5", ["leerklimaat/veiligheid"])  # the address's one room
        page = new_context(1366, 768).new_page()
        page.goto(f"{base}/#/")
        form = page.get_by_test_id("create-form")
        form.get_by_role("radio", name=re.compile("Schaal")).check()
        form.locator(".deck-open .deck-cards input[type=checkbox]").first.check()
        page.get_by_test_id("create-submit").click()
        alert = page.get_by_role("alert")
        expect(alert).to_have_text(
            "Vanaf dit netwerk zijn de laatste tijd te veel sessies en workshops aangemaakt. "
            "Wacht 60 minuten en probeer het dan opnieuw."
        )
        expect(page.get_by_test_id("lobby-code")).to_have_count(0)
        expect(page.get_by_test_id("create-submit")).to_be_enabled()
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.get_by_test_id("create-submit").scroll_into_view_if_needed()
            shot(page, screenshots, f"create-too-many-rooms-{width}x{height}")
    finally:
        bots.close()
