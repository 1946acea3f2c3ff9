"""Game content: boards and card decks as validated data files.

See ``docs/content.md`` for the file formats.
"""

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
    "check_library",
    "content_root",
    "load_library",
]
