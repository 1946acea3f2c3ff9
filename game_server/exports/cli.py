"""``leerklimaat export`` and ``leerklimaat import``: the exports without a running server.

Both read and write the store directly (the same one ``serve`` uses, chosen by
``--data-dir`` or ``--redis-url``), so a facilitator can still get the report after the
server has stopped, and can import a JSON export as a new room to continue a session.
They work while the server runs too: SQLite lets a reader in beside the writer, and an
imported room is a new code the server loads on first use.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..config import Settings
from ..content import ContentError, Library, load_library
from ..room.clock import new_id, new_room_code, new_secret, normalise_code, now_ms
from ..rules import facilitator_token, player_token, projector_token
from ..rules import workshop as ws
from ..stores import RoomNotFound, SqliteStore, StoreError
from ..stores.base import RoomStore
from ..stores.choose import make_store
from . import FORMATS, file_name, load_record, render
from .importer import MAX_IMPORT_BYTES, InvalidExport, import_record
from .workshop import WORKSHOP_FORMAT, load_workshop_record
from .workshop_import import import_workshop

T = TypeVar("T")

DataDir = Annotated[
    Path,
    typer.Option(envvar="LEERKLIMAAT_DATA_DIR", help="Where the embedded store keeps rooms."),
]
RedisUrl = Annotated[
    str | None,
    typer.Option(envvar="LEERKLIMAAT_REDIS_URL", help="Use the Redis store at this URL."),
]
ContentDir = Annotated[Path | None, typer.Option(envvar="LEERKLIMAAT_CONTENT_DIR")]


def _fail(message: str) -> typer.Exit:
    print(message, file=sys.stderr)
    return typer.Exit(1)


def _reason(exc: BaseException) -> str:
    """An exception on one line: its kind and the first line of its message."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first[:300]}" if first else type(exc).__name__


def _store(data_dir: Path, redis_url: str | None) -> RoomStore:
    store = make_store(Settings(data_dir=data_dir, redis_url=redis_url))
    if isinstance(store, SqliteStore) and not store.path.exists():
        raise _fail(f"No rooms in {data_dir.resolve()}: there is no {store.path.name} there.")
    return store


def _library(content_dir: Path | None) -> Library | None:
    try:
        return load_library(content_dir)
    except (ContentError, OSError):
        return None  # deck names fall back to their ids


async def _read_record(store: RoomStore, code: str, library: Library | None) -> dict[str, Any]:
    await store.open()
    try:
        try:
            entries = await store.load(code)
            if entries[0].events[0]["type"] == ws.CREATED:
                workshop = ws.fold(e for entry in entries for e in entry.events)
                return await load_workshop_record(
                    store,
                    workshop,
                    version=entries[-1].version,
                    exported_at=now_ms(),
                    library=library,
                )
            return await load_record(store, code, exported_at=now_ms(), library=library)
        except RoomNotFound as exc:
            codes = sorted(await store.room_codes())
            known = ", ".join(codes[:20]) + (" ..." if len(codes) > 20 else "")
            message = f"There is no room {code}. Rooms in this store: {known or 'none'}."
            raise _fail(message) from exc
    finally:
        await store.close()


def export_command(
    room: Annotated[str, typer.Argument(help="The room (or workshop) code, e.g. KMP47X.")],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    ] = "pdf",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write ('-' for standard output)."),
    ] = None,
    data_dir: DataDir = Path("data"),
    redis_url: RedisUrl = None,
    content_dir: ContentDir = None,
) -> None:
    """Export a room from the store: csv, csv-semicolon, xlsx, json, md, pdf, docx or policy.

    A workshop's code exports the whole workshop: every table, labelled by table."""
    fmt = FORMATS.get(format)
    if fmt is None:
        raise _fail(f"Unknown format {format!r}; use one of: {', '.join(FORMATS)}.")
    code = normalise_code(room)
    store = _store(data_dir, redis_url)
    try:
        record = asyncio.run(_read_record(store, code, _library(content_dir)))
    except StoreError as exc:
        raise _fail(f"Could not read the store: {exc}") from exc
    except Exception as exc:  # a stored room this version cannot read: one line, no traceback
        raise _fail(f"Could not read room {code} from the store: {_reason(exc)}") from exc
    try:
        data = render(record, fmt.name)
    except Exception as exc:
        raise _fail(f"Could not make the {fmt.name} export of room {code}: {_reason(exc)}") from exc
    if out is not None and str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = out or Path(file_name(record, fmt))
    target.write_bytes(data)
    print(f"Wrote {target} ({fmt.description}, {len(data)} bytes).", file=sys.stderr)


def import_command(
    file: Annotated[Path, typer.Argument(help="A JSON export (leerklimaat export --format json).")],
    data_dir: DataDir = Path("data"),
    redis_url: RedisUrl = None,
) -> None:
    """Create a NEW room from a JSON export, with a new code and new tokens."""
    try:
        if file.stat().st_size > MAX_IMPORT_BYTES:
            raise _fail(f"{file} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(f"Cannot read {file}: {exc}") from exc
    store = make_store(Settings(data_dir=data_dir, redis_url=redis_url))
    if isinstance(store, SqliteStore):
        data_dir.mkdir(parents=True, exist_ok=True)

    if isinstance(data, dict) and data.get("format") == WORKSHOP_FORMAT:
        _import_workshop(store, data, file)
        return

    imported = _imported(import_record, store, data, f"{file} is not a valid export")
    room = imported.room
    source = data.get("room", {}).get("code", "?")
    lines = [
        f"Imported {room.title!r} from room {source} as the new room {imported.code}.",
        f"Facilitator token: {facilitator_token(room)}",
        f"Projector token:   {projector_token(room)}",
    ]
    players = sorted((p for p in room.players.values() if not p.removed), key=lambda p: p.seat)
    if players:
        lines.append("Player tokens (each player enters the new room with their own):")
        lines += [f"  {p.name}: {player_token(room, p.id)}" for p in players]
    print("\n".join(lines))


def _imported(
    importer: Callable[..., Awaitable[T]], store: RoomStore, data: Any, invalid: str
) -> T:
    """Run one importer against the store with fresh codes, secrets and ids; a clear
    one-line failure for a bad file or a store that cannot be written."""

    async def run() -> T:
        await store.open()
        try:
            return await importer(
                store,
                data,
                now=now_ms,
                new_code=new_room_code,
                new_secret=new_secret,
                new_id=new_id,
            )
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except InvalidExport as exc:
        raise _fail(f"{invalid}: {exc}") from exc
    except StoreError as exc:
        raise _fail(f"Could not write the store: {exc}") from exc


def _import_workshop(store: RoomStore, data: dict[str, Any], file: Path) -> None:
    workshop = _imported(import_workshop, store, data, f"{file} is not a valid workshop export")
    lines = [
        f"Imported the workshop {workshop.title!r} as the new workshop {workshop.code}",
        f"with {len(workshop.tables)} tables.",
        f"Facilitator token: {ws.facilitator_token(workshop)}",
        f"Projector token:   {ws.projector_token(workshop)}",
    ]
    present = workshop.present()
    if present:
        lines.append("Participant tokens (each enters the new workshop with their own):")
        lines += [f"  {p.name}: {ws.participant_token(workshop, p.id)}" for p in present]
    print("\n".join(lines))


def register(cli: typer.Typer) -> None:
    """Add ``export`` and ``import`` to the ``leerklimaat`` command."""
    cli.command("export")(export_command)
    cli.command("import")(import_command)
