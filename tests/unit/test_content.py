"""The shipped boards and decks, and the loader's error reports (file + line) on real files."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from game_server.content import (
    ContentError,
    Deck,
    DeckCard,
    LocalText,
    QuadrantBoard,
    ScaleBoard,
    check_library,
    content_root,
    load_library,
)

REPO = Path(__file__).resolve().parents[2]

# A valid deck; the tests break it in one place and check the reported line.
DECK = """\
# A small deck for the tests.
id: proef
name:
  nl: Proef
  en: Trial
description:
  nl: Een proefstapel.
  en: A trial deck.
source: tests
board: schaal-5
cards:
  - id: een
    kind: statement
    text:
      nl: Eerste kaart.
      en: First card.
  - id: twee
    kind: statement
    text:
      nl: Tweede kaart.
      en: Second card.
"""

QUADRANT = """\
id: vlak
kind: quadrant
name: {nl: Vlak, en: Plane}
x_axis:
  low: {nl: Links, en: Left}
  high: {nl: Rechts, en: Right}
y_axis:
  low: {nl: Onder, en: Bottom}
  high:
    nl: Boven
placements:
  first: {nl: Nu, en: Now}
  second: {nl: Straks, en: Later}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the shipped content to break."""
    for folder in ("boards", "cards"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def errors_of(root: Path) -> list[str]:
    return [str(e) for e in check_library(root)]


def only_error(root: Path) -> ContentError:
    errors = check_library(root)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def line_of(path: Path, prefix: str) -> int:
    """1-based number of the first line of ``path`` that starts with ``prefix``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"{prefix!r} not in {path}")


# --- the shipped content ---------------------------------------------------------------


def test_shipped_content_has_no_problems() -> None:
    assert [str(e) for e in check_library(REPO)] == []


def test_shipped_content_loads() -> None:
    library = load_library(REPO)
    assert set(library.boards) == {"schaal-5", "llo-kwadrant"}
    assert set(library.decks) == {
        "leerklimaat",
        "leerlandschap",
        "leervoorwaarden",
        "leercultuur-elementen",
        "leercultuur-ingredienten",
        "casuskaarten",
    }


def test_every_deck_board_exists() -> None:
    library = load_library(REPO)
    for deck in library.decks.values():
        assert deck.board in library.boards, deck.id


def test_shipped_boards() -> None:
    library = load_library(REPO)
    scale = library.boards["schaal-5"]
    assert isinstance(scale, ScaleBoard)
    assert len(scale.squares) == 5
    assert scale.squares[0].nl == "Niet aanwezig"
    assert scale.squares[-1].nl == "Volledig aanwezig"
    assert scale.placements.first.nl == "Eerste plaatsing"
    assert scale.placements.second.nl == "Herziene plaatsing"
    llo = library.boards["llo-kwadrant"]
    assert isinstance(llo, QuadrantBoard)
    assert (llo.x_axis.low.nl, llo.x_axis.high.nl) == ("Organisatie", "Persoon")
    assert (llo.y_axis.low.nl, llo.y_axis.high.nl) == ("Reactief", "Proactief")
    assert (llo.placements.first.nl, llo.placements.first.en) == (
        "Situatie nu",
        "Current situation",
    )
    assert (llo.placements.second.nl, llo.placements.second.en) == (
        "Gewenste situatie",
        "Desired situation",
    )


def test_shipped_decks_follow_the_brief() -> None:
    decks = load_library(REPO).decks
    assert 8 <= len(decks["leerklimaat"].cards) <= 10
    assert len(decks["leerlandschap"].cards) == 5
    assert len(decks["leercultuur-elementen"].cards) == 7
    assert decks["leercultuur-elementen"].board == "llo-kwadrant"
    scenarios = decks["leervoorwaarden"]
    assert len(scenarios.cards) == 4
    for card in scenarios.cards:
        assert card.kind == "scenario"
        assert card.minutes in (6, 7)
        assert card.text.nl.rstrip().endswith("?") or "?" in card.text.nl
    cases = decks["casuskaarten"]
    assert 3 <= len(cases.cards) <= 4
    assert all(card.kind == "case" for card in cases.cards)
    for deck_id in ("leerklimaat", "leerlandschap", "leercultuur-ingredienten"):
        assert decks[deck_id].board == "schaal-5"
        assert all(card.kind == "statement" for card in decks[deck_id].cards)


