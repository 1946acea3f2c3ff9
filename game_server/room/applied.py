"""The answers a room gave to recent commands, so a resent command is answered, not redone.

A client resends a command only when it did not hear the answer: after a dropped
connection, from its offline queue, in the order it sent them. So only each sender's
latest commands can come back, and the room remembers the last ``PER_SENDER`` answers of
each sender (joins are all sent as the guest, so more of those). Without a bound a room
would keep an answer for every command of the whole game in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

PER_SENDER = 64
PER_GUEST = 1024
"""Joins: every joining laptop sends as the guest, and a workshop can be large."""

Answer = tuple[int, dict[str, Any]]


class Applied:
    """``sender:command_id`` -> (version, result) for each sender's latest commands."""

    def __init__(self) -> None:
        self._by_sender: dict[str, OrderedDict[str, Answer]] = {}

    def get(self, key: str) -> Answer | None:
        sender, _, command_id = key.partition(":")
        answers = self._by_sender.get(sender)
        return None if answers is None else answers.get(command_id)

    def remember(self, key: str, version: int, result: dict[str, Any]) -> None:
        sender, _, command_id = key.partition(":")
        answers = self._by_sender.setdefault(sender, OrderedDict())
        answers[command_id] = (version, result)
        answers.move_to_end(command_id)
        limit = PER_GUEST if sender == "guest" else PER_SENDER
        while len(answers) > limit:
            answers.popitem(last=False)

    def answers(self) -> dict[str, Answer]:
        """Every remembered answer by key; for comparing two copies of a room."""
        return {
            f"{sender}:{command_id}": answer
            for sender, answers in self._by_sender.items()
            for command_id, answer in answers.items()
        }

    def __len__(self) -> int:
        return sum(len(answers) for answers in self._by_sender.values())
