"""``bench.profile.breakdown``: each sample goes to exactly one part of the work."""

from __future__ import annotations

from pathlib import Path

from bench.profile import LOOP, breakdown

COMMAND = "Gateway.command (gateway.py:389)"
HANDLE = "RoomAuthority.handle (game_server/room/authority.py:264)"
SEND = "send_to_group (emit.py:54)"
SAMPLES = [
    (["run_app (aiohttp/web.py:502)"], 7),
    ([COMMAND, "Gateway.send (gateway.py:522)", SEND, "Direct.send (direct.py:111)"], 5),
    ([COMMAND, HANDLE, "decide (game_server/rules/decide.py:40)"], 3),
    ([COMMAND, HANDLE, "SqliteStore.append (game_server/stores/sqlite.py:540)"], 2),
    ([COMMAND, "audience_updates (game_server/rules/views.py:300)", SEND], 4),
    (["Thread._bootstrap (threading.py:995)", "_Writer.run (game_server/stores/sqlite.py:264)"], 6),
    (["build_relay.<locals>.command (bench/relay.py:163)"], 1),
    (["something (else.py:1)"], 1),
]


def test_every_sample_is_counted_once(tmp_path: Path) -> None:
    raw = tmp_path / "profile.txt"
    raw.write_text("".join(f"{';'.join(frames)} {n}\n" for frames, n in SAMPLES))
    parts = breakdown(raw)
    assert sum(parts.values()) == 29
    assert parts[LOOP] == 7
    assert parts["sending (encode, frames, socket writes)"] == 5
    assert parts["rules (decide, fold)"] == 3
    assert parts["store hand-over"] == 2
    # Views computed for a send count as views, not as sending: the first part wins.
    assert parts["views (the ops per audience)"] == 4
    assert parts["SQLite writer thread"] == 6
    assert parts["relay's handler"] == 1
    assert parts["other"] == 1
