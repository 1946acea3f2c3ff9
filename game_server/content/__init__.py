"""Game content: boards and card decks as validated data files.

See ``docs/content.md`` for the file formats.
"""

# The rules first: their create_room schema holds a deck (rules/commands.py imports
# content.models) and the content models use the rules' text rule; importing the rules
# package first makes that one order whichever package a caller imports first.
import game_server.rules  # noqa: F401  (isort: keep first)
from game_server.content.loader import (
    ContentError,
    Library,
    check_library,
    content_root,
    load_library,
)
from game_server.content.models import (
    AxisLabels,
    Board,
    CardKind,
    Deck,
    DeckCard,
    LocalText,
    PlacementLabels,
    QuadrantBoard,
    ScaleBoard,
    SessionPlan,
)

__all__ = [
    "AxisLabels",
    "Board",
    "CardKind",
    "ContentError",
    "Deck",
    "DeckCard",
    "Library",
    "LocalText",
    "PlacementLabels",
    "QuadrantBoard",
    "ScaleBoard",
    "SessionPlan",
    "check_library",
    "content_root",
    "load_library",
]
