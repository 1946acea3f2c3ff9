"""Green and pink post-its: written by players, steered by the facilitator."""

from __future__ import annotations

import json

import pydantic
import pytest

from game_server.rules import Actor, Viewer, apply_ops, updates, view
from game_server.rules.model import MAX_POST_IT_LENGTH

from .conftest import FACILITATOR, command, game_in, make_game


def add(text: str = "Tekst", colour: str = "green", **more: object) -> dict:
    return {"type": "add_post_it", "colour": colour, "text": text, **more}


def test_add_post_it_on_the_current_card() -> None:
    game, (anna, _) = game_in("discuss")
    result = game.play(anna, add("  We geven feedback\n"), new_id="pi-1", now=77)
    assert result == {"post_it_id": "pi-1"}
    assert game.last.events == [
        {
            "type": "post_it_added",
            "post_it_id": "pi-1",
            "card_id": "deck/c0",
            "colour": "green",
            "text": "We geven feedback",
            "author_id": anna.player_id,
            "at": 77,
        }
    ]
    post_it = game.room.post_its["pi-1"]
    assert (post_it.author_id, post_it.pile, post_it.resolved) == (anna.player_id, None, False)


@pytest.mark.parametrize("phase", ["read", "place", "discuss", "revise"])
def test_post_its_can_be_written_in_every_card_step(phase: str) -> None:
    game, (anna, _) = game_in(phase)
    game.post_it(anna)


def test_post_it_on_an_earlier_card() -> None:
    game, (anna, _) = make_game()
    game.walk_to("read", 1)
    post_it = game.post_it(anna, card_id="deck/c0")
    assert game.room.post_its[post_it].card_id == "deck/c0"


def test_post_it_in_sort_must_name_a_card() -> None:
    game, (anna, _) = game_in("sort")
    assert game.refuse(anna, add()) == "unknown_card"
    game.post_it(anna, card_id="deck/c2")


def test_post_it_on_an_unknown_card() -> None:
    game, (anna, _) = game_in("discuss")
    assert game.refuse(anna, add(card_id="deck/nope")) == "unknown_card"


def test_post_it_on_a_card_not_yet_started() -> None:
    game, (anna, _) = game_in("discuss")
    assert game.refuse(anna, add(card_id="deck/c1")) == "card_not_started"


@pytest.mark.parametrize("phase", ["lobby", "summary"])
def test_post_its_not_written_in_lobby_or_summary(phase: str) -> None:
    game, (anna, _) = game_in(phase)
    assert game.refuse(anna, add(card_id="deck/c0")) == "wrong_phase"


def test_host_facilitator_cannot_write_post_its() -> None:
    game, _ = game_in("discuss")
    assert game.refuse(FACILITATOR, add()) == "not_joined"


def test_edit_by_author() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna, "green", "Oud")
    game.play(anna, {"type": "edit_post_it", "post_it_id": pid, "text": "Nieuw"}, now=99)
    assert game.last.events == [
        {"type": "post_it_edited", "post_it_id": pid, "text": "Nieuw", "colour": "green", "at": 99}
    ]
    game.play(anna, {"type": "edit_post_it", "post_it_id": pid, "colour": "pink"})
    post_it = game.room.post_its[pid]
    assert (post_it.text, post_it.colour, post_it.edited_at) == ("Nieuw", "pink", game.now)


def test_edit_without_changes_is_refused() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    assert game.refuse(anna, {"type": "edit_post_it", "post_it_id": pid}) == "unchanged"


def test_edit_and_delete_of_someone_else_post_it() -> None:
    game, (anna, bram) = game_in("discuss")
    pid = game.post_it(anna)
    edit = {"type": "edit_post_it", "post_it_id": pid, "text": "gekaapt"}
    assert game.refuse(bram, edit) == "not_author"
    assert game.refuse(bram, {"type": "delete_post_it", "post_it_id": pid}) == "not_author"


def test_facilitator_edits_and_deletes_anyone_post_it() -> None:
    game, (anna, bram) = game_in("discuss")
    first = game.post_it(anna, text="Typfout")
    second = game.post_it(bram)
    game.fac("edit_post_it", post_it_id=first, text="Geen typfout")
    assert game.room.post_its[first].text == "Geen typfout"
    assert game.room.post_its[first].author_id == anna.player_id
    game.fac("delete_post_it", post_it_id=second)
    assert game.last.events == [{"type": "post_it_deleted", "post_it_id": second}]
    assert second not in game.room.post_its


def test_author_deletes_own_post_it() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    game.play(anna, {"type": "delete_post_it", "post_it_id": pid})
    assert game.room.post_its == {}


@pytest.mark.parametrize("kind", ["edit_post_it", "delete_post_it", "resolve_post_it"])
def test_unknown_post_it(kind: str) -> None:
    game, (anna, _) = game_in("discuss")
    payload = {"type": kind, "post_it_id": "pi-missing"}
    if kind == "edit_post_it":
        payload["text"] = "x"
    assert game.refuse(FACILITATOR, payload) == "unknown_post_it"
    if kind != "resolve_post_it":
        assert game.refuse(anna, payload) == "unknown_post_it"