def test_shipped_texts_fit_on_a_beamer() -> None:
    for deck in load_library(REPO).decks.values():
        for card in deck.cards:
            assert card.title is not None, (deck.id, card.id)
            for lang in ("nl", "en"):
                assert len(card.title.get(lang)) <= 40, (deck.id, card.id, lang)
                assert len(card.text.get(lang)) <= 300, (deck.id, card.id, lang)


def test_shipped_files_start_with_a_comment() -> None:
    for path in [*REPO.glob("boards/*.yaml"), *REPO.glob("cards/*.yaml")]:
        assert path.read_text(encoding="utf-8").startswith("#"), path


# --- a valid extra file -----------------------------------------------------------------


def test_valid_extra_deck_loads(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK)
    deck = load_library(root).decks["proef"]
    assert [card.id for card in deck.cards] == ["een", "twee"]
    assert deck.cards[0].text == LocalText(nl="Eerste kaart.", en="First card.")


def test_dotfiles_are_skipped(root: Path) -> None:
    write(root, "cards/._proef.yaml", b"\x00\x05\x16\x07 mac resource fork")
    assert check_library(root) == []


# --- error kinds: file and line ---------------------------------------------------------


def test_yaml_syntax_error(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("nl: Tweede kaart.", "nl: Tweede: kaart."))
    error = only_error(root)
    assert (error.path, error.line) == (Path("cards/proef.yaml"), 20)
    assert str(error).startswith("cards/proef.yaml:20: YAML syntax error")
    assert "double quotes" in str(error)


def test_tab_indentation(root: Path) -> None:
    write(
        root, "cards/proef.yaml", DECK.replace("  nl: Een proefstapel.", "\tnl: Een proefstapel.")
    )
    error = only_error(root)
    assert str(error).startswith("cards/proef.yaml:7: ")
    assert "tabs" in error.detail


def test_duplicate_yaml_key(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("  en: Trial\n", "  en: Trial\n  nl: Weer\n"))
    error = only_error(root)
    assert str(error).startswith("cards/proef.yaml:6: a key appears twice")


def test_missing_top_level_field(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("source: tests\n", ""))
    assert str(only_error(root)) == (
        "cards/proef.yaml:2: source: field required (this key is missing)"
    )


def test_missing_nested_field(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("      en: Second card.\n", ""))
    assert str(only_error(root)) == (
        "cards/proef.yaml:19: cards[1].text.en: field required (this key is missing)"
    )


def test_missing_field_of_a_card(root: Path) -> None:
    text = DECK.replace("  - id: twee\n    kind: statement\n", "  - id: twee\n")
    write(root, "cards/proef.yaml", text)
    assert str(only_error(root)) == (
        "cards/proef.yaml:17: cards[1].kind: field required (this key is missing)"
    )


def test_wrong_type_scalar(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("en: First card.", "en: 42"))
    assert str(only_error(root)) == (
        "cards/proef.yaml:16: cards[0].text.en: should be text; put it between double quotes"
    )


def test_wrong_type_text_instead_of_translations(root: Path) -> None:
    write(
        root, "cards/proef.yaml", DECK.replace("name:\n  nl: Proef\n  en: Trial\n", "name: Proef\n")
    )
    error = only_error(root)
    assert str(error).startswith("cards/proef.yaml:3: name: should be a group of keys (nl, en)")


def test_wrong_type_minutes(root: Path) -> None:
    write(
        root,
        "cards/proef.yaml",
        DECK.replace("board: schaal-5\n", "board: schaal-5\nminutes: veel\n"),
    )
    assert str(only_error(root)) == (
        "cards/proef.yaml:11: minutes: should be a whole number (found 'veel')"
    )


