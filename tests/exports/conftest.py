"""Two whole games played over a real server with real Socket.IO clients, for the export
tests; each module gets its own server (module scope) so the games are played once.

- ``SCALE`` room (Dutch, named post-its): three deck cards and a case card written by a
  player, hidden placements revealed by the facilitator, a player who did not revise, a
  post-it edited, a card skipped after post-its were written on it, piles overridden, a
  pink post-it resolved, action points (one edited), then the game is closed.
- ``QUADRANT`` room (English, anonymous post-its): now -> desired placements, post-its,
  sorting, an action point; left in the summary phase (an export during the game).

Post-it texts include the hostile ones every format must keep intact and harmless.
What the tests expect comes from the clients' own bookkeeping and the facilitator's
folded view (figures from the rules), never from the export code under test.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support.game import Table, open_table
from tests.support.server import ServerProcess

QUOTES = "Zeg \"ja\"; of 'nee'?\nTweede regel 😀 — café “Één” ë"
FORMULA = '=HYPERLINK("http://x","y")'
MARKUP = "# kop *nadruk* _schuin_ [link](http://x) <b>vet</b> &amp; `code`\n1. lijst\n- punt"
PLUS = "+31 6 1234 5678 bellen?"
MINUS = "-5 minuten per dag; is dat genoeg?"
AT = "@iedereen: samen leren"
HOSTILE = (QUOTES, FORMULA, MARKUP, PLUS, MINUS, AT)

FORMATS = ("csv", "csv-semicolon", "xlsx", "json", "md", "pdf", "docx")
EXTENSIONS = {
    "csv": "csv",
    "csv-semicolon": "csv",
    "xlsx": "xlsx",
    "json": "json",
    "md": "md",
    "pdf": "pdf",
    "docx": "docx",
}
SUFFIXES = {"csv-semicolon": "-excel"}
"""Before the extension, so the two CSV files get different names."""

SCALE_PLAYERS = ["Anna", "Bram", "Chloë", "Dirk"]
QUADRANT_PLAYERS = ["Xandra", "Yorick", "Zoë-Marit"]
"""Names that occur in no other word of any export, so a search for them finds authors."""
SCALE_CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie", "leerklimaat/feedback"]
QUADRANT_CARDS = ["leercultuur-elementen/zelfregie", "leercultuur-elementen/leiderschap"]


@dataclass
class Room:
    """What a test needs to know about a played room."""

    code: str
    facilitator_token: str
    projector_token: str
    player_token: str
    view: dict[str, Any]
    """The facilitator's folded view at the end (figures come from the rules)."""
    authors: dict[str, str] = field(default_factory=dict)
    """post-it id -> name of the player who wrote it (the test's own bookkeeping)."""
    player_ids: dict[str, str] = field(default_factory=dict)
    case_card_id: str | None = None
    skipped_card_id: str | None = None
    language: str = "nl"

    @property
    def anonymous(self) -> bool:
        return bool(self.view["options"]["anonymous_post_its"])

    @property
    def title(self) -> str:
        return str(self.view["title"])

    def post_its(self) -> list[dict[str, Any]]:
        """Post-its oldest first (the order of every export)."""
        return sorted(self.view["post_its"].values(), key=lambda p: (p["created_at"], p["id"]))


@dataclass
class Played:
    server: ServerProcess
    scale: Room
    quadrant: Room

    def rooms(self) -> list[Room]:
        return [self.scale, self.quadrant]


async def _post(table: Table, room: Room, name: str, colour: str, text: str) -> str:
    reply = await table.player(name).do("add_post_it", colour=colour, text=text)
    post_it_id = str(reply["result"]["post_it_id"])
    room.authors[post_it_id] = name
    return post_it_id


async def _place(table: Table, positions: dict[str, Any]) -> None:
    for name, position in positions.items():
        await table.player(name).do("place_pawn", position=position)
    await table.settle()


