"""The answers a room gave to recent commands, so a resent command is answered, not redone.

A client resends a command only when it did not hear the answer: after a dropped
connection, from its offline queue, in the order it sent them. So only each sender's
latest commands can come back, and the room remembers the last ``PER_SENDER`` answers of
each sender (joins are all sent as the guest, so more of those). Without a bound a room
would keep an answer for every command of the whole game in memory.

Kept small, as a busy room holds hundreds: most results are empty (a pawn placed), so
such an answer is only its version; any other is one flat tuple of the version and the
result's keys and values (a tuple per item cost another 64 bytes per answer).
Plain dicts keep their insertion order, so the oldest answer is the first key.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

PER_SENDER = 64
PER_GUEST = 1024
"""Joins: every joining laptop sends as the guest, and a workshop can be large."""

Answer = tuple[int, dict[str, Any]]
_Kept = int | tuple[Any, ...]
"""The version alone (an empty result), or the version followed by the result's keys and
values, alternating."""


def _keep(version: int, result: dict[str, Any]) -> _Kept:
    return (version, *chain.from_iterable(result.items())) if result else version


def _answer(kept: _Kept) -> Answer:
    if isinstance(kept, int):
        return kept, {}
    return kept[0], dict(zip(kept[1::2], kept[2::2], strict=True))


class Applied:
    """``sender:command_id`` -> (version, result) for each sender's latest commands."""

    def __init__(self) -> None:
        self._by_sender: dict[str, dict[str, _Kept]] = {}

    def get(self, key: str) -> Answer | None:
        sender, _, command_id = key.partition(":")
        answers = self._by_sender.get(sender)
        kept = None if answers is None else answers.get(command_id)
        return None if kept is None else _answer(kept)

    def remember(self, key: str, version: int, result: dict[str, Any]) -> None:
        sender, _, command_id = key.partition(":")
        answers = self._by_sender.setdefault(sender, {})
        answers.pop(command_id, None)  # a key remembered again moves to the end
        answers[command_id] = _keep(version, result)
        limit = PER_GUEST if sender == "guest" else PER_SENDER
        while len(answers) > limit:
            del answers[next(iter(answers))]

    def answers(self) -> dict[str, Answer]:
        """Every remembered answer by key; for comparing two copies of a room."""
        return {
            f"{sender}:{command_id}": _answer(kept)
            for sender, answers in self._by_sender.items()
            for command_id, kept in answers.items()
        }

    def __len__(self) -> int:
        return sum(len(answers) for answers in self._by_sender.values())
