"""The web client works under the server's Content-Security-Policy: real Chromium opens
the page by a host name (localhost) and by address, connects its websocket, follows the
room as it changes, and reports no policy violation."""

from __future__ import annotations

from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector
from conftest import Server
from playwright.sync_api import ConsoleMessage, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_page_works_under_its_security_policy(
    server: Server, new_context: Any, host: str
) -> None:
    base = server.url.replace("127.0.0.1", host)
    bots = Bots(server.url)
    refused: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(message.text)

    try:
        _, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"])
        context = new_context(1366, 768)
        context.on("console", watch)
        fac = open_as_facilitator(context, base, created)
        expect(fac.get_by_test_id("join-link")).to_be_visible()
        proj = open_projector(context, base, created)
        expect(proj.get_by_test_id("projector-url")).to_be_visible()
        bots.join(created["code"], ["Ann"])
        expect(fac.get_by_text("Ann").first).to_be_visible()
        expect(proj.get_by_text("Ann").first).to_be_visible()
        assert refused == []
    finally:
        bots.close()
