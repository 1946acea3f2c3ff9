"""The impure inputs of the rules: time and fresh random ids."""

from __future__ import annotations

import base64
import os
import secrets
import threading
import time

# Unambiguous when read aloud or copied from a beamer: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, Q.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 6


def now_ms() -> int:
    return int(time.time() * 1000)


class _Randomness:
    """Random bytes from the operating system's CSPRNG, read 4 KiB at a time.

    ``secrets.token_urlsafe`` asks the kernel for each id (a ``getrandom`` call per
    command: 4 % of the event loop under load); the bytes are the same kind, only fetched
    in bulk. Each byte is handed out once (under a lock: exports may run in a thread)."""

    CHUNK = 4096

    def __init__(self) -> None:
        self._pool = b""
        self._at = 0
        self._lock = threading.Lock()

    def take(self, count: int) -> bytes:
        with self._lock:
            if self._at + count > len(self._pool):
                self._pool, self._at = os.urandom(self.CHUNK), 0
            start, self._at = self._at, self._at + count
            return self._pool[start : self._at]


_randomness = _Randomness()


def new_id() -> str:
    """12 URL-safe characters from 9 random bytes (as ``secrets.token_urlsafe(9)``)."""
    return base64.urlsafe_b64encode(_randomness.take(9)).decode("ascii")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_room_code() -> str:
    """Six characters from 23: about 148 million codes; guessing is also rate-limited."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Accept ``kmp-47x``, ``KMP 47X`` and ``kmp47x`` as the same code."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
