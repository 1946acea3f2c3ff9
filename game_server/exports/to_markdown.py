"""The plenary summary as Markdown: piles, open questions, action points, and per card its
figures and post-its. Paste it into a wiki, Teams, Notion or a policy document.

Everything people typed (post-its, case cards, action points, names, the room title) goes
through ``escape``: it stays text and never becomes a heading, a link, emphasis or HTML.
"""

from __future__ import annotations

import re
from typing import Any

from ..rules.model import ROUNDS
from .labels import Labels, card_name
from .plenary_part import ConsensusPart, Line, PlenaryPart, plenary_part
from .record import (
    Record,
    cards_by_id,
    is_plenary_room,
    participants,
    post_its_of,
    reported_cards,
)

_ALWAYS = frozenset("\\`*_{}[]<>|~")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_LINE_START = frozenset("#-+=>")


def _escape_line(line: str, line_start: bool, hashes: bool = False) -> str:
    always = _ALWAYS | {"#"} if hashes else _ALWAYS
    escaped = "".join(f"\\{ch}" if ch in always else ch for ch in line)
    escaped = _ENTITY.sub(r"\\&", escaped)
    if not line_start:
        return escaped
    body = escaped.lstrip(" \t")
    lead = escaped[: len(escaped) - len(body)]
    if body[:1] in _LINE_START:
        body = "\\" + body
    else:
        body = _ORDERED.sub(r"\1\\\2", body)
    return lead + body


def escape(text: str, indent: str = "", *, line_start: bool = False, hashes: bool = False) -> str:
    """``text`` as Markdown that renders as exactly this text.

    Newlines become hard line breaks; continuation lines start with ``indent`` (so a
    multi-line post-it stays inside its list item or block quote) and are escaped as the
    start of a line (no heading, list or quote can begin there). Set ``line_start`` when
    the text itself begins a line, ``hashes`` to escape every ``#`` (in a heading a
    trailing `` #`` would otherwise be taken for its closing sequence and dropped).
    """
    lines = text.replace("\r\n", "\n").split("\n")
    escaped = [_escape_line(line, line_start or n > 0, hashes) for n, line in enumerate(lines)]
    return f"\\\n{indent}".join(escaped)


def heading(level: int, text: str) -> str:
    """A heading that renders as exactly ``text``.

    A first-level heading of several lines (a session title may have them) becomes a
    setext heading, underlined with ``===``: the only kind that can hold line breaks. Deeper
    headings join the lines with spaces (the second level's ``---`` underline would make a
    table of a line holding ``|``; the headings we write there are one line anyway).
    """
    if "\n" in text and level == 1:
        return f"{escape(text, line_start=True, hashes=True)}\n==="
    one_line = " ".join(text.split("\n"))
    return f"{'#' * level} {escape(one_line, line_start=True, hashes=True)}"


def _figures_table(card: dict[str, Any], record: Record, labels: Labels) -> list[str]:
    figures = card["figures"]
    quadrant = record["board"]["kind"] == "quadrant"
    spec = record["board"]["spec"]
    names = {r: labels.text(spec.get("placements", {}).get(r)) or labels[r] for r in ROUNDS}
    rows = [f"| | {names['first']} | {names['second']} |", "|---|---|---|"]

    def cell(round_: str, key: str) -> str:
        f = figures[round_]
        if key == "count":
            return str(f["count"])
        if key == "mean":
            if f["mean"] is None:
                return "–"
            if quadrant:
                return f"x {labels.number(f['mean']['x'])}, y {labels.number(f['mean']['y'])}"
            return labels.number(f["mean"])
        if key == "spread":
            if f["spread"] is None:
                return "–"
            return f"{labels.number(f['spread'])} ({labels.consensus(f['consensus'])})"
        distribution = f["distribution"]
        return " · ".join(f"{s}: {n}" for s, n in distribution.items())

    keys = ["count", "mean", "spread"] + ([] if quadrant else ["distribution"])
    for key in keys:
        label = labels[key].capitalize()
        rows.append(f"| {label} | {cell('first', key)} | {cell('second', key)} |")
    return rows


def _post_it_line(p: dict[str, Any], labels: Labels, with_card: str = "") -> str:
    colour = labels["green_label"] if p["colour"] == "green" else labels["pink_label"]
    tags = [colour]
    if p["colour"] == "pink":
        tags.append(labels["resolved"] if p["resolved"] else labels["open_question"])
    author = f" — {escape(p['author'])}" if p["author"] else ""
    table = f" ({escape(p['table_name'])})" if p.get("table_name") else ""
    return f"- **{', '.join(tags)}**{with_card}: {escape(p['text'], '  ')}{author}{table}"


def _card_ref(card: dict[str, Any], labels: Labels) -> str:
    return f"{labels['Card']} {card['number']} ({escape(card_name(labels, card), '  ')})"


def _item(n: int, line: Line, labels: Labels) -> list[str]:
    """One item of a plenary heading: its text, where from, its dots, a cluster's post-its."""
    dots = f" — **{labels.dots(line.dots)}**" if line.dots is not None else ""
    detail = f" ({escape(line.detail, '   ')})" if line.detail else ""
    out = [f"{n}. {escape(line.text, '   ')}{detail}{dots}"]
    out += [f"   - {escape(member, '     ')}" for member in line.members]
    return out


