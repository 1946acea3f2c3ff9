"""A facilitator, a projector and four players play whole games over a real server: a
scale room (with a case card written by a player) and a quadrant room, on WebSocket and on
long-polling only. Every step is checked on the views the clients fold from ``update``s,
and at the end every folded view equals a fresh ``enter`` snapshot for that role."""

from __future__ import annotations

import math
from typing import Any

import pytest

from game_server.rules.figures import rounded
from tests.support.game import Table, open_table
from tests.support.server import ServerProcess

SCALE_CARD = "leerklimaat/veiligheid"
QUADRANT_CARD = "leercultuur-elementen/zelfregie"
NAMES = ["Ann", "Bas", "Cor", "Dee"]

TRANSPORTS = [pytest.param(["websocket"], id="websocket"), pytest.param(["polling"], id="polling")]


def ids_of(table: Table) -> dict[str, str]:
    return {p.name: str(p.player_id) for p in table.players}


def summary_of(view: dict[str, Any]) -> dict[str, Any]:
    """The plenary summary as a client derives it from its view."""
    played = [c for c in view["agenda"] if view["cards"][c]["started"]]
    post_its = sorted(view["post_its"].values(), key=lambda p: (p["created_at"], p["id"]))
    return {
        "green_cards": [c for c in played if view["cards"][c]["pile"] == "green"],
        "red_cards": [c for c in played if view["cards"][c]["pile"] == "red"],
        "green_post_its": [p["id"] for p in post_its if p["pile"] == "green"],
        "red_post_its": [p["id"] for p in post_its if p["pile"] == "red"],
        "open_questions": [
            p["id"] for p in post_its if p["colour"] == "pink" and not p["resolved"]
        ],
        "action_points": sorted(view["action_points"]),
    }


def assert_steady(table: Table) -> None:
    """Nothing was lost on the way: every version came as an update, in order."""
    for client in table.clients:
        client.check()
        assert client.resumes == 0, f"{client!r} had to resume"
        assert client.applied == sorted(set(client.applied)), client
        assert client.applied == list(range(client.applied[0], client.version + 1)), client


async def place_all(table: Table, squares: dict[str, Any]) -> None:
    for name, position in squares.items():
        await table.player(name).do("place_pawn", position=position)
    await table.settle()


