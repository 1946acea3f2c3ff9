"""The plenary part of a report, from the record: what the plenary decided first.

Order (issue #13): the action points, then what is still to develop (by votes once they
are shown, each with its dots), what is already present, the open questions, and in a
workshop's plenary room the consensus picture across its tables. Each item appears once
(the headings of ``rules.plenary`` never repeat one), a cluster with its post-its. Every
report format (Markdown, DOCX, PDF) renders this one structure.

In a workshop's plenary room every item carries its table ("Tafel 2 · Kaart 1 (…)") and
its author where the table was not anonymous; a card a table put on a pile reads as that
card, not as a post-it; a cluster says how many tables and post-its it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..rules.workshop.consensus import apart
from .labels import Labels, card_name
from .record import Record, cards_by_id, is_plenary_room, post_its_by_id


@dataclass(frozen=True, slots=True)
class Line:
    """One item of a heading, as words: a card, a post-it or a cluster."""

    kind: str
    text: str
    detail: str = ""
    """Where it comes from: the card (of a post-it), the number of post-its (a cluster)."""
    dots: int | None = None
    members: list[str] = field(default_factory=list)
    """A cluster's post-its, each ``colour: text``."""
    tables: list[str] = field(default_factory=list)
    """In a workshop's plenary room: the tables it comes from (a cluster's, in order)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One round's figures, as words: mean and spread ('–' where nobody placed)."""

    count: int
    mean: str
    spread: str
    distribution: str = "–"
    """On a scale: pawns per square, squares with none left out ("4: 2 · 5: 1")."""


@dataclass(frozen=True, slots=True)
class ConsensusRow:
    """One statement played by the tables: where each table stood, and all together."""

    card: str
    verdict: str
    """``agree``, ``differ`` or ``single`` (played by one table)."""
    between: str
    """The spread between the tables' means (0 = the same, 1 = both ends)."""
    apart: str
    """How far apart the tables ended, in words ("de tafels liggen gemiddeld 0,8 vakje
    uit elkaar"); "" for one table."""
    tables: list[tuple[str, Figure, Figure]]
    """Per table (in table order): its name, first round, second round."""
    together: tuple[Figure, Figure]

    def said(self, labels: Labels) -> str:
        """After the card's name: the words first, the exact figure after them as the
        detail ("de tafels liggen gemiddeld 0,8 vakje uit elkaar (spreiding tussen de
        tafels 0,41)"), as the projector's figures table has it; "" for one table."""
        if not self.apart:
            return ""
        return f"{self.apart} ({labels['consensus_between']} {self.between})"


VERDICTS = ("agree", "mixed", "differ", "single")
"""The order a report shows the verdicts in: quick agreement first, then what differs."""


@dataclass(frozen=True, slots=True)
class ConsensusPart:
    legend: str
    """How to read the figures (the board's kind decides: squares or points)."""
    distribution: bool
    """Whether the figures have a distribution (a scale; a quadrant has points)."""
    tables: list[str]
    groups: list[tuple[str, list[ConsensusRow]]]
    """Per verdict (``VERDICTS`` order, only those that occur): its rows in agenda order.
    A report labels a group with ``labels[f"consensus_{verdict}"]``."""


@dataclass(frozen=True, slots=True)
class PlenaryPart:
    actions: list[dict[str, Any]]
    """Action points in order, each with ``from``: the text of the item it was made from."""
    develop: list[Line]
    present: list[Line]
    questions: list[Line]
    votes_shown: bool
    voting: bool
    consensus: ConsensusPart | None = None
    """Only in a workshop's plenary room."""


def _post_it(p: dict[str, Any], record: Record, labels: Labels) -> str:
    author = f" — {p['author']}" if p["author"] else ""
    table = f" ({p['table_name']})" if p.get("table_name") else ""
    if p.get("pile_card"):
        card = cards_by_id(record).get(p["card_id"])
        name = f"{labels['Card']} {card['number']}: {card_name(labels, card)}" if card else ""
        return f"{name or p['text']}{table}"
    return f"{labels.colour(p['colour'])}: {p['text']}{author}{table}"


def _card_detail(record: Record, card_id: str, labels: Labels) -> str:
    card = cards_by_id(record).get(card_id)
    # "Card 1: Time for learning", as a card's own line: the renderers put the detail in
    # brackets, and "(Card 1 (Time for learning))" read as a bracket too many.
    return f"{labels['Card']} {card['number']}: {card_name(labels, card)}" if card else ""


def _line(ref: dict[str, Any], record: Record, labels: Labels) -> Line:
    cards = cards_by_id(record)
    post_its = post_its_by_id(record)
    dots = ref.get("dots")
    if ref["item"] == "card":
        card = cards[ref["id"]]
        text = f"{labels['Card']} {card['number']}: {card_name(labels, card)}"
        return Line("card", text, dots=dots)
    if ref["item"] == "post_it":
        p = post_its[ref["id"]]
        table = p.get("table_name")
        if p.get("pile_card"):
            on = cards.get(p["card_id"])
            text = f"{labels['Card']} {on['number']}: {card_name(labels, on)}" if on else ""
            detail = " · ".join(x for x in (table, labels["statement_on_pile"]) if x)
            return Line("card", text or p["text"], detail, dots, tables=[table] if table else [])
        where = _card_detail(record, p["card_id"], labels)
        detail = " · ".join(x for x in (table, where) if x)
        author = f" — {p['author']}" if p["author"] else ""
        text = f"{labels.colour(p['colour'])}: {p['text']}{author}"
        return Line("post_it", text, detail, dots, tables=[table] if table else [])
    cluster = next(c for c in record["clusters"] if c["id"] == ref["id"])
    held = [post_its[i] for i in cluster["post_it_ids"] if i in post_its]
    members = [_post_it(p, record, labels) for p in held]
    tables = list(dict.fromkeys(p["table_name"] for p in held if p.get("table_id")))
    counts = [labels["cluster"]]
    if tables:
        ids = {p["table_id"] for p in held if p.get("table_id")}
        counts.append(labels.count(len(ids), "table_one", "tables_many"))
    counts.append(f"{len(members)} {labels['post_its_in_cluster']}")
    return Line("cluster", cluster["name"], " · ".join(counts), dots, members, tables)


