"""Two whole games for the export tests, folded through the pure rules (as the server's
room authority decides them) into a real SQLite store; no server is needed to play them.

- ``SCALE`` room (Dutch, named post-its): three deck cards and a case card written by a
  player, hidden placements revealed by the facilitator, a player who did not revise, a
  post-it edited, a card skipped after post-its were written on it, piles overridden, a
  pink post-it resolved, action points (one edited), then the game is closed.
- ``QUADRANT`` room (English, anonymous post-its): now -> desired placements, post-its,
  sorting, an action point; left in the summary phase (an export during the game).

``downloads`` renders every format from the stored room as the download does, in this
process; ``server`` starts a real server on the store, and ``responses`` downloads every
file from it over HTTP (the real path, for the HTTP and CLI tests).

Post-it texts include the hostile ones every format must keep intact and harmless.
What the tests expect comes from the test's own bookkeeping and the facilitator's
folded view (figures from the rules), never from the export code under test.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from game_server.config import Settings
from game_server.content import load_library
from game_server.exports import load_record, render
from game_server.room.clock import now_ms
from game_server.stores.choose import make_store
from tests.support.folded import FoldedTable, open_folded_table, store_rooms
from tests.support.server import ServerProcess, running

QUOTES = "Zeg \"ja\"; of 'nee'?\nTweede regel 😀 — café “Één” ë"
FORMULA = '=HYPERLINK("http://x","y")'
MARKUP = "# kop *nadruk* _schuin_ [link](http://x) <b>vet</b> &amp; `code`\n1. lijst\n- punt"
PLUS = "+31 6 1234 5678 bellen?"
MINUS = "-5 minuten per dag; is dat genoeg?"
AT = "@iedereen: samen leren"
HOSTILE = (QUOTES, FORMULA, MARKUP, PLUS, MINUS, AT)

FORMATS = ("csv", "csv-semicolon", "xlsx", "json", "md", "pdf", "docx", "policy")
EXTENSIONS = {
    "csv": "csv",
    "csv-semicolon": "csv",
    "xlsx": "xlsx",
    "json": "json",
    "md": "md",
    "pdf": "pdf",
    "docx": "docx",
    "policy": "docx",
}
SUFFIXES = {"csv-semicolon": "-excel", "policy": "-beleid"}
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
    data_dir: Path
    """The server's data directory with both rooms stored."""
    scale: Room
    quadrant: Room

    def rooms(self) -> list[Room]:
        return [self.scale, self.quadrant]


def _post(table: FoldedTable, room: Room, name: str, colour: str, text: str) -> str:
    result = table.player(name).do("add_post_it", colour=colour, text=text)
    post_it_id = str(result["post_it_id"])
    room.authors[post_it_id] = name
    return post_it_id


def _place(table: FoldedTable, positions: dict[str, Any]) -> None:
    for name, position in positions.items():
        table.player(name).do("place_pawn", position=position)


def _room(table: FoldedTable, language: str) -> Room:
    return Room(
        code=table.code,
        facilitator_token=table.facilitator_token,
        projector_token=table.projector_token,
        player_token=table.players[0].token,
        view={},
        player_ids={p.name: str(p.player_id) for p in table.players},
        language=language,
    )


def play_scale() -> tuple[FoldedTable, Room]:
    table = open_folded_table(
        "schaal-5",
        SCALE_CARDS,
        players=SCALE_PLAYERS,
        title="Team “Leren” – gemeente Zwolle",
        options={"hidden_placements": True, "language": "nl"},
    )
    fac = table.fac
    room = _room(table, "nl")
    veiligheid, autonomie, _feedback = SCALE_CARDS
    fac.do("start")  # read veiligheid
    fac.do("next_step")  # place
    _place(
        table,
        {n: {"square": s} for n, s in zip(SCALE_PLAYERS, [2, 3, 3, 1], strict=True)},
    )
    fac.do("next_step")  # discuss
    _post(table, room, "Anna", "green", "We hebben elke week een “leeruur” met het team.")
    _post(table, room, "Bram", "pink", QUOTES)
    formula = _post(table, room, "Chloë", "pink", FORMULA)
    markup = _post(table, room, "Dirk", "green", MARKUP)
    fac.do("next_step")  # revise
    _place(
        table,
        {n: {"square": s} for n, s in zip(SCALE_PLAYERS, [3, 4, 3, 2], strict=True)},
    )
    fac.do("next_step")  # read autonomie
    added = table.player("Bram").do(
        "add_case_card",
        title="Inwerken",
        text="Een nieuwe collega durft niets te vragen.\nWat doen we?",
    )
    room.case_card_id = str(added["card_id"])
    fac.do("next_step")  # place (hidden until revealed)
    _place(table, {"Anna": {"square": 4}, "Bram": {"square": 5}, "Chloë": {"square": 4}})
    fac.do("reveal_placements")
    fac.do("next_step")  # discuss
    plus = _post(table, room, "Anna", "pink", "Bellen?")
    table.player("Anna").do("edit_post_it", post_it_id=plus, text=PLUS)
    _post(table, room, "Dirk", "green", MINUS)
    fac.do("next_step")  # revise: Dirk and Chloë do not revise
    _place(table, {"Anna": {"square": 5}, "Bram": {"square": 4}})
    fac.do("next_step")  # read the case card
    fac.do("next_step")  # place
    _place(table, {"Anna": {"square": 2}, "Chloë": {"square": 1}})
    fac.do("next_step")  # discuss
    _post(table, room, "Chloë", "green", AT)
    fac.do("skip_card")  # skipped after discussion: its post-it must survive
    room.skipped_card_id = room.case_card_id
    fac.do("next_step")  # place feedback
    _place(table, {n: {"square": 5} for n in SCALE_PLAYERS})
    fac.do("next_step")  # discuss
    fac.do("next_step")  # revise
    _place(table, {"Anna": {"square": 4}})
    fac.do("next_step")  # sort (piles suggested)
    fac.do("set_pile", item="card", id=veiligheid, pile="green")
    fac.do("set_pile", item="post_it", id=markup, pile="red")
    fac.do("resolve_post_it", post_it_id=formula)
    fac.do("next_step")  # summary
    point = fac.do(
        "add_action_point",
        what="Maandelijks leeruur; ook voor “nieuwe” collega’s",
        who="Teamleider (Anna)",
        first_step="Agenda's blokkeren",
        evaluate_when="Na 3 maanden",
        card_id=veiligheid,
    )
    fac.do(
        "edit_action_point",
        action_point_id=point["action_point_id"],
        evaluate_when="December\n2026",
    )
    fac.do(
        "add_action_point",
        what="=SUM(A1:A9)",
        who="HR",
        first_step="Intervisie opzetten",
        evaluate_when="Q1",
        card_id=autonomie,
    )
    fac.do("end_game")
    room.view = table.facilitator_view()
    return table, room