async def play_scale(url: str) -> Room:
    table = await open_table(
        url,
        "schaal-5",
        SCALE_CARDS,
        players=["Anna", "Bram", "Chloë", "Dirk"],
        projector=True,
        title="Team “Leren” – gemeente Zwolle",
        options={"hidden_placements": True, "language": "nl"},
    )
    fac = table.fac
    assert fac.created is not None and table.projector is not None
    room = Room(
        code=table.code,
        facilitator_token=fac.created["facilitator_token"],
        projector_token=fac.created["projector_token"],
        player_token=str(table.player("Anna").token),
        view={},
        player_ids={p.name: str(p.player_id) for p in table.players},
    )
    try:
        veiligheid, autonomie, _feedback = SCALE_CARDS
        await fac.do("start")  # read veiligheid
        await fac.do("next_step")  # place
        await _place(
            table,
            {
                n: {"square": s}
                for n, s in zip(["Anna", "Bram", "Chloë", "Dirk"], [2, 3, 3, 1], strict=True)
            },
        )
        await fac.do("next_step")  # discuss
        await _post(table, room, "Anna", "green", "We hebben elke week een “leeruur” met het team.")
        await _post(table, room, "Bram", "pink", QUOTES)
        formula = await _post(table, room, "Chloë", "pink", FORMULA)
        markup = await _post(table, room, "Dirk", "green", MARKUP)
        await fac.do("next_step")  # revise
        await _place(
            table,
            {
                n: {"square": s}
                for n, s in zip(["Anna", "Bram", "Chloë", "Dirk"], [3, 4, 3, 2], strict=True)
            },
        )
        await fac.do("next_step")  # read autonomie
        added = await table.player("Bram").do(
            "add_case_card",
            title="Inwerken",
            text="Een nieuwe collega durft niets te vragen.\nWat doen we?",
        )
        room.case_card_id = str(added["result"]["card_id"])
        await fac.do("next_step")  # place (hidden until revealed)
        await _place(table, {"Anna": {"square": 4}, "Bram": {"square": 5}, "Chloë": {"square": 4}})
        await fac.do("reveal_placements")
        await fac.do("next_step")  # discuss
        plus = await _post(table, room, "Anna", "pink", "Bellen?")
        await table.player("Anna").do("edit_post_it", post_it_id=plus, text=PLUS)
        await _post(table, room, "Dirk", "green", MINUS)
        await fac.do("next_step")  # revise: Dirk and Chloë do not revise
        await _place(table, {"Anna": {"square": 5}, "Bram": {"square": 4}})
        await fac.do("next_step")  # read the case card
        await fac.do("next_step")  # place
        await _place(table, {"Anna": {"square": 2}, "Chloë": {"square": 1}})
        await fac.do("next_step")  # discuss
        await _post(table, room, "Chloë", "green", AT)
        await fac.do("skip_card")  # skipped after discussion: its post-it must survive
        room.skipped_card_id = room.case_card_id
        await fac.do("next_step")  # place feedback
        await _place(table, {n: {"square": 5} for n in ["Anna", "Bram", "Chloë", "Dirk"]})
        await fac.do("next_step")  # discuss
        await fac.do("next_step")  # revise
        await _place(table, {"Anna": {"square": 4}})
        await fac.do("next_step")  # sort (piles suggested)
        await fac.do("set_pile", item="card", id=veiligheid, pile="green")
        await fac.do("set_pile", item="post_it", id=markup, pile="red")
        await fac.do("resolve_post_it", post_it_id=formula)
        await fac.do("next_step")  # summary
        point = await fac.do(
            "add_action_point",
            what="Maandelijks leeruur; ook voor “nieuwe” collega’s",
            who="Teamleider (Anna)",
            first_step="Agenda's blokkeren",
            evaluate_when="Na 3 maanden",
            card_id=veiligheid,
        )
        await fac.do(
            "edit_action_point",
            action_point_id=point["result"]["action_point_id"],
            evaluate_when="December\n2026",
        )
        await fac.do(
            "add_action_point",
            what="=SUM(A1:A9)",
            who="HR",
            first_step="Intervisie opzetten",
            evaluate_when="Q1",
            card_id=autonomie,
        )
        await fac.do("end_game")
        await table.settle()
        assert fac.view is not None
        room.view = json.loads(json.dumps(fac.view))
    finally:
        await table.close()
    return room