async def play_scale_room(server: ServerProcess, transports: list[str]) -> None:
    table = await open_table(
        server.url,
        "schaal-5",
        [SCALE_CARD],
        players=NAMES,
        projector=True,
        transports=transports,
        options={"hidden_placements": True},
    )
    fac, projector = table.fac, table.projector
    assert projector is not None
    ann, bas, cor, dee = table.players
    ids = ids_of(table)
    try:
        for client in table.clients:
            assert client.transport == transports[0]
        assert fac.role == "facilitator" and projector.role == "projector"
        assert [p.role for p in table.players] == ["player"] * 4
        assert len(set(ids.values())) == 4
        for client in table.clients:
            view = client.view
            assert view is not None
            assert view["phase"] == "lobby"
            assert sorted(p["name"] for p in view["players"].values()) == NAMES
            assert view["me"] == {"role": client.role, "player_id": client.player_id}
            assert view["board"]["kind"] == "scale" and view["board"]["size"] == 5

        # Read: the first card; the first player by seat reads it aloud.
        await fac.do("start")
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert (view["phase"], view["current_card_id"]) == ("read", SCALE_CARD)
            assert view["cards"][SCALE_CARD]["started"] is True
            assert view["cards"][SCALE_CARD]["reader_id"] == ids["Ann"]

        # A player writes a case card; it is played right after the current card.
        added = await bas.do(
            "add_case_card", title="Inwerken", text="Een nieuwe collega durft niets te vragen."
        )
        case_id = added["result"]["card_id"]
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["agenda"] == [SCALE_CARD, case_id]
            case = view["cards"][case_id]
            assert (case["kind"], case["author_id"], case["started"]) == ("case", ids["Bas"], False)
            assert case["text"]["nl"] == "Een nieuwe collega durft niets te vragen."

        # Place, hidden: others see that someone placed, never where.
        await fac.do("next_step")
        first = {"Ann": 2, "Bas": 3, "Cor": 3, "Dee": 1}
        await place_all(table, {n: {"square": first[n]} for n in ("Ann", "Bas", "Cor")})
        for client in table.clients:
            section = (client.view or {})["placements"][SCALE_CARD]["first"]
            assert section["hidden"] is True
            for name in ("Ann", "Bas", "Cor"):
                sees = client is fac or client.name == name
                expected = {"square": first[name]} if sees else None
                assert section["positions"][ids[name]] == expected, (client, name)
            assert ids["Dee"] not in section["positions"]
        for client in (projector, *table.players):
            assert (client.view or {})["figures"][SCALE_CARD] is None, client
        assert (fac.view or {})["figures"][SCALE_CARD]["first"]["count"] == 3

        # The facilitator reveals; a pawn placed after that is visible at once.
        await fac.do("reveal_placements")
        await dee.do("place_pawn", position={"square": first["Dee"]})
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            section = view["placements"][SCALE_CARD]["first"]
            assert section["hidden"] is False
            assert section["positions"] == {ids[n]: {"square": s} for n, s in first.items()}
            figures = view["figures"][SCALE_CARD]["first"]
            assert figures["count"] == 4 and figures["mean"] == 2.25
            assert figures["distribution"] == {"1": 1, "2": 1, "3": 2, "4": 0, "5": 0}

        # Discuss: green and pink post-its; text stays text.
        await fac.do("next_step")
        green = await ann.do("add_post_it", colour="green", text="We bespreken fouten samen.")
        pink = await cor.do("add_post_it", colour="pink", text="Tijd voor <b>reflectie</b>?")
        pink2 = await dee.do("add_post_it", colour="pink", text="Wie let op nieuwe teams?")
        green_id, pink_id, pink2_id = (r["result"]["post_it_id"] for r in (green, pink, pink2))
        await table.settle()
        authors = {green_id: "Ann", pink_id: "Cor", pink2_id: "Dee"}
        for client in table.clients:
            post_its = (client.view or {})["post_its"]
            assert set(post_its) == set(authors)
            assert post_its[pink_id]["text"] == "Tijd voor <b>reflectie</b>?"
            assert post_its[green_id]["colour"] == "green"
            assert post_its[pink_id]["colour"] == post_its[pink2_id]["colour"] == "pink"
            for post_it_id, author in authors.items():
                post_it = post_its[post_it_id]
                assert post_it["author_id"] == ids[author]
                assert post_it["mine"] is (client.name == author)
                assert post_it["card_id"] == SCALE_CARD
                assert (post_it["pile"], post_it["resolved"]) == (None, False)

        # Revise: the second placement, hidden until everyone has placed again.
        await fac.do("next_step")
        second = {"Ann": 3, "Bas": 4, "Cor": 4, "Dee": 4}
        await place_all(table, {n: {"square": second[n]} for n in ("Ann", "Bas", "Cor")})
        for client in table.players:
            view = client.view or {}
            positions = view["placements"][SCALE_CARD]["second"]["positions"]
            assert len(positions) == 3
            if client is dee:
                assert all(p is None for p in positions.values())
            else:
                assert positions[str(client.player_id)] == {"square": second[client.name]}
                assert sum(p is None for p in positions.values()) == 2
            assert view["figures"][SCALE_CARD]["second"] is None
            assert view["figures"][SCALE_CARD]["shift"] is None
        await dee.do("place_pawn", position={"square": second["Dee"]})
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            section = view["placements"][SCALE_CARD]["second"]
            assert section["hidden"] is False  # revealed once everyone placed
            assert section["positions"] == {ids[n]: {"square": s} for n, s in second.items()}
            figures = view["figures"][SCALE_CARD]
            assert figures["second"]["mean"] == 3.75
            assert figures["shift"] == 1.5  # 3.75 - 2.25: the revision is visible
            assert figures["second"]["consensus"] == "consensus"
            assert figures["suggested_pile"] == "green"

        # The case card comes next; its author reads it.
        await fac.do("next_step")
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert (view["phase"], view["current_card_id"]) == ("read", case_id)
            assert view["cards"][case_id]["reader_id"] == ids["Bas"]
            assert view["cards"][case_id]["started"] is True
        await fac.do("next_step")
        await place_all(table, {n: {"square": s} for n, s in zip(NAMES, (2, 2, 1, 2), strict=True)})
        await fac.do("next_step")
        case_post_it = await bas.do("add_post_it", colour="green", text="Een buddy helpt.")
        case_post_it_id = case_post_it["result"]["post_it_id"]
        await fac.do("next_step")
        await place_all(table, {"Ann": {"square": 1}, "Bas": {"square": 2}})
        for client in table.players:
            section = (client.view or {})["placements"][case_id]["second"]
            assert section["hidden"] is True

        # Sort: hidden placements are revealed and piles are suggested.
        await fac.do("next_step")
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["phase"] == "sort" and view["current_card_id"] is None
            section = view["placements"][case_id]["second"]
            assert section["hidden"] is False
            assert section["positions"] == {ids["Ann"]: {"square": 1}, ids["Bas"]: {"square": 2}}
            assert view["cards"][SCALE_CARD]["pile"] == "green"
            assert view["cards"][case_id]["pile"] == "red"
            piles = {p: view["post_its"][p]["pile"] for p in view["post_its"]}
            assert piles == {
                green_id: "green",
                pink_id: "red",
                pink2_id: "red",
                case_post_it_id: "green",
            }
        # A player may not sort.
        refused = await ann.command("set_pile", item="card", id=case_id, pile="green")
        assert refused["error"]["code"] == "not_allowed"

        await fac.do("set_pile", item="card", id=case_id, pile="green")
        await fac.do("set_pile", item="post_it", id=pink2_id, pile="green")
        await fac.do("set_pile", item="post_it", id=case_post_it_id, pile=None)
        await fac.do("resolve_post_it", post_it_id=pink_id)
        not_pink = await fac.command("resolve_post_it", post_it_id=green_id)
        assert not_pink["ok"] is False and not_pink["error"]["code"] == "not_pink"
        point = await fac.do(
            "add_action_point",
            what="Intervisie per kwartaal",
            who="Teamleider",
            first_step="Data plannen",
            evaluate_when="Over drie maanden",
            card_id=SCALE_CARD,
        )
        point_id = point["result"]["action_point_id"]

        # Summary.
        await fac.do("next_step")
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["phase"] == "summary"
            assert view["post_its"][pink_id]["resolved"] is True
            assert view["action_points"][point_id]["who"] == "Teamleider"
            assert view["action_points"][point_id]["card_id"] == SCALE_CARD
            assert summary_of(view) == {
                "green_cards": [SCALE_CARD, case_id],
                "red_cards": [],
                "green_post_its": [green_id, pink2_id],
                "red_post_its": [pink_id],
                "open_questions": [pink2_id],
                "action_points": [point_id],
            }
        too_late = await cor.command("add_post_it", colour="pink", text="Nog een vraag")
        assert too_late["error"]["code"] == "wrong_phase"

        # End.
        await fac.do("end_game")
        await table.settle()
        for client in table.clients:
            assert (client.view or {})["phase"] == "closed"
        closed = await ann.command("place_pawn", position={"square": 1})
        assert closed["error"]["code"] == "room_closed"

        assert_steady(table)
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()


