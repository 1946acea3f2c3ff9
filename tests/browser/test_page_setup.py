"""How a page is set up, apart from the game.

- The join link and QR code use the address the server says players should open: a server
  started with ``--public-url`` answers it in ``GET /api/info``; the facilitator's page,
  opened on 127.0.0.1 (an address nobody else can reach), must offer that address in the
  join link, the QR code and on the projector, and show no "only this computer" warning.
- The test hook ``window.__leerklimaat`` exists only when the page asks for it (``?e2e=1``
  or the ``lk:e2e`` localStorage key): a production page has no such global.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector
from browser_steps import shot
from conftest import Server
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PUBLIC = "http://192.0.2.10:8080/"


@pytest.fixture(scope="module")
def public_server(built_client: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("public-url-server"), "--public-url", PUBLIC)
    yield srv
    srv.stop()


def test_join_link_uses_the_public_address(
    public_server: Server, new_context: Any, screenshots: Path
) -> None:
    base = public_server.url
    bots = Bots(base)
    try:
        _, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"])
        code = created["code"]
        fac = open_as_facilitator(new_context(1366, 768), base, created)
        link = f"{PUBLIC}#/join/{code}"
        expect(fac.get_by_test_id("join-link")).to_have_value(link)
        expect(fac.locator("svg.qr")).to_have_attribute("data-value", link)
        expect(fac.get_by_test_id("localhost-warning")).to_have_count(0)
        proj = open_projector(new_context(1280, 720), base, created)
        expect(proj.get_by_test_id("projector-url")).to_have_text("192.0.2.10:8080")
        expect(proj.locator("svg.qr")).to_have_attribute("data-value", link)
        shot(proj, screenshots, "projector-lobby-public-url-1280")
    finally:
        bots.close()


def test_no_test_hook_on_a_production_page(public_server: Server, new_context: Any) -> None:
    base = public_server.url
    bots = Bots(base)
    try:
        _, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"])
        context = new_context(1366, 768, test_hook=False)
        fac = open_as_facilitator(context, base, created)
        expect(fac.get_by_test_id("lobby-code")).to_have_text(created["code"])
        assert fac.evaluate("() => '__leerklimaat' in window") is False
        proj = open_projector(context, base, created)
        expect(proj.get_by_test_id("projector-code")).to_have_text(created["code"])
        assert proj.evaluate("() => '__leerklimaat' in window") is False
        # Asked for in the address, it is there.
        flagged = context.new_page()
        flagged.goto(f"{base}/?e2e=1#/room/{created['code']}")
        expect(flagged.get_by_test_id("lobby-code")).to_have_text(created["code"])
        assert flagged.evaluate("() => window.__leerklimaat.code") == created["code"]
    finally:
        bots.close()
