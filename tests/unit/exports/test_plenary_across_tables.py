"""The exports of a workshop's plenary: three tables played through the rules, their items
gathered into the plenary room, clustered, voted on and turned into actions
(``plenary_room.py``). Every format is rendered and opened with its reader (pypdf,
python-docx, openpyxl, markdown-it, csv, json) and checked against what was played:
the report opens with the decisions (actions first, then what to develop by votes),
each pink post-it appears once in the plenary part, every item carries its table, the
consensus picture is there, and typed text never becomes markup."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import openpyxl
from markdown_it import MarkdownIt
from pypdf import PdfReader

from game_server.exports import FORMATS, file_name, render
from game_server.exports.importer import import_events, parse_record
from game_server.exports.record import content_of, record_of
from game_server.exports.workshop_import import import_workshop
from game_server.rules import fold
from game_server.rules import workshop as ws
from game_server.stores import SqliteStore

from .plenary_room import PLAYED, TABLE_ACTION, TABLES, plenary_record, workshop_with_plenary

TABLE_NAMES = ["Tafel 1", "De Boomgaard", "Tafel 3"]
HEADINGS = [
    "Actiepunten",
    "Elementen die nog ontwikkeld dienen te worden",
    "Elementen die al aanwezig zijn",
    "Vragen die zijn blijven liggen",
    "Consensus en discussie tussen de tafels",
]


def flat(text: str) -> str:
    return " ".join(text.split())


def in_order(text: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} not after position {at}"
        at = found + len(part)


def check_plenary_part(text: str) -> None:
    """What the plenary part of any report must say, in order."""
    actions = PLAYED["actions"]
    in_order(text, [*actions, HEADINGS[1], "Tijd om te leren", "3 stippen"])
    develop = text[text.index(HEADINGS[1]) : text.index(HEADINGS[2])]
    # The items to develop, most dots first: the cluster, then the card as tables 3, 1 and
    # 2 put it on their red pile.
    in_order(develop, ["3 stippen", "2 stippen", "1 stip", "0 stippen"])
    cards = develop[develop.index("Kaart 1: Titel 0") :]
    in_order(cards, ["Tafel 3", "Tafel 1", "De Boomgaard"])
    assert "2 tafels · 2 post-its" in develop
    in_order(text, HEADINGS)
    for pink in PLAYED["pinks"]:
        assert text.count(flat(pink)) == 1, pink  # each open question once
    for name in TABLE_NAMES:
        assert name in text
    # Authors where the table was not anonymous; the anonymous table's question has none.
    assert "Wie betaalt de <b>opleiding</b>? — Anna" in text
    assert "budget per team? — " not in text


def test_every_format_renders_the_plenary_room_and_the_workshop() -> None:
    for record in (plenary_record(), workshop_with_plenary()):
        for name, fmt in FORMATS.items():
            data = render(record, name)
            magic = {"pdf": b"%PDF", "docx": b"PK", "xlsx": b"PK"}.get(fmt.extension)
            assert data and (magic is None or data.startswith(magic)), name
    assert file_name(workshop_with_plenary(), FORMATS["policy"]).endswith("-beleid.docx")


def test_workshop_pdf_opens_with_the_plenary_and_its_bookmarks(tmp_path: Path) -> None:
    data = render(workshop_with_plenary(), "pdf")
    reader = PdfReader(io.BytesIO(data))
    outline = reader.outline
    tops = [item.title for item in outline if not isinstance(item, list)]
    assert tops == ["Plenair", *TABLE_NAMES]
    children = outline[1]
    assert [c.title for c in children] == HEADINGS
    for table in range(3):
        children = [c.title for c in outline[3 + 2 * table]]
        own = ["Actiepunten"] if table == 0 else []  # table 1's own action point
        assert children == [*own, "Kaart 1: Titel 0", "Kaart 2: Titel 1"]
    first_table = reader.get_destination_page_number(outline[2])
    plenary = flat(" ".join(p.extract_text() for p in reader.pages[:first_table]))
    check_plenary_part(plenary)
    assert "Snel eens" in plenary and "Stof tot discussie" in plenary
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL" and root["/PageMode"] == "/UseOutlines"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata is not None and reader.metadata.title == "Leerklimaat: Teamdag"
    # The title page says what was gathered in the trainer's words, not "Onderdelen".
    cover = flat(reader.pages[0].extract_text())
    assert "Kaarten en post-its van de tafels" in cover and "Onderdelen" not in cover
    # The tables' detail comes after: each table's own post-its, under its title.
    rest = flat(" ".join(p.extract_text() for p in reader.pages[first_table:]))
    in_order(rest, ["Teamdag · Tafel 1", TABLE_ACTION, "Teamdag · De Boomgaard"])
    assert TABLE_ACTION not in plenary
    # The page with the decisions draws (looked at by eye when this test was written).
    pdf = tmp_path / "w.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    png = next(tmp_path.glob("p*.png")).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5_000


def test_workshop_docx_opens_with_the_plenary() -> None:
    document = docx.Document(io.BytesIO(render(workshop_with_plenary(), "docx")))
    paragraphs = list(document.paragraphs)
    cut = next(n for n, p in enumerate(paragraphs) if p.text == "Per tafel")
    assert paragraphs[cut].style.name == "Heading 1"
    actions = document.tables[1]  # after the title page's facts
    assert [c.text for c in actions.rows[0].cells] == [
        "Wat",
        "Wie is verantwoordelijk",
        "Eerste stap",
        "Evaluatie",
    ]
    assert [r.cells[0].text.split("\n")[0] for r in actions.rows[1:]] == PLAYED["actions"]
    text = flat(" ".join(p.text for p in paragraphs[:cut]))
    # Word keeps the action points in a table: the part must start with that heading.
    check_plenary_part("Een leeruur per week Budget per team <i>vastleggen</i> " + text)
    headings = [p.text for p in paragraphs[:cut] if p.style.name == "Heading 2"]
    assert headings == HEADINGS
    after = [p.text for p in paragraphs[cut:] if p.style.name == "Heading 2"]
    assert after == [f"Teamdag · {name}" for name in TABLE_NAMES]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(c.startswith(TABLE_ACTION) for c in cells)  # kept with its table
    assert TABLE_ACTION not in text


def test_workshop_markdown_opens_with_the_plenary_and_stays_text() -> None:
    md = render(workshop_with_plenary(), "md").decode("utf-8")
    plenary, tables = md.split("\n## Per tafel\n")
    html = MarkdownIt("commonmark").enable("table").render(plenary)
    shown = flat(re.sub(r"<[^>]+>", " ", html).replace("&lt;", "<").replace("&gt;", ">"))
    shown = shown.replace("&quot;", '"').replace("&amp;", "&")
    check_plenary_part(shown)
    assert "<b>" not in html and "<i>" not in html  # typed markup is text
    assert "&lt;b&gt;opleiding&lt;/b&gt;" in html
    assert "<em>Intervisie</em>" not in html and "*Intervisie* werkt goed" in shown
    assert "<h1>Mag leren" not in html  # a post-it starting with # is no heading
    in_order(tables, [f"### Teamdag · {name}" for name in TABLE_NAMES])
    in_order(tables, ["### Teamdag · Tafel 1", "#### Actiepunten", TABLE_ACTION, "Kaart 1"])
    assert TABLE_ACTION not in plenary


def test_sheets_carry_tables_clusters_votes_and_consensus() -> None:
    record = workshop_with_plenary()
    rows = list(csv.reader(io.StringIO(render(record, "csv").decode("utf-8-sig"))))
    header = rows[0]
    assert header[0] == "Tafel" and header[-2:] == ["tafel", "soort"]
    plenary = [r for r in rows[1:] if r[0] == "Plenair"]
    tables = [r for r in rows[1:] if r[0] != "Plenair"]
    assert {r[0] for r in tables} == set(TABLE_NAMES)
    assert {r[-2] for r in plenary} == set(TABLE_NAMES)  # each item's table
    clustered = [r for r in plenary if r[11] == "Tijd om te leren"]
    assert len(clustered) == 2 and {r[12] for r in clustered} == {"3"}
    assert {r[-2] for r in clustered} == {"Tafel 1", "De Boomgaard"}
    cards = [r for r in plenary if r[-1] == "kaart"]
    assert len(cards) == 6  # 2 cards on piles x 3 tables
    # A card is no post-it: no colour, no anonymous writer, no question resolved.
    assert {(r[4], r[6], r[8]) for r in cards} == {("", "", "")}
    assert all(not c.startswith("=") for r in rows for c in r)

    wb = openpyxl.load_workbook(io.BytesIO(render(record, "xlsx")))
    assert wb.sheetnames[:5] == [
        "Plenair Overzicht",
        "Plenair Post-its",
        "Plenair Plenair",
        "Plenair Consensus",
        "Plenair Actiepunten",
    ]
    items = list(wb["Plenair Plenair"].iter_rows(values_only=True))
    assert items[0][-1] == "tafel"
    assert items[1][2:5] == ("Tijd om te leren", "Cluster · 2 tafels · 2 post-its", 3)
    assert items[1][-1] == "Tafel 1, De Boomgaard"
    assert [r[4] for r in items[1:5]] == [3, 2, 1, 0]
    consensus = list(wb["Plenair Consensus"].iter_rows(values_only=True))[1:]
    assert {r[4] for r in consensus} == {*TABLE_NAMES, "Samen"}
    verdicts = {r[1]: r[2] for r in consensus}
    assert verdicts == {"Titel 0": "Stof tot discussie", "Titel 1": "Snel eens"}
    sheet_rows = list(wb["Plenair Post-its"].iter_rows(values_only=True))
    card_rows = [r for r in sheet_rows if r[-1] == "kaart"]
    assert len(card_rows) == 6 and {(r[3], r[5], r[7]) for r in card_rows} == {(None, None, None)}
    texts = [c.value for row in wb["Plenair Post-its"].iter_rows() for c in row]
    assert '=HYPERLINK("x") budget per team?' in texts  # stored as text, not a formula


def test_policy_has_goals_by_votes_and_actions() -> None:
    for record in (plenary_record(), workshop_with_plenary()):
        document = docx.Document(io.BytesIO(render(record, "policy")))
        paragraphs = document.paragraphs
        headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
        assert headings == [
            "1. Aanleiding",
            "2. Uitgangspunten: wat er al is",
            "3. Doelen: wat we ontwikkelen",
            "4. Acties",
            "5. Open vragen",
            "6. Draagvlak",
            "7. Evaluatie en borging",
        ]
        goals = [p.text for p in paragraphs if p.style.name == "List Number"]
        assert goals[0].startswith("Tijd om te leren — 3 stippen")
        # The same card voted on at two tables is one goal with its dots added up; what got
        # no dot is no goal but "also named".
        assert goals[1] == (
            "Kaart 1: Titel 0 — 3 stippen (Tafel 3, Tafel 1 · stelling op de stapel van de tafel)"
        )
        assert len(goals) == 2
        texts = [p.text for p in paragraphs]
        rest = texts.index("Ook genoemd, zonder stippen:")
        assert texts[rest + 1] == (
            "Kaart 1: Titel 0 — 0 stippen (De Boomgaard · stelling op de stapel van de tafel)"
        )
        present = [t for t in texts if t.startswith("Kaart 2: Titel 1")]
        assert present == [
            "Kaart 2: Titel 1 (Tafel 1, De Boomgaard, Tafel 3 · stelling op de stapel van de tafel)"
        ]
        actions = document.tables[0]
        assert [c.text for c in actions.rows[0].cells] == [
            "Actie",
            "Eigenaar",
            "Eerste stap",
            "Evaluatie",
        ]
        rows = [[c.text for c in r.cells] for r in actions.rows[1:]]
        assert rows[0] == [
            "Een leeruur per week\n(bij doel: Tijd om te leren)",
            "Teamleider",
            "Agenda vrijmaken",
            "Na de zomer",
        ]
        assert rows[1][0] == "Budget per team <i>vastleggen</i>"  # text, not markup
        questions = [p.text for p in paragraphs if p.style.name == "List Bullet"]
        for pink in PLAYED["pinks"]:
            assert sum(pink in q for q in questions) == 1
        assert any(q.startswith("Na de zomer: Een leeruur per week") for q in questions)


def test_a_plenary_room_exported_and_imported_is_the_same() -> None:
    exported = json.loads(json.dumps(plenary_record()))
    assert exported["format_version"] == 3
    gathered = [p for p in exported["post_its"] if p["table_id"]]
    assert len(gathered) == len(exported["post_its"]) == 14
    assert {p["table_name"] for p in gathered} == set(TABLE_NAMES)
    assert {p["author_name"] for p in gathered if p["table_name"] == "Tafel 3"} == {None}
    events = import_events(parse_record(exported), code="NEW123", secret="s", now=9_000_000)
    room = fold(events)
    assert room.consensus == exported["consensus"]
    again = json.loads(json.dumps(record_of(room, version=len(events), exported_at=1)))
    assert content_of(again) == content_of(exported)


def test_a_workshop_export_imports_with_its_plenary(tmp_path: Path) -> None:
    record = json.loads(render(workshop_with_plenary(), "json"))
    assert record["plenary"]["name"] == "Plenair"

    async def run() -> tuple[ws.Workshop, Any]:
        store = SqliteStore(tmp_path / "imported.sqlite3")
        await store.open()
        try:
            codes = iter(["NEWWS1", "NEWT01", "NEWT02", "NEWT03", "NEWPL1"])
            ids = iter(range(100))
            workshop = await import_workshop(
                store,
                record,
                now=lambda: 1_700_000_000_000,
                new_code=lambda: next(codes),
                new_secret=lambda: "nieuw-geheim",
                new_id=lambda: f"imp{next(ids)}",
            )
            assert workshop.plenary is not None
            entries = await store.load(workshop.plenary.code)
            return workshop, fold(e for entry in entries for e in entry.events)
        finally:
            await store.close()

    workshop, room = asyncio.run(run())
    assert workshop.phase == "plenary" and workshop.plenary is not None
    assert room.workshop == "NEWWS1" and room.table_name == "Plenair"
    restored = json.loads(json.dumps(record_of(room, version=1, exported_at=1)))
    assert content_of(restored) == content_of(record["plenary"]["record"])


def test_a_quadrant_plenary_in_english_renders_every_format() -> None:
    """On the quadrant board the consensus means are points (no chart: the reports give
    the figures); an English workshop gets English words throughout."""
    record = workshop_with_plenary("quadrant", "en")
    picture = record["plenary"]["record"]["consensus"]
    assert isinstance(picture["cards"][0]["together"]["second"]["mean"], dict)
    files = {name: render(record, name) for name in FORMATS}
    md = files["md"].decode("utf-8")
    plenary, _tables = md.split("\n## Table by table\n")
    assert "## Plenary: What the plenary decided" in plenary
    assert "### Agreement and discussion across the tables" in plenary
    assert re.search(r"\| Together \| x -?\d", plenary)  # a mean point, in words
    reader = PdfReader(io.BytesIO(files["pdf"]))
    tops = [item.title for item in reader.outline if not isinstance(item, list)]
    assert tops == ["Plenary", *TABLE_NAMES]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    policy = docx.Document(io.BytesIO(files["policy"]))
    headings = [p.text for p in policy.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == [
        "1. Background",
        "2. Starting points: what is already there",
        "3. Goals: what we develop",
        "4. Actions",
    ]
    wb = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert "Plenary Consensus" in wb.sheetnames


def test_a_workshop_without_its_plenary_gives_each_tables_items() -> None:
    """Before the plenary: the report is each table's whole report, the policy each
    table's items labelled with the table (no votes yet)."""
    record = workshop_with_plenary()
    record["plenary"] = None
    policy = docx.Document(io.BytesIO(render(record, "policy")))
    paragraphs = [p.text for p in policy.paragraphs]
    assert "Nog zonder prioriteit: er is (nog) niet gestemd." in paragraphs
    goals = [p.text for p in policy.paragraphs if p.style.name == "List Number"]
    assert {g.split(":")[0] for g in goals} == set(TABLE_NAMES)
    md = render(record, "md").decode("utf-8")
    assert "Per tafel" not in md and md.count("## Wat de plenaire terugkoppeling besloot") == 3
    reader = PdfReader(io.BytesIO(render(record, "pdf")))
    tops = [item.title for item in reader.outline if not isinstance(item, list)]
    assert tops == TABLE_NAMES


def _second_distribution(card: int, tables: list[Any]) -> str:
    """Pawns per square in the revised round, as played (``TABLES``), squares with none
    left out."""
    counts: dict[int, int] = {}
    for table in tables:
        for _first, second in table[4][card]:
            counts[second] = counts.get(second, 0) + 1
    return " · ".join(f"{square}: {n}" for square, n in sorted(counts.items()))


def test_the_consensus_tables_give_each_tables_distribution_and_all_together() -> None:
    record = workshop_with_plenary()
    expected = [(t[1], _second_distribution(0, [t])) for t in TABLES]
    expected.append(("Samen", _second_distribution(0, list(TABLES))))
    md = render(record, "md").decode("utf-8")
    plenary = md.split("\n## Per tafel\n")[0]
    assert "| Verdeling (herzien) |" in plenary
    for name, pawns in expected:
        assert re.search(rf"\| {re.escape(name)} \|[^\n]*\| {re.escape(pawns)} \|", plenary), name
    document = docx.Document(io.BytesIO(render(record, "docx")))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    for name, pawns in expected:
        assert [name, pawns] in [[r[0], r[-1]] for r in rows], name
    text = flat(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render(record, "pdf"))).pages)
    )
    for _name, pawns in expected:
        assert pawns in text
