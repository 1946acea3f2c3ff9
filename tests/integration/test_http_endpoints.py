"""The plain HTTP endpoints of the app, on a real loopback server."""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from game_server.config import Settings
from game_server.stores import SqliteStore
from game_server.transport.app import build_app


async def _client(tmp_path: Path, **settings: object) -> TestClient:
    app = build_app(Settings(**settings), SqliteStore(tmp_path / "rooms.sqlite3"))  # type: ignore[arg-type]
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client


async def test_info_gives_the_public_url_for_join_links(tmp_path: Path) -> None:
    client = await _client(tmp_path, public_url="http://192.168.1.20:8080/")
    try:
        response = await client.get("/api/info")
        assert response.status == 200
        assert await response.json() == {"public_url": "http://192.168.1.20:8080/"}
    finally:
        await client.close()


async def test_health_and_content(tmp_path: Path) -> None:
    client = await _client(tmp_path)
    try:
        health = await (await client.get("/healthz")).json()
        assert health["status"] == "ok"
        content = await (await client.get("/api/content")).json()
        assert {b["id"] for b in content["boards"]} >= {"schaal-5", "llo-kwadrant"}
        assert "leerklimaat" in {d["id"] for d in content["decks"]}
        info = await (await client.get("/api/info")).json()
        assert info == {"public_url": None}
    finally:
        await client.close()
