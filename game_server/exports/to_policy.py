"""The "learning policy" export: what a session decided, as a section a facilitator pastes
into the organisation's strategic training policy (Word).

The seeds end their sessions with "neem de afspraken op in het opleidingsbeleid (zie
Bijlage 1, Format strategisch opleidingsbeleid)"; that appendix is not among the seeds,
so the section follows the usual parts of such a policy, in this order:

1. Aanleiding — where it comes from: the session, its date, who took part;
2. Uitgangspunten — what is already present (the green pile): what the policy builds on;
3. Doelen — what is still to develop, in the order the room's dot vote gave (with the
   dots), a cluster with how many tables and post-its it holds; what got no dot follows
   apart ("also named"), as no priority;
4. Acties — per action what, owner, first step and evaluation date (and the goal it came
   from), the seed 000 questions;
5. Open vragen — what remained open, to be found out before the policy is complete;
6. Draagvlak — in a workshop: the statements the tables agreed on, and those they differ
   on (the consensus picture);
7. Evaluatie en borging — the evaluation dates, with what is evaluated then and by whom.

A policy states a point once: a card several tables put on the same pile is one line
naming those tables (where nobody voted on them separately).

Every item comes from ``plenary_part`` (the same words as the report), so the policy and
the report never disagree. For a workshop the plenary room decides; a workshop that never
held its plenary gives each table's items, labelled with the table. Typed text is added as
runs of text, never as fields or markup (as ``to_docx``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docx import Document
from docx.shared import Cm, Pt, RGBColor

from .labels import Labels
from .plenary_part import Line, PlenaryPart, plenary_part
from .record import Record, participants

MUTED = RGBColor(0x5C, 0x6B, 0x78)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)

WORDS = {
    "nl": {
        "title": "Opleidingsbeleid",
        "subtitle": "Bijdrage aan het strategisch opleidingsbeleid uit de sessie “{title}”",
        "intro": (
            "Deze tekst vat samen wat de sessie heeft besloten, in de opbouw van een"
            " strategisch opleidingsbeleid: neem hem over in het beleid van de organisatie"
            " en vul hem aan met de uitkomsten van de acties."
        ),
        "background": "1. Aanleiding",
        "background_text": (
            "Op {date} speelden {people} deelnemers het spel Leerklimaat{tables}."
            " Zij bespraken stellingen over het leerklimaat, schreven op wat er al is en wat"
            " nog ontwikkeld moet worden, en spraken acties af."
        ),
        "tables_text": " aan {n} tafels",
        "principles": "2. Uitgangspunten: wat er al is",
        "principles_text": "Het beleid bouwt voort op wat in de organisatie al aanwezig is:",
        "goals": "3. Doelen: wat we ontwikkelen",
        "goals_text": "In volgorde van prioriteit, zoals de deelnemers met stippen kozen:",
        "goals_unvoted": "Nog zonder prioriteit: er is (nog) niet gestemd.",
        "goals_rest": "Ook genoemd, zonder stippen:",
        "actions": "4. Acties",
        "goal_of": "bij doel",
        "questions": "5. Open vragen",
        "questions_text": "Uit te zoeken voordat het beleid compleet is:",
        "support": "6. Draagvlak",
        "support_text": "Waar de tafels het over eens waren en waarover ze verschilden:",
        "evaluation": "{n}. Evaluatie en borging",
        "evaluation_text": "De afgesproken evaluatiemomenten:",
        "no_actions": "Er zijn (nog) geen acties afgesproken.",
        "owner": "Eigenaar",
        "action": "Actie",
        "first_step": "Eerste stap",
        "evaluate": "Evaluatie",
        "session": "Sessie",
        "workshop": "Workshop",
    },
    "en": {
        "title": "Learning policy",
        "subtitle": "Contribution to the strategic training policy from the session “{title}”",
        "intro": (
            "This text sums up what the session decided, in the structure of a strategic"
            " training policy: take it into the organisation's policy and complete it with"
            " what the actions bring."
        ),
        "background": "1. Background",
        "background_text": (
            "On {date}, {people} participants played the Learning climate game{tables}."
            " They discussed statements on the learning climate, wrote down what is already"
            " there and what still needs developing, and agreed on actions."
        ),
        "tables_text": " at {n} tables",
        "principles": "2. Starting points: what is already there",
        "principles_text": "The policy builds on what the organisation already has:",
        "goals": "3. Goals: what we develop",
        "goals_text": "In order of priority, as the participants chose with their dots:",
        "goals_unvoted": "No priority yet: there was no vote (yet).",
        "goals_rest": "Also named, without dots:",
        "actions": "4. Actions",
        "goal_of": "for goal",
        "questions": "5. Open questions",
        "questions_text": "To find out before the policy is complete:",
        "support": "6. Support",
        "support_text": "Where the tables agreed and where they differed:",
        "evaluation": "{n}. Evaluation and safeguarding",
        "evaluation_text": "The agreed evaluation moments:",
        "no_actions": "No actions have been agreed (yet).",
        "owner": "Owner",
        "action": "Action",
        "first_step": "First step",
        "evaluate": "Evaluation",
        "session": "Session",
        "workshop": "Workshop",
    },
}

Source = tuple[str | None, Record]
"""A record the policy draws from, and the table it stands for (None: the whole)."""


class _Policy:
    def __init__(self, language: str, title: str) -> None:
        self.labels = Labels(language)
        self.words = WORDS[self.labels.language]
        self.doc = Document()
        self.doc.styles["Normal"].font.size = Pt(10.5)
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.2))
        props = self.doc.core_properties
        props.title = f"{self.words['title']}: {title}"
        props.author = "Leerklimaat online"
        props.language = "nl-NL" if self.labels.language == "nl" else "en-GB"

    def muted(self, text: str) -> None:
        run = self.doc.add_paragraph().add_run(text)
        run.font.size, run.font.color.rgb = Pt(9), MUTED

    def item(self, line: Line, table: str | None, style: str) -> None:
        para = self.doc.add_paragraph(style=style)
        if table:
            para.add_run(f"{table}: ").bold = True
        para.add_run(line.text)
        if line.dots is not None:
            para.add_run(f" — {self.labels.dots(line.dots)}").bold = True
        if line.detail:
            detail = para.add_run(f" ({line.detail})")
            detail.font.color.rgb = MUTED

    def lines(
        self,
        parts: list[tuple[str | None, PlenaryPart]],
        key: str,
        style: str,
        keep: Callable[[Line], bool] = lambda line: True,
    ) -> int:
        """The ``key`` lines of every part that ``keep`` keeps, each point once; how many."""
        count = 0
        for table, part in parts:
            for line in once([line for line in getattr(part, key) if keep(line)], self.labels):
                self.item(line, table, style)
                count += 1
        return count

    def build(self, title: str, sources: list[Source], facts: dict[str, Any]) -> bytes:
        labels, words, doc = self.labels, self.words, self.doc
        parts = [(table, plenary_part(record, labels)) for table, record in sources]
        doc.add_heading(words["title"], 0)
        sub = doc.add_paragraph().add_run(words["subtitle"].format(title=title))
        sub.font.size, sub.font.color.rgb = Pt(13), ACCENT
        self.muted(words["intro"])

        doc.add_heading(words["background"], 1)
        tables = words["tables_text"].format(n=facts["tables"]) if facts["tables"] > 1 else ""
        doc.add_paragraph(
            words["background_text"].format(
                date=labels.date(facts["date"]), people=facts["people"], tables=tables
            )
        )
        self.muted(f"{words[facts['kind']]} {facts['code']}")

        doc.add_heading(words["principles"], 1)
        doc.add_paragraph(words["principles_text"])
        if not self.lines(parts, "present", "List Bullet"):
            doc.add_paragraph(labels["none"])

        doc.add_heading(words["goals"], 1)
        voted = any(part.votes_shown for _, part in parts)
        if voted:
            doc.add_paragraph(words["goals_text"])
            if not self.lines(parts, "develop", "List Number", lambda line: bool(line.dots)):
                doc.add_paragraph(labels["none"])
            rest = [(t, p) for t, p in parts if any(not line.dots for line in p.develop)]
            if rest:
                self.muted(words["goals_rest"])
                self.lines(rest, "develop", "List Bullet", lambda line: not line.dots)
        else:
            doc.add_paragraph(words["goals_unvoted"])
            if not self.lines(parts, "develop", "List Number"):
                doc.add_paragraph(labels["none"])

        doc.add_heading(words["actions"], 1)
        actions = [(table, a) for table, part in parts for a in part.actions]
        if actions:
            self.actions(actions)
        else:
            doc.add_paragraph(words["no_actions"])

        doc.add_heading(words["questions"], 1)
        doc.add_paragraph(words["questions_text"])
        if not self.lines(parts, "questions", "List Bullet"):
            doc.add_paragraph(labels["none"])

        pictures = [(table, part.consensus) for table, part in parts if part.consensus]
        if pictures:
            doc.add_heading(words["support"], 1)
            doc.add_paragraph(words["support_text"])
            for _table, picture in pictures:
                assert picture is not None
                for verdict, rows in picture.groups:
                    para = doc.add_paragraph(style="List Bullet")
                    name = labels[f"consensus_{verdict}"].split(":")[0]
                    para.add_run(f"{name}: ").bold = True
                    para.add_run("; ".join(row.card for row in rows))

        # Support (6) is a workshop's: without it, evaluation follows open questions as 6.
        doc.add_heading(words["evaluation"].format(n=7 if pictures else 6), 1)
        if actions:
            doc.add_paragraph(words["evaluation_text"])
            for table, a in actions:
                para = doc.add_paragraph(style="List Bullet")
                para.add_run(f"{a['evaluate_when']}: ").bold = True
                para.add_run(f"{a['what']} ({a['who']})")
                if table:
                    para.add_run(f" — {table}").font.color.rgb = MUTED
        else:
            doc.add_paragraph(words["no_actions"])
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def actions(self, actions: list[tuple[str | None, dict[str, Any]]]) -> None:
        words = self.words
        header = [words["action"], words["owner"], words["first_step"], words["evaluate"]]
        table = self.doc.add_table(rows=1, cols=4)
        table.style = self.doc.styles["Light List Accent 1"]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for source, a in actions:
            cells = table.add_row().cells
            what = cells[0].paragraphs[0]
            if source:
                what.add_run(f"{source}: ").bold = True
            what.add_run(a["what"])
            if a["from"]:
                goal = what.add_run(f"\n({words['goal_of']}: {a['from']})")
                goal.font.color.rgb, goal.font.size = MUTED, Pt(9)
            for cell, key in zip(cells[1:], ("who", "first_step", "evaluate_when"), strict=True):
                cell.text = a[key]
        for column, width in zip(table.columns, (6.0, 3.6, 4.6, 2.4), strict=True):
            for cell in column.cells:
                cell.width = Cm(width)


def once(lines: list[Line], labels: Labels) -> list[Line]:
    """A card several tables put on the same pile, as one line naming those tables (its
    dots, if any, added up); every other line as it is, in order."""
    out: list[Line] = []
    seen: dict[str, int] = {}
    for line in lines:
        if line.kind != "card" or not line.tables:
            out.append(line)
            continue
        at = seen.setdefault(line.text, len(out))
        if at == len(out):
            out.append(line)
            continue
        first = out[at]
        tables = [*first.tables, *line.tables]
        dots = None if first.dots is None else first.dots + (line.dots or 0)
        detail = " · ".join((", ".join(tables), labels["statement_on_pile"]))
        out[at] = replace(first, tables=tables, detail=detail, dots=dots)
    if all(line.dots is not None for line in out):
        out.sort(key=lambda line: -(line.dots or 0))  # added-up dots keep the vote's order
    return out


def to_policy(record: Record) -> bytes:
    """The policy section of one room (a room on its own, or a workshop's plenary room)."""
    picture = record.get("consensus")
    tables = len(picture["tables"]) if picture else 1
    facts = {
        "date": record["room"]["created_at"],
        "people": len(participants(record)),
        "tables": tables,
        "kind": "session",
        "code": record["room"]["code"],
    }
    policy = _Policy(record["options"]["language"], record["title"])
    return policy.build(record["title"], [(None, record)], facts)


def workshop_policy(record: Record) -> bytes:
    """The policy section of a workshop: its plenary's decisions, or without a plenary
    each table's, labelled with the table."""
    from .workshop import labelled, plenary_of

    w = record["workshop"]
    plenary = plenary_of(record)
    sources: list[Source]
    if plenary is not None:
        sources = [(None, plenary)]
    else:
        sources = [(str(table["name"]), inner) for table, inner in labelled(record)]
    facts = {
        "date": w["created_at"],
        "people": len([p for p in w["participants"] if not p["removed"]]),
        "tables": len(record["tables"]),
        "kind": "workshop",
        "code": w["code"],
    }
    return _Policy(w["options"]["language"], w["title"]).build(w["title"], sources, facts)
