"""The printable report as a Word document (python-docx), for facilitators who want to edit
it before it goes into a policy document. Same content and order as the PDF: title page,
summary with action points, then per card its chart, figures and post-its.

Typed text is added as runs of text (python-docx escapes it for XML and turns newlines
into line breaks), so it can never become a field, a hyperlink or formatting.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from .charts import card_chart
from .figures_table import figures_table
from .labels import Labels, card_name
from .plenary_part import ConsensusPart, counted, item_text, plenary_part
from .record import (
    Record,
    cards_by_id,
    is_plenary_room,
    participants,
    post_its_by_id,
    post_its_of,
    reported_cards,
)

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x5C, 0x6B, 0x78)
GREEN = RGBColor(0x2E, 0x7D, 0x32)
PINK = RGBColor(0xC2, 0x18, 0x5B)
TABLE_STYLE = "Light List Accent 1"


class _Report:
    def __init__(self, record: Record) -> None:
        self.record = record
        self.labels = Labels(record["options"]["language"])
        self.cards = cards_by_id(record)
        self.post_its = post_its_by_id(record)
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(10.5)
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))

    def card_label(self, card: dict[str, Any]) -> str:
        return f"{self.labels['Card']} {card['number']}: {card_name(self.labels, card)}"

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        table: Table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles[TABLE_STYLE]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = table.add_row().cells  # type: ignore[no-untyped-call]
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        for column, width in zip(table.columns, widths, strict=True):
            for cell in column.cells:
                cell.width = Cm(width)
        return table

    def post_it(self, p: dict[str, Any], show_card: bool = False) -> None:
        labels = self.labels
        green = p["colour"] == "green"
        para = self.doc.add_paragraph()
        para.paragraph_format.left_indent = Cm(0.4)
        para.paragraph_format.space_after = Pt(6)
        tag = labels["post_it_green"] if green else labels["post_it_pink"]
        if not green:
            tag += f" · {labels['resolved'] if p['resolved'] else labels['open_question']}"
        run = para.add_run(("■ " if green else "◆ ") + tag)
        run.bold = True
        run.font.color.rgb = GREEN if green else PINK
        meta = []
        if show_card:
            meta.append(self.card_label(self.cards[p["card_id"]]))
        if p["author"]:
            meta.append(p["author"])
        if p.get("table_name"):
            meta.append(p["table_name"])
        if meta:
            extra = para.add_run(" · " + " · ".join(meta))
            extra.font.color.rgb = MUTED
            extra.font.size = Pt(9)
        para.add_run().add_break()
        para.add_run(p["text"])

    def title_page(self, workshop: tuple[str, int] | None = None) -> None:
        """The title page; of a workshop's report (``workshop``: its code and when it
        began) when this is its plenary room."""
        labels, record, room = self.labels, self.record, self.record["room"]
        doc = self.doc
        for _ in range(4):
            doc.add_paragraph()
        kicker = doc.add_paragraph().add_run(labels["app"].upper())
        kicker.font.color.rgb = MUTED
        title = doc.add_paragraph().add_run(record["title"])
        title.bold = True
        title.font.size = Pt(26)
        title.font.color.rgb = ACCENT
        report = labels["workshop_report"] if workshop else labels["report"]
        subtitle = doc.add_paragraph().add_run(report)
        subtitle.font.size = Pt(14)
        subtitle.font.color.rgb = MUTED
        code, began = workshop or (room["code"], room["created_at"])
        facts = [
            (labels["Workshop"] if workshop else labels["Room"], code),
            (labels["date"], labels.date(began)),
            (labels["board"], labels.text(record["board"]["spec"].get("name"))),
        ]
        if record["decks"]:
            facts.append(
                (labels["decks"], ", ".join(labels.text(d["name"]) for d in record["decks"]))
            )
        facts += [
            (labels["participants"], str(len(participants(record)))),
            *counted(record, labels),
            (labels["action_points"], str(len(record["action_points"]))),
        ]
        if room["imported_from"]:
            facts.append((labels["continued_from"], room["imported_from"]["code"]))
        table = doc.add_table(rows=0, cols=2)
        for key, value in facts:
            cells = table.add_row().cells
            cells[0].text = ""
            cells[0].paragraphs[0].add_run(key).bold = True
            cells[1].text = value
            cells[0].width, cells[1].width = Cm(4.5), Cm(12.5)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def summary(self) -> None:
        """What the plenary decided first: actions, then to develop (with votes), present,
        open questions (``plenary_part``)."""
        labels, doc = self.labels, self.doc
        part = plenary_part(self.record, labels)
        doc.add_heading(labels["plenary_decisions"], level=1)
        self.action_points()
        for key, lines in (
            ("plenary_develop", part.develop),
            ("plenary_present", part.present),
            ("plenary_questions", part.questions),
        ):
            doc.add_heading(labels[key], level=2)
            if key == "plenary_develop" and part.voting and not part.votes_shown:
                doc.add_paragraph(labels["votes_hidden"])
            for line in lines:
                para = doc.add_paragraph(style="List Number")
                para.add_run(line.text)
                if line.dots is not None:
                    para.add_run(f" — {labels.dots(line.dots)}").bold = True
                if line.detail:
                    detail = para.add_run(f" ({line.detail})")
                    detail.font.color.rgb = MUTED
                for member in line.members:
                    doc.add_paragraph(member, style="List Bullet 2")
            if not lines:
                doc.add_paragraph(labels["none"])
        if part.consensus is not None:
            self.consensus(part.consensus)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def consensus(self, part: ConsensusPart) -> None:
        """The consensus picture: its chart, then per verdict a table of figures per card."""
        from .charts import consensus_chart

        labels, doc = self.labels, self.doc
        doc.add_heading(labels["plenary_consensus"], level=2)
        legend = doc.add_paragraph().add_run(part.legend)
        legend.font.size, legend.font.color.rgb = Pt(9), MUTED
        chart = consensus_chart(self.record, labels)
        if chart is not None:
            doc.add_picture(io.BytesIO(chart), width=Cm(17))
        header = [
            labels["table"].capitalize(),
            f"{labels['mean'].capitalize()} ({labels['round_first']})",
            f"{labels['mean'].capitalize()} ({labels['round_second']})",
            f"{labels['spread'].capitalize()} ({labels['round_second']})",
        ]
        widths = [6.2, 3.6, 3.6, 3.6]
        if part.distribution:
            header.append(f"{labels['distribution'].capitalize()} ({labels['round_second']})")
            widths = [4.6, 2.8, 2.8, 2.8, 4.0]
        for verdict, rows in part.groups:
            doc.add_heading(labels[f"consensus_{verdict}"], level=3)
            for row in rows:
                para = doc.add_paragraph()
                para.add_run(row.card).bold = True
                if row.said(labels):
                    para.add_run(f" — {row.said(labels)}")
                cells = [
                    [name, first.mean, second.mean, second.spread]
                    + ([second.distribution] if part.distribution else [])
                    for name, first, second in [*row.tables, (labels["together"], *row.together)]
                ]
                self.table(header, cells, widths)

    def action_points(self, level: int = 2) -> None:
        labels, doc = self.labels, self.doc
        doc.add_heading(labels["action_points"], level=level)
        points = {a["id"]: a for a in self.record["action_points"]}
        order = self.record["summary"]["action_points"]
        if order:
            rows = []
            for point_id in order:
                a = points[point_id]
                what = a["what"]
                if a["card_id"] and a["card_id"] in self.cards:
                    what += f"\n({labels['Card']} {self.cards[a['card_id']]['number']})"
                source = item_text(self.record, a.get("item"), a.get("item_id"), labels)
                if source:
                    what += f"\n({labels['from_item']}: {source})"
                rows.append([what, a["who"], a["first_step"], a["evaluate_when"]])
            header = [
                labels[k].capitalize() for k in ("what", "who", "first_step", "evaluate_when")
            ]
            self.table(header, rows, [5.6, 3.4, 5.1, 2.9])
        else:
            doc.add_paragraph(labels["no_action_points"])

    def figures(self, card: dict[str, Any]) -> None:
        header, rows = figures_table(self.record, card, self.labels)
        self.table(header, rows, [5.7, 5.65, 5.65])

    def per_card(self, titled: bool = True) -> None:
        """Per card its chart, figures and post-its; under a "Per kaart" heading, or
        (``titled`` False: in a workshop's table, under the table's heading) one level down."""
        labels, doc = self.labels, self.doc
        level = 2 if titled else 3
        if titled:
            doc.add_heading(labels["per_card"], level=1)
        legend = doc.add_paragraph().add_run(labels["figures_legend"])
        legend.font.size, legend.font.color.rgb = Pt(9), MUTED
        for card in reported_cards(self.record):
            doc.add_heading(self.card_label(card), level=level)
            kind = labels[card["kind"]]
            if card["skipped"]:
                kind += f" · {labels['skipped']}"
            if card["author"]:
                kind += f" · {labels['written_by']} {card['author']}"
            meta = doc.add_paragraph().add_run(kind)
            meta.font.size, meta.font.color.rgb = Pt(9), MUTED
            if card.get("title"):
                doc.add_paragraph().add_run(labels.text(card["text"])).italic = True
            chart = card_chart(self.record, card, labels)
            if chart is None:
                if not is_plenary_room(self.record):  # there: the consensus picture
                    doc.add_paragraph(labels["no_placements"])
            else:
                quadrant = self.record["board"]["kind"] == "quadrant"
                doc.add_picture(io.BytesIO(chart), width=Cm(10 if quadrant else 16))
                self.figures(card)
                if quadrant:
                    note = doc.add_paragraph().add_run(labels["quadrant_legend"])
                    note.font.size, note.font.color.rgb = Pt(9), MUTED
            own = post_its_of(self.record, card["id"])
            doc.add_heading(labels["post_its"], level=level + 1)
            if own:
                for p in own:
                    self.post_it(p)
            else:
                doc.add_paragraph(labels["no_post_its"])

    def build(self) -> bytes:
        labels, record = self.labels, self.record
        props = self.doc.core_properties
        props.title = f"{labels['app']}: {record['title']}"
        props.author = "Leerklimaat online"
        props.language = "nl-NL" if labels.language == "nl" else "en-GB"
        footer = self.doc.sections[0].footer.paragraphs[0]
        run = footer.add_run(
            f"{labels['app']} · {labels['room']} {record['room']['code']}"
            f" · {labels.date(record['room']['created_at'])}"
        )
        run.font.size, run.font.color.rgb = Pt(8), MUTED
        self.title_page()
        self.summary()
        self.per_card()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def to_docx(record: Record) -> bytes:
    return _Report(record).build()
