"""Decks written in the browser (content/deck_files.py) and session plans: the limits of the
content models, both languages, uploads with problems that name their place, and the round
trips YAML -> room -> YAML and XLSX -> room -> XLSX."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from game_server.content import Deck, load_library
from game_server.content.deck_files import (
    check_deck,
    deck_from_cards,
    read_upload,
    write_xlsx,
    write_yaml,
)
from game_server.content.loader import check_library
from game_server.room.registry import resolve
from game_server.rules import CreateRoom, Options, open_room

BOARDS = {"schaal-5", "llo-kwadrant"}
ROOT = Path(__file__).resolve().parents[2]


def own(**extra: Any) -> dict[str, Any]:
    deck: dict[str, Any] = {
        "id": "ons-team",
        "name": {"nl": "Ons team", "en": ""},
        "description": {"nl": "Eigen stellingen.", "en": "Own statements."},
        "source": "Workshop maart",
        "board": "schaal-5",
        "cards": [
            {"id": "s1", "kind": "statement", "text": {"nl": "Wij leren van fouten.", "en": ""}},
            {
                "id": "s2",
                "kind": "scenario",
                "title": {"nl": "Tijd", "en": "Time"},
                "text": {"nl": "Het is druk: wat doe je?", "en": "It is busy: what do you do?"},
                "minutes": 8,
            },
            {
                "id": "c1",
                "kind": "case",
                "text": {"nl": "", "en": "Describe a case: what now?"},
            },
        ],
    }
    deck.update(extra)
    return deck


def test_a_text_in_one_language_is_used_for_both() -> None:
    deck, problems = check_deck(own(), BOARDS)
    assert problems == [] and deck is not None
    assert deck.name.en == "Ons team"
    assert deck.cards[0].text.en == "Wij leren van fouten."
    assert deck.cards[2].text.nl == "Describe a case: what now?"


def test_limits_are_the_deck_files_limits_and_name_the_field() -> None:
    data = own()
    data["cards"][1]["text"]["nl"] = "x" * 601
    data["cards"][0]["text"] = {"nl": " ", "en": ""}
    data["cards"][2]["kind"] = "stelling"
    data["cards"][1]["minutes"] = 61
    deck, problems = check_deck(data, BOARDS)
    assert deck is None
    found = {(p.field, p.card) for p in problems}
    assert ("cards[1].text.nl", 1) in found
    assert ("cards[0].text.nl", 0) in found
    assert ("cards[2].kind", 2) in found
    assert ("cards[1].minutes", 1) in found
    too_long = next(p for p in problems if p.field == "cards[1].text.nl")
    assert too_long.message.startswith("too long: at most 600 characters")


def test_an_unknown_board_and_a_repeated_card_id_are_refused() -> None:
    assert check_deck(own(board="schaal-7"), BOARDS)[1][0].field == "board"
    data = own()
    data["cards"][1]["id"] = "s1"
    problems = check_deck(data, BOARDS)[1]
    assert [(p.field, p.card) for p in problems] == [("cards[1].id", 1)]


def test_a_written_yaml_file_passes_check_content(tmp_path: Path) -> None:
    deck, _ = check_deck(own(), BOARDS)
    assert deck is not None
    shutil.copytree(ROOT / "boards", tmp_path / "boards")
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "ons-team.yaml").write_text(write_yaml(deck), encoding="utf-8")
    assert check_library(tmp_path) == []
    assert load_library(tmp_path).decks["ons-team"] == deck


def test_a_broken_yaml_upload_names_the_line_and_field() -> None:
    text = (
        "id: ons-team\nname: {nl: Ons, en: Our}\ndescription: {nl: a, en: b}\nsource: s\n"
        "cards:\n  - id: s1\n    kind: stelling\n    text: {nl: a}\n"
    )
    deck, problems = read_upload(text.encode(), "ons-team (1).yaml", BOARDS)
    assert deck is None
    assert {(p.line, p.field) for p in problems} == {(7, "cards[0].kind"), (8, "cards[0].text.en")}
    _, syntax = read_upload(b"id: a\n\tname: b\n", "x.yaml", BOARDS)
    assert syntax[0].line == 2 and "tabs" in syntax[0].message


def test_a_csv_from_dutch_excel_reads_with_its_semicolons_and_dutch_kinds() -> None:
    raw = "id;kind;text_nl;text_en\ns1;stelling;Wij leren samen.;\n;casus;Vertel een casus.;\n"
    deck, problems = read_upload(raw.encode("cp1252"), "Ons Team.csv", BOARDS)
    assert problems == [] and deck is not None
    assert deck.id == "ons-team"
    assert [(c.id, c.kind) for c in deck.cards] == [("s1", "statement"), ("kaart-2", "case")]


def test_table_problems_name_row_and_column() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kind", "text_nl", "minutes", "colour"])
    buffer = io.BytesIO()
    book.save(buffer)
    _, problems = read_upload(buffer.getvalue(), "deck.xlsx", BOARDS)
    assert [(p.row, p.column) for p in problems] == [(1, "colour")]

    sheet.delete_cols(4)
    sheet.append(["statement", "Goed", 5])
    sheet.append(["statement", "y" * 601, "veel"])
    buffer = io.BytesIO()
    book.save(buffer)
    _, problems = read_upload(buffer.getvalue(), "deck.xlsx", BOARDS)
    assert {(p.row, p.column) for p in problems} >= {(3, "text_nl"), (3, "minutes")}


def test_not_a_workbook_and_unknown_files_get_a_clear_problem() -> None:
    assert "not an Excel workbook" in read_upload(b"PK nonsense", "a.xlsx", BOARDS)[1][0].message
    assert "unknown kind of file" in read_upload(b"x", "a.docx", BOARDS)[1][0].message


def _room_cards(deck: Deck) -> list[Any]:
    """The deck opened in a room (the create request the browser sends), the room's cards."""
    request = CreateRoom.model_validate(
        {
            "command_id": "c" * 16,
            "board_id": "schaal-5",
            "card_ids": [f"{deck.id}/{c.id}" for c in deck.cards],
            "own_deck": deck.model_dump(mode="json", exclude_none=True),
        },
        strict=False,
    )
    board, cards = resolve(load_library(), request)
    _, room = open_room(
        code="ABCDEF",
        title="t",
        secret="s" * 32,
        options=Options(),
        board=board,
        cards=cards,
        now=0,
    )
    return [room.cards[card_id] for card_id in room.agenda]


