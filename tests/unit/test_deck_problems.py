"""Deck problems are codes with parameters (content/problems.py): every place a deck can go
wrong gives a listed code, and each code has its English words for check-content."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from game_server.content.deck_files import MAX_ROWS, Problem, check_deck, read_upload
from game_server.content.problems import ENGLISH, PROBLEM_CODES, english

BOARDS = {"schaal-5"}


def deck(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "ons-team",
        "name": {"nl": "Ons team", "en": "Our team"},
        "description": {"nl": "Eigen.", "en": "Own."},
        "source": "Workshop",
        "cards": [
            {"id": "s1", "kind": "statement", "text": {"nl": "Wij leren.", "en": "We learn."}}
        ],
    }
    data.update(extra)
    return data


def card(**fields: Any) -> dict[str, Any]:
    return {"id": "s1", "kind": "statement", "text": {"nl": "a", "en": "b"}, **fields}


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def xlsx(*rows: list[Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_every_code_has_english_words_and_no_other_code_exists() -> None:
    assert set(ENGLISH) == set(PROBLEM_CODES)
    for code in PROBLEM_CODES:
        text = english(code, {"max": 1, "min": 1, "kb": 1, "mb": 1, "id": "a", "first": 0})
        assert text and not re.search(r"\{\w+\}", text), code


def test_a_deck_sent_as_data_names_each_mistake_by_code() -> None:
    def check(data: Any) -> list[str]:
        return codes(check_deck(data, BOARDS)[1])

    assert check([]) == ["not_a_deck"]
    assert check(deck(board="schaal-9")) == ["no_board"]
    assert check(deck(id="Ons Team")) == ["bad_id"]
    assert check(deck(source="")) == ["empty"]
    assert check(deck(colour="red")) == ["unknown_key"]
    assert check(deck(cards=[])) == ["too_few"]
    assert check(deck(cards="s1")) == ["not_list"]
    assert check(deck(name="Ons team")) == ["not_group"]
    assert check(deck(minutes="vijf")) == ["not_whole_number"]
    assert check(deck(minutes=0)) == ["too_small"]
    assert check(deck(minutes=61)) == ["too_large"]
    assert check(deck(source=5)) == ["not_text"]
    assert check(deck(source="a\x07b")) == ["text_control"]
    assert check(deck(source="a\ufffeb")) == ["text_character"]
    assert check(deck(cards=[card(kind="stelling")])) == ["not_one_of"]
    assert check(deck(cards=[card(text={"nl": "x" * 601, "en": "b"})])) == ["too_long"]
    assert check(deck(cards=[card(), card()])) == ["duplicate_card_id"]
    assert check(deck(cards=[{"kind": "statement", "text": {"nl": "a"}}])) == ["missing"]
    problem = check_deck(deck(cards=[card(kind="stelling")]), BOARDS)[1][0]
    assert problem.params == {"allowed": ["statement", "scenario", "case"], "found": "stelling"}
    assert (problem.field, problem.card) == ("cards[0].kind", 0)


def test_a_yaml_file_names_each_mistake_by_code_and_line() -> None:
    def read(text: bytes) -> list[tuple[str, int | None]]:
        return [(p.code, p.line) for p in read_upload(text, "deck.yaml", BOARDS)[1]]

    assert read(b"") == [("file_empty", 1)]
    assert read(b"\xff\xfe id: a") == [("not_utf8", 1)]
    assert read(b"- a\n- b\n") == [("not_a_map", 1)]
    assert read(b"id: a\n\tname: b\n") == [("yaml_tabs", 2)]
    assert read(b"id: a\nsource: Vraag: wat nu?\n") == [("yaml_colon", 2)]
    assert read(b'id: a\nsource: "open\n') == [("yaml_quote", 3)]
    assert read(b"id: a\nid: b\n")[0][0] == "yaml_duplicate_key"
    assert read(b"id: a\n  name: b\nsource: c\n  - d\n")[0][0] in {"yaml_indent", "yaml_colon"}
    assert read(b"id: [a\n")[0][0] in {"yaml_syntax", "yaml_indent"}
    duplicate = read_upload(b"id: a\nid: b\n", "deck.yaml", BOARDS)[1][0]
    assert duplicate.params == {"key": "id"}
    board = read_upload(b"id: a\nboard: schaal-9\n", "deck.yaml", BOARDS)[1]
    assert [p.code for p in board if p.field == "board"] == ["no_board"]
    assert [p.params for p in board if p.field == "board"] == [
        {"board": "schaal-9", "available": ["schaal-5"]}
    ]


def test_an_upload_and_a_table_name_each_mistake_by_code() -> None:
    def read(raw: bytes, name: str) -> list[str]:
        return codes(read_upload(raw, name, BOARDS)[1])

    assert read(b"x" * (1024 * 1024 + 1), "a.yaml") == ["file_too_big"]
    assert read(b"x", "a.docx") == ["unknown_file_kind"]
    assert read(b"PK nonsense", "a.xlsx") == ["not_xlsx"]
    assert read(b"", "a.csv") == ["no_rows"]
    assert read(b"kind;colour\nstatement;red\n", "a.csv") == [
        "unknown_column",
        "text_column_needed",
    ]
    many = "text_nl\n" + "".join(f"kaart {n}\n" for n in range(MAX_ROWS + 1))
    assert read(many.encode(), "a.csv") == ["too_many_rows"]
    assert read(xlsx(["text_nl", "minutes"], ["Goed", "veel"]), "a.xlsx") == ["not_whole_number"]
    assert read(xlsx(["text_nl", "kind"], ["Goed", "vraag"]), "a.xlsx") == ["not_one_of"]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x", b"\0" * (11 * 1024 * 1024))
    assert read(bomb.getvalue(), "a.xlsx") == ["unpacks_too_big"]
    problem = read_upload(xlsx(["text_nl", "minutes"], ["Goed", 99]), "a.xlsx", BOARDS)[1][0]
    assert (problem.row, problem.column, problem.params) == (2, "minutes", {"max": 60, "found": 99})


def test_protocol_md_lists_every_code() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text("utf-8")
    section = text[text.index("### Deck files") : text.index("## 2. Identity")]
    listed = set(re.findall(r"`([a-z_0-9]+)`", section.split("The codes")[1]))
    assert listed == set(PROBLEM_CODES)