def test_bad_value_kind(root: Path) -> None:
    write(
        root, "cards/proef.yaml", DECK.replace("    kind: statement\n", "    kind: stelling\n", 1)
    )
    assert str(only_error(root)) == (
        "cards/proef.yaml:13: cards[0].kind: should be 'statement', 'scenario' or 'case'"
        " (found 'stelling')"
    )


def test_bad_value_minutes_out_of_range(root: Path) -> None:
    text = DECK.replace("      en: Second card.\n", "      en: Second card.\n    minutes: 90\n")
    write(root, "cards/proef.yaml", text)
    assert str(only_error(root)) == (
        "cards/proef.yaml:22: cards[1].minutes: should be at most 60 (found 90)"
    )


def test_bad_value_empty_text(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("nl: Eerste kaart.", 'nl: "   "'))
    assert str(only_error(root)) == "cards/proef.yaml:15: cards[0].text.nl: must not be empty"


def test_bad_value_too_long_in_a_block_scalar(root: Path) -> None:
    long_text = "      nl: >-\n" + "        bla bla bla bla bla bla bla bla bla\n" * 20
    write(root, "cards/proef.yaml", DECK.replace("      nl: Tweede kaart.\n", long_text))
    error = only_error(root)
    assert str(error).startswith("cards/proef.yaml:20: cards[1].text.nl: too long: at most 600")


def test_bad_value_id_pattern(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("  - id: een", "  - id: Eerste kaart"))
    error = only_error(root)
    assert str(error).startswith("cards/proef.yaml:12: cards[0].id: not a valid id")


def test_unknown_key(root: Path) -> None:
    text = DECK.replace("    kind: statement\n", "    kind: statement\n    titel: Hallo\n", 1)
    write(root, "cards/proef.yaml", text)
    assert str(only_error(root)) == (
        "cards/proef.yaml:14: cards[0].titel: unknown key"
        " (allowed here: id, kind, title, text, minutes)"
    )


def test_unknown_key_with_block_value(root: Path) -> None:
    text = DECK.replace("source: tests\n", "source: tests\nextra:\n  - a\n")
    write(root, "cards/proef.yaml", text)
    error = only_error(root)
    assert str(error).startswith("cards/proef.yaml:10: extra: unknown key")


def test_duplicate_card_id(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("  - id: twee", "  - id: een"))
    assert str(only_error(root)) == (
        "cards/proef.yaml:17: cards[1].id: card id 'een' is used twice in this deck"
        " (first at cards[0])"
    )


def test_deck_board_must_exist(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("board: schaal-5", "board: schaal-7"))
    assert str(only_error(root)) == (
        "cards/proef.yaml:10: board: there is no board 'schaal-7'"
        " (available: llo-kwadrant, schaal-5)"
    )


def test_deck_board_of_a_broken_board_file_is_not_reported_twice(root: Path) -> None:
    write(root, "boards/schaal-5.yaml", "id: schaal-5\nkind: scale\n")
    assert {e.path for e in check_library(root)} == {Path("boards/schaal-5.yaml")}


def test_file_id_must_match_file_name(root: Path) -> None:
    write(root, "cards/anders.yaml", DECK)
    assert str(only_error(root)) == (
        "cards/anders.yaml:2: id: 'proef' must be the same as the file name 'anders'"
        " (change the id or rename the file)"
    )


def test_file_name_that_is_not_an_id(root: Path) -> None:
    write(root, "cards/Mijn stapel.yaml", DECK)
    error = only_error(root)
    assert str(error).startswith("cards/Mijn stapel.yaml:2: id: 'proef' must be the same")
    assert "file names follow the id rules" in error.detail


def test_duplicate_deck_id(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK)
    write(root, "cards/proef-kopie.yaml", DECK)
    assert errors_of(root) == [
        "cards/proef-kopie.yaml:2: id: 'proef' must be the same as the file name 'proef-kopie'"
        " (change the id or rename the file)",
        "cards/proef-kopie.yaml:2: id: 'proef' is already used by cards/proef.yaml",
    ]


