"""The printable report as PDF (reportlab): something to send to a director or attach to a
learning policy.

Title page (room, date, board, decks, participants), the plenary summary (green pile, red
pile, open questions, action points as a table), then per card its chart, figures and
post-its. The fonts are matplotlib's bundled DejaVu Sans, embedded in the file, so
accented letters and curly quotes render everywhere; a character the font lacks (most
emoji) shows as an empty box instead of breaking the report.

reportlab's ``Paragraph`` reads a small markup language, so everything people typed goes
through ``_text`` (XML-escaped, newlines as line breaks) and stays text.

Accessibility: reportlab (5.1, the version pinned) writes no structure tree nor marked
content, so the PDF cannot be *tagged*; it sets what it can: the title (shown instead of
the file name), the language, and bookmarks for every heading with the bookmarks pane
open (docs/exports.md).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
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
from .pdf_text import FONT, markup, register_fonts, starts_right_to_left
from .plenary_part import ConsensusPart, counted, item_text, plenary_part, tiles
from .record import (
    Record,
    cards_by_id,
    is_plenary_room,
    participants,
    post_its_by_id,
    post_its_of,
    reported_cards,
)

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
FACT_WIDTH = CONTENT_WIDTH - 4.5 * cm - 12
"""The width of a value on the title page (its cell less padding)."""


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
        "postit_rtl": ParagraphStyle(
            "postit_rtl", parent=base, fontSize=9.5, leading=13, alignment=TA_RIGHT
        ),
    }


def _text(value: str, width: float = CONTENT_WIDTH, size: float = 10) -> str:
    """Typed text as paragraph markup that draws exactly this text (``pdf_text.markup``)."""
    return markup(value, width, size)


POST_IT_BAND: float = 0.18 * cm
POST_IT_PADDING = (8, 4, 6, 5)
"""Left, top, right, bottom padding inside a post-it, beside its coloured band."""
POST_IT_TEXT_WIDTH = CONTENT_WIDTH - POST_IT_BAND - POST_IT_PADDING[0] - POST_IT_PADDING[2]


class PostIt(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A post-it: a coloured band, a tinted background, its tag line and its text.

    Drawn directly instead of as a one-row table (tables are the slowest part of a large
    report), and split between lines at a page end: a post-it of many short lines is taller
    than a page, and a table row cannot be split.
    """

    def __init__(
        self, parts: list[Paragraph], colour: colors.Color, background: colors.Color
    ) -> None:
        super().__init__()
        self.parts = parts
        self.colour = colour
        self.background = background
        self.spaceAfter = 4
        self._heights: list[float] = []

    def _inner(self, width: float) -> float:
        return float(width) - POST_IT_BAND - POST_IT_PADDING[0] - POST_IT_PADDING[2]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        inner = self._inner(availWidth)
        self._heights = [p.wrap(inner, availHeight)[1] for p in self.parts]
        self.width = availWidth
        self.height = sum(self._heights) + POST_IT_PADDING[1] + POST_IT_PADDING[3]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        inner = self._inner(availWidth)
        room = availHeight - POST_IT_PADDING[1] - POST_IT_PADDING[3]
        here: list[Paragraph] = []
        rest = list(self.parts)
        while rest:
            height = rest[0].wrap(inner, room)[1]
            if height <= room:
                here.append(rest.pop(0))
                room -= height
                continue
            pieces = rest[0].split(inner, room)
            if len(pieces) == 2:
                here.append(pieces[0])
                rest[0] = pieces[1]
            break
        if not here or not rest:
            return []
        return [
            PostIt(here, self.colour, self.background),
            PostIt(rest, self.colour, self.background),
        ]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.background)
        canvas.rect(POST_IT_BAND, 0, self.width - POST_IT_BAND, self.height, stroke=0, fill=1)
        canvas.setFillColor(self.colour)
        canvas.rect(0, 0, POST_IT_BAND, self.height, stroke=0, fill=1)
        canvas.restoreState()
        y = self.height - POST_IT_PADDING[1]
        for part, height in zip(self.parts, self._heights, strict=True):
            y -= height
            part.drawOn(canvas, POST_IT_BAND + POST_IT_PADDING[0], y)