def test_round_trip_yaml_room_yaml() -> None:
    deck, _ = check_deck(own(minutes=5), BOARDS)
    assert deck is not None
    text = write_yaml(deck)
    read, problems = read_upload(text.encode(), "ons-team.yaml", BOARDS)
    assert problems == [] and read == deck
    again = deck_from_cards(_room_cards(read), read)
    assert write_yaml(again) == text


def test_round_trip_xlsx_room_xlsx() -> None:
    deck, _ = check_deck(own(), BOARDS)
    assert deck is not None
    first = write_xlsx(deck)
    read, problems = read_upload(first, "ons-team.xlsx", BOARDS)
    assert problems == [] and read == deck
    again = write_xlsx(deck_from_cards(_room_cards(read), read))
    rows = [
        [list(r) for r in load_workbook(io.BytesIO(b)).worksheets[0].iter_rows(values_only=True)]
        for b in (first, again)
    ]
    assert rows[0] == rows[1]
    assert rows[0][0] == ["id", "kind", "title_nl", "title_en", "text_nl", "text_en", "minutes"]


def test_an_xlsx_text_starting_with_equals_stays_text() -> None:
    data = own()
    data["cards"][0]["text"] = {"nl": "=1+1", "en": "=1+1"}
    deck, _ = check_deck(data, BOARDS)
    assert deck is not None
    sheet = load_workbook(io.BytesIO(write_xlsx(deck))).worksheets[0]
    assert sheet["E2"].value == "=1+1" and sheet["E2"].data_type == "s"


