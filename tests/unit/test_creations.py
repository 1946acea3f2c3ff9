"""The limit on rooms and workshops made per client address, on a clock the test moves."""

from __future__ import annotations

from game_server.transport.creations import (
    DEFAULT_MAX_ROOMS_PER_ADDRESS,
    DEFAULT_WINDOW,
    CreationLimit,
    refusal_message,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_limit_then_refused_until_the_oldest_leaves_the_window() -> None:
    clock = Clock()
    limit = CreationLimit(limit=3, window=60, clock=clock)
    assert [limit.take("a", f"id{n}") for n in range(3)] == ["counted"] * 3
    assert limit.take("a", "id3") == "refused"
    assert limit.retry_after("a") == 60
    clock.now += 20
    assert limit.take("a", "id3") == "refused"  # a refusal is not counted
    assert limit.retry_after("a") == 40
    clock.now += 40  # the first three are exactly a window old
    assert limit.retry_after("a") == 0
    assert limit.take("a", "id3") == "counted"


def test_a_sliding_window_frees_one_place_per_expired_creation() -> None:
    clock = Clock()
    limit = CreationLimit(limit=2, window=10, clock=clock)
    assert limit.take("a", "first") == "counted"
    clock.now += 5
    assert limit.take("a", "second") == "counted"
    clock.now += 5  # "first" is out of the window, "second" is not
    assert limit.take("a", "third") == "counted"
    assert limit.take("a", "fourth") == "refused"
    assert limit.retry_after("a") == 5


def test_a_resend_counts_once_and_is_answered_past_the_limit() -> None:
    clock = Clock()
    limit = CreationLimit(limit=2, window=60, clock=clock)
    assert limit.take("a", "x") == "counted"
    assert limit.take("a", "x") == "resent"
    assert limit.take("a", "y") == "counted"
    assert limit.take("a", "x") == "resent"  # at the limit, the resend still goes through
    assert limit.take("a", "z") == "refused"


def test_addresses_are_counted_apart() -> None:
    limit = CreationLimit(limit=1, window=60, clock=Clock())
    assert limit.take("203.0.113.1", "x") == "counted"
    assert limit.take("203.0.113.1", "y") == "refused"
    assert limit.take("203.0.113.2", "y") == "counted"
    # The same id from another address is that address's creation (the store answers the
    # same room to both; only the address that made it first counted it).
    assert limit.take("203.0.113.2", "x") == "refused"


def test_giving_back_frees_the_place_of_what_made_nothing() -> None:
    limit = CreationLimit(limit=1, window=60, clock=Clock())
    assert limit.take("a", "unknown-board") == "counted"
    limit.give_back("a", "unknown-board")
    assert len(limit) == 0
    assert limit.take("a", "x") == "counted"
    limit.give_back("b", "never-taken")  # nothing to give back: nothing happens
    assert limit.take("a", "y") == "refused"


def test_no_limit_keeps_nothing() -> None:
    limit = CreationLimit(limit=0, clock=Clock())
    assert all(limit.take("a", f"id{n}") == "counted" for n in range(1000))
    assert len(limit) == 0
    assert limit.retry_after("a") == 0


def test_idle_addresses_are_forgotten() -> None:
    clock = Clock()
    limit = CreationLimit(limit=5, window=60, clock=clock)
    for n in range(100):
        limit.take(f"10.0.0.{n}", "x")
    assert len(limit) == 100
    clock.now += 61
    limit.take("10.0.1.1", "x")  # any creation drops the addresses idle for a window
    assert len(limit) == 1


def test_at_most_max_keys_addresses_the_oldest_go_first() -> None:
    clock = Clock()
    limit = CreationLimit(limit=1, window=3600, max_keys=50, clock=clock)
    for n in range(200):
        clock.now += 1
        assert limit.take(f"10.0.{n // 256}.{n % 256}", "x") == "counted"
        assert len(limit) <= 50
    assert len(limit) == 50
    assert limit.take("10.0.0.199", "y") == "refused"  # the newest are still counted
    assert limit.take("10.0.0.0", "y") == "counted"  # the oldest was evicted


def test_an_address_holds_at_most_limit_ids() -> None:
    clock = Clock()
    limit = CreationLimit(limit=3, window=60, clock=clock)
    for n in range(1000):
        clock.now += 0.5
        limit.take("a", f"id{n}")
    made = limit._made["a"]
    assert len(made) <= 3


def test_the_defaults_and_the_message() -> None:
    assert (DEFAULT_MAX_ROOMS_PER_ADDRESS, DEFAULT_WINDOW) == (60, 3600)
    text = refusal_message(60, 3600, 754.2)
    assert "60 rooms or workshops in the last 60 minutes" in text
    assert "wait 13 minutes" in text
    assert "wait 3 seconds" in refusal_message(2, 3, 2.6)