class Bookmark(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """An entry in the PDF's bookmarks (outline) where it is drawn; takes no space.

    ``title`` is plain text (the outline is not markup), ``level`` 0 for a chapter, 1 for
    a heading in it. Entries are open, so a reader sees the headings at once."""

    _keys = 0

    def __init__(self, title: str, level: int) -> None:
        super().__init__()
        self.title = " ".join(title.split())
        self.level = level
        Bookmark._keys += 1
        self.key = f"b{Bookmark._keys}"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


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

    def card_label(
        self, card: dict[str, Any], width: float = CONTENT_WIDTH, size: float = 13
    ) -> str:
        name = _text(card_name(self.labels, card), width, size)
        return f"{self.labels['Card']} {card['number']}: {name}"

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

    def post_it_box(self, p: dict[str, Any], show_card: bool = False) -> PostIt:
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
            meta.append(self.card_label(self.cards[p["card_id"]], POST_IT_TEXT_WIDTH, 8.5))
        if p["author"]:
            meta.append(_text(p["author"], POST_IT_TEXT_WIDTH, 8.5))
        if p.get("table_name"):
            meta.append(_text(p["table_name"], POST_IT_TEXT_WIDTH, 8.5))
        colour = GREEN if green else PINK
        parts = [
            self.p(
                f"<font color='{colour.hexval()}'><b>{meta[0]}</b></font>"
                + "".join(f" · {m}" for m in meta[1:]),
                "small",
            ),
            self.p(
                _text(p["text"], POST_IT_TEXT_WIDTH, 9.5),
                "postit_rtl" if starts_right_to_left(p["text"]) else "postit",
            ),
        ]
        return PostIt(parts, colour, GREEN_BG if green else PINK_BG)

    def grid(self, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        data = [[self.p(f"<b>{h}</b>", "cell_head") for h in header]]
        data += [[self.p(c, "cell") for c in row] for row in rows]
        # splitInRow: a row of long texts (an action point of many lines) may be taller
        # than a page; it then continues on the next one instead of stopping the report.
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
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

    def title_page(self, workshop: tuple[str, int] | None = None) -> list[Flowable]:
        """The title page; of a workshop's report (``workshop``: its code and when it
        began) when this is its plenary room."""
        labels, record, room = self.labels, self.record, self.record["room"]
        code, began = workshop or (room["code"], room["created_at"])
        facts = [
            (labels["Workshop"] if workshop else labels["Room"], code),
            (labels["date"], labels.date(began)),
            (labels["board"], _text(labels.text(record["board"]["spec"].get("name")), FACT_WIDTH)),
        ]
        if record["decks"]:
            facts.append(
                (
                    labels["decks"],
                    _text(", ".join(labels.text(d["name"]) for d in record["decks"]), FACT_WIDTH),
                )
            )
        facts += [
            (labels["participants"], str(len(participants(record)))),
            *counted(record, labels),
            (labels["action_points"], str(len(record["action_points"]))),
        ]
        if room["imported_from"]:
            facts.append((labels["continued_from"], room["imported_from"]["code"]))
        table = Table(
            [[self.p(f"<b>{k}</b>"), self.p(v)] for k, v in facts],
            colWidths=[4.5 * cm, FACT_WIDTH + 12],
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
        colour = {"green": GREEN, "red": RED, "pink": PINK}
        counts = [(str(n), text, colour[c]) for n, text, c in tiles(record, labels)]
        tile_row = Table(
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
        tile_row.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT)])
        )
        return [
            Spacer(1, 3 * cm),
            self.p(labels["app"].upper(), "subtitle"),
            self.p(_text(record["title"], CONTENT_WIDTH, 26), "title"),
            self.p(labels["workshop_report" if workshop else "report"], "subtitle"),
            table,
            Spacer(1, 1.5 * cm),
            tile_row,
            PageBreak(),
        ]

    def summary(self, bookmark: str | None = None) -> list[Flowable]:
        """What the plenary decided first: actions, then to develop (with votes), present,
        open questions (``plenary_part``); ``bookmark`` names its chapter in the bookmarks
        (the heading by default)."""
        labels = self.labels
        part = plenary_part(self.record, labels)
        title = labels["plenary_decisions"]
        out: list[Flowable] = [Bookmark(bookmark or title, 0), self.p(title, "h1")]
        out += self.action_points()
        for key, lines in (
            ("plenary_develop", part.develop),
            ("plenary_present", part.present),
            ("plenary_questions", part.questions),
        ):
            out.append(CondPageBreak(3 * cm))
            out += [Bookmark(labels[key], 1), self.p(labels[key], "h2")]
            if key == "plenary_develop" and part.voting and not part.votes_shown:
                out.append(self.p(labels["votes_hidden"], "small"))
            for n, line in enumerate(lines, start=1):
                text = f"{n}. {_text(line.text, CONTENT_WIDTH - 40)}"
                if line.dots is not None:
                    text += f" <b>— {labels.dots(line.dots)}</b>"
                if line.detail:
                    text += f"<br/><font size='8' color='{MUTED.hexval()}'>"
                    text += f"{_text(line.detail, CONTENT_WIDTH - 40, 8)}</font>"
                out.append(self.p(text))
                for member in line.members:
                    out.append(self.p(f"• {_text(member, CONTENT_WIDTH - 60, 9)}", "small"))
            if not lines:
                out.append(self.p(labels["none"]))
        if part.consensus is not None:
            out += self.consensus(part.consensus)
        return [*out, PageBreak()]

    def consensus(self, part: ConsensusPart) -> list[Flowable]:
        """The consensus picture: a chart a room reads from afar (one mark per table,
        first round to revised), then per verdict the figures as tables."""
        from .charts import consensus_chart

        labels = self.labels
        title = labels["plenary_consensus"]
        out: list[Flowable] = [CondPageBreak(8 * cm), Bookmark(title, 1), self.p(title, "h2")]
        out.append(self.p(part.legend, "small"))
        chart = consensus_chart(self.record, labels)
        if chart is not None:
            image = Image(io.BytesIO(chart))
            scale = min(CONTENT_WIDTH / image.drawWidth, 16 * cm / image.drawHeight)
            image.drawWidth *= scale
            image.drawHeight *= scale
            out += [Spacer(1, 4), image]
        header = [
            labels["table"].capitalize(),
            f"{labels['mean'].capitalize()} ({labels['round_first']})",
            f"{labels['mean'].capitalize()} ({labels['round_second']})",
            f"{labels['spread'].capitalize()} ({labels['round_second']})",
        ]
        widths = [w * CONTENT_WIDTH for w in (0.37, 0.21, 0.21, 0.21)]
        if part.distribution:
            header.append(f"{labels['distribution'].capitalize()} ({labels['round_second']})")
            widths = [w * CONTENT_WIDTH for w in (0.24, 0.17, 0.17, 0.16, 0.26)]
        for verdict, rows in part.groups:
            out.append(self.p(labels[f"consensus_{verdict}"], "h3"))
            for row in rows:
                head = f"<b>{_text(row.card, CONTENT_WIDTH, 10)}</b>"
                head += f" — {row.said(labels)}" if row.said(labels) else ""
                cells = [
                    [_text(name, widths[0] - 12, 9), first.mean, second.mean, second.spread]
                    + ([_text(second.distribution, widths[4] - 12, 9)] if part.distribution else [])
                    for name, first, second in [*row.tables, (labels["together"], *row.together)]
                ]
                out.append(
                    KeepTogether([self.p(head), Spacer(1, 2), self.grid(header, cells, widths)])
                )
                out.append(Spacer(1, 6))
        return out

    def action_points(self) -> list[Flowable]:
        labels = self.labels
        out: list[Flowable] = [
            Bookmark(labels["action_points"], 1),
            self.p(labels["action_points"], "h2"),
        ]
        points = {a["id"]: a for a in self.record["action_points"]}
        order = self.record["summary"]["action_points"]
        if not order:
            return [*out, self.p(labels["no_action_points"])]
        widths = [w * CONTENT_WIDTH for w in (0.31, 0.24, 0.27, 0.18)]
        inner = [w - 12 for w in widths]  # the cells' padding
        rows = []
        for point_id in order:
            a = points[point_id]
            what = _text(a["what"], inner[0], 9)
            if a["card_id"] and a["card_id"] in self.cards:
                card = self.cards[a["card_id"]]
                ref = f"{labels['Card']} {card['number']}"
                what += f"<br/><font size='7.5' color='{MUTED.hexval()}'>{ref}</font>"
            source = item_text(self.record, a.get("item"), a.get("item_id"), labels)
            if source:
                ref = _text(f"{labels['from_item']}: {source}", inner[0], 7.5)
                what += f"<br/><font size='7.5' color='{MUTED.hexval()}'>{ref}</font>"
            keys = ("who", "first_step", "evaluate_when")
            rest = [_text(a[k], width, 9) for k, width in zip(keys, inner[1:], strict=True)]
            rows.append([what, *rest])
        header = [labels[k].capitalize() for k in ("what", "who", "first_step", "evaluate_when")]
        out.append(self.grid(header, rows, widths))
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
        plain = f"{labels['Card']} {card['number']}: {card_name(labels, card)}"
        head: list[Flowable] = [
            Bookmark(plain, 1),
            self.p(self.card_label(card), "h2"),
            self.p(
                kind
                + (
                    f" · {labels['written_by']} {_text(card['author'], CONTENT_WIDTH, 8.5)}"
                    if card["author"]
                    else ""
                ),
                "small",
            ),
        ]
        if card.get("title"):
            text = _text(labels.text(card["text"]), CONTENT_WIDTH - 8)
            head.append(self.p(text, "card_text"))
        chart = card_chart(self.record, card, labels)
        body: list[Flowable] = []
        if chart is None:
            if not is_plenary_room(self.record):  # there its figures are the consensus picture
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

    def per_card(self, title: str | None = None, bookmark: str | None = None) -> list[Flowable]:
        """Per card its chart, figures and post-its, under "Per kaart" or ``title`` (a
        workshop's table), with ``bookmark`` as its chapter's entry."""
        heading = title or self.labels["per_card"]
        out: list[Flowable] = [
            Bookmark(bookmark or heading, 0),
            self.p(_text(heading, CONTENT_WIDTH, 17), "h1"),
            self.p(self.labels["figures_legend"], "small"),
        ]
        for card in reported_cards(self.record):
            out += self.card_section(card)
        return out

    # -- the document ----------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        return [*self.title_page(), *self.summary(), *self.per_card()]

    def build(self, story: list[Flowable] | None = None, footer: str | None = None) -> bytes:
        out = io.BytesIO()
        labels, record = self.labels, self.record
        room = record["room"]
        footer = footer or (
            f"{labels['app']} · {labels['room']} {room['code']} · {labels.date(room['created_at'])}"
        )

        def decorate(canvas: Any, doc: Any) -> None:
            if doc.page == 1:
                # A reader opens on the bookmarks and shows the title, not the file name.
                canvas.showOutline()
                canvas.setViewerPreference("DisplayDocTitle", "true")
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
        doc.build(self.story() if story is None else story)
        return out.getvalue()


def to_pdf(record: Record) -> bytes:
    return _Report(record).build()
