"""One rule record per command: schema, who, phases and handler, gathered from the
feature modules into ``RULES`` and ``COMMAND``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from game_server.rules import workshop
from game_server.rules.commands import Command
from game_server.rules.decide import COMMAND, FEATURES, RULES, _table
from game_server.rules.workshop.decide import FEATURES as WORKSHOP_FEATURES

PROTOCOL = (Path(__file__).parents[3] / "docs" / "protocol.md").read_text(encoding="utf-8")
RECORDS = [record for feature in FEATURES for record in feature.RULES]


WORKSHOP_RECORDS = [record for feature in WORKSHOP_FEATURES for record in feature.RULES]


def test_every_command_schema_has_exactly_one_record() -> None:
    schemas = {cls for cls in _subclasses(Command)}
    types = [record.type for record in RECORDS + WORKSHOP_RECORDS]
    assert len(types) == len(set(types)), "a command type has two rule records"
    records = {record.schema for record in RECORDS + WORKSHOP_RECORDS}
    assert records == schemas, "a schema without a record"
    assert set(RULES) | set(workshop.RULES) == set(types)


@pytest.mark.parametrize("type_", sorted(workshop.RULES))
def test_every_workshop_command_is_documented(type_: str) -> None:
    assert re.search(rf"^### `{type_}`$", PROTOCOL, re.MULTILINE), f"{type_} not in protocol.md"
    with pytest.raises(ValidationError):
        workshop.COMMAND.validate_python({"type": type_, "command_id": "c-0000001", "surprise": 1})


def test_a_second_record_for_a_command_is_refused() -> None:
    with pytest.raises(ValueError, match="two rule records"):
        _table([RECORDS[0], RECORDS[0]])


@pytest.mark.parametrize("type_", sorted(RULES))
def test_every_command_is_documented_and_validates_to_its_schema(type_: str) -> None:
    assert re.search(rf"^### `{type_}`$", PROTOCOL, re.MULTILINE), f"{type_} not in protocol.md"
    schema = RULES[type_].schema
    required = {name for name, field in schema.model_fields.items() if field.is_required()}
    if required <= {"type", "command_id"}:
        command = COMMAND.validate_python({"type": type_, "command_id": "c-0000001"})
        assert type(command) is schema
    with pytest.raises(ValidationError):
        COMMAND.validate_python({"type": type_, "command_id": "c-0000001", "surprise": 1})


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_the_records_say_who_sends_commands_at_all_and_by_which_event() -> None:
    """The two checks the gateway makes before the room's line are read from the records:
    the projector is no rule's sender, and join comes with its own event (which returns
    the seat's token); every other command comes with the ``command`` event."""
    from game_server.rules import SENDERS, carried_by

    assert "projector" not in SENDERS
    # ``workshop`` is the server acting for a workshop at its table: no token binds a
    # connection to it.
    assert SENDERS == {"facilitator", "player", "guest", "host", "workshop"}
    assert {t for t in RULES if carried_by(t) != "command"} == {"join"}
    assert carried_by("join") == "join"