async def play_quadrant_room(server: ServerProcess, transports: list[str]) -> None:
    table = await open_table(
        server.url,
        "llo-kwadrant",
        [QUADRANT_CARD],
        players=NAMES,
        projector=True,
        transports=transports,
        options={"hidden_placements": True, "anonymous_post_its": True},
    )
    fac = table.fac
    ann, bas, _cor, _dee = table.players
    ids = ids_of(table)
    try:
        assert (fac.view or {})["board"]["kind"] == "quadrant"
        await fac.do("start")
        await fac.do("next_step")

        # A scale position or a point off the field is refused, with one code.
        wrong_board = await ann.command("place_pawn", position={"square": 3})
        assert wrong_board["error"]["code"] == "invalid_position"
        off_field = await ann.command("place_pawn", position={"x": 1.5, "y": 0.0})
        assert off_field["error"]["code"] == "invalid_position"

        # Now: where the organisation is. Hidden until the last pawn is placed.
        now = {"Ann": (-0.5, -0.5), "Bas": (-0.25, -0.75), "Cor": (0.0, -0.5), "Dee": (-0.75, 0.0)}
        await place_all(table, {n: {"x": x, "y": y} for n, (x, y) in list(now.items())[:3]})
        for client in table.players:
            positions = (client.view or {})["placements"][QUADRANT_CARD]["first"]["positions"]
            others = [p for pid, p in positions.items() if pid != client.player_id]
            assert all(p is None for p in others), client
        await table.player("Dee").do("place_pawn", position={"x": -0.75, "y": 0.0})
        await table.settle()
        mean_x = rounded(sum(x for x, _ in now.values()) / 4)
        mean_y = rounded(sum(y for _, y in now.values()) / 4)
        for client in table.clients:
            view = client.view or {}
            section = view["placements"][QUADRANT_CARD]["first"]
            assert section["hidden"] is False
            assert section["positions"] == {ids[n]: {"x": x, "y": y} for n, (x, y) in now.items()}
            assert view["figures"][QUADRANT_CARD]["first"]["mean"] == {"x": mean_x, "y": mean_y}

        # Discuss, anonymously: nobody sees who wrote what, only the author sees "mine".
        await fac.do("next_step")
        wish = await bas.do("add_post_it", colour="green", text="Eigen leerdoelen per medewerker.")
        question = await ann.do("add_post_it", colour="pink", text="Wie betaalt de opleiding?")
        wish_id = wish["result"]["post_it_id"]
        question_id = question["result"]["post_it_id"]
        await table.settle()
        for client in table.clients:
            post_its = (client.view or {})["post_its"]
            assert post_its[wish_id]["author_id"] is None
            assert post_its[question_id]["author_id"] is None
            assert post_its[wish_id]["mine"] is (client is bas)
            assert post_its[question_id]["mine"] is (client is ann)

        # Revise: the desired situation; the shift per player is the point of the exercise.
        await fac.do("next_step")
        desired = {"Ann": (0.5, 0.5), "Bas": (0.25, 0.25), "Cor": (0.0, 0.5), "Dee": (-0.5, 0.5)}
        await place_all(table, {n: {"x": x, "y": y} for n, (x, y) in desired.items()})
        expected_shifts = {}
        for name in NAMES:
            dx = desired[name][0] - now[name][0]
            dy = desired[name][1] - now[name][1]
            expected_shifts[ids[name]] = {
                "dx": rounded(dx),
                "dy": rounded(dy),
                "length": rounded(math.hypot(dx, dy)),
            }
        lengths = [math.hypot(desired[n][0] - now[n][0], desired[n][1] - now[n][1]) for n in NAMES]
        mean_shift = rounded(sum(lengths) / 4)  # from the unrounded lengths
        for client in table.clients:
            figures = (client.view or {})["figures"][QUADRANT_CARD]
            assert figures["shifts"] == expected_shifts
            assert figures["shift"] == mean_shift
            assert figures["suggested_pile"] == "red"  # a long way from now to desired

        # Sort, summary, end.
        await fac.do("next_step")
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["phase"] == "sort"
            assert view["cards"][QUADRANT_CARD]["pile"] == "red"
        await fac.do("set_pile", item="post_it", id=question_id, pile="green")
        await fac.do("next_step")
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert summary_of(view)["open_questions"] == [question_id]
            assert set(summary_of(view)["green_post_its"]) == {wish_id, question_id}
        await fac.do("end_game")
        await table.settle()
        assert_steady(table)
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()


@pytest.mark.parametrize("transports", TRANSPORTS)
async def test_whole_game_on_scale_board(server: ServerProcess, transports: list[str]) -> None:
    await play_scale_room(server, transports)


@pytest.mark.parametrize("transports", TRANSPORTS)
async def test_whole_game_on_quadrant_board(server: ServerProcess, transports: list[str]) -> None:
    await play_quadrant_room(server, transports)