def test_the_seed_session_plans_load_with_their_decks() -> None:
    library = load_library()
    assert set(library.plans) == {
        "quickscan-leervoorwaarden",
        "leerklimaat-workshop",
        "leerlandschap",
        "llo-dialoog",
    }
    for plan in library.plans.values():
        deck = library.decks[plan.deck]
        assert plan.board in library.boards
        assert all(deck.card(c) for c in plan.cards or [])
        assert plan.closing and plan.summary.nl and plan.summary.en


def test_a_plan_naming_a_missing_card_is_reported_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "boards", tmp_path / "boards")
    shutil.copytree(ROOT / "cards", tmp_path / "cards")
    (tmp_path / "plans").mkdir()
    plan = (ROOT / "plans" / "leerklimaat-workshop.yaml").read_text(encoding="utf-8")
    plan = plan.replace("autonomie", "autonoom").replace("    minutes: 15", "    minutes: 90")
    (tmp_path / "plans" / "leerklimaat-workshop.yaml").write_text(plan, encoding="utf-8")
    errors = [str(e) for e in check_library(tmp_path)]
    assert any("closing[0].minutes: should be at most 60" in e for e in errors), errors
    plan = plan.replace("    minutes: 90", "    minutes: 15")
    (tmp_path / "plans" / "leerklimaat-workshop.yaml").write_text(plan, encoding="utf-8")
    errors = [str(e) for e in check_library(tmp_path)]
    assert errors == [
        "plans/leerklimaat-workshop.yaml:15: cards[1]: "
        "the deck 'leerklimaat' has no card 'autonoom'"
    ]


def _minutes(card_ids: list[str], per_card: int | None) -> dict[str, int | None]:
    request = CreateRoom.model_validate(
        {
            "command_id": "c" * 16,
            "board_id": "schaal-5",
            "card_ids": card_ids,
            "options": {"minutes_per_card": per_card},
        }
    )
    return {card.id: card.minutes for card in resolve(load_library(), request)[1]}


def test_the_rooms_minutes_per_card_replace_the_decks_but_not_a_cards_own() -> None:
    """A plan's (or the form's) minutes per card beat the deck's default minutes; a card's
    own minutes stay (docs/content.md says why)."""
    cards = ["leerlandschap/talenten", "leervoorwaarden/budget", "leervoorwaarden/leerroute"]
    assert _minutes(cards, None) == {
        "leerlandschap/talenten": 3,  # the deck's default
        "leervoorwaarden/budget": 6,  # the card's own
        "leervoorwaarden/leerroute": 6,
    }
    assert _minutes(cards, 2) == {
        "leerlandschap/talenten": 2,
        "leervoorwaarden/budget": 6,
        "leervoorwaarden/leerroute": 6,
    }


def test_each_seed_plan_takes_the_time_its_seed_gives() -> None:
    """Planned minutes as the room times them: opening, each card, closing."""
    library = load_library()

    def total(plan_id: str) -> int:
        plan = library.plans[plan_id]
        deck = library.decks[plan.deck]
        cards = [deck.card(c) for c in plan.cards or [c.id for c in deck.cards]]
        minutes = sum(c.minutes or plan.minutes or deck.minutes or 5 for c in cards)
        return sum(s.minutes for s in (*plan.opening, *plan.closing)) + minutes

    # Seed 000 times each step: 3, four scenarios of 6-7 (the deck's cards' own), 7 and 2.
    assert total("quickscan-leervoorwaarden") == 3 + 6 + 7 + 7 + 6 + 7 + 2
    # Seed 001: 15-20 minutes, the five statements 7-8 of them: the plan's 2 a card.
    assert total("leerlandschap") == 5 * 2 + 4 + 5