async def play_quadrant(url: str) -> Room:
    table = await open_table(
        url,
        "llo-kwadrant",
        QUADRANT_CARDS,
        players=QUADRANT_PLAYERS,
        title="Learning culture – Q3",
        options={"hidden_placements": False, "anonymous_post_its": True, "language": "en"},
    )
    fac = table.fac
    assert fac.created is not None
    room = Room(
        code=table.code,
        facilitator_token=fac.created["facilitator_token"],
        projector_token=fac.created["projector_token"],
        player_token=str(table.player(QUADRANT_PLAYERS[0]).token),
        view={},
        player_ids={p.name: str(p.player_id) for p in table.players},
        language="en",
    )
    try:
        xan, yor, zoe = QUADRANT_PLAYERS
        now = {xan: (-0.6, -0.5), yor: (-0.2, -0.7), zoe: (0.4, -0.1)}
        desired = {xan: (0.5, 0.6), yor: (0.3, 0.8), zoe: (0.6, 0.4)}
        await fac.do("start")
        for card_index in range(2):
            await fac.do("next_step")  # place: the situation now
            await _place(table, {n: {"x": x, "y": y} for n, (x, y) in now.items()})
            await fac.do("next_step")  # discuss
            if card_index == 0:
                await _post(table, room, xan, "green", "Coaching on the job works.")
                await _post(table, room, yor, "pink", QUOTES)
                await _post(table, room, zoe, "pink", FORMULA)
            else:
                await _post(table, room, zoe, "green", MARKUP)
                await _post(table, room, xan, "pink", "Who pays for it?")
            await fac.do("next_step")  # revise: the desired situation
            await _place(table, {n: {"x": x, "y": y} for n, (x, y) in desired.items()})
            await fac.do("next_step")
        await fac.do("set_pile", item="card", id=QUADRANT_CARDS[1], pile="green")
        await fac.do("next_step")  # summary
        await fac.do(
            "add_action_point",
            what="Coaching pilot",
            who="L&D team",
            first_step="Find two coaches",
            evaluate_when="After the summer",
        )
        await table.settle()
        assert fac.view is not None
        room.view = json.loads(json.dumps(fac.view))
    finally:
        await table.close()
    return room


async def play_both(url: str) -> tuple[Room, Room]:
    return await play_scale(url), await play_quadrant(url)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
    """A server with both games played; stopped (and checked for tracebacks) afterwards."""
    base = tmp_path_factory.mktemp("exports")
    server = ServerProcess(base / "data", log_path=base / "server.log")
    server.start()
    try:
        scale, quadrant = asyncio.run(play_both(server.url))
        yield Played(server, scale, quadrant)
    finally:
        server.stop(timeout=3.0)
    assert not server.tracebacks(), server.log_text()[-5000:]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def get(url: str, token: str | None = None, *, query: bool = False) -> Response:
    """GET ``url``; the token as a Bearer header or, with ``query``, as ``?token=``."""
    headers = {}
    if token is not None and query:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"token": token})
    elif token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return Response(reply.status, dict(reply.headers), reply.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, dict(exc.headers), exc.read())


def export_url(server: ServerProcess, code: str, fmt: str) -> str:
    return f"{server.url}/api/rooms/{code}/export/{fmt}"


@pytest.fixture(scope="module")
def responses(played: Played) -> dict[tuple[str, str], Response]:
    """Every format of both rooms, downloaded once with the facilitator token."""
    replies = {}
    for room in played.rooms():
        for fmt in FORMATS:
            reply = get(export_url(played.server, room.code, fmt), room.facilitator_token)
            assert reply.status == 200, (room.code, fmt, reply.status, reply.body[:300])
            replies[(room.code, fmt)] = reply
    return replies


@pytest.fixture(scope="module")
def downloads(responses: dict[tuple[str, str], Response]) -> dict[tuple[str, str], bytes]:
    """The downloaded files by (room code, format)."""
    return {key: reply.body for key, reply in responses.items()}


def save(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path
