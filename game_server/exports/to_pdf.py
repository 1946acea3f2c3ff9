"""The printable report as PDF (reportlab): something to send to a director or attach to a
learning policy.

Title page (room, date, board, decks, participants), the plenary summary (green pile, red
pile, open questions, action points as a table), then per card its chart, figures and
post-its. The fonts are matplotlib's bundled DejaVu Sans, embedded in the file, so
accented letters and curly quotes render everywhere; a character the font lacks (most
emoji) shows as an empty box instead of breaking the report.

reportlab's ``Paragraph`` reads a small markup language, so everything people typed goes
through ``_text`` (XML-escaped, newlines as line breaks) and stays text.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .charts import card_chart
from .figures_table import figures_table
from .labels import Labels, card_name
from .record import Record, cards_by_id, participants, post_its_by_id, post_its_of, reported_cards

FONT = "DejaVuSans"
INK = colors.HexColor("#1d2a36")
MUTED = colors.HexColor("#5c6b78")
ACCENT = colors.HexColor("#1f4e79")
GREEN = colors.HexColor("#2e7d32")
GREEN_BG = colors.HexColor("#e8f5e9")
PINK = colors.HexColor("#c2185b")
PINK_BG = colors.HexColor("#fce4ec")
RED = colors.HexColor("#c62828")
RULE = colors.HexColor("#c9d3dc")
HEADER_BG = colors.HexColor("#e3ebf3")
MARGIN = 2 * cm
CONTENT_WIDTH = A4[0] - 2 * MARGIN


@cache
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, italic) from matplotlib's data; the family name."""
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(ttf / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontSize=9, leading=12, fontName=f"{FONT}-Bold"
        ),
        "card_text": ParagraphStyle(
            "card_text",
            parent=base,
            fontName=f"{FONT}-Oblique",
            leftIndent=8,
            borderPadding=0,
            spaceAfter=6,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=26,
            leading=32,
            textColor=ACCENT,
            spaceAfter=10,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=14, leading=18, textColor=MUTED, spaceAfter=28
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            keepWithNext=1,
            fontName=f"{FONT}-Bold",
            fontSize=17,
            leading=22,
            textColor=ACCENT,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            keepWithNext=1,
            fontName=f"{FONT}-Bold",
            fontSize=13,
            leading=17,
            textColor=INK,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            keepWithNext=1,
            fontName=f"{FONT}-Bold",
            fontSize=10.5,
            leading=14,
            textColor=INK,
            spaceBefore=6,
            spaceAfter=4,
        ),
        "postit": ParagraphStyle(
            "postit", parent=base, fontSize=9.5, leading=13, alignment=TA_LEFT
        ),
    }


MISSING_GLYPH = "\u25a1"
"""Shown for a character DejaVu Sans lacks (most emoji; it has the classic smileys)."""


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def _text(value: str) -> str:
    """Typed text as reportlab paragraph markup that shows exactly this text."""
    covered = _covered()
    shown = "".join(ch if ord(ch) in covered or ch in "\n\t" else MISSING_GLYPH for ch in value)
    return xml_escape(shown).replace("\t", "    ").replace("\n", "<br/>")


