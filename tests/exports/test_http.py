"""``GET /api/rooms/{code}/export/{format}``: only the facilitator token downloads, and a
refusal says nothing about the room."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.exports.conftest import (
    EXTENSIONS,
    FORMATS,
    QUADRANT_PLAYERS,
    SCALE_PLAYERS,
    SUFFIXES,
    Played,
    Response,
    Room,
    export_url,
    get,
    play_quadrant,
)
from tests.support.folded import store_rooms
from tests.support.game import open_table
from tests.support.server import ServerProcess, running

MEDIA_TYPES = {
    "csv": "text/csv",
    "csv-semicolon": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "md": "text/markdown",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "policy": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAGIC = {
    "xlsx": b"PK\x03\x04",
    "docx": b"PK\x03\x04",
    "policy": b"PK\x03\x04",
    "pdf": b"%PDF-",
    "json": b"{",
}


def session_day(room: Room) -> str:
    created = datetime.fromtimestamp(room.view["created_at"] / 1000, ZoneInfo("Europe/Amsterdam"))
    return created.date().isoformat()


def assert_says_nothing_of(body: bytes, room: Room) -> None:
    text = body.decode("utf-8", errors="replace")
    secrets = [room.code, room.title, *SCALE_PLAYERS, *QUADRANT_PLAYERS]
    secrets += [p["text"][:20] for p in room.view["post_its"].values()]
    for secret in secrets:
        assert secret not in text, (secret, text)
    assert len(body) < 300, text


def test_every_format_downloads_with_the_facilitator_token(
    played: Played, responses: dict[tuple[str, str], Response]
) -> None:
    for room in played.rooms():
        names = set()
        for fmt in FORMATS:
            reply = responses[(room.code, fmt)]
            assert reply.status == 200, (fmt, reply.body[:200])
            assert reply.headers["Content-Type"].startswith(MEDIA_TYPES[fmt]), fmt
            day = session_day(room)
            name = f"leerklimaat-{room.code}-{day}{SUFFIXES.get(fmt, '')}.{EXTENSIONS[fmt]}"
            assert reply.headers["Content-Disposition"] == f'attachment; filename="{name}"'
            names.add(name)
            assert reply.headers["Cache-Control"] == "no-store"
            assert reply.body.startswith(MAGIC.get(fmt, b"")), fmt
            assert len(reply.body) > 200, fmt
        assert len(names) == len(FORMATS)  # a browser saves none of them as "… (1)"


def test_the_token_may_be_a_query_parameter_for_a_plain_link(
    played: Played, server: ServerProcess
) -> None:
    room = played.scale
    for fmt in FORMATS:
        reply = get(export_url(server, room.code, fmt), room.facilitator_token, query=True)
        assert reply.status == 200, (fmt, reply.body[:200])
        assert reply.headers["Content-Disposition"].endswith(f'.{EXTENSIONS[fmt]}"')


def test_the_room_code_may_be_typed_in_any_spelling(played: Played, server: ServerProcess) -> None:
    room = played.scale
    spelled = f"{room.code[:3].lower()}-{room.code[3:].lower()}"
    reply = get(export_url(server, spelled, "csv"), room.facilitator_token)
    assert reply.status == 200
    assert room.code in reply.headers["Content-Disposition"]


def test_refused_without_the_facilitator_token(played: Played, server: ServerProcess) -> None:
    for room in played.rooms():
        other = played.quadrant if room is played.scale else played.scale
        for fmt in FORMATS:
            url = export_url(server, room.code, fmt)
            for token, query in (
                (None, False),
                (room.player_token, False),
                (room.player_token, True),
                (room.projector_token, False),
                (room.projector_token, True),
            ):
                reply = get(url, token, query=query)
                assert reply.status == 403, (fmt, token, reply.status)
                assert reply.headers["Content-Type"].startswith("application/json")
                assert "Content-Disposition" not in reply.headers
                assert_says_nothing_of(reply.body, room)
        forged = "f0." + "0" * 36
        for token in (forged, other.facilitator_token):
            reply = get(export_url(server, room.code, "json"), token)
            assert reply.status == 403
            assert_says_nothing_of(reply.body, room)
    guessed = "ACDEFH" if played.scale.code != "ACDEFH" else "ACDEFJ"
    reply = get(export_url(server, guessed, "json"), played.scale.facilitator_token)
    assert reply.status == 404
    assert_says_nothing_of(reply.body, played.scale)
    assert (
        get(export_url(server, played.scale.code, "exe"), played.scale.facilitator_token).status
        == 404
    )


def test_guessing_is_rate_limited_but_the_facilitator_is_never_locked_out(tmp_path: Path) -> None:
    """Runs on a server of its own: the limit counts per address, and all tests share one."""
    table, room = play_quadrant()
    asyncio.run(store_rooms(tmp_path / "data", {table.code: table.entries}))
    with running(tmp_path / "data", log_path=tmp_path / "server.log") as server:
        statuses = []
        for attempt in range(32):
            code = "ACDEFH" if attempt % 2 else room.code
            token = None if attempt % 2 == 0 else room.facilitator_token
            statuses.append(get(export_url(server, code, "csv"), token).status)
        assert set(statuses[:30]) <= {403, 404}, statuses
        assert statuses[30:] == [429, 429], statuses
        blocked = get(export_url(server, room.code, "csv"), room.projector_token)
        assert blocked.status == 403  # a real token of another role is no guess
        ok = get(export_url(server, room.code, "csv"), room.facilitator_token)
        assert ok.status == 200
        refused = get(export_url(server, room.code, "csv"), "v.nonsense")
        assert refused.status == 429
        assert re.fullmatch(r"\d+", refused.headers["Retry-After"])


async def hand_over_and_download(server: ServerProcess) -> None:
    table = await open_table(
        server.url, "schaal-5", ["leerklimaat/veiligheid"], players=["Anna", "Bram"]
    )
    try:
        assert table.fac.created is not None
        old_token = table.fac.created["facilitator_token"]
        anna, bram = table.players
        url = export_url(server, table.code, "json")
        assert get(url, anna.token).status == 403
        await table.fac.do("hand_over", player_id=anna.player_id)
        await anna.wait_until(lambda c: c.role == "facilitator")
        assert get(url, anna.token).status == 200  # the new facilitator, with their own token
        # The host's token may only take steering back while a player steers.
        assert get(url, old_token).status == 403
        assert get(url, bram.token).status == 403
    finally:
        await table.close()


def test_after_a_hand_over_the_new_facilitator_downloads_and_the_old_token_does_not(
    tmp_path: Path,
) -> None:
    with running(tmp_path / "data", log_path=tmp_path / "server.log") as server:
        asyncio.run(hand_over_and_download(server))