def test_post_its_of_the_game_are_edited_in_sort_and_summary_not_when_closed() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    game.walk_to("summary")
    game.play(anna, {"type": "edit_post_it", "post_it_id": pid, "text": "Later aangevuld"})
    game.fac("end_game")
    edit = {"type": "edit_post_it", "post_it_id": pid, "text": "Te laat"}
    assert game.refuse(anna, edit) == "room_closed"


def test_lock_and_unlock() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    game.fac("lock_post_its")
    assert game.last.events == [{"type": "post_its_locked", "locked": True}]
    assert game.room.post_its_locked
    assert game.refuse(anna, add()) == "post_its_locked"
    edit = {"type": "edit_post_it", "post_it_id": pid, "text": "x"}
    assert game.refuse(anna, edit) == "post_its_locked"
    assert game.refuse(anna, {"type": "delete_post_it", "post_it_id": pid}) == "post_its_locked"
    # The facilitator still can.
    game.fac("edit_post_it", post_it_id=pid, text="Door de begeleider")
    game.fac("lock_post_its")
    assert game.last.events == []
    game.fac("unlock_post_its")
    assert game.last.events == [{"type": "post_its_locked", "locked": False}]
    game.play(anna, edit)
    game.fac("unlock_post_its")
    assert game.last.events == []


def test_lock_in_the_lobby_holds_for_the_game() -> None:
    game, (anna, _) = make_game()
    game.fac("lock_post_its")
    game.walk_to("discuss")
    assert game.refuse(anna, add()) == "post_its_locked"


def test_not_author_is_checked_before_the_lock() -> None:
    game, (anna, bram) = game_in("discuss")
    pid = game.post_it(anna)
    game.fac("lock_post_its")
    edit = {"type": "edit_post_it", "post_it_id": pid, "text": "x"}
    assert game.refuse(bram, edit) == "not_author"


def test_steering_player_writes_while_locked() -> None:
    game, (anna, _) = game_in("discuss")
    game.fac("lock_post_its")
    game.fac("hand_over", player_id=anna.player_id)
    pid = game.play(Actor("facilitator", anna.player_id), add())["post_it_id"]
    assert game.room.post_its[pid].author_id == anna.player_id


def test_resolve_only_pink() -> None:
    game, (anna, _) = game_in("discuss")
    green = game.post_it(anna, "green")
    pink = game.post_it(anna, "pink", "Open vraag")
    payload = {"type": "resolve_post_it", "post_it_id": green}
    assert game.refuse(FACILITATOR, payload) == "not_pink"
    game.fac("resolve_post_it", post_it_id=pink)
    assert game.last.events == [{"type": "post_it_resolved", "post_it_id": pink, "resolved": True}]
    assert game.room.post_its[pink].resolved
    game.fac("resolve_post_it", post_it_id=pink)
    assert game.last.events == []
    game.fac("resolve_post_it", post_it_id=pink, resolved=False)
    assert not game.room.post_its[pink].resolved


def test_players_cannot_resolve() -> None:
    game, (anna, _) = game_in("discuss")
    pink = game.post_it(anna, "pink")
    assert game.refuse(anna, {"type": "resolve_post_it", "post_it_id": pink}) == "not_allowed"


# -- validation by COMMAND ------------------------------------------------------------------


def test_max_length() -> None:
    command(add("x" * MAX_POST_IT_LENGTH))
    with pytest.raises(pydantic.ValidationError):
        command(add("x" * (MAX_POST_IT_LENGTH + 1)))
    with pytest.raises(pydantic.ValidationError):
        command({"type": "edit_post_it", "post_it_id": "p", "text": "y" * 281})


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x0b"])
def test_control_characters_refused(char: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        command(add(f"Goed{char}idee"))
    with pytest.raises(pydantic.ValidationError):
        command({"type": "edit_post_it", "post_it_id": "p", "text": f"a{char}b"})


def test_newlines_and_tabs_allowed_markup_kept_as_text() -> None:
    cmd = command(add("Regel 1\nRegel\t2 <script>alert(1)</script>"))
    assert cmd.text == "Regel 1\nRegel\t2 <script>alert(1)</script>"


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_refused(text: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        command(add(text))


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "add_post_it", "colour": "blue", "text": "x"},
        {"type": "add_post_it", "colour": "green", "text": "x", "author_id": "p-anna"},
        {"type": "add_post_it", "colour": "green", "text": 5},
        {"type": "edit_post_it", "post_it_id": "bad id!", "text": "x"},
    ],
)
def test_malformed_post_it_commands(payload: dict) -> None:
    with pytest.raises(pydantic.ValidationError):
        command(payload)


# -- anonymous post-its -------------------------------------------------------------------


def viewers_of(game, players) -> list[Viewer]:
    return [
        Viewer("facilitator"),
        Viewer("projector"),
        Viewer("player", None),
        *(Viewer("player", p.player_id) for p in players),
    ]


