"""A workshop speaks the language it was created in, and an unnamed session is named by
its date: a real server, a workshop of two tables played to the plenary by real clients,
then every export downloaded and read with its reader.

- Tables are "Table 1", "Table 2" in an English workshop and "Tafel 1", "Tafel 2" in a
  Dutch one: in the facilitator's and the projector's workshop view, in the plenary's
  item tags and in every export.
- A session created without a title is called "Learning climate workshop of 6 December
  2026" (Dutch: "Leerklimaat-workshop van 6 december 2026"), from the day it was made,
  never the board's name: in the views and in every export format."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from game_server.exports.labels import Labels
from tests.support.player import GameClient
from tests.support.server import ServerProcess
from tests.support.workshop import Workshop, create_workshop, join_all

from .test_workshop_plenary import download

BOARD_NAMES = ("Schaal van 1 tot 5", "Scale from 1 to 5")
FORMATS = ("pdf", "docx", "md", "policy", "json", "csv", "xlsx")


def flat(text: str) -> str:
    return " ".join(text.split())


def text_of(fmt: str, data: bytes) -> str:
    """An export's words on one line, as its reader gives them (with the PDF's bookmarks
    and the documents' own title)."""
    if fmt == "pdf":
        pdf = PdfReader(io.BytesIO(data))
        outline = [item.title for item in pdf.outline if not isinstance(item, list)]
        parts = [*(p.extract_text() for p in pdf.pages), *outline]
    elif fmt in ("docx", "policy"):
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        title = document.core_properties.title or ""
        parts = [*(p.text for p in document.paragraphs), *cells, title]
    elif fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        values = [
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        ]
        parts = [*book.sheetnames, *values, book.properties.title or ""]
    else:
        parts = [data.decode("utf-8-sig")]
    return flat(" ".join(parts))


async def _to_plenary(url: str, workshop: Workshop) -> GameClient:
    """One card at both tables, a pink post-it each, sorted; the plenary opened."""
    await workshop.do("start_workshop")
    await asyncio.gather(
        *(p.client.wait_for(lambda v: v["phase"] == "read") for p in workshop.people)
    )
    await workshop.do("step_all")
    for person in workshop.people:
        await person.client.wait_for(lambda v: v["phase"] == "place")
        await person.client.do("place_pawn", position={"square": 2})
    await workshop.do("step_all")
    for table_id in workshop.tables():
        first = workshop.at(table_id)[0]
        await first.client.wait_for(lambda v: v["phase"] == "discuss")
        await first.client.do("add_post_it", colour="pink", text=f"Open vraag {table_id}")
    await workshop.do("all_to_sort")
    await workshop.do("open_plenary")
    await workshop.fac.wait_for(lambda v: v["plenary"] is not None)
    return await workshop.plenary_client(url)


@pytest.mark.parametrize(
    ("language", "table_word"), [("en", "Table"), ("nl", "Tafel")], ids=["english", "dutch"]
)
async def test_a_workshop_names_its_tables_and_itself_in_its_language(
    server: ServerProcess, language: str, table_word: str
) -> None:
    url = server.url
    workshop = await create_workshop(
        url,
        tables={"count": 2},
        steering="facilitator",
        options={"hidden_placements": False, "language": language},
    )
    clients: list[GameClient] = []
    try:
        await join_all(url, workshop, ["Ann", "Bas", "Cor", "Dee"])
        names = [f"{table_word} 1", f"{table_word} 2"]
        assert workshop.fac.view is not None
        assert [t["name"] for t in workshop.tables().values()] == names
        title = workshop.fac.view["title"]
        assert title == Labels(language).untitled(workshop.fac.view["created_at"])
        assert title not in BOARD_NAMES

        projector = await GameClient.connected(url, name="projector")
        clients.append(projector)
        await projector.enter(workshop.code, workshop.created["projector_token"])
        assert projector.view is not None
        assert [t["name"] for t in projector.view["tables"].values()] == names
        assert projector.view["title"] == title

        plenary = await _to_plenary(url, workshop)
        clients.append(plenary)
        view = await plenary.wait_for(lambda v: len(v["post_its"]) >= 2)
        pinks = [p for p in view["post_its"].values() if p["text"].startswith("Open vraag")]
        assert sorted(p["table_name"] for p in pinks) == names

        token = workshop.created["facilitator_token"]
        files = {
            fmt: await asyncio.to_thread(download, url, workshop.code, fmt, token)
            for fmt in FORMATS
        }
    finally:
        for client in clients:
            await client.close()
        await workshop.close()

    for fmt, data in files.items():
        text = text_of(fmt, data)
        assert title in text or fmt == "csv", fmt  # the CSV is rows of post-its, no title
        for name in names:
            assert name in text, (fmt, name)
    record = json.loads(files["json"])
    assert record["workshop"]["title"] == title
    assert [t["name"] for t in record["tables"]] == names
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    assert rows[0][0] == table_word
    assert {r[0] for r in rows[1:]} >= set(names)


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_an_unnamed_room_is_named_by_its_day_in_every_export(
    server: ServerProcess, language: str
) -> None:
    fac = await GameClient.connected(server.url, name="facilitator")
    try:
        created = await fac.create_room(
            "schaal-5", ["leerklimaat/veiligheid"], options={"language": language}
        )
        assert fac.view is not None
        title = fac.view["title"]
        assert title == Labels(language).untitled(fac.view["created_at"])
        token = created["facilitator_token"]
        files = {
            fmt: await asyncio.to_thread(download, server.url, created["code"], fmt, token)
            for fmt in ("pdf", "docx", "md", "policy", "json", "xlsx")
        }
    finally:
        await fac.close()
    for fmt, data in files.items():
        assert title in text_of(fmt, data), fmt
    assert json.loads(files["json"])["title"] == title
