"""The plenary of one table over a real server: clusters, hidden dot votes, reveal,
actions, and the exports that carry them (the JSON download imported again)."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from typing import Any

from tests.support.game import open_table
from tests.support.server import ServerProcess

CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]


def download(server: ServerProcess, code: str, fmt: str, token: str) -> bytes:
    request = urllib.request.Request(
        f"{server.url}/api/rooms/{code}/export/{fmt}",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return bytes(reply.read())


async def test_a_table_runs_its_plenary(server: ServerProcess) -> None:
    table = await open_table(
        server.url, "schaal-5", CARDS, players=["Ann", "Bas", "Cor"], projector=True
    )
    fac, ann, bas, cor = table.fac, *table.players
    try:
        await fac.do("start")
        await fac.do("next_step")
        texts = {
            ann: "Geen tijd om te leren naast het werk",
            bas: "Er is geen tijd om te leren, het werk gaat voor",
            cor: "We doen al intervisie <b>in</b> het team",
        }
        ids = {}
        for who, text in texts.items():
            colour = "green" if who is cor else "pink"
            reply = await who.do("add_post_it", colour=colour, text=text)
            ids[who] = reply["result"]["post_it_id"]
        while fac.view["phase"] != "sort":
            await fac.do("next_step")
        for who in (ann, bas):
            await fac.do("resolve_post_it", post_it_id=ids[who])  # needs, not questions
        await fac.do("set_pile", item="card", id=CARDS[0], pile="red")
        await fac.do("next_step")
        await table.settle()
        plenary = fac.view["plenary"]
        assert {(d["a"]["id"], d["b"]["id"]) for d in plenary["duplicates"]} == {
            (ids[ann], ids[bas])
        }
        merged = await fac.do(
            "merge_items",
            items=[{"item": "post_it", "id": ids[ann]}, {"item": "post_it", "id": ids[bas]}],
            name="Tijd om te leren",
        )
        cluster = merged["result"]["cluster_id"]
        await fac.do("open_voting", dots=2, several_per_item=True)
        on_cluster = {"item": "cluster", "id": cluster}
        await ann.do("place_dot", **on_cluster)
        await ann.do("place_dot", **on_cluster)
        over = await ann.command("place_dot", item="card", id=CARDS[0])
        assert over["error"]["code"] == "no_dots_left"
        await bas.do("place_dot", item="card", id=CARDS[0])
        await cor.do("place_dot", **on_cluster)
        await table.settle()
        for client in table.clients:
            assert all(d["dots"] is None for d in client.view["plenary"]["develop"]), client
            assert client.view["voting"]["dots_placed"] == 4
        assert ann.view["my_dots"] == [{**on_cluster, "dots": 2}]
        assert bas.view["my_dots"] == [{"item": "card", "id": CARDS[0], "dots": 1}]
        assert fac.view["my_dots"] == [] and table.projector is not None
        assert table.projector.view["my_dots"] == []
        await table.assert_views_match_fresh_enter()

        await fac.do("reveal_votes")
        await table.settle()
        develop = table.projector.view["plenary"]["develop"]
        assert [(d["item"], d["dots"]) for d in develop] == [("cluster", 3), ("card", 1)]
        point = {"what": "Leeruur", "who": "MT", "first_step": "Agenda", "evaluate_when": "Q3"}
        await fac.do("add_action_point", **point, item="cluster", item_id=cluster)
        await table.settle()
        (seen,) = ann.view["action_points"].values()
        assert (seen["what"], seen["item"], seen["item_id"]) == ("Leeruur", "cluster", cluster)
        await table.assert_views_match_fresh_enter()

        token = fac.token or ""
        record: dict[str, Any] = json.loads(
            await asyncio.to_thread(download, server, table.code, "json", token)
        )
        assert record["format_version"] == 3
        assert record["consensus"] is None  # a room on its own: no tables to compare
        assert record["clusters"][0]["name"] == "Tijd om te leren"
        assert record["votes"] == develop
        ballots = record["voting"]["ballots"]
        assert sorted(sum(d["dots"] for d in b) for b in ballots) == [1, 1, 2]
        assert ann.player_id not in json.dumps(record["voting"])  # votes name nobody
        markdown = (await asyncio.to_thread(download, server, table.code, "md", token)).decode()
        assert markdown.index("Leeruur") < markdown.index("Tijd om te leren")
        assert "3 stippen" in markdown
        csv = (await asyncio.to_thread(download, server, table.code, "csv", token)).decode()
        assert "Tijd om te leren" in csv
    finally:
        await table.close()
