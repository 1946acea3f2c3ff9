"""The event table: one entry per event type with its fields, its evolve and the view
paths it touches; events are made and checked against it."""

from __future__ import annotations

import pytest

from game_server.rules.events import EVENTS, check, make


def test_make_builds_an_event_with_exactly_its_fields() -> None:
    assert make("post_its_locked", locked=True) == {"type": "post_its_locked", "locked": True}
    with pytest.raises(ValueError, match="fields"):
        make("post_its_locked")
    with pytest.raises(ValueError, match="fields"):
        make("post_its_locked", locked=True, by="anna")
    with pytest.raises(ValueError, match="unknown event type"):
        make("post_it_stuck", post_it_id="p1")


def test_every_entry_touches_view_paths_from_its_fields_alone() -> None:
    samples = {
        "card": {"id": "c9"},
        "cards": {"c1": "red"},
        "post_its": {"p1": "green"},
        "post_it_ids": ["p1"],
        "phase": "read",
        "item": "card",
        "round": "first",
    }
    for type_, kind in EVENTS.items():
        event = check({"type": type_, **{f: samples.get(f, f"x-{f}") for f in kind.fields}})
        paths = kind.touches(event)
        assert paths and all(isinstance(p, tuple) and p for p in paths), type_
