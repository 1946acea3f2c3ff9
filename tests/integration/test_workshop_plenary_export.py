"""The workshop's files after a real plenary over a real server: three tables play and
sort, the facilitator opens the plenary, merges the same question of three tables, the
participants vote, an action point is made; then the workshop's facilitator downloads the
report, the learning policy and the data, and each is opened with its reader and checked
against what was played (decisions first, each item once with its table, bookmarks)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import docx
import openpyxl
from pypdf import PdfReader

from game_server.exports.workshop_import import import_workshop
from game_server.rules import fold
from game_server.stores import SqliteStore
from tests.support.player import GameClient
from tests.support.server import ServerProcess
from tests.support.workshop import create_workshop, join_all

from .test_workshop_plenary import NAMES, TIME, TRUST, _all, _find, _play_and_sort, download

TABLES = ["Tafel 1", "Tafel 2", "Tafel 3"]
QUESTION = "Wie beslist over scholing?"
ACTION = {
    "what": "Leeruur <b>per week</b>",
    "who": "MT",
    "first_step": "Agenda vrijmaken",
    "evaluate_when": "Q3",
}


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_the_workshop_report_after_a_real_plenary(
    server: ServerProcess, tmp_path: Path
) -> None:
    url = server.url
    workshop = await create_workshop(url, tables={"count": 3}, steering="facilitator")
    await join_all(url, workshop, NAMES)
    clients: list[GameClient] = []
    try:
        await _play_and_sort(workshop)
        await workshop.do("open_plenary")
        await workshop.fac.wait_for(lambda v: v["plenary"] is not None)
        fac = await workshop.plenary_client(url)
        clients.append(fac)
        for person in workshop.people:
            await person.go_to_plenary()
        assert fac.view is not None
        times = [p["id"] for t in TIME for p in _find(fac.view, text=TIME[t])]
        for post_it_id in times:
            await fac.do("resolve_post_it", post_it_id=post_it_id)
        merged = await fac.do(
            "merge_items", items=[{"item": "post_it", "id": i} for i in times], name="Tijd"
        )
        cluster = merged["result"]["cluster_id"]
        await fac.do("open_voting", dots=1, several_per_item=False)
        for n, person in enumerate(workshop.people):
            await person.client.wait_for(lambda v: v["voting"] is not None)
            target = (
                ("cluster", cluster) if n < 9 else ("post_it", "t1-card-leerklimaat/veiligheid")
            )
            await person.client.do("place_dot", item=target[0], id=target[1])
        await fac.do("reveal_votes")
        await fac.do("add_action_point", **ACTION, item="cluster", item_id=cluster)
        await _all(workshop, lambda v: len(v["action_points"]) == 1)

        token = workshop.created["facilitator_token"]

        def fetch(fmt: str) -> bytes:
            return download(url, workshop.code, fmt, token)

        files = {
            fmt: await asyncio.to_thread(fetch, fmt)
            for fmt in ("pdf", "docx", "md", "policy", "json", "csv", "xlsx")
        }
    finally:
        for client in clients:
            await client.close()
        await workshop.close()

    # PDF: the plenary first, bookmarked with its headings, then the tables.
    pdf = PdfReader(io.BytesIO(files["pdf"]))
    tops = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert tops == ["Plenair", *TABLES]
    assert [c.title for c in pdf.outline[1]][:4] == [
        "Actiepunten",
        "Elementen die nog ontwikkeld dienen te worden",
        "Elementen die al aanwezig zijn",
        "Vragen die zijn blijven liggen",
    ]
    first_table = pdf.get_destination_page_number(pdf.outline[2])
    plenary = flat(" ".join(p.extract_text() for p in pdf.pages[:first_table]))
    check_plenary(plenary)

    # Word: the same order, the action point in its table.
    document = docx.Document(io.BytesIO(files["docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    cut = paragraphs.index("Per tafel")
    check_plenary(flat(f"{ACTION['what']} " + " ".join(paragraphs[:cut])))
    assert document.tables[1].rows[1].cells[0].text.startswith(ACTION["what"])

    md = files["md"].decode("utf-8")
    plenary_md, _tables = md.split("\n## Per tafel\n")
    assert "Leeruur \\<b\\>per week\\</b\\>" in plenary_md  # text, never markup
    assert plenary_md.count(QUESTION) == 3

    # The learning policy: the goal with its dots, the action with owner and first step.
    policy = docx.Document(io.BytesIO(files["policy"]))
    goals = [p.text for p in policy.paragraphs if p.style.name == "List Number"]
    assert goals[0].startswith("Tijd — 9 stippen (Cluster · 3 tafels · 3 post-its)")
    row = [c.text for c in policy.tables[0].rows[1].cells]
    assert row == [f"{ACTION['what']}\n(bij doel: Tijd)", "MT", "Agenda vrijmaken", "Q3"]

    # The data: the plenary's items with their tables, clusters and dots.
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    plenary_rows = [r for r in rows[1:] if r[0] == "Plenair"]
    assert {r[-2] for r in plenary_rows} == set(TABLES)
    assert {r[11] for r in plenary_rows if r[5] in TIME.values()} == {"Tijd"}
    workbook = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert workbook.sheetnames[0] == "Plenair Overzicht"
    assert "Plenair Consensus" in workbook.sheetnames

    # JSON: imported as a new workshop with its plenary, labels and votes as they were.
    record = json.loads(files["json"])
    assert {p["table_name"] for p in record["plenary"]["record"]["post_its"]} == set(TABLES)
    store = SqliteStore(tmp_path / "imported.sqlite3")
    await store.open()
    try:
        codes = iter(["NEWWS1", "NEWT01", "NEWT02", "NEWT03", "NEWPL1"])
        counter = iter(range(100))
        restored = await import_workshop(
            store,
            record,
            now=lambda: 1_700_000_000_000,
            new_code=lambda: next(codes),
            new_secret=lambda: "nieuw-geheim",
            new_id=lambda: f"imp{next(counter)}",
        )
        assert restored.plenary is not None and restored.phase == "plenary"
        room = fold(e for entry in await store.load(restored.plenary.code) for e in entry.events)
        assert room.voting is not None and room.voting.revealed
        assert {p.table_name for p in room.post_its.values()} == set(TABLES)
        assert room.consensus == record["plenary"]["record"]["consensus"]
    finally:
        await store.close()


def check_plenary(text: str) -> None:
    """Actions first, then what to develop by votes, present, open questions; the same
    question of three tables three times, each with its table; every table named."""
    order = [
        ACTION["what"],
        "Elementen die nog ontwikkeld dienen te worden",
        "Tijd",
        "9 stippen",
        "3 stippen",
        "Elementen die al aanwezig zijn",
        "Vragen die zijn blijven liggen",
    ]
    at = 0
    for part in order:
        at = text.index(part, at) + len(part)
    assert "3 tafels · 3 post-its" in text
    questions = text[text.index("Vragen die zijn blijven liggen") :]
    assert questions.count(QUESTION) == 3  # one per table, each once
    for table in TABLES:
        assert f"{table} · Kaart 1" in questions
    for trust in TRUST.values():
        assert text.count(trust) == 1
