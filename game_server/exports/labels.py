"""The words and number/date formats of the exports, in Dutch (default) and English.

Every format takes its labels from here, so a Dutch room gets a Dutch spreadsheet, summary
and report, and an English room an English one. Times are shown in Europe/Amsterdam local
time: the workshops this tool is for are held in the Netherlands.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..rules.figures import rounded
from ..rules.text import as_one_line

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "app": "Leerklimaat",
        "untitled": "Leerklimaat-workshop van {date}",
        "report": "Verslag van de sessie",
        "room": "sessie",
        "Room": "Sessie",
        "date": "Datum",
        "board": "Bord",
        "decks": "Kaartsets",
        "participants": "Deelnemers",
        "cards_played": "Besproken kaarten",
        "post_its": "Post-its",
        "continued_from": "Vervolg van sessie",
        "phase": "Stand van het spel",
        "exported": "Geëxporteerd",
        "card": "kaart",
        "Card": "Kaart",
        "number": "nr",
        "kind": "soort",
        "colour": "kleur",
        "text": "tekst",
        "author": "auteur",
        "pile": "stapel",
        "resolved": "opgelost",
        "created": "aangemaakt",
        "edited": "laatst bewerkt",
        "green": "groen",
        "pink": "roze",
        "red_pile": "rood",
        "green_pile": "groen",
        "yes": "ja",
        "no": "nee",
        "anonymous": "anoniem",
        "player": "deelnemer",
        "first": "eerste",
        "second": "tweede",
        "shift": "verschuiving",
        "mean": "gemiddelde",
        "spread": "spreiding",
        "consensus": "overeenstemming",
        "suggested_pile": "voorgestelde stapel",
        "final_pile": "gekozen stapel",
        "placed": "geplaatst",
        "played": "gespeeld",
        "value": "waarde",
        "item": "onderdeel",
        "what": "wat",
        "who": "wie is verantwoordelijk",
        "first_step": "eerste stap",
        "evaluate_when": "evaluatie",
        "about_card": "bij kaart",
        "summary": "Samenvatting",
        "plenary_present": "Elementen die al aanwezig zijn",
        "plenary_develop": "Elementen die nog ontwikkeld dienen te worden",
        "plenary_questions": "Vragen die zijn blijven liggen",
        "plenary_decisions": "Wat de plenaire terugkoppeling besloot",
        "cluster": "Cluster",
        "clusters_sheet": "Clusters",
        "plenary_sheet": "Plenair",
        "heading": "Kopje",
        "post_its_in_cluster": "post-its",
        "dots": "stippen",
        "dot": "stip",
        "votes_hidden": "De stemmen zijn nog niet getoond.",
        "from_item": "van",
        "green_pile_title": "Groene stapel: wat er al is",
        "red_pile_title": "Rode stapel: wat nog ontwikkeld moet worden",
        "open_questions": "Open vragen",
        "action_points": "Actiepunten",
        "per_card": "Per kaart",
        "none": "Geen.",
        "no_post_its": "Geen post-its bij deze kaart.",
        "no_placements": "Niemand heeft een pion geplaatst.",
        "skipped": "overgeslagen",
        "not_played": "niet gespeeld",
        "post_it_green": "Groene post-it",
        "post_it_pink": "Roze post-it",
        "green_label": "Groen",
        "pink_label": "Roze",
        "open_question": "open vraag",
        "distribution": "verdeling",
        "count": "aantal",
        "figures": "Cijfers",
        "placements_sheet": "Plaatsingen",
        "cards_sheet": "Kaarten",
        "piles_sheet": "Stapels",
        "post_its_sheet": "Post-its",
        "action_points_sheet": "Actiepunten",
        "overview_sheet": "Overzicht",
        "kind_card": "kaart",
        "kind_post_it": "post-it",
        "statement": "stelling",
        "scenario": "scenario",
        "case": "casus",
        "written_by": "geschreven door",
        "read_by": "voorgelezen door",
        "x": "x",
        "y": "y",
        "now": "nu",
        "desired": "gewenst",
        "mean_shift": "gemiddelde verschuiving",
        "consensus_value": "overeenstemming",
        "mixed_value": "gemengd",
        "discussion_value": "discussie",
        "figures_legend": (
            "Spreiding: 0 is volledige overeenstemming, 1 is een groep die verdeeld is over"
            " beide uitersten. Tot en met 0,25 heet dat overeenstemming, vanaf 0,5 discussie."
        ),
        "quadrant_legend": (
            "Open rondje: de situatie nu; dicht rondje: de gewenste situatie; de pijl toont"
            " de verschuiving. De dikke zwarte pijl is het gemiddelde van de groep."
        ),
        "lobby": "wachtruimte",
        "read": "voorlezen",
        "place": "plaatsen",
        "discuss": "bespreken",
        "revise": "herzien",
        "sort": "sorteren",
        "summary_phase": "samenvatting",
        "closed": "afgesloten",
        "page": "pagina",
        "no_action_points": "Er zijn geen actiepunten vastgelegd.",
        "cards_on_pile": "Kaarten",
        "green_tile": "kaarten op de groene stapel: al aanwezig",
        "red_tile": "kaarten op de rode stapel: nog te ontwikkelen",
        "open_tile": "open vragen: roze post-its die nog openstaan",
        "post_its_on_pile": "Post-its",
        "statement_on_pile": "stelling op de stapel van de tafel",
        "table": "tafel",
        "table_one": "tafel",
        "tables_many": "tafels",
        "together": "Samen",
        "plenary_consensus": "Consensus en discussie tussen de tafels",
        "consensus_agree": "Snel eens: de tafels staan dicht bij elkaar",
        "consensus_mixed": "Deels eens",
        "consensus_differ": "Stof tot discussie: de tafels verschillen",
        "consensus_single": "Door één tafel gespeeld",
        "consensus_between": "spreiding tussen de tafels",
        "apart_words": "hoe ver uit elkaar",
        "apart_same_scale": "de tafels staan op hetzelfde vakje",
        "apart_same_quadrant": "de tafels staan op hetzelfde punt",
        "apart_one": "de tafels liggen gemiddeld {n} vakje uit elkaar",
        "apart_many": "de tafels liggen gemiddeld {n} vakjes uit elkaar",
        "apart_field": "de tafels liggen gemiddeld {n}% van het bord uit elkaar",
        "consensus_legend": (
            "Per tafel het gemiddelde van de eerste en de herziene plaatsing en de spreiding"
            " (0: iedereen op hetzelfde vakje, 1: verdeeld over beide uitersten). De spreiding"
            " tussen de tafels vergelijkt de gemiddelden van de tafels op dezelfde manier."
            " De verdeling noemt per vakje hoeveel pionnen er stonden (4: 2 is twee op vakje 4)."
        ),
        "consensus_legend_quadrant": (
            "Per tafel het gemiddelde punt (x, y) van de eerste en de herziene plaatsing en de"
            " spreiding (0: iedereen op hetzelfde punt, 1: zo ver uiteen als het bord toelaat)."
            " De spreiding tussen de tafels vergelijkt de gemiddelde punten van de tafels."
        ),
        "round_first": "eerste",
        "round_second": "herzien",
        "plenary_room": "Plenair",
        "per_table": "Per tafel",
        "consensus_sheet": "Consensus",
        "items_gathered": "Kaarten en post-its van de tafels",
        "workshop": "workshop",
        "Workshop": "Workshop",
        "workshop_report": "Verslag van de workshop",
        "present_tile": "onderdelen die al aanwezig zijn",
        "develop_tile": "onderdelen die nog ontwikkeld moeten worden",
    },
    "en": {
        "app": "Learning climate",
        "untitled": "Learning climate workshop of {date}",
        "report": "Session report",
        "room": "session",
        "Room": "Session",
        "date": "Date",
        "board": "Board",
        "decks": "Decks",
        "participants": "Participants",
        "cards_played": "Cards discussed",
        "post_its": "Post-its",
        "continued_from": "Continued from session",
        "phase": "Game state",
        "exported": "Exported",
        "card": "card",
        "Card": "Card",
        "number": "no",
        "kind": "kind",
        "colour": "colour",
        "text": "text",
        "author": "author",
        "pile": "pile",
        "resolved": "resolved",
        "created": "created",
        "edited": "last edited",
        "green": "green",
        "pink": "pink",
        "red_pile": "red",
        "green_pile": "green",
        "yes": "yes",
        "no": "no",
        "anonymous": "anonymous",
        "player": "participant",
        "first": "first",
        "second": "second",
        "shift": "shift",
        "mean": "mean",
        "spread": "spread",
        "consensus": "agreement",
        "suggested_pile": "suggested pile",
        "final_pile": "chosen pile",
        "placed": "placed",
        "played": "played",
        "value": "value",
        "item": "item",
        "what": "what",
        "who": "who is responsible",
        "first_step": "first step",
        "evaluate_when": "evaluation",
        "about_card": "about card",
        "summary": "Summary",
        "plenary_present": "Elements already present",
        "plenary_develop": "Elements still to develop",
        "plenary_questions": "Questions that remained open",
        "plenary_decisions": "What the plenary decided",
        "cluster": "Cluster",
        "clusters_sheet": "Clusters",
        "plenary_sheet": "Plenary",
        "heading": "Heading",
        "post_its_in_cluster": "post-its",
        "dots": "dots",
        "dot": "dot",
        "votes_hidden": "The votes have not been shown yet.",
        "from_item": "from",
        "green_pile_title": "Green pile: already present",
        "red_pile_title": "Red pile: still to develop",
        "open_questions": "Open questions",
        "action_points": "Action points",
        "per_card": "Card by card",
        "none": "None.",
        "no_post_its": "No post-its on this card.",
        "no_placements": "Nobody placed a pawn.",
        "skipped": "skipped",
        "not_played": "not played",
        "post_it_green": "Green post-it",
        "post_it_pink": "Pink post-it",
        "green_label": "Green",
        "pink_label": "Pink",
        "open_question": "open question",
        "distribution": "distribution",
        "count": "count",
        "figures": "Figures",
        "placements_sheet": "Placements",
        "cards_sheet": "Cards",
        "piles_sheet": "Piles",
        "post_its_sheet": "Post-its",
        "action_points_sheet": "Action points",
        "overview_sheet": "Overview",
        "kind_card": "card",
        "kind_post_it": "post-it",
        "statement": "statement",
        "scenario": "scenario",
        "case": "case",
        "written_by": "written by",
        "read_by": "read aloud by",
        "x": "x",
        "y": "y",
        "now": "now",
        "desired": "desired",
        "mean_shift": "mean shift",
        "consensus_value": "agreement",
        "mixed_value": "mixed",
        "discussion_value": "discussion",
        "figures_legend": (
            "Spread: 0 is full agreement, 1 is a group split over both ends."
            " Up to 0.25 counts as agreement, from 0.5 as discussion."
        ),
        "quadrant_legend": (
            "Open circle: the situation now; filled circle: the desired situation; the arrow"
            " shows the shift. The thick black arrow is the group's mean."
        ),
        "lobby": "lobby",
        "read": "reading",
        "place": "placing",
        "discuss": "discussing",
        "revise": "revising",
        "sort": "sorting",
        "summary_phase": "summary",
        "closed": "closed",
        "page": "page",
        "no_action_points": "No action points were recorded.",
        "cards_on_pile": "Cards",
        "green_tile": "cards on the green pile: already present",
        "red_tile": "cards on the red pile: still to develop",
        "open_tile": "open questions: pink post-its still open",
        "post_its_on_pile": "Post-its",
        "statement_on_pile": "statement on the table's pile",
        "table": "table",
        "table_one": "table",
        "tables_many": "tables",
        "together": "Together",
        "plenary_consensus": "Agreement and discussion across the tables",
        "consensus_agree": "Quick agreement: the tables stand close together",
        "consensus_mixed": "Partly agreed",
        "consensus_differ": "Food for discussion: the tables differ",
        "consensus_single": "Played by one table",
        "consensus_between": "spread between the tables",
        "apart_words": "how far apart",
        "apart_same_scale": "the tables are on the same square",
        "apart_same_quadrant": "the tables are on the same point",
        "apart_one": "the tables are on average {n} square apart",
        "apart_many": "the tables are on average {n} squares apart",
        "apart_field": "the tables are on average {n}% of the board apart",
        "consensus_legend": (
            "Per table the mean of the first and the revised placement and the spread"
            " (0: everyone on the same square, 1: split over both ends). The spread between"
            " the tables compares the tables' means the same way. The distribution gives per"
            " square how many pawns stood there (4: 2 is two on square 4)."
        ),
        "consensus_legend_quadrant": (
            "Per table the mean point (x, y) of the first and the revised placement and the"
            " spread (0: everyone on the same point, 1: as far apart as the board allows)."
            " The spread between the tables compares the tables' mean points."
        ),
        "round_first": "first",
        "round_second": "revised",
        "plenary_room": "Plenary",
        "per_table": "Table by table",
        "consensus_sheet": "Consensus",
        "items_gathered": "Cards and post-its from the tables",
        "workshop": "workshop",
        "Workshop": "Workshop",
        "workshop_report": "Workshop report",
        "present_tile": "items already present",
        "develop_tile": "items still to develop",
    },
}


class Labels:
    """Words, numbers and dates in one language."""

    def __init__(self, language: str) -> None:
        self.language = "en" if language == "en" else "nl"
        self._words = WORDS[self.language]

    def __getitem__(self, key: str) -> str:
        return self._words[key]

    def text(self, value: Mapping[str, str] | None) -> str:
        """A content text ``{"nl": ..., "en": ...}`` in this language (Dutch as fallback)."""
        if not value:
            return ""
        return value.get(self.language) or value.get("nl") or next(iter(value.values()), "")

    def number(self, value: float | None, digits: int = 2) -> str:
        """``3,25`` in Dutch, ``3.25`` in English; an em dash for no value.

        Rounded by the figures' one rule (``rules.figures.rounded``), so a report shows
        exactly the number the screens show.
        """
        if value is None:
            return "–"
        shown = f"{rounded(value, digits):.{digits}f}"
        shown = shown.rstrip("0").rstrip(".") if digits else shown
        if shown in ("-0", ""):
            shown = "0"
        return shown.replace(".", ",") if self.language == "nl" else shown

    def signed(self, value: float | None, digits: int = 2) -> str:
        if value is None:
            return "–"
        shown = self.number(value, digits)
        return f"+{shown}" if value > 0 else shown

    def dots(self, count: int) -> str:
        """``1 stip``, ``3 stippen``."""
        return f"{count} {self['dot'] if count == 1 else self['dots']}"

    def count(self, n: int, one: str, many: str) -> str:
        """``1 tafel``, ``3 tafels``: a number and the word for it."""
        return f"{n} {self[one] if n == 1 else self[many]}"

    def consensus(self, value: str | None) -> str:
        return self._words[f"{value}_value"] if value else "–"

    def pile(self, value: str | None) -> str:
        return self._words[f"{value}_pile"] if value else ""

    def colour(self, value: str) -> str:
        return self._words[value]

    def phase(self, value: str) -> str:
        return self._words["summary_phase" if value == "summary" else value]

    def date(self, ms: int) -> str:
        """``14 maart 2025`` / ``14 March 2025``."""
        moment = local_time(ms)
        return f"{moment.day} {_MONTHS[self.language][moment.month - 1]} {moment.year}"

    def apart(self, kind: str, value: float | None) -> str:
        """``de tafels liggen gemiddeld 0,8 vakje uit elkaar`` (``rules.workshop.consensus
        .apart``), as the projector says it (web_client ``apartText``); "" for one table."""
        if value is None:
            return ""
        if kind == "scale":
            tenths = round(rounded(value, 1) * 10)
            if tenths == 0:
                return self["apart_same_scale"]
            # Dutch counts a part of a square in the singular ("0,8 vakje"), English not.
            one = tenths == 10 or (self.language == "nl" and tenths < 10)
            return self["apart_one" if one else "apart_many"].format(n=self.number(value, 1))
        percent = int(rounded(value * 100, 0))
        if percent == 0:
            return self["apart_same_quadrant"]
        return self["apart_field"].format(n=percent)

    def untitled(self, ms: int) -> str:
        """The title of a session its facilitator left unnamed: what it is and its day
        (``Leerklimaat-workshop van 6 december 2026``), as a calendar or a file list would
        show it; the board's name would say which board, not which session."""
        return self["untitled"].format(date=self.date(ms))

    def date_time(self, ms: int | None) -> str:
        if ms is None:
            return ""
        return local_time(ms).strftime("%Y-%m-%d %H:%M:%S")


def session_title(title: str | None, language: str, created_at: int) -> str:
    """A session's title as the screens and every export show it: one line (a title
    stored before the one-line rule keeps its words, not its breaks), and a session its
    facilitator left unnamed named by its day (``Labels.untitled``)."""
    return as_one_line(title or "") or Labels(language).untitled(created_at)


def local_time(ms: int) -> datetime:
    """Milliseconds since the epoch as a naive Europe/Amsterdam wall-clock time."""
    return datetime.fromtimestamp(ms / 1000, LOCAL_TIME).replace(tzinfo=None)


NAME_LENGTH = 90


def card_name(labels: Labels, card: Mapping[str, Any]) -> str:
    """A card's name on one line: its title, else the start of its text."""
    name = " ".join((labels.text(card.get("title")) or labels.text(card["text"])).split())
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"