def play_quadrant() -> tuple[FoldedTable, Room]:
    table = open_folded_table(
        "llo-kwadrant",
        QUADRANT_CARDS,
        players=QUADRANT_PLAYERS,
        title="Learning culture – Q3",
        options={"hidden_placements": False, "anonymous_post_its": True, "language": "en"},
    )
    fac = table.fac
    room = _room(table, "en")
    xan, yor, zoe = QUADRANT_PLAYERS
    now = {xan: (-0.6, -0.5), yor: (-0.2, -0.7), zoe: (0.4, -0.1)}
    desired = {xan: (0.5, 0.6), yor: (0.3, 0.8), zoe: (0.6, 0.4)}
    fac.do("start")
    for card_index in range(2):
        fac.do("next_step")  # place: the situation now
        _place(table, {n: {"x": x, "y": y} for n, (x, y) in now.items()})
        fac.do("next_step")  # discuss
        if card_index == 0:
            _post(table, room, xan, "green", "Coaching on the job works.")
            _post(table, room, yor, "pink", QUOTES)
            _post(table, room, zoe, "pink", FORMULA)
        else:
            _post(table, room, zoe, "green", MARKUP)
            _post(table, room, xan, "pink", "Who pays for it?")
        fac.do("next_step")  # revise: the desired situation
        _place(table, {n: {"x": x, "y": y} for n, (x, y) in desired.items()})
        fac.do("next_step")
    fac.do("set_pile", item="card", id=QUADRANT_CARDS[1], pile="green")
    fac.do("next_step")  # summary
    fac.do(
        "add_action_point",
        what="Coaching pilot",
        who="L&D team",
        first_step="Find two coaches",
        evaluate_when="After the summer",
    )
    room.view = table.facilitator_view()
    return table, room


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Played:
    """Both games, stored in a fresh data directory."""
    data_dir = tmp_path_factory.mktemp("exports") / "data"
    scale_table, scale = play_scale()
    quadrant_table, quadrant = play_quadrant()
    asyncio.run(store_rooms(data_dir, {t.code: t.entries for t in (scale_table, quadrant_table)}))
    return Played(data_dir, scale, quadrant)


@pytest.fixture(scope="module")
def server(played: Played) -> Iterator[ServerProcess]:
    """A real server on the played games' store; stopped (and checked for tracebacks)
    afterwards."""
    with running(played.data_dir, log_path=played.data_dir.parent / "server.log") as server:
        yield server


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
def responses(played: Played, server: ServerProcess) -> dict[tuple[str, str], Response]:
    """Every format of both rooms, downloaded once over HTTP with the facilitator token."""
    replies = {}
    for room in played.rooms():
        for fmt in FORMATS:
            reply = get(export_url(server, room.code, fmt), room.facilitator_token)
            assert reply.status == 200, (room.code, fmt, reply.status, reply.body[:300])
            replies[(room.code, fmt)] = reply
    return replies


@pytest.fixture(scope="module")
def served(responses: dict[tuple[str, str], Response]) -> dict[tuple[str, str], bytes]:
    """The files as downloaded over HTTP, by (room code, format)."""
    return {key: reply.body for key, reply in responses.items()}


async def _render_all(played: Played) -> dict[tuple[str, str], bytes]:
    store = make_store(Settings(data_dir=played.data_dir))
    await store.open()
    try:
        library = load_library()
        files = {}
        for room in played.rooms():
            record = await load_record(store, room.code, exported_at=now_ms(), library=library)
            for fmt in FORMATS:
                files[(room.code, fmt)] = render(record, fmt)
        return files
    finally:
        await store.close()


@pytest.fixture(scope="module")
def downloads(played: Played) -> dict[tuple[str, str], bytes]:
    """Every format of both rooms by (room code, format), rendered from the store as the
    download renders it (the HTTP path itself is checked with ``responses``)."""
    return asyncio.run(_render_all(played))


def save(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path
