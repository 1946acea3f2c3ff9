"""Where a post-it in the plenary lists came from reads "(Card 1: Time for learning)", the
way a card's own line is written, not "(Card 1 (Time for learning))"."""

from __future__ import annotations

import io
import re

import docx

from tests.exports.conftest import Played


def test_a_post_its_card_is_named_once_in_brackets(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    for room, word in ((played.scale, "Kaart"), (played.quadrant, "Card")):
        markdown = downloads[(room.code, "md")].decode("utf-8")
        policy = docx.Document(io.BytesIO(downloads[(room.code, "policy")]))
        report = docx.Document(io.BytesIO(downloads[(room.code, "docx")]))
        texts = [markdown] + [p.text for document in (policy, report) for p in document.paragraphs]
        both = "\n".join(texts)
        assert re.search(rf"\({word} \d+: [^()]+\)", both), room.code
        assert not re.search(rf"\({word} \d+ \(", both), room.code