def action_lines(
    actions: list[dict[str, Any]], labels: Labels, cards: dict[str, Any], level: int = 3
) -> list[str]:
    """The action points (``plenary_part``'s), each what, who, first step, evaluation."""
    lines = [f"{'#' * level} {labels['action_points']}", ""]
    for n, a in enumerate(actions, start=1):
        lines.append(f"{n}. **{labels['what'].capitalize()}:** {escape(a['what'], '   ')}  ")
        for key in ("who", "first_step", "evaluate_when"):
            lines.append(f"   **{labels[key].capitalize()}:** {escape(a[key], '   ')}  ")
        if a["from"]:
            lines.append(f"   **{labels['from_item'].capitalize()}:** {escape(a['from'], '   ')}  ")
        if a["card_id"] and a["card_id"] in cards:
            ref = _card_ref(cards[a["card_id"]], labels)
            lines.append(f"   **{labels['about_card'].capitalize()}:** {ref}")
        lines.append("")
    if not actions:
        lines += [labels["no_action_points"], ""]
    return lines


def _plenary(part: PlenaryPart, labels: Labels, cards: dict[str, Any]) -> list[str]:
    """Actions first, then to develop (with votes), present, open questions."""
    lines = action_lines(part.actions, labels, cards)
    for key, items in (
        ("plenary_develop", part.develop),
        ("plenary_present", part.present),
        ("plenary_questions", part.questions),
    ):
        lines += [f"### {labels[key]}", ""]
        if key == "plenary_develop" and part.voting and not part.votes_shown:
            lines += [labels["votes_hidden"], ""]
        for n, line in enumerate(items, start=1):
            lines += _item(n, line, labels)
        lines += [""] if items else [labels["none"], ""]
    if part.consensus is not None:
        lines += consensus_lines(part.consensus, labels)
    return lines


def consensus_lines(part: ConsensusPart, labels: Labels) -> list[str]:
    """The consensus picture: per verdict its statements, each a table of the tables'
    means and spreads (first round, revised) and all together."""
    lines = [f"### {labels['plenary_consensus']}", "", part.legend, ""]
    head = (
        f"| {labels['table'].capitalize()} | {labels['mean'].capitalize()}"
        f" ({labels['round_first']}) | {labels['mean'].capitalize()} ({labels['round_second']})"
        f" | {labels['spread'].capitalize()} ({labels['round_second']}) |"
    )
    rule = "|---|---|---|---|"
    if part.distribution:
        head += f" {labels['distribution'].capitalize()} ({labels['round_second']}) |"
        rule += "---|"
    for verdict, rows in part.groups:
        lines += [f"#### {labels[f'consensus_{verdict}']}", ""]
        for row in rows:
            between = f" — {row.said(labels)}" if row.said(labels) else ""
            lines += [f"**{escape(row.card)}**{between}", "", head, rule]
            for name, first, second in [*row.tables, (labels["together"], *row.together)]:
                cells = f"| {escape(name)} | {first.mean} | {second.mean} | {second.spread} |"
                if part.distribution:
                    cells += f" {second.distribution} |"
                lines.append(cells)
            lines.append("")
    return lines


def to_markdown(record: Record) -> bytes:
    labels = Labels(record["options"]["language"])
    cards = cards_by_id(record)
    room = record["room"]
    lines: list[str] = [heading(1, record["title"]), ""]
    facts = [
        f"{labels['app']}: {labels['report'].lower()}",
        f"{labels['Room']} {room['code']}",
        labels.date(room["created_at"]),
        f"{labels['board']}: {escape(labels.text(record['board']['spec'].get('name')))}",
    ]
    if record["decks"]:
        decks = ", ".join(escape(labels.text(d["name"])) for d in record["decks"])
        facts.append(f"{labels['decks']}: {decks}")
    facts.append(f"{labels['participants']}: {len(participants(record))}")
    if room["imported_from"]:
        facts.append(f"{labels['continued_from']} {room['imported_from']['code']}")
    lines += ["  \n".join(facts), "", f"## {labels['plenary_decisions']}", ""]

    lines += _plenary(plenary_part(record, labels), labels, cards)

    lines += [f"## {labels['per_card']}", ""]
    lines += per_card_lines(record, labels)
    return ("\n".join(lines) + "\n").encode("utf-8")


def per_card_lines(record: Record, labels: Labels, level: int = 3) -> list[str]:
    """Per card (a heading of ``level``): its text, figures and post-its; then the legend."""
    lines: list[str] = []
    plenary_room = is_plenary_room(record)
    for card in reported_cards(record):
        title = f"{labels['Card']} {card['number']}: {card_name(labels, card)}"
        if card["skipped"]:
            title += f" ({labels['skipped']})"
        lines += [heading(level, title), ""]
        if card.get("title"):
            lines += [f"> {escape(labels.text(card['text']), '> ', line_start=True)}", ""]
        if card["author"]:
            lines += [f"{labels['written_by'].capitalize()}: {escape(card['author'])}", ""]
        if card["placements"]["first"] or card["placements"]["second"]:
            lines += _figures_table(card, record, labels)
            lines.append("")
            figures = card["figures"]
            shift_word = (
                labels["mean_shift"] if record["board"]["kind"] == "quadrant" else labels["shift"]
            )
            quadrant = record["board"]["kind"] == "quadrant"
            shift_value = (labels.number if quadrant else labels.signed)(figures["shift"])
            extra = [f"{shift_word.capitalize()}: {shift_value}"]
            suggested = labels.pile(figures["suggested_pile"]) or "–"
            extra.append(f"{labels['suggested_pile'].capitalize()}: {suggested}")
            extra.append(f"{labels['final_pile'].capitalize()}: {labels.pile(card['pile']) or '–'}")
            lines += [" · ".join(extra), ""]
        elif not plenary_room:  # a plenary room's figures are in its consensus picture
            lines += [labels["no_placements"], ""]
        own = post_its_of(record, card["id"])
        if own:
            lines += [_post_it_line(p, labels) for p in own]
        else:
            lines.append(labels["no_post_its"])
        lines.append("")
    lines.append(labels["figures_legend"])
    return lines
