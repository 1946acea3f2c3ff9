"""The facilitator's own cards on a real server: ``create_room`` with ``own_deck`` (mixed
with library cards in one agenda, the same limits as deck files), and the stateless deck
routes (check, read an upload, write YAML and XLSX)."""

from __future__ import annotations

import io
from typing import Any

import aiohttp
from openpyxl import load_workbook

from tests.support.player import GameClient
from tests.support.server import ServerProcess


def own_deck(**extra: Any) -> dict[str, Any]:
    deck: dict[str, Any] = {
        "id": "gemeente",
        "name": {"nl": "Onze gemeente", "en": "Our municipality"},
        "description": {"nl": "Eigen stellingen.", "en": "Own statements."},
        "source": "Eigen kaarten",
        "cards": [
            {
                "id": "beleid",
                "kind": "statement",
                "text": {
                    "nl": "Ons <b>beleid</b> is bekend.",
                    "en": "Our policy is known.",
                },
            },
            {
                "id": "casus",
                "kind": "case",
                "text": {"nl": "Beschrijf een casus.", "en": "Describe a case."},
                "minutes": 9,
            },
        ],
    }
    deck.update(extra)
    return deck


async def test_own_cards_and_deck_cards_in_one_agenda(server: ServerProcess) -> None:
    fac = await GameClient.connected(server.url)
    try:
        agenda = ["gemeente/beleid", "leerklimaat/veiligheid", "gemeente/casus"]
        await fac.create_room("schaal-5", agenda, own_deck=own_deck())
        view = await fac.wait_for(lambda v: v["agenda"] == agenda)
        beleid = view["cards"]["gemeente/beleid"]
        assert beleid["text"]["nl"] == "Ons <b>beleid</b> is bekend."
        assert beleid["kind"] == "statement"
        # An own case card is a blank case prompt like a deck's: its reader writes the case.
        assert view["cards"]["gemeente/casus"]["to_write"] is True
        assert view["cards"]["gemeente/casus"]["minutes"] == 9
    finally:
        await fac.close()


async def test_a_bad_own_deck_is_refused_and_opens_nothing(server: ServerProcess) -> None:
    fac = await GameClient.connected(server.url)
    try:
        long = own_deck()
        long["cards"][0]["text"]["nl"] = "x" * 601
        reply = await fac.create_room("schaal-5", ["gemeente/beleid"], own_deck=long, check=False)
        assert reply["ok"] is False and reply["error"]["code"] == "bad_request"
        assert "own_deck.cards.0.text.nl" in reply["error"]["message"]

        many = own_deck(cards=[{**own_deck()["cards"][0], "id": f"k{i}"} for i in range(61)])
        reply = await fac.create_room("schaal-5", ["gemeente/k1"], own_deck=many, check=False)
        assert reply["error"]["code"] == "bad_request"

        taken = own_deck(id="leerklimaat")
        reply = await fac.create_room(
            "schaal-5", ["leerklimaat/beleid"], own_deck=taken, check=False
        )
        assert reply["error"]["code"] == "unknown_content"

        reply = await fac.create_room(
            "schaal-5", ["gemeente/nope"], own_deck=own_deck(), check=False
        )
        assert reply["error"]["code"] == "unknown_content"
        assert fac.view is None
    finally:
        await fac.close()


async def test_deck_routes_check_read_and_write(server: ServerProcess) -> None:
    async with aiohttp.ClientSession(server.url) as http:
        bad = own_deck()
        bad["cards"][1]["text"] = {"nl": "", "en": ""}
        async with http.post("/api/decks/check", json=bad) as response:
            body = await response.json()
        assert body["deck"] is None
        assert [(p["field"], p["card"]) for p in body["problems"]] == [
            ("cards[1].text.nl", 1),
            ("cards[1].text.en", 1),
        ]

        async with http.post("/api/decks/write/yaml", json=own_deck()) as response:
            assert response.status == 200
            assert 'filename="gemeente.yaml"' in response.headers["Content-Disposition"]
            yaml_file = await response.read()
        async with http.post("/api/decks/read?name=gemeente.yaml", data=yaml_file) as response:
            assert (await response.json())["deck"] == own_deck()

        async with http.post("/api/decks/write/xlsx", json=own_deck()) as response:
            xlsx_file = await response.read()
        rows = list(load_workbook(io.BytesIO(xlsx_file)).worksheets[0].iter_rows(values_only=True))
        assert len(rows) == 3
        async with http.post("/api/decks/read?name=gemeente.xlsx", data=xlsx_file) as response:
            assert (await response.json())["deck"] == own_deck()

        async with http.post("/api/decks/write/yaml", json=bad) as response:
            assert response.status == 422
        async with http.post("/api/decks/read?name=x.yaml", data=b"x" * (1024 * 1024 + 1)) as r:
            assert r.status == 413


async def test_every_deck_route_problem_is_a_code_with_parameters(server: ServerProcess) -> None:
    """The browser writes each problem in its own language: the routes send a code and its
    parameters (and the English message beside them), never a sentence to show."""
    bad = own_deck()
    bad["cards"][0]["text"] = {"nl": "x" * 601, "en": "y"}
    bad["cards"][1]["minutes"] = 61
    async with aiohttp.ClientSession(server.url) as http:
        async with http.post("/api/decks/check", json=bad) as response:
            problems = (await response.json())["problems"]
        async with http.post("/api/decks/check", data=b"{not json") as response:
            assert response.status == 400
            problems += (await response.json())["problems"]
        async with http.post("/api/decks/read?name=x.yaml", data=b"x" * (1024 * 1024 + 1)) as r:
            problems += (await r.json())["problems"]
        async with http.post("/api/decks/read?name=x.yaml", data=b"id: a\n\tname: b\n") as r:
            problems += (await r.json())["problems"]
    assert [(p["code"], p["params"]) for p in problems] == [
        ("too_long", {"max": 600, "length": 601}),
        ("too_large", {"max": 60, "found": 61}),
        ("not_json", {}),
        ("file_too_big", {"kb": 1024}),
        ("yaml_tabs", {}),
    ]
    assert problems[0]["message"] == "too long: at most 600 characters, this one has 601"
    assert problems[4]["line"] == 2
