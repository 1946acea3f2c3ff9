"""The per-card figures table of the printable reports (PDF and Word): one content, two
renderers."""

from __future__ import annotations

from typing import Any

from ..rules.model import ROUNDS
from .labels import Labels
from .record import Record


def figures_table(
    record: Record, card: dict[str, Any], labels: Labels
) -> tuple[list[str], list[list[str]]]:
    """The header and rows: count, mean, spread per round, then shift and piles (whose
    value sits in the first round's column, the second left empty to be spanned)."""
    figures = card["figures"]
    quadrant = record["board"]["kind"] == "quadrant"
    spec = record["board"]["spec"]
    names = [
        labels.text(spec.get("placements", {}).get(r)) or labels[r].capitalize() for r in ROUNDS
    ]

    def mean(f: dict[str, Any]) -> str:
        if f["mean"] is None:
            return "–"
        if quadrant:
            return f"x {labels.number(f['mean']['x'])}, y {labels.number(f['mean']['y'])}"
        return labels.number(f["mean"])

    def spread(f: dict[str, Any]) -> str:
        if f["spread"] is None:
            return "–"
        return f"{labels.number(f['spread'])} ({labels.consensus(f['consensus'])})"

    first, second = figures["first"], figures["second"]
    shift = labels["mean_shift"] if quadrant else labels["shift"]
    shift_value = (labels.number if quadrant else labels.signed)(figures["shift"])
    piles = f"{labels.pile(figures['suggested_pile']) or '–'} → {labels.pile(card['pile']) or '–'}"
    rows = [
        [labels["count"].capitalize(), str(first["count"]), str(second["count"])],
        [labels["mean"].capitalize(), mean(first), mean(second)],
        [labels["spread"].capitalize(), spread(first), spread(second)],
        [shift.capitalize(), shift_value, ""],
        [f"{labels['suggested_pile'].capitalize()} → {labels['final_pile']}", piles, ""],
    ]
    return ["", *names], rows
