"""Room stores: the narrow interface and its implementations."""

from .base import (
    Entry,
    JSONValue,
    RoomExists,
    RoomNotFound,
    RoomStore,
    StoreError,
    StoreUnavailable,
    VersionConflict,
)
from .sqlite import SqliteStore

__all__ = [
    "Entry",
    "JSONValue",
    "RoomExists",
    "RoomNotFound",
    "RoomStore",
    "SqliteStore",
    "StoreError",
    "StoreUnavailable",
    "VersionConflict",
]
