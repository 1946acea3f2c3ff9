"""Writes ``format-2.json``, the export of a rich game as format_version 2 wrote it: the
format-1 game plus the plenary (clusters, a revealed dot vote, an action point made from a
cluster).

Run once when a format version is introduced (``python -m tests.unit.exports.make_format_2``);
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
    time_a = game.post_it(anna, "green", "Geen tijd om te leren")
    time_b = game.post_it(bram, "green", "Er is geen tijd om te leren")
    question = game.post_it(anna, "pink", "Mag dat in werktijd?")
    game.play(bram, {"type": "edit_post_it", "post_it_id": green, "text": "Heel goed gedaan"})
    game.fac("resolve_post_it", post_it_id=pink)
    game.next()
    game.place(anna, 3)
    game.next()
    game.fac("skip_card")
    game.walk_to("sort")
    game.fac("set_pile", item="post_it", id=pink, pile="green")
    game.fac("set_pile", item="post_it", id=time_a, pile="red")
    game.fac("set_pile", item="post_it", id=time_b, pile="red")
    game.fac("set_pile", item="card", id="deck/c0", pile="red")
    game.fac("next_step")
    cluster = game.fac(
        "merge_items",
        items=[{"item": "post_it", "id": time_a}, {"item": "post_it", "id": time_b}],
        name="Tijd om te leren",
    )["cluster_id"]
    game.fac("open_voting", dots=3, several_per_item=True)
    game.play(anna, {"type": "place_dot", "item": "cluster", "id": cluster})
    game.play(anna, {"type": "place_dot", "item": "cluster", "id": cluster})
    game.play(bram, {"type": "place_dot", "item": "card", "id": "deck/c0"})
    game.play(cas, {"type": "place_dot", "item": "cluster", "id": cluster})
    game.fac("reveal_votes")
    game.fac("remove_player", player_id=cas.player_id)
    point = game.fac(
        "add_action_point",
        what="Een leeruur per week",
        who="Teamleider",
        first_step="Agenda vrijmaken",
        evaluate_when="Na de zomer",
        item="cluster",
        item_id=cluster,
    )["action_point_id"]
    game.fac("edit_action_point", action_point_id=point, who="Iedereen")
    game.fac("resolve_post_it", post_it_id=question, resolved=False)
    game.fac("lock_post_its")
    record = record_of(game.room, version=len(game.events), exported_at=2_000_000)
    record["board"]["spec"] = load_library().boards["schaal-5"].model_dump(mode="json")
    return dict(json.loads(json.dumps(record)))


if __name__ == "__main__":
    out = Path(__file__).with_name("format-2.json")
    out.write_text(json.dumps(rich_record(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
