"""HTTP routes for decks written in the browser: check, read an upload, write a file.

Stateless: a request carries the whole deck or file and the answer carries the result;
nothing is stored (a deck reaches the server's store only inside a ``create_room`` the
facilitator sends). The work is ``content.deck_files``' (the content models, PyYAML's
successor ruamel and openpyxl, which the server has anyway), run in a worker thread so a
large workbook never holds up the room lines; at most two at a time per process.

    POST /api/decks/check          JSON deck         -> {"deck": ... | null, "problems": [...]}
    POST /api/decks/read?name=F    the file's bytes  -> {"deck": ... | null, "problems": [...]}
    POST /api/decks/write/yaml     JSON deck         -> the .yaml file, or 422 {"problems"}
    POST /api/decks/write/xlsx     JSON deck         -> the .xlsx file, or 422 {"problems"}
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Collection
from typing import Any

from aiohttp import web

from ..content import Library
from ..content.deck_files import (
    MAX_UPLOAD_BYTES,
    Problem,
    Result,
    check_deck,
    deck_data,
    read_upload,
    write_xlsx,
    write_yaml,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_deck_routes(app: web.Application, library: Library) -> None:
    boards: Collection[str] = frozenset(library.boards)
    workers = asyncio.Semaphore(2)  # per app: a semaphore belongs to one event loop

    async def _work(function: Callable[..., Any], *args: Any) -> Any:
        async with workers:
            return await asyncio.to_thread(function, *args)

    async def check(request: web.Request) -> web.Response:
        data = await _json_body(request)
        if isinstance(data, web.Response):
            return data
        return _answer(await _work(check_deck, data, boards))

    async def read(request: web.Request) -> web.Response:
        raw = await _bytes_body(request)
        if isinstance(raw, web.Response):
            return raw
        name = request.query.get("name", "deck.yaml")[:200]
        return _answer(await _work(read_upload, raw, name, boards))

    async def write(request: web.Request) -> web.Response:
        kind = request.match_info["format"]
        data = await _json_body(request)
        if isinstance(data, web.Response):
            return data
        deck, problems = await _work(check_deck, data, boards)
        if deck is None:
            return web.json_response({"problems": [p.as_json() for p in problems]}, status=422)
        if kind == "yaml":
            text = await _work(write_yaml, deck)
            return _file(text.encode("utf-8"), f"{deck.id}.yaml", "application/yaml")
        return _file(await _work(write_xlsx, deck), f"{deck.id}.xlsx", XLSX_TYPE)

    app.router.add_post("/api/decks/check", check)
    app.router.add_post("/api/decks/read", read)
    app.router.add_post("/api/decks/write/{format:yaml|xlsx}", write)


async def _bytes_body(request: web.Request) -> bytes | web.Response:
    if request.content_length is not None and request.content_length > MAX_UPLOAD_BYTES:
        return _refuse(413, Problem("file_too_big", {"kb": MAX_UPLOAD_BYTES // 1024}))
    try:
        raw = await request.content.read(MAX_UPLOAD_BYTES + 1)
    except (ValueError, ConnectionError):
        return _refuse(400, Problem("unreadable"))
    if len(raw) > MAX_UPLOAD_BYTES:
        return _refuse(413, Problem("file_too_big", {"kb": MAX_UPLOAD_BYTES // 1024}))
    return raw


async def _json_body(request: web.Request) -> Any:
    raw = await _bytes_body(request)
    if isinstance(raw, web.Response):
        return raw
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _refuse(400, Problem("not_json"))


def _answer(result: Result) -> web.Response:
    deck, problems = result
    return web.json_response(
        {
            "deck": deck_data(deck) if deck is not None else None,
            "problems": [p.as_json() for p in problems],
        }
    )


def _refuse(status: int, problem: Problem) -> web.Response:
    return web.json_response({"problems": [problem.as_json()]}, status=status)


def _file(body: bytes, name: str, content_type: str) -> web.Response:
    return web.Response(
        body=body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