class _Report:
    def __init__(self, record: Record) -> None:
        register_fonts()
        self.record = record
        self.labels = Labels(record["options"]["language"])
        self.s = _styles()
        self.cards = cards_by_id(record)
        self.post_its = post_its_by_id(record)

    # -- small building blocks -----------------------------------------------------------

    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.s[style])

    def card_label(self, card: dict[str, Any]) -> str:
        return f"{self.labels['Card']} {card['number']}: {_text(card_name(self.labels, card))}"

    def card_gist(self, card: dict[str, Any]) -> str:
        """The one figure that says most about a card on a pile, in grey."""
        labels, figures = self.labels, card["figures"]
        if self.record["board"]["kind"] == "quadrant":
            value, word = figures["shift"], labels["mean_shift"]
        else:
            value = (figures["second"] if figures["second"]["count"] else figures["first"])["mean"]
            word = labels["mean"]
        if value is None:
            return ""
        return f" <font color='{MUTED.hexval()}'>({word} {labels.number(value)})</font>"

    def post_it_box(self, p: dict[str, Any], show_card: bool = False) -> Table:
        """One post-it: a coloured band with its colour named in words, the text, the author."""
        labels = self.labels
        green = p["colour"] == "green"
        tag = labels["post_it_green"] if green else labels["post_it_pink"]
        if not green and not p["resolved"]:
            tag += f" · {labels['open_question']}"
        elif not green:
            tag += f" · {labels['resolved']}"
        meta = [tag]
        if show_card:
            meta.append(self.card_label(self.cards[p["card_id"]]))
        if p["author"]:
            meta.append(_text(p["author"]))
        colour = GREEN if green else PINK
        cell = [
            self.p(
                f"<font color='{colour.hexval()}'><b>{meta[0]}</b></font>"
                + "".join(f" · {m}" for m in meta[1:]),
                "small",
            ),
            self.p(_text(p["text"]), "postit"),
        ]
        table = Table([["", cell]], colWidths=[0.18 * cm, CONTENT_WIDTH - 0.18 * cm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (0, 0), colour),
                    ("BACKGROUND", (1, 0), (1, 0), GREEN_BG if green else PINK_BG),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (1, 0), (1, 0), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        table.spaceAfter = 4
        return table

    def grid(self, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        data = [[self.p(f"<b>{h}</b>", "cell_head") for h in header]]
        data += [[self.p(c, "cell") for c in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    # -- sections ------------------------------------------------------------------------

    def title_page(self) -> list[Flowable]:
        labels, record, room = self.labels, self.record, self.record["room"]
        played = [c for c in record["cards"] if c["played"]]
        facts = [
            (labels["Room"], room["code"]),
            (labels["date"], labels.date(room["created_at"])),
            (labels["board"], _text(labels.text(record["board"]["spec"].get("name")))),
        ]
        if record["decks"]:
            facts.append(
                (labels["decks"], ", ".join(_text(labels.text(d["name"])) for d in record["decks"]))
            )
        facts += [
            (labels["participants"], str(len(participants(record)))),
            (labels["cards_played"], str(len(played))),
            (labels["post_its"], str(len(record["post_its"]))),
            (labels["action_points"], str(len(record["action_points"]))),
        ]
        if room["imported_from"]:
            facts.append((labels["continued_from"], room["imported_from"]["code"]))
        table = Table(
            [[self.p(f"<b>{k}</b>"), self.p(v)] for k, v in facts],
            colWidths=[4.5 * cm, CONTENT_WIDTH - 4.5 * cm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        summary = record["summary"]
        counts = [
            (str(len(summary["green_pile"]["cards"])), labels["green_tile"], GREEN),
            (str(len(summary["red_pile"]["cards"])), labels["red_tile"], RED),
            (str(len(summary["open_questions"])), labels["open_tile"], PINK),
        ]
        tiles = Table(
            [
                [
                    self.p(f"<font size='24' color='{c.hexval()}'><b>{n}</b></font>")
                    for n, _, c in counts
                ],
                [self.p(text, "small") for _, text, _ in counts],
            ],
            colWidths=[CONTENT_WIDTH / 3] * 3,
            rowHeights=[30, None],
        )
        tiles.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT)])
        )
        return [
            Spacer(1, 3 * cm),
            self.p(labels["app"].upper(), "subtitle"),
            self.p(_text(record["title"]), "title"),
            self.p(labels["report"], "subtitle"),
            table,
            Spacer(1, 1.5 * cm),
            tiles,
            PageBreak(),
        ]

    def pile_section(self, pile: str) -> list[Flowable]:
        labels = self.labels
        section = self.record["summary"][f"{pile}_pile"]
        out: list[Flowable] = [self.p(labels[f"{pile}_pile_title"], "h2")]
        if not section["cards"] and not section["post_its"]:
            return [*out, self.p(labels["none"])]
        if section["cards"]:
            out.append(self.p(labels["cards_on_pile"], "h3"))
            for card_id in section["cards"]:
                card = self.cards[card_id]
                out.append(self.p(f"• {self.card_label(card)}{self.card_gist(card)}"))
        if section["post_its"]:
            out.append(self.p(labels["post_its_on_pile"], "h3"))
            out += [self.post_it_box(self.post_its[i], show_card=True) for i in section["post_its"]]
        return out

    def summary(self) -> list[Flowable]:
        labels = self.labels
        out: list[Flowable] = [self.p(labels["summary"], "h1")]
        out += self.pile_section("green")
        out += self.pile_section("red")
        out.append(self.p(labels["open_questions"], "h2"))
        questions = self.record["summary"]["open_questions"]
        if questions:
            out += [self.post_it_box(self.post_its[i], show_card=True) for i in questions]
        else:
            out.append(self.p(labels["none"]))
        out.append(CondPageBreak(3.5 * cm))
        out += self.action_points()
        return [*out, PageBreak()]

    def action_points(self) -> list[Flowable]:
        labels = self.labels
        out: list[Flowable] = [self.p(labels["action_points"], "h2")]
        points = {a["id"]: a for a in self.record["action_points"]}
        order = self.record["summary"]["action_points"]
        if not order:
            return [*out, self.p(labels["no_action_points"])]
        rows = []
        for point_id in order:
            a = points[point_id]
            what = _text(a["what"])
            if a["card_id"] and a["card_id"] in self.cards:
                card = self.cards[a["card_id"]]
                ref = f"{labels['Card']} {card['number']}"
                what += f"<br/><font size='7.5' color='{MUTED.hexval()}'>{ref}</font>"
            rows.append([what, _text(a["who"]), _text(a["first_step"]), _text(a["evaluate_when"])])
        header = [labels[k].capitalize() for k in ("what", "who", "first_step", "evaluate_when")]
        widths = [0.31, 0.24, 0.27, 0.18]
        out.append(self.grid(header, rows, [w * CONTENT_WIDTH for w in widths]))
        return out

    def figures_table(self, card: dict[str, Any]) -> Table:
        header, rows = figures_table(self.record, card, self.labels)
        table = self.grid(
            header, rows, [0.34 * CONTENT_WIDTH, 0.33 * CONTENT_WIDTH, 0.33 * CONTENT_WIDTH]
        )
        table.setStyle(TableStyle([("SPAN", (1, 4), (2, 4)), ("SPAN", (1, 5), (2, 5))]))
        return table

    def card_section(self, card: dict[str, Any]) -> list[Flowable]:
        labels = self.labels
        kind = labels[card["kind"]]
        if card["skipped"]:
            kind += f" · {labels['skipped']}"
        head: list[Flowable] = [
            self.p(self.card_label(card), "h2"),
            self.p(
                kind
                + (f" · {labels['written_by']} {_text(card['author'])}" if card["author"] else ""),
                "small",
            ),
        ]
        if card.get("title"):
            head.append(self.p(_text(labels.text(card["text"])), "card_text"))
        chart = card_chart(self.record, card, labels)
        body: list[Flowable] = []
        if chart is None:
            body.append(self.p(labels["no_placements"]))
        else:
            image = Image(io.BytesIO(chart))
            scale = min(CONTENT_WIDTH / image.drawWidth, 9 * cm / image.drawHeight)
            image.drawWidth *= scale
            image.drawHeight *= scale
            body += [image, Spacer(1, 4), self.figures_table(card)]
            if self.record["board"]["kind"] == "quadrant":
                body.append(self.p(labels["quadrant_legend"], "small"))
        out: list[Flowable] = [CondPageBreak(8 * cm), KeepTogether([*head, *body]), Spacer(1, 6)]
        own = post_its_of(self.record, card["id"])
        if own:
            out.append(self.p(labels["post_its"], "h3"))
            out += [self.post_it_box(p) for p in own]
        else:
            out.append(self.p(labels["no_post_its"], "small"))
        return [*out, Spacer(1, 10)]

    def per_card(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.p(self.labels["per_card"], "h1"),
            self.p(self.labels["figures_legend"], "small"),
        ]
        for card in reported_cards(self.record):
            out += self.card_section(card)
        return out

    # -- the document ----------------------------------------------------------------------

    def build(self) -> bytes:
        out = io.BytesIO()
        labels, record = self.labels, self.record
        room = record["room"]
        footer = (
            f"{labels['app']} · {labels['room']} {room['code']} · {labels.date(room['created_at'])}"
        )

        def decorate(canvas: Any, doc: Any) -> None:
            if doc.page == 1:
                return
            canvas.saveState()
            canvas.setFont(FONT, 8)
            canvas.setFillColor(MUTED)
            canvas.drawString(MARGIN, 1.2 * cm, footer)
            canvas.drawRightString(A4[0] - MARGIN, 1.2 * cm, f"{labels['page']} {doc.page}")
            canvas.setStrokeColor(RULE)
            canvas.line(MARGIN, 1.5 * cm, A4[0] - MARGIN, 1.5 * cm)
            canvas.restoreState()

        doc = BaseDocTemplate(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{labels['app']}: {record['title']}",
            author="Leerklimaat online",
            subject=labels["report"],
            lang="nl-NL" if labels.language == "nl" else "en-GB",
            initialFontName=FONT,  # else every page names Helvetica, a font not embedded
        )
        frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, A4[1] - 2 * MARGIN, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
        story = [*self.title_page(), *self.summary(), *self.per_card()]
        doc.build(story)
        return out.getvalue()


def to_pdf(record: Record) -> bytes:
    return _Report(record).build()
