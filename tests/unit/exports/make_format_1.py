"""Writes ``format-1.json``, the export of a rich game as format_version 1 wrote it.

Run once when a format version is introduced (``python -m tests.unit.exports.make_format_1``);
the file is then kept as it is, so that every later server is tested on reading it.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from game_server.content import load_library
from game_server.exports.record import record_of
from tests.unit.rules import conftest
from tests.unit.rules.conftest import make_game


def rich_record() -> dict[str, Any]:
    """Every kind of fact an export holds: a removed player, a skipped card, hidden and
    revealed rounds, edited, resolved and piled post-its, a case card, edited action points
    and locked post-its."""
    # Ids come from one counter shared by the rules tests: start it afresh, so the record
    # is the same whichever tests ran before.
    conftest._ids = itertools.count(1)
    game, (anna, bram, cas) = make_game(cards=3, players=("Anna", "Bram", "Cas"), hidden=True)
    game.play(anna, {"type": "add_case_card", "title": "Ons geval", "text": "Een casus"})
    game.walk_to("place")
    game.place(anna, 2)
    game.place(bram, 4)
    game.fac("reveal_placements")
    game.next()
    green = game.post_it(bram, "green", "Goed gedaan")
    pink = game.post_it(cas, "pink", "Wie betaalt?")
    game.play(bram, {"type": "edit_post_it", "post_it_id": green, "text": "Heel goed gedaan"})
    game.fac("resolve_post_it", post_it_id=pink)
    game.next()
    game.place(anna, 3)
    game.fac("remove_player", player_id=cas.player_id)
    game.next()
    game.fac("skip_card")
    game.walk_to("sort")
    game.fac("set_pile", item="post_it", id=pink, pile="green")
    game.fac("next_step")
    point = game.fac(
        "add_action_point", what="Wat", who="Wie", first_step="Stap", evaluate_when="Mei"
    )["action_point_id"]
    game.fac("edit_action_point", action_point_id=point, who="Iedereen")
    game.fac("lock_post_its")
    record = record_of(game.room, version=len(game.events), exported_at=2_000_000)
    record["board"]["spec"] = load_library().boards["schaal-5"].model_dump(mode="json")
    return dict(json.loads(json.dumps(record)))


if __name__ == "__main__":
    out = Path(__file__).with_name("format-1.json")
    out.write_text(json.dumps(rich_record(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