def _figure(value: dict[str, Any] | None, labels: Labels) -> Figure:
    if value is None or not value.get("count"):
        return Figure(0, "–", "–")
    mean = value["mean"]
    if isinstance(mean, dict):
        shown = f"x {labels.number(mean['x'])}, y {labels.number(mean['y'])}"
    else:
        shown = labels.number(mean)
    placed = sorted((value.get("distribution") or {}).items(), key=lambda i: int(i[0]))
    pawns = " · ".join(f"{square}: {n}" for square, n in placed if n)
    return Figure(int(value["count"]), shown, labels.number(value["spread"]), pawns or "–")


def consensus_part(record: Record, labels: Labels) -> ConsensusPart | None:
    """The consensus picture of a workshop's plenary room, grouped by verdict; None in
    every other room."""
    picture = record.get("consensus")
    if not picture:
        return None
    cards = cards_by_id(record)
    names = [(t["id"], t["name"]) for t in picture["tables"]]
    groups: dict[str, list[ConsensusRow]] = {}
    for entry in picture["cards"]:
        card = cards.get(entry["card_id"])
        name = (
            f"{labels['Card']} {card['number']}: {card_name(labels, card)}"
            if card
            else entry["card_id"]
        )
        per = entry["tables"]
        rows = [
            (name_, _figure(per[t].get("first"), labels), _figure(per[t].get("second"), labels))
            for t, name_ in names
            if t in per
        ]
        together = entry["together"]
        row = ConsensusRow(
            card=name,
            verdict=entry["verdict"],
            between=labels.number(entry.get("between")),
            apart=labels.apart(record["board"]["kind"], apart(record["board"]["kind"], entry)),
            tables=rows,
            together=(
                _figure(together.get("first"), labels),
                _figure(together.get("second"), labels),
            ),
        )
        groups.setdefault(entry["verdict"], []).append(row)
    order = [v for v in VERDICTS if v in groups] + [v for v in groups if v not in VERDICTS]
    quadrant = record["board"]["kind"] == "quadrant"
    legend = labels["consensus_legend_quadrant" if quadrant else "consensus_legend"]
    groups_in_order = [(v, groups[v]) for v in order]
    return ConsensusPart(legend, not quadrant, [n for _, n in names], groups_in_order)


def item_text(record: Record, item: str | None, item_id: str | None, labels: Labels) -> str:
    if item is None or item_id is None:
        return ""
    if item == "cluster":
        return next((c["name"] for c in record["clusters"] if c["id"] == item_id), "")
    if item == "post_it":
        return str(post_its_by_id(record).get(item_id, {}).get("text", ""))
    card = cards_by_id(record).get(item_id)
    return card_name(labels, card) if card else ""


def plenary_part(record: Record, labels: Labels) -> PlenaryPart:
    plenary = record["plenary"]
    points = {a["id"]: a for a in record["action_points"]}
    actions = [
        {**points[i], "from": item_text(record, points[i]["item"], points[i]["item_id"], labels)}
        for i in record["summary"]["action_points"]
    ]
    voting = record["voting"]
    return PlenaryPart(
        actions=actions,
        develop=[_line(r, record, labels) for r in plenary["develop"]],
        present=[_line(r, record, labels) for r in plenary["present"]],
        questions=[_line(r, record, labels) for r in plenary["questions"]],
        votes_shown=bool(voting and voting["revealed"]),
        voting=voting is not None,
        consensus=consensus_part(record, labels),
    )


def counted(record: Record, labels: Labels) -> list[tuple[str, str]]:
    """What a title page counts: cards discussed and post-its in a room; in a workshop's
    plenary room the tables and the items gathered from them (its cards were played at
    the tables, not here)."""
    if not is_plenary_room(record):
        played = [c for c in record["cards"] if c["played"]]
        return [
            (labels["cards_played"], str(len(played))),
            (labels["post_its"], str(len(record["post_its"]))),
        ]
    tables = {p["table_id"] for p in record["post_its"] if p.get("table_id")}
    if record.get("consensus"):
        tables |= {t["id"] for t in record["consensus"]["tables"]}
    return [
        (labels["tables_many"].capitalize(), str(len(tables))),
        (labels["items_gathered"], str(len(record["post_its"]))),
    ]


def tiles(record: Record, labels: Labels) -> list[tuple[int, str, str]]:
    """The three numbers of a title page, with their words and colour (``green``, ``red``,
    ``pink``): the piles' cards and the open questions; in a workshop's plenary room the
    items under each heading."""
    if is_plenary_room(record):
        plenary = record["plenary"]
        return [
            (len(plenary["present"]), labels["present_tile"], "green"),
            (len(plenary["develop"]), labels["develop_tile"], "red"),
            (len(plenary["questions"]), labels["open_tile"], "pink"),
        ]
    summary = record["summary"]
    return [
        (len(summary["green_pile"]["cards"]), labels["green_tile"], "green"),
        (len(summary["red_pile"]["cards"]), labels["red_tile"], "red"),
        (len(summary["open_questions"]), labels["open_tile"], "pink"),
    ]