def test_duplicate_board_id(root: Path) -> None:
    copy = root / "boards/schaal-5-kopie.yaml"
    shutil.copy(root / "boards/schaal-5.yaml", copy)
    line = line_of(copy, "id:")
    assert f"boards/schaal-5-kopie.yaml:{line}: id: 'schaal-5' is already used by" in " ".join(
        errors_of(root)
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(root: Path, text: str) -> None:
    write(root, "cards/leeg.yaml", text)
    assert str(only_error(root)) == "cards/leeg.yaml:1: the file is empty"


def test_file_that_is_a_list(root: Path) -> None:
    write(root, "cards/lijst.yaml", "# Not a deck.\n- een\n- twee\n")
    error = only_error(root)
    assert str(error).startswith("cards/lijst.yaml:2: expected keys such as 'id:'")


def test_file_not_utf8(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("Trial", "Tri\xe9l").encode("latin-1"))
    assert str(only_error(root)) == (
        "cards/proef.yaml:5: the file is not UTF-8 text; save it with UTF-8 encoding"
    )


def test_utf8_bom_is_accepted(root: Path) -> None:
    write(root, "cards/proef.yaml", b"\xef\xbb\xbf" + DECK.encode("utf-8"))
    assert check_library(root) == []


# --- board files ------------------------------------------------------------------------


def test_quadrant_board_loads(root: Path) -> None:
    write(
        root,
        "boards/vlak.yaml",
        QUADRANT.replace("    nl: Boven\n", "    nl: Boven\n    en: Top\n"),
    )
    board = load_library(root).boards["vlak"]
    assert isinstance(board, QuadrantBoard)
    assert board.y_axis.high.en == "Top"


def test_board_missing_nested_field(root: Path) -> None:
    write(root, "boards/vlak.yaml", QUADRANT)
    assert str(only_error(root)) == (
        "boards/vlak.yaml:9: y_axis.high.en: field required (this key is missing)"
    )


def test_board_unknown_kind(root: Path) -> None:
    write(root, "boards/vlak.yaml", QUADRANT.replace("kind: quadrant", "kind: kwadrant"))
    assert str(only_error(root)) == (
        "boards/vlak.yaml:2: kind: should be one of 'scale', 'quadrant', found 'kwadrant'"
    )


def test_board_missing_kind(root: Path) -> None:
    write(root, "boards/vlak.yaml", QUADRANT.replace("kind: quadrant\n", ""))
    error = only_error(root)
    assert str(error).startswith("boards/vlak.yaml:1: kind: field required")


def test_board_unknown_key(root: Path) -> None:
    write(root, "boards/vlak.yaml", QUADRANT.replace("x_axis:", "squares: []\nx_axis:"))
    errors = errors_of(root)
    assert (
        "boards/vlak.yaml:4: squares: unknown key (allowed here: id, kind, name, x_axis,"
        " y_axis, placements)" in errors
    )


def test_scale_board_needs_two_squares(root: Path) -> None:
    write(
        root,
        "boards/rij.yaml",
        """\
        id: rij
        kind: scale
        name: {nl: Rij, en: Row}
        squares:
          - {nl: Een, en: One}
        placements:
          first: {nl: Eerst, en: First}
          second: {nl: Daarna, en: Then}
        """,
    )
    assert str(only_error(root)) == "boards/rij.yaml:4: squares: needs at least 2 item(s)"


# --- many problems at once, missing folders ---------------------------------------------


def test_check_library_collects_errors_from_several_files(root: Path) -> None:
    write(root, "cards/proef.yaml", DECK.replace("source: tests\n", "").replace("een", "Een"))
    write(root, "cards/leeg.yaml", "")
    write(root, "boards/vlak.yaml", QUADRANT)
    errors = check_library(root)
    assert [str(e) for e in errors] == [
        "boards/vlak.yaml:9: y_axis.high.en: field required (this key is missing)",
        "cards/leeg.yaml:1: the file is empty",
        "cards/proef.yaml:2: source: field required (this key is missing)",
        "cards/proef.yaml:11: cards[0].id: not a valid id (found 'Een'): use only lowercase"
        " letters (a-z), digits and '-', starting with a letter or digit, at most 40 characters",
    ]
    with pytest.raises(ContentError) as raised:
        load_library(root)
    assert str(raised.value) == str(errors[0])
    assert "... and 3 more problem(s):" in raised.value.__notes__
    assert str(errors[-1]) in raised.value.__notes__


def test_missing_folders(tmp_path: Path) -> None:
    errors = check_library(tmp_path)
    assert [(e.path, e.line) for e in errors] == [(Path("boards"), None), (Path("cards"), None)]
    assert str(errors[0]) == f"boards: folder not found (looked in {tmp_path})"


def test_empty_folder(root: Path) -> None:
    for path in (root / "cards").glob("*.yaml"):
        path.unlink()
    assert errors_of(root) == ["cards: no .yaml files in this folder"]


def test_content_error_str() -> None:
    assert str(ContentError(Path("cards/x.yaml"), 12, "oops")) == "cards/x.yaml:12: oops"
    assert str(ContentError(Path("cards/x.yaml"), None, "oops")) == "cards/x.yaml: oops"


# --- where the content comes from -------------------------------------------------------


def test_content_dir_env_var_is_honoured(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(root, "cards/proef.yaml", DECK)
    monkeypatch.setenv("LEERKLIMAAT_CONTENT_DIR", str(root))
    assert content_root() == root
    assert "proef" in load_library().decks
    write(root, "cards/leeg.yaml", "")
    assert [str(e) for e in check_library()] == ["cards/leeg.yaml:1: the file is empty"]


def test_content_root_defaults_to_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEERKLIMAAT_CONTENT_DIR", raising=False)
    assert content_root() == REPO


# --- the models themselves --------------------------------------------------------------


def test_local_text_is_stripped_and_required() -> None:
    assert LocalText(nl="  Hallo \n", en="Hello").nl == "Hallo"
    with pytest.raises(ValidationError):
        LocalText(nl="", en="Hello")
    with pytest.raises(ValidationError):
        LocalText(nl="x" * 601, en="Hello")


def test_models_are_frozen_and_strict_about_keys() -> None:
    text = LocalText(nl="Hallo", en="Hello")
    with pytest.raises(ValidationError):
        text.nl = "Dag"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        LocalText.model_validate({"nl": "a", "en": "b", "de": "c"})


def test_deck_helpers() -> None:
    text = LocalText(nl="Tekst", en="Text")
    deck = Deck(
        id="d",
        name=text,
        description=text,
        source="s",
        minutes=5,
        cards=[
            DeckCard(id="a", kind="statement", text=text),
            DeckCard(id="b", kind="scenario", text=text, minutes=7),
        ],
    )
    assert deck.card("b").kind == "scenario"
    assert [deck.minutes_for(card) for card in deck.cards] == [5, 7]
    with pytest.raises(KeyError):
        deck.card("c")
    with pytest.raises(ValidationError):
        Deck(id="d", name=text, description=text, source="s", cards=[])


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFDD0", "\\x7f", "\\x1b"])
def test_characters_no_export_can_carry_are_refused(root: Path, escape: str) -> None:
    """The text rule of every text field (rules/text.py), also in a deck file."""
    write(root, "cards/proef.yaml", DECK.replace("nl: Eerste kaart.", f'nl: "Eerste{escape}"'))
    error = str(only_error(root))
    assert error.startswith("cards/proef.yaml:15: cards[0].text.nl: contains "), error


@pytest.mark.parametrize("value", ["true", '"5"', "5.0"])
def test_minutes_must_be_a_whole_number_not_a_boolean_or_text(root: Path, value: str) -> None:
    write(
        root,
        "cards/proef.yaml",
        DECK.replace("board: schaal-5\n", f"board: schaal-5\nminutes: {value}\n"),
    )
    assert str(only_error(root)).startswith("cards/proef.yaml:11: minutes: ")
