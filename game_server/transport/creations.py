"""At most so many rooms and workshops made per client address in a sliding window.

Every room costs memory and a store row, and ``create_room`` needs no token, so without a
limit one address (a script on a workshop network, a stuck client) could make rooms without
end; the per-connection bucket (``throttle.py``) does not stop it, since a client can
reconnect. Counted per address as ``addresses.py`` resolves it (trusted proxies included).

What counts is a *creation*, identified by its sealed ``command_id``: a resend of a
``create_room`` this address made within the window is answered as before and counts once
(the store gives it the same room), and a workshop counts once however many tables it
opens (its tables are opened by the workshop, never by ``create_room``). An address may
make ``limit`` in any ``window`` seconds, all at once if it likes: a facilitators' training
where everyone opens a room at the same minute must fit.

Memory is bounded: an address's entry holds at most ``limit`` ids and is dropped by the
first ``take`` (anyone's) after its latest creation is a window old, and at most
``max_keys`` addresses are kept (the address whose latest creation is oldest goes first).

Counted per server process, in memory, so a ``create_room`` costs no store round trip for
it: with several processes behind a balancer an address may make up to that many times
``limit``.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Literal

DEFAULT_MAX_ROOMS_PER_ADDRESS = 60
"""Rooms and workshops one address may make per window (``--max-rooms-per-address``)."""
DEFAULT_WINDOW = 3600.0
"""Seconds of the window (``--rooms-per-address-window``)."""
MAX_ADDRESSES = 10_000
"""Addresses the limit keeps at most (those that made something within the window)."""

REASON = "too_many_rooms"

Taken = Literal["counted", "resent", "refused"]
"""What ``take`` did: counted a new creation, let a resend through uncounted, or refused."""


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{round(seconds / 60)} minutes"
    return f"{max(1, round(seconds))} seconds"


def refusal_message(limit: int, window: float, retry_after: float) -> str:
    return (
        f"This address made {limit} rooms or workshops in the last {_duration(window)}, "
        f"the most it may; wait {_duration(retry_after)} and try again "
        "(or resend an earlier request's command_id to get its room back)."
    )


class CreationLimit:
    """At most ``limit`` creations per address in any ``window`` seconds; 0: no limit."""

    def __init__(
        self,
        limit: int = DEFAULT_MAX_ROOMS_PER_ADDRESS,
        window: float = DEFAULT_WINDOW,
        max_keys: int = MAX_ADDRESSES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        # address -> (command id -> when), each ordered oldest first; the addresses ordered
        # by their latest creation, so expiry and eviction look at the front only.
        self._made: OrderedDict[str, OrderedDict[str, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._made)

    def _expire(self, now: float) -> None:
        while self._made:
            address, made = next(iter(self._made.items()))
            newest = next(reversed(made.values()), None)
            if (
                newest is not None
                and newest > now - self.window
                and len(self._made) <= self.max_keys
            ):
                return
            del self._made[address]

    def _recent(self, address: str, now: float) -> OrderedDict[str, float] | None:
        made = self._made.get(address)
        if made is None:
            return None
        while made and next(iter(made.values())) <= now - self.window:
            made.popitem(last=False)
        if not made:
            del self._made[address]
            return None
        return made

    def take(self, address: str, command_id: str) -> Taken:
        """Count a creation by ``address``, or refuse it when the address made its limit.

        A ``command_id`` this address was counted for within the window is a resend: it
        is let through and not counted again (``resent``)."""
        if self.limit <= 0:
            return "counted"
        now = self._clock()
        self._expire(now)
        made = self._recent(address, now)
        if made is not None and command_id in made:
            return "resent"
        if made is not None and len(made) >= self.limit:
            return "refused"
        made = self._made.pop(address, None) or OrderedDict()
        made[command_id] = now
        self._made[address] = made  # now the newest
        self._expire(now)
        return "counted"

    def give_back(self, address: str, command_id: str) -> None:
        """Uncount a creation ``take`` counted that made nothing (unknown content, an id
        the store knows from another request). Never for a ``resent`` one: that would
        uncount the room its first request made."""
        made = self._made.get(address)
        if made is None:
            return
        made.pop(command_id, None)
        if not made:
            del self._made[address]

    def retry_after(self, address: str) -> float:
        """Seconds until ``address`` may make something again (0: it may now)."""
        if self.limit <= 0:
            return 0.0
        now = self._clock()
        made = self._recent(address, now)
        if made is None or len(made) < self.limit:
            return 0.0
        oldest = next(iter(made.values()))
        return max(0.0, oldest + self.window - now)
