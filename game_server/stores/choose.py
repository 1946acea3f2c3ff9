"""Which store a process uses, from its settings: shared by ``serve`` and the offline
``export``/``import`` commands, so both read the rooms where the server keeps them."""

from __future__ import annotations

from datetime import timedelta

from ..config import Settings
from .base import RoomStore
from .redis import RedisStore
from .sqlite import SqliteStore


def make_store(settings: Settings, retention_days: int = 30) -> RoomStore:
    """Redis when a URL is configured (several processes), else the embedded SQLite file."""
    if settings.redis_url:
        return RedisStore(settings.redis_url, retention=timedelta(days=retention_days))
    return SqliteStore(settings.data_dir / "rooms.sqlite3")
