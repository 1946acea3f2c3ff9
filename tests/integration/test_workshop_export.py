"""One file for a whole workshop, in every format, downloaded with the workshop's
facilitator token; and its JSON imported as a new workshop with its tables."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import zipfile
from pathlib import Path

from game_server.exports import FORMATS
from game_server.exports.workshop_import import import_workshop
from game_server.rules import fold, identify
from game_server.rules import workshop as ws
from game_server.stores import SqliteStore
from tests.exports.conftest import export_url, get
from tests.support.server import ServerProcess
from tests.support.workshop import create_workshop, join_all

TEXTS = {"Ann": "Durven <b>fouten</b> te maken", "Bas": "=SUM(A1) is geen formule"}


async def _played(server: ServerProcess):  # type: ignore[no-untyped-def]
    workshop = await create_workshop(server.url, tables={"count": 2}, steering="facilitator")
    await join_all(server.url, workshop, ["Ann", "Bas", "Cor", "Dee"])
    await workshop.do("rename_table", table_id="t2", name="De Boomgaard")
    await workshop.do("start_workshop")
    for name, text in TEXTS.items():
        person = workshop.person(name)
        await person.client.wait_for(lambda v: v["phase"] == "read")
        await person.client.do("add_post_it", colour="pink", text=text)
    return workshop


def _download(server: ServerProcess, code: str, token: str, fmt: str) -> bytes:
    reply = get(export_url(server, code, fmt), token)
    assert reply.status == 200, (fmt, reply.status, reply.body[:300])
    return reply.body


async def test_one_workshop_file_in_every_format(server: ServerProcess, tmp_path: Path) -> None:
    workshop = await _played(server)
    token = workshop.created["facilitator_token"]
    try:
        files = {
            fmt: await asyncio.to_thread(_download, server, workshop.code, token, fmt)
            for fmt in FORMATS
        }
        record = json.loads(files["json"])
        assert record["format"] == "leerklimaat-workshop"
        assert [t["name"] for t in record["tables"]] == ["Tafel 1", "De Boomgaard"]
        written = [p["text"] for t in record["tables"] for p in t["record"]["post_its"]]
        assert sorted(written) == sorted(TEXTS.values())
        assert "secret" not in json.dumps(record)

        md = files["md"].decode("utf-8")
        assert "Tafel 1" in md and "De Boomgaard" in md
        assert "Durven \\<b\\>fouten\\</b\\> te maken" in md  # text, never markup

        rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
        assert rows[0][0] == "Tafel"
        by_table = {row[0] for row in rows[1:]}
        assert by_table <= {"Tafel 1", "De Boomgaard"} and len(rows) == 3
        assert any(cell.startswith("'=SUM") for row in rows for cell in row)
        semi = files["csv-semicolon"].decode("utf-8-sig").splitlines()
        assert semi[0].startswith("Tafel;")

        with zipfile.ZipFile(io.BytesIO(files["xlsx"])) as xlsx:
            workbook = xlsx.read("xl/workbook.xml").decode("utf-8")
        assert "t1 " in workbook and "t2 " in workbook

        with zipfile.ZipFile(io.BytesIO(files["docx"])) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        assert "Tafel 1" in body and "De Boomgaard" in body
        assert "Durven &lt;b&gt;fouten&lt;/b&gt; te maken" in body

        from pypdf import PdfReader

        pdf = PdfReader(io.BytesIO(files["pdf"]))
        tops = [item.title for item in pdf.outline if not isinstance(item, list)]
        assert tops == ["Tafel 1", "De Boomgaard"]  # each with its report's chapters below

        # The participant's and the projector's tokens download nothing.
        ann = workshop.person("Ann")
        for other in (ann.workshop_token, workshop.created["projector_token"]):
            reply = get(export_url(server, workshop.code, "json"), other)
            assert reply.status == 403

        # Imported: a new workshop, its tables restored, every token working anew.
        store = SqliteStore(tmp_path / "imported.sqlite3")
        await store.open()
        try:
            codes = iter(["NEWWS1", "NEWT01", "NEWT02"])
            counter = iter(range(100))
            restored = await import_workshop(
                store,
                record,
                now=lambda: 1_700_000_000_000,
                new_code=lambda: next(codes),
                new_secret=lambda: "nieuw-geheim",
                new_id=lambda: f"imp{next(counter)}",
            )
            assert restored.code == "NEWWS1"
            assert [t.name for t in restored.tables.values()] == ["Tafel 1", "De Boomgaard"]
            assert sorted(p.name for p in restored.present()) == ["Ann", "Bas", "Cor", "Dee"]
            stored = ws.fold(e for entry in await store.load("NEWWS1") for e in entry.events)
            assert stored == restored
            for table in restored.tables.values():
                entries = await store.load(table.code)
                room = fold(e for entry in entries for e in entry.events)
                assert room.workshop == "NEWWS1" and room.table_name == table.name
                for p in restored.seated_at(table.id):
                    token = ws.table_player_token(restored, table.id, p.id)
                    assert identify(room, token) is not None
            texts = [
                e["text"]
                for t in restored.tables.values()
                for entry in await store.load(t.code)
                for e in entry.events
                if e["type"] == "post_it_added"
            ]
            assert sorted(texts) == sorted(TEXTS.values())
        finally:
            await store.close()
    finally:
        await workshop.close()


async def test_leerklimaat_export_and_import_a_workshop(
    server: ServerProcess, tmp_path: Path
) -> None:
    from tests.support.cli import leerklimaat

    workshop = await _played(server)
    token = workshop.created["facilitator_token"]
    downloaded = json.loads(
        await asyncio.to_thread(_download, server, workshop.code, token, "json")
    )
    await workshop.close()
    server.stop(timeout=3.0)
    out = tmp_path / "workshop.json"
    leerklimaat("export", workshop.code, "-f", "json", "-o", out, "--data-dir", server.data_dir)
    exported = json.loads(out.read_text(encoding="utf-8"))
    for record in (downloaded, exported):
        record["workshop"]["exported_at"] = 0
        for table in record["tables"]:
            table["record"]["room"]["exported_at"] = 0
    assert exported == downloaded
    pdf = tmp_path / "workshop.pdf"
    leerklimaat("export", workshop.code, "-f", "pdf", "-o", pdf, "--data-dir", server.data_dir)
    assert pdf.read_bytes().startswith(b"%PDF")
    result = leerklimaat("import", out, "--data-dir", tmp_path / "new")
    assert "Imported the workshop" in result.stdout and "with 2 tables" in result.stdout
    assert result.stdout.count(": w.") == 4  # a participant token for each of the four