@pytest.mark.parametrize("board", ["scale", "quadrant"])
def test_anonymous_post_its_reveal_no_author(board: str) -> None:
    game, (zelda, bram, cas) = make_game(
        board, players=("Zeldanaam", "Bram", "Cas"), anonymous=True
    )
    game.walk_to("discuss")
    author_id = str(zelda.player_id)
    steps = []
    pid = game.post_it(zelda, "pink", "Wie betaalt de opleiding?")
    steps.append(list(game.last.events))
    game.play(zelda, {"type": "edit_post_it", "post_it_id": pid, "text": "Wie betaalt dit?"})
    steps.append(list(game.last.events))
    game.fac("resolve_post_it", post_it_id=pid)
    steps.append(list(game.last.events))
    game.walk_to("sort")
    steps.append(list(game.last.events))
    game.fac("set_pile", item="post_it", id=pid, pile="green")
    steps.append(list(game.last.events))

    for viewer in viewers_of(game, [zelda, bram, cas]):
        snapshot = view(game.room, viewer)
        seen = snapshot["post_its"][pid]
        assert seen["author_id"] is None
        assert seen["mine"] is (viewer.player_id == author_id)
        text = json.dumps(snapshot["post_its"], ensure_ascii=False)
        assert author_id not in text and "Zeldanaam" not in text, viewer
        # Updates never carry more than the view does.
        for events in steps:
            ops = json.dumps(updates(game.room, events, viewer), ensure_ascii=False)
            if viewer.player_id != author_id:
                assert author_id not in ops and "Zeldanaam" not in ops, viewer

    # The post-it views are the same for every viewer but the author's (and the
    # facilitator's, who may edit every post-it: that says nothing about the author).
    def shape(v: Viewer) -> str:
        post_its = view(game.room, v)["post_its"]
        if v.sees_all:
            assert all(p["can_edit"] for p in post_its.values())
            post_its = {k: {**p, "can_edit": False} for k, p in post_its.items()}
        return json.dumps(post_its, sort_keys=True)

    assert len({shape(v) for v in viewers_of(game, [bram, cas])}) == 1


def test_anonymous_post_it_ids_come_from_the_context_not_the_author() -> None:
    game, (anna, _) = game_in("discuss", anonymous=True)
    pid = game.play(anna, add(), new_id="r4nd0m")["post_it_id"]
    assert pid == "r4nd0m"


def test_named_post_its_show_the_author() -> None:
    game, (anna, bram) = game_in("discuss", anonymous=False)
    pid = game.post_it(anna)
    for viewer in (Viewer("player", bram.player_id), Viewer("projector"), Viewer("facilitator")):
        seen = view(game.room, viewer)["post_its"][pid]
        assert seen["author_id"] == anna.player_id and seen["mine"] is False
    assert view(game.room, Viewer("player", anna.player_id))["post_its"][pid]["mine"] is True


def test_post_it_updates_fold_into_the_view() -> None:
    game, (anna, bram) = game_in("discuss", anonymous=True)
    before = {v: view(game.room, v) for v in viewers_of(game, [anna, bram])}
    game.post_it(anna, "pink", "Vraag")
    for v, snapshot in before.items():
        folded = apply_ops(
            json.loads(json.dumps(snapshot)), updates(game.room, game.last.events, v)
        )
        assert folded == json.loads(json.dumps(view(game.room, v)))


def test_ending_an_anonymous_game_forgets_every_author() -> None:
    game, (anna, bram) = game_in("discuss", anonymous=True)
    mine = game.post_it(anna, "green", "Van Anna")
    theirs = game.post_it(bram, "pink", "Van Bram")
    gone = game.post_it(anna, "pink", "Weg")
    game.play(anna, {"type": "delete_post_it", "post_it_id": gone})
    viewers = viewers_of(game, [anna, bram])
    before = {v: view(game.room, v) for v in viewers}
    game.walk_to("summary")
    game.fac("end_game")
    forgot = {"type": "authors_forgotten", "post_it_ids": sorted([mine, theirs])}
    assert forgot in game.last.events
    assert all(p.author_id is None for p in game.room.post_its.values())
    # Every viewer's update says so (nobody's post-it is "mine" any more) and folds right.
    for v in viewers:
        folded = apply_ops(
            json.loads(json.dumps(before[v])), updates(game.room, game.events[-50:], v)
        )
        assert not any(p["mine"] for p in view(game.room, v)["post_its"].values())
        assert folded["post_its"] == json.loads(json.dumps(view(game.room, v)))["post_its"]
    # Reopened, a post-it has no author left: only the facilitator may change it.
    game.fac("back_step")
    assert game.refuse(anna, {"type": "delete_post_it", "post_it_id": mine}) == "not_author"
    game.fac("edit_post_it", post_it_id=mine, text="Door de facilitator")


def test_ending_a_named_game_keeps_the_authors() -> None:
    game, (anna, _) = game_in("discuss", anonymous=False)
    pid = game.post_it(anna)
    game.walk_to("closed")
    assert game.room.post_its[pid].author_id == anna.player_id
    assert "authors_forgotten" not in [e["type"] for e in game.events]
