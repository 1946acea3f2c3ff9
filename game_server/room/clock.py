"""The impure inputs of the rules: time and fresh random ids."""

from __future__ import annotations

import secrets
import time

# Unambiguous when read aloud or copied from a beamer: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, Q.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 6


def now_ms() -> int:
    return int(time.time() * 1000)


def new_id() -> str:
    return secrets.token_urlsafe(9)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_room_code() -> str:
    """Six characters from 23: about 148 million codes; guessing is also rate-limited."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Accept ``kmp-47x``, ``KMP 47X`` and ``kmp47x`` as the same code."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
