"""Charts for the printable report: per card, the first and second placements.

- scale: the distribution over the squares, first placement (hatched) next to the second
  (solid), with each round's mean as a dashed line;
- quadrant: per player an arrow from the situation now (open circle) to the desired
  situation (filled circle), and the group's mean shift as a thick black arrow.

Drawn with matplotlib's object API (``Figure`` and the Agg canvas, no ``pyplot``), so
charts can be made in a worker thread while the server keeps serving. The text uses
matplotlib's bundled DejaVu Sans, which covers accented letters and curly quotes.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .labels import Labels
from .record import Record

FIRST_COLOUR = "#9ab7d3"
SECOND_COLOUR = "#1f4e79"
GRID_COLOUR = "#d0d7de"
DPI = 200


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    # Fixed margins (set per chart) instead of bbox_inches="tight": that draws twice. Light
    # compression: the PDF decodes and recompresses the image anyway, and the default level
    # made PNG encoding a fifth of a chart's time.
    fig.savefig(out, format="png", dpi=DPI, facecolor="white", pil_kwargs={"compress_level": 1})
    return out.getvalue()


def _wrap(text: str, width: int = 12) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _round_names(record: Record, labels: Labels) -> dict[str, str]:
    placements = record["board"]["spec"].get("placements", {})
    return {
        r: labels.text(placements.get(r)) or labels[r].capitalize() for r in ("first", "second")
    }


def scale_chart(record: Record, card: dict[str, Any], labels: Labels) -> bytes:
    size = int(record["board"]["size"])
    squares = record["board"]["spec"].get("squares", [])
    figures = card["figures"]
    names = _round_names(record, labels)
    fig = Figure(figsize=(6.4, 2.7))
    fig.subplots_adjust(left=0.08, right=0.99, top=0.86, bottom=0.24)
    ax = fig.add_subplot()
    xs = list(range(1, size + 1))
    width = 0.38
    top = 1
    for offset, round_, colour, hatch in (
        (-width / 2, "first", FIRST_COLOUR, "///"),
        (width / 2, "second", SECOND_COLOUR, None),
    ):
        f = figures[round_]
        counts = [f["distribution"][str(x)] for x in xs]
        top = max(top, *counts)
        mean = f["mean"]
        label = names[round_]
        if mean is not None:
            label += f" ({labels['mean']} {labels.number(mean)})"
        ax.bar(
            [x + offset for x in xs],
            counts,
            width=width,
            color=colour,
            edgecolor=SECOND_COLOUR,
            linewidth=0.6,
            hatch=hatch,
            label=label,
        )
        if mean is not None:
            ax.axvline(mean, color=colour if round_ == "second" else "#5b7fa3", ls="--", lw=1.2)
    ticks = []
    for x in xs:
        name = labels.text(squares[x - 1]) if x - 1 < len(squares) else ""
        ticks.append(f"{x}\n" + "\n".join(textwrap.wrap(name, 14)) if name else str(x))
    ax.set_xticks(xs, ticks, fontsize=7)
    ax.set_xlim(0.4, size + 0.6)
    ax.set_ylim(0, top + 0.6)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(labels["count"].capitalize(), fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(axis="y", color=GRID_COLOUR, lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2)
    return _png(fig)


def quadrant_chart(record: Record, card: dict[str, Any], labels: Labels) -> bytes:
    spec = record["board"]["spec"]
    colours = {p["id"]: p["colour"] for p in record["players"]}
    first = {p["player_id"]: p["position"] for p in card["placements"]["first"]}
    second = {p["player_id"]: p["position"] for p in card["placements"]["second"]}
    names = _round_names(record, labels)
    fig = Figure(figsize=(5.4, 4.8))
    fig.subplots_adjust(left=0.19, right=0.81, top=0.93, bottom=0.11)
    ax = fig.add_subplot()
    ax.set_xlim(-1.12, 1.12)
    ax.set_ylim(-1.12, 1.12)
    ax.set_aspect("equal")
    ax.axhline(0, color="#888888", lw=0.8)
    ax.axvline(0, color="#888888", lw=0.8)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#888888")
    x_axis, y_axis = spec.get("x_axis", {}), spec.get("y_axis", {})
    ax.fill_between([0, 1.12], 0, 1.12, color="#f3f7fb", zorder=0)
    ax.fill_between([-1.12, 0], -1.12, 0, color="#f3f7fb", zorder=0)
    style: dict[str, Any] = {"fontsize": 9, "color": "#333333", "clip_on": False}
    ax.text(-1.16, 0, _wrap(labels.text(x_axis.get("low"))), ha="right", va="center", **style)
    ax.text(1.16, 0, _wrap(labels.text(x_axis.get("high"))), ha="left", va="center", **style)
    ax.text(0, -1.16, labels.text(y_axis.get("low")), ha="center", va="top", **style)
    ax.text(0, 1.16, labels.text(y_axis.get("high")), ha="center", va="bottom", **style)
    for player_id in [*first, *(p for p in second if p not in first)]:
        colour = colours.get(player_id, "#555555")
        a, b = first.get(player_id), second.get(player_id)
        if a and b:
            ax.annotate(
                "",
                xy=(b["x"], b["y"]),
                xytext=(a["x"], a["y"]),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.1, "shrinkB": 4},
            )
        if a:
            ax.plot(a["x"], a["y"], "o", ms=6, mfc="white", mec=colour, mew=1.5)
        if b:
            ax.plot(b["x"], b["y"], "o", ms=6, color=colour)
    m1, m2 = card["figures"]["first"]["mean"], card["figures"]["second"]["mean"]
    if m1 and m2:
        ax.annotate(
            "",
            xy=(m2["x"], m2["y"]),
            xytext=(m1["x"], m1["y"]),
            arrowprops={
                "arrowstyle": "-|>,head_width=0.5,head_length=0.8",
                "color": "black",
                "lw": 2.6,
            },
        )
    ax.plot([], [], "o", ms=6, mfc="white", mec="#555555", mew=1.5, ls="", label=names["first"])
    ax.plot([], [], "o", ms=6, color="#555555", ls="", label=names["second"])
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncols=2)
    return _png(fig)


def card_chart(record: Record, card: dict[str, Any], labels: Labels) -> bytes | None:
    """The chart of one card, or None when nobody placed a pawn on it."""
    if not card["placements"]["first"] and not card["placements"]["second"]:
        return None
    if record["board"]["kind"] == "quadrant":
        return quadrant_chart(record, card, labels)
    return scale_chart(record, card, labels)


TABLE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
"""One shape per table (with its name in the legend), so a table is never told by colour
alone."""
TABLE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf")


def _last_mean(figures: dict[str, Any] | None) -> float | None:
    if not figures or not figures.get("count"):
        return None
    mean = figures["mean"]
    return float(mean) if isinstance(mean, int | float) else None


def consensus_chart(record: Record, labels: Labels) -> bytes | None:
    """The consensus picture of a workshop's plenary room on a scale board: per statement
    a row, one mark per table at its mean (a thin line from its first round to its
    revised one), and a black bar where all tables together stand. Rows are grouped by
    verdict (agree first, then differ). None without a picture or on a quadrant board."""
    picture = record.get("consensus")
    if not picture or record["board"]["kind"] != "scale" or not picture["cards"]:
        return None
    from .plenary_part import VERDICTS

    size = int(record["board"]["size"])
    cards = {c["id"]: c for c in record["cards"]}
    order = {v: n for n, v in enumerate(VERDICTS)}
    entries = sorted(picture["cards"], key=lambda e: order.get(e["verdict"], len(VERDICTS)))
    tables = picture["tables"]
    height = 1.4 + 0.62 * len(entries)
    fig = Figure(figsize=(7.0, height))
    fig.subplots_adjust(left=0.34, right=0.98, top=1 - 0.55 / height, bottom=0.75 / height)
    ax = fig.add_subplot()
    named: set[str] = set()
    for row, entry in enumerate(entries):
        y = len(entries) - 1 - row
        per = entry["tables"]
        for n, table in enumerate(tables):
            figures = per.get(table["id"])
            if not figures:
                continue
            first, second = _last_mean(figures.get("first")), _last_mean(figures.get("second"))
            end = second if second is not None else first
            if end is None:
                continue
            offset = ((len(tables) - 1) / 2 - n) * 0.12  # the first table on top
            colour = TABLE_COLOURS[n % len(TABLE_COLOURS)]
            if first is not None and second is not None:
                ax.plot([first, second], [y + offset] * 2, color=colour, lw=1, alpha=0.6)
            ax.plot(
                end,
                y + offset,
                TABLE_MARKERS[n % len(TABLE_MARKERS)],
                ms=8,
                color=colour,
                mec="black",
                mew=0.5,
                label=None if table["id"] in named else table["name"],
            )
            named.add(table["id"])
        together = entry["together"]
        joint = _last_mean(together.get("second")) or _last_mean(together.get("first"))
        if joint is not None:
            ax.plot([joint, joint], [y - 0.32, y + 0.32], color="black", lw=3)
    names = []
    for entry in entries:
        card = cards.get(entry["card_id"])
        title = labels.text(card.get("title")) or labels.text(card["text"]) if card else ""
        head = f"{labels['Card']} {card['number']}: " if card else ""
        verdict = labels[f"consensus_{entry['verdict']}"].split(":")[0]
        names.append(f"{_wrap(head + title, 34)}\n({verdict})")
    ax.set_yticks(list(range(len(entries) - 1, -1, -1)), names, fontsize=8)
    ax.set_ylim(-0.6, len(entries) - 0.4)
    squares = record["board"]["spec"].get("squares", [])
    ticks = []
    for x in range(1, size + 1):
        name = labels.text(squares[x - 1]) if x - 1 < len(squares) else ""
        ticks.append(f"{x}\n" + "\n".join(textwrap.wrap(name, 12)) if name else str(x))
    ax.set_xticks(list(range(1, size + 1)), ticks, fontsize=7)
    ax.set_xlim(0.6, size + 0.4)
    ax.grid(axis="x", color=GRID_COLOUR, lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.plot([], [], color="black", lw=3, label=labels["together"])
    ax.legend(
        fontsize=7,
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=min(4, len(tables) + 1),
    )
    return _png(fig)
