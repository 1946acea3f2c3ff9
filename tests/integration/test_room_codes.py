"""Room codes: six characters from an alphabet that reads aloud without confusion, and
``join``/``enter`` accept them in lower case and with spacing as people type them."""

from __future__ import annotations

import re

from game_server.room.clock import CODE_ALPHABET, CODE_LENGTH
from tests.support.player import GameClient
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
DOCUMENTED_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"


def spellings(code: str) -> list[str]:
    """How people type a code from a beamer: lower case, with a dash or spaces."""
    return [
        code.lower(),
        f"{code[:3]}-{code[3:]}",
        f"{code[:3].lower()} {code[3:].lower()}",
        f" {code[:2]} {code[2:4]} {code[4:]} ",
    ]


async def test_created_codes_use_the_documented_alphabet(server: ServerProcess) -> None:
    assert CODE_ALPHABET == DOCUMENTED_ALPHABET and CODE_LENGTH == 6
    pattern = re.compile(rf"^[{DOCUMENTED_ALPHABET}]{{6}}$")
    client = await GameClient.connected(server.url)
    try:
        codes = set()
        for _ in range(12):
            created = await client.create_room("schaal-5", [CARD])
            assert pattern.match(created["code"]), created["code"]
            assert created["view"]["code"] == created["code"]
            codes.add(created["code"])
        assert len(codes) == 12
    finally:
        await client.close()


async def test_join_and_enter_accept_lower_case_and_spacing(server: ServerProcess) -> None:
    fac = await GameClient.connected(server.url, name="facilitator")
    opened = [fac]
    try:
        code = (await fac.create_room("schaal-5", [CARD]))["code"]
        players = []
        for i, spelling in enumerate(spellings(code)):
            player = await GameClient.connected(server.url, name=f"P{i}")
            opened.append(player)
            joined = await player.join(spelling, f"Speler {i}")
            assert joined["view"]["code"] == code, spelling
            players.append(player)
        await fac.wait_for(lambda v: len(v["players"]) == len(players))

        for i, spelling in enumerate(spellings(code)):
            for player in players:
                again = await GameClient.connected(server.url)
                opened.append(again)
                assert player.token is not None
                entered = await again.enter(spelling, player.token)
                assert entered["player_id"] == player.player_id and entered["role"] == "player"
                assert entered["view"]["code"] == code
                await again.close()
                opened.remove(again)
            assert fac.created is not None
            viewer = await GameClient.connected(server.url)
            opened.append(viewer)
            entered = await viewer.enter(spelling, fac.created["projector_token"])
            assert entered["role"] == "projector", i
        assert len((fac.view or {})["players"]) == len(players)  # entering made no new seats
    finally:
        for client in opened:
            await client.close()
