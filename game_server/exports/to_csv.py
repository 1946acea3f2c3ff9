"""The post-its as CSV: one row per post-it, for Excel, LibreOffice or Google Sheets.

UTF-8 with a byte order mark (so Excel detects the encoding), in two variants: comma
separated, and semicolon separated for Excel with Dutch regional settings (where the comma
is the decimal separator). A cell that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, so a
post-it like ``=HYPERLINK(...)`` is shown as text and never runs.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .labels import Labels, card_name
from .record import Record, cards_by_id

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell value a spreadsheet shows as text, never evaluates."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


POST_IT_COLUMNS = (
    "room",
    "number",
    "card",
    "colour",
    "text",
    "author",
    "pile",
    "resolved",
    "created",
    "edited",
    "cluster",
    "dots",
    "table",
    "kind",
)
"""The post-it columns, in order, shared by the CSV files and the XLSX post-its sheet.
``cluster``: the cluster the post-it is in; ``dots``: the dots on it (or on its cluster)
once the votes are shown, else empty; ``table``: in a workshop's plenary room, the table
it was gathered from; ``kind``: post-it, or card (a statement a table put on a pile)."""


def plenary_of(record: Record) -> tuple[dict[str, str], dict[str, int]]:
    """Post-it id -> its cluster's name, and post-it id -> the dots its item got (shown
    votes only)."""
    names: dict[str, str] = {}
    of_cluster: dict[str, str] = {}
    for c in record.get("clusters") or []:
        for post_it_id in c["post_it_ids"]:
            names[post_it_id] = c["name"]
            of_cluster[post_it_id] = c["id"]
    dots: dict[str, int] = {}
    votes = {(v["item"], v["id"]): v["dots"] for v in record.get("votes") or []}
    for p in record["post_its"]:
        key = ("cluster", of_cluster[p["id"]]) if p["id"] in of_cluster else ("post_it", p["id"])
        if key in votes:
            dots[p["id"]] = votes[key]
    return names, dots


def post_it_marks(p: dict[str, Any], labels: Labels) -> tuple[str, str, str]:
    """Colour, author and resolved of a post-it row. A statement a table put on a pile (in
    a workshop's plenary) is a card, not a post-it: it has no colour, no writer to call
    anonymous and no question to resolve, so those cells stay empty."""
    if p.get("pile_card"):
        return "", "", ""
    return (
        labels.colour(p["colour"]),
        p["author"] or labels["anonymous"],
        labels["yes"] if p["resolved"] else labels["no"],
    )


def post_it_rows(record: Record) -> list[list[str]]:
    """The header and one row per post-it, as shown (before neutralising)."""
    labels = Labels(record["options"]["language"])
    cards = cards_by_id(record)
    header = [labels[k] for k in POST_IT_COLUMNS]
    rows = [header]
    clusters, dots = plenary_of(record)
    for p in record["post_its"]:
        card = cards[p["card_id"]]
        colour, author, resolved = post_it_marks(p, labels)
        rows.append(
            [
                record["room"]["code"],
                str(card["number"]),
                card_name(labels, card),
                colour,
                p["text"],
                author,
                labels.pile(p["pile"]),
                resolved,
                labels.date_time(p["created_at"]),
                labels.date_time(p["edited_at"] or p["created_at"]),
                clusters.get(p["id"], ""),
                str(dots[p["id"]]) if p["id"] in dots else "",
                p.get("table_name") or "",
                labels["kind_card" if p.get("pile_card") else "kind_post_it"],
            ]
        )
    return rows


def to_csv(record: Record, delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in post_it_rows(record):
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_csv_semicolon(record: Record) -> bytes:
    return to_csv(record, delimiter=";")
