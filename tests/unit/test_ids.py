"""Fresh ids (``room/clock.py``): random bytes fetched in bulk, each handed out once."""

from __future__ import annotations

import re
import threading

from game_server.room.clock import new_id


def test_ids_are_twelve_url_safe_characters_and_never_repeat() -> None:
    ids = [new_id() for _ in range(3 * 4096)]  # several refills of the 4 KiB pool
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{12}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_threads_never_get_the_same_bytes() -> None:
    found: list[list[str]] = [[] for _ in range(4)]

    def draw(into: list[str]) -> None:
        into.extend(new_id() for _ in range(2000))

    threads = [threading.Thread(target=draw, args=(f,)) for f in found]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [i for part in found for i in part]
    assert len(set(everything)) == len(everything) == 8000
