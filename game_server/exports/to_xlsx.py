"""The whole game as an Excel workbook (openpyxl).

Sheets: an overview, the post-its, the placements (per player per card), the figures per
card, the piles and the action points. Every sheet has a frozen, bold header row and set
column widths; times are real date cells in Europe/Amsterdam local time. Text cells are
always stored as text, so a post-it such as ``=HYPERLINK(...)`` is shown, never evaluated.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..rules.model import ROUNDS
from ..rules.workshop.consensus import apart
from .labels import Labels, card_name, local_time
from .plenary_part import plenary_part
from .record import Record, cards_by_id, participants, post_its_by_id
from .to_csv import POST_IT_COLUMNS, plenary_of, post_it_marks

DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

Cell = str | int | float | bool | datetime | None


def _when(ms: int | None) -> datetime | None:
    return local_time(ms) if ms is not None else None


def _sheet(
    wb: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    *,
    first: bool = False,
) -> Worksheet:
    ws: Worksheet = wb.active if first else wb.create_sheet()
    ws.title = title
    for col, name in enumerate(header, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
                cell.alignment = WRAP
            elif isinstance(value, datetime):
                cell.number_format = DATE_FORMAT
                cell.alignment = TOP
            else:
                cell.alignment = TOP
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return ws


def _overview(wb: Workbook, record: Record, labels: Labels) -> None:
    room = record["room"]
    played = [c for c in record["cards"] if c["played"]]
    rows: list[list[Cell]] = [
        [labels["app"], record["title"]],
        [labels["Room"], room["code"]],
        [labels["date"], _when(room["created_at"])],
        [labels["board"], labels.text(record["board"]["spec"].get("name"))],
        [labels["decks"], ", ".join(labels.text(d["name"]) for d in record["decks"])],
        [labels["participants"], len(participants(record))],
        [labels["cards_played"], len(played)],
        [labels["post_its"], len(record["post_its"])],
        [labels["action_points"], len(record["action_points"])],
        [labels["phase"], labels.phase(record["phase"])],
        [labels["exported"], _when(room["exported_at"])],
    ]
    if room["imported_from"]:
        rows.append([labels["continued_from"], room["imported_from"]["code"]])
    _sheet(
        wb, labels["overview_sheet"], [labels["item"], labels["value"]], rows, [24, 60], first=True
    )


def _post_its(wb: Workbook, record: Record, labels: Labels) -> None:
    cards = cards_by_id(record)
    rows: list[list[Cell]] = []
    clusters, dots = plenary_of(record)
    for p in record["post_its"]:
        card = cards[p["card_id"]]
        colour, author, resolved = post_it_marks(p, labels)
        rows.append(
            [
                record["room"]["code"],
                card["number"],
                card_name(labels, card),
                colour,
                p["text"],
                author,
                labels.pile(p["pile"]),
                resolved,
                _when(p["created_at"]),
                _when(p["edited_at"] or p["created_at"]),
                clusters.get(p["id"], ""),
                dots.get(p["id"]),
                p.get("table_name") or "",
                labels["kind_card" if p.get("pile_card") else "kind_post_it"],
            ]
        )
    header = [labels[k] for k in POST_IT_COLUMNS]
    widths = [9, 5, 30, 8, 60, 18, 8, 9, 20, 20, 30, 8, 18, 9]
    _sheet(wb, labels["post_its_sheet"], header, rows, widths)


def _plenary(wb: Workbook, record: Record, labels: Labels) -> None:
    """The plenary as the report has it: per heading its items in order, with votes."""
    part = plenary_part(record, labels)
    rows: list[list[Cell]] = []
    for key, lines in (
        ("plenary_develop", part.develop),
        ("plenary_present", part.present),
        ("plenary_questions", part.questions),
    ):
        for n, line in enumerate(lines, start=1):
            rows.append(
                [
                    labels[key],
                    n,
                    line.text,
                    line.detail,
                    line.dots,
                    "\n".join(line.members),
                    ", ".join(line.tables),
                ]
            )
    header = [
        labels["heading"],
        labels["number"],
        labels["text"],
        labels["kind"],
        labels["dots"],
        labels["post_its_sheet"],
        labels["table"],
    ]
    _sheet(wb, labels["plenary_sheet"], header, rows, [36, 5, 50, 30, 8, 60, 24])


def _consensus(wb: Workbook, record: Record, labels: Labels) -> None:
    """A workshop's plenary room: per statement and table its figures (numbers, so they
    can be charted), and all tables together."""
    picture = record.get("consensus")
    if not picture:
        return
    cards = cards_by_id(record)
    names = {t["id"]: t["name"] for t in picture["tables"]}
    rows: list[list[Cell]] = []

    def numbers(value: dict[str, Any] | None) -> list[Cell]:
        if not value or not value.get("count"):
            return [0, None, None]
        mean = value["mean"]
        shown = mean if not isinstance(mean, dict) else f"x {mean['x']}, y {mean['y']}"
        return [value["count"], shown, value["spread"]]

    for entry in picture["cards"]:
        card = cards.get(entry["card_id"])
        name = card_name(labels, card) if card else entry["card_id"]
        number = card["number"] if card else None
        verdict = labels[f"consensus_{entry['verdict']}"].split(":")[0]
        kind = record["board"]["kind"]
        said = labels.apart(kind, apart(kind, entry))
        per = [(names.get(t, t), f) for t, f in entry["tables"].items()]
        for table, figures in [*per, (labels["together"], entry["together"])]:
            rows.append(
                [
                    number,
                    name,
                    verdict,
                    entry.get("between"),
                    table,
                    *numbers(figures.get("first")),
                    *numbers(figures.get("second")),
                    said,
                ]
            )
    word = {r: labels[f"round_{r}"] for r in ("first", "second")}
    header = [
        labels["number"],
        labels["card"],
        labels["consensus"],
        labels["consensus_between"],
        labels["table"],
    ]
    for r in ("first", "second"):
        header += [f"{word[r]}: {labels[k]}" for k in ("count", "mean", "spread")]
    # Last, so the columns before it keep their places for a sheet that reads them.
    header.append(labels["apart_words"])
    widths = [5, 34, 22, 12, 20, 10, 10, 10, 10, 10, 10, 40]
    _sheet(wb, labels["consensus_sheet"], header, rows, widths)


def _placements(wb: Workbook, record: Record, labels: Labels) -> None:
    quadrant = record["board"]["kind"] == "quadrant"
    rows: list[list[Cell]] = []
    for card in record["cards"]:
        first = {p["player_id"]: p for p in card["placements"]["first"]}
        second = {p["player_id"]: p for p in card["placements"]["second"]}
        shifts = card["figures"].get("shifts", {})
        for player_id in [*first, *(p for p in second if p not in first)]:
            placed = first.get(player_id) or second[player_id]
            a = first.get(player_id, {}).get("position")
            b = second.get(player_id, {}).get("position")
            row: list[Cell] = [card["number"], card_name(labels, card), placed["player"]]
            if quadrant:
                shift = shifts.get(player_id)
                row += [
                    a["x"] if a else None,
                    a["y"] if a else None,
                    b["x"] if b else None,
                    b["y"] if b else None,
                    shift["length"] if shift else None,
                ]
            else:
                row += [
                    a["square"] if a else None,
                    b["square"] if b else None,
                    b["square"] - a["square"] if a and b else None,
                ]
            rows.append(row)
    base = [labels["number"], labels["card"], labels["player"]]
    if quadrant:
        header = [
            *base,
            f"{labels['now']} {labels['x']}",
            f"{labels['now']} {labels['y']}",
            f"{labels['desired']} {labels['x']}",
            f"{labels['desired']} {labels['y']}",
            labels["shift"],
        ]
        widths = [5, 30, 20, 9, 9, 11, 11, 13]
    else:
        header = [*base, labels["first"], labels["second"], labels["shift"]]
        widths = [5, 30, 20, 9, 9, 13]
    _sheet(wb, labels["placements_sheet"], header, rows, widths)


def _round_cells(figures: dict[str, Any] | None, quadrant: bool, labels: Labels) -> list[Cell]:
    if figures is None:
        return [0, None, None, None, None] if quadrant else [0, None, None, None]
    mean = figures["mean"]
    means: list[Cell] = (
        [mean["x"] if mean else None, mean["y"] if mean else None] if quadrant else [mean]
    )
    return [figures["count"], *means, figures["spread"], labels.consensus(figures["consensus"])]


def _status(card: dict[str, Any], labels: Labels) -> str:
    if card["skipped"]:
        return labels["skipped"]
    return labels["yes"] if card["played"] else labels["not_played"]


def _cards(wb: Workbook, record: Record, labels: Labels) -> None:
    quadrant = record["board"]["kind"] == "quadrant"
    size = record["board"]["size"]
    rows: list[list[Cell]] = []
    for card in record["cards"]:
        figures = card["figures"]
        post_its = [p for p in record["post_its"] if p["card_id"] == card["id"]]
        row: list[Cell] = [
            card["number"],
            card_name(labels, card),
            labels[card["kind"]],
            _status(card, labels),
        ]
        for round_ in ROUNDS:
            row += _round_cells(figures[round_], quadrant, labels)
        row += [
            figures["shift"],
            labels.pile(figures["suggested_pile"]),
            labels.pile(card["pile"]),
            sum(1 for p in post_its if p["colour"] == "green"),
            sum(1 for p in post_its if p["colour"] == "pink"),
        ]
        if not quadrant:
            for round_ in ROUNDS:
                distribution = figures[round_]["distribution"]
                row += [distribution[str(s)] for s in range(1, size + 1)]
        rows.append(row)
    header = [labels["number"], labels["card"], labels["kind"], labels["played"]]
    widths = [5, 34, 10, 12]
    for round_ in ROUNDS:
        word = labels[round_]
        header.append(f"{word}: {labels['count']}")
        if quadrant:
            header += [f"{word}: {labels['mean']} x", f"{word}: {labels['mean']} y"]
        else:
            header.append(f"{word}: {labels['mean']}")
        header += [f"{word}: {labels['spread']}", f"{word}: {labels['consensus']}"]
        widths += [10] * (5 if quadrant else 4)
    header += [
        labels["mean_shift"] if quadrant else labels["shift"],
        labels["suggested_pile"],
        labels["final_pile"],
        f"{labels['post_its']} {labels['green']}",
        f"{labels['post_its']} {labels['pink']}",
    ]
    widths += [12, 12, 12, 10, 10]
    if not quadrant:
        for round_ in ROUNDS:
            header += [f"{labels[round_]}: {s}" for s in range(1, size + 1)]
            widths += [8] * size
    _sheet(wb, labels["cards_sheet"], header, rows, widths)


def _piles(wb: Workbook, record: Record, labels: Labels) -> None:
    cards = cards_by_id(record)
    post_its = post_its_by_id(record)
    rows: list[list[Cell]] = []
    for pile in ("green", "red"):
        section = record["summary"][f"{pile}_pile"]
        for card_id in section["cards"]:
            card = cards[card_id]
            rows.append(
                [
                    labels.pile(pile),
                    labels["kind_card"],
                    card["number"],
                    card_name(labels, card),
                    labels.text(card["text"]),
                    "",
                ]
            )
        for post_it_id in section["post_its"]:
            p = post_its[post_it_id]
            card = cards[p["card_id"]]
            rows.append(
                [
                    labels.pile(pile),
                    labels["kind_post_it"],
                    card["number"],
                    card_name(labels, card),
                    p["text"],
                    labels.colour(p["colour"]),
                ]
            )
    header = [
        labels["pile"],
        labels["kind"],
        labels["number"],
        labels["card"],
        labels["text"],
        labels["colour"],
    ]
    _sheet(wb, labels["piles_sheet"], header, rows, [8, 9, 5, 30, 60, 8])


def _action_points(wb: Workbook, record: Record, labels: Labels) -> None:
    cards = cards_by_id(record)
    rows: list[list[Cell]] = []
    for a in record["action_points"]:
        card = cards.get(a["card_id"]) if a["card_id"] else None
        rows.append(
            [
                a["what"],
                a["who"],
                a["first_step"],
                a["evaluate_when"],
                card_name(labels, card) if card else "",
                _when(a["created_at"]),
                _when(a["edited_at"] or a["created_at"]),
            ]
        )
    header = [
        labels[k]
        for k in ("what", "who", "first_step", "evaluate_when", "about_card", "created", "edited")
    ]
    _sheet(wb, labels["action_points_sheet"], header, rows, [40, 22, 36, 18, 28, 20, 20])


def to_xlsx(record: Record) -> bytes:
    labels = Labels(record["options"]["language"])
    wb = Workbook()
    _overview(wb, record, labels)
    _post_its(wb, record, labels)
    _placements(wb, record, labels)
    _cards(wb, record, labels)
    _piles(wb, record, labels)
    _plenary(wb, record, labels)
    _consensus(wb, record, labels)
    _action_points(wb, record, labels)
    wb.properties.title = f"{labels['app']}: {record['title']}"
    wb.properties.creator = "Leerklimaat online"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
