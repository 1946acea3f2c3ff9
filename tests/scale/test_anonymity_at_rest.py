"""Anonymous post-its and secret dot votes at rest: once an anonymous game has ended,
nothing kept by the store links a post-it to its author, and once any game has ended,
nothing links a dot to its voter. Read the raw store, not the server: the bytes of the SQLite
file (and its WAL), and every key of a real redis-server. While the game runs the links
are there (the author may edit their own post-it, the voter take back their own dot), which
shows the check looks in the right place; after ``end_game`` they are gone, and stay gone
across a restart, while the votes themselves remain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.game import Table, open_table
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess

from .redis_server import RedisServer

CARD = "leerklimaat/veiligheid"


async def _play(url: str, *, anonymous: bool = True) -> tuple[Table, list[bytes]]:
    """A game up to the summary and a round of dot voting; the byte strings that link
    post-its to their authors (``"author_id":"<player>"`` and each post-it command's
    ``<player>:<id>`` key; only in an anonymous room) and dots to their voters (the dot
    events' ``player_id`` and each dot command's key)."""
    table = await open_table(
        url, "schaal-5", [CARD], players=["Ann", "Bas"], options={"anonymous_post_its": anonymous}
    )
    ann, bas = table.player("Ann"), table.player("Bas")
    await table.fac.do("start")
    links: list[bytes] = []

    async def write(client: GameClient, type_: str, **fields: object) -> str:
        command_id = new_command_id()
        reply = await client.command(type_, command_id=command_id, **fields)
        assert reply["ok"], reply
        links.append(f"{client.player_id}:{command_id}".encode())
        return str(reply["result"].get("post_it_id", ""))

    kept = await write(ann, "add_post_it", colour="green", text="Wij leren van fouten")
    await write(ann, "edit_post_it", post_it_id=kept, text="Wij leren samen van fouten")
    await write(bas, "add_post_it", colour="pink", text="Wie maakt er tijd voor?")
    gone = await write(bas, "add_post_it", colour="pink", text="Liever niet bewaren")
    await write(bas, "delete_post_it", post_it_id=gone)
    for client in (ann, bas):
        links.append(f'"author_id":"{client.player_id}"'.encode())
    if not anonymous:
        links.clear()  # the authors are kept: only the voters are forgotten
    await table.fac.do("next_step")
    await table.fac.do("next_step")
    await table.fac.do("next_step")
    await table.fac.do("next_step")  # sort
    await table.fac.do("next_step")  # summary
    await table.fac.do("set_pile", item="card", id=CARD, pile="red")
    await table.fac.do("open_voting", dots=3)
    dots = [(ann, "place_dot"), (ann, "place_dot"), (ann, "remove_dot"), (bas, "place_dot")]
    for client, type_ in dots:
        await write(client, type_, item="card", id=CARD)
    for client in (ann, bas):
        links.append(f'"type":"dot_placed","player_id":"{client.player_id}"'.encode())
    links.append(f'"type":"dot_removed","player_id":"{ann.player_id}"'.encode())
    await table.settle()
    return table, links


def _sqlite_bytes(data_dir: Path) -> bytes:
    files = sorted(data_dir.glob("rooms.sqlite3*"))
    assert files, f"no SQLite files in {data_dir}"
    return b"".join(path.read_bytes() for path in files)


def _redis_bytes(server: RedisServer) -> bytes:
    out = []
    with server.client() as client:
        for key in client.keys("*"):
            kind = client.type(key)
            out.append(key)
            if kind == b"list":
                out.extend(client.lrange(key, 0, -1))
            elif kind == b"hash":
                for field, value in client.hgetall(key).items():
                    out += [field, value]
            elif kind == b"string":
                out.append(client.get(key) or b"")
    return b"\n".join(out)


async def _end_and_check(
    table: Table, links: list[bytes], raw: Callable[[], bytes], restart: Callable[[], None]
) -> None:
    before = raw()
    assert all(link in before for link in links), "the links were not stored where we look"
    await table.fac.do("end_game")
    after = raw()
    assert [link for link in links if link in after] == []
    # The post-its and the dots themselves are all still there.
    assert b"Wij leren samen van fouten" in after and b"Wie maakt er tijd voor?" in after
    assert after.count(b'"type":"dot_placed","player_id":"anonymous:') == 3
    assert b'"type":"ballots_forgotten"' in after
    await table.close()
    restart()
    again = raw()
    assert [link for link in links if link in again] == []


async def test_sqlite_keeps_no_author_of_an_anonymous_post_it_once_the_game_ends(
    server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = server_factory(data_dir=tmp_path / "data")
    table, links = await _play(server.url)
    await _end_and_check(
        table, links, lambda: _sqlite_bytes(server.data_dir), lambda: server.restart()
    )
    ann = await GameClient.connected(server.url)
    try:
        token = table.player("Ann").token
        assert token is not None
        entered = await ann.enter(table.code, token)
        post_its = entered["view"]["post_its"].values()
        assert entered["view"]["phase"] == "closed" and len(post_its) == 2
        assert not any(p["mine"] or p["author_id"] for p in post_its)
        assert entered["view"]["my_dots"] == []
        assert entered["view"]["voting"]["dots_placed"] == 2
        assert entered["view"]["voting"]["voters"] == 2
    finally:
        await ann.close()


async def test_sqlite_keeps_no_voter_of_a_dot_once_the_game_ends_in_any_room(
    server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = server_factory(data_dir=tmp_path / "data")
    table, links = await _play(server.url, anonymous=False)
    assert len(links) == 7  # the four dot commands' keys and the three dot events
    await _end_and_check(
        table, links, lambda: _sqlite_bytes(server.data_dir), lambda: server.restart()
    )


async def test_redis_keeps_no_author_of_an_anonymous_post_it_once_the_game_ends(
    redis_server: RedisServer,
    server_factory: Callable[..., ServerProcess],
    tmp_path: Path,
) -> None:
    server = server_factory(
        data_dir=tmp_path / "unused", extra_args=["--redis-url", redis_server.url]
    )
    table, links = await _play(server.url)
    await _end_and_check(table, links, lambda: _redis_bytes(redis_server), lambda: server.restart())
