"""The learning policy's sections of a single table are numbered without a gap.

*Draagvlak* / *Support* (6) is a workshop plenary's only; a single table's policy goes
from 5. Open questions to 6. Evaluation, which a reader pasting it as a chapter would
otherwise take for a section gone missing.
"""

from __future__ import annotations

import io

import docx

from tests.exports.conftest import Played


def test_a_single_tables_policy_numbers_its_sections_one_to_six(
    played: Played, downloads: dict[tuple[str, str], bytes]
) -> None:
    expected = {
        played.scale.code: [
            "1. Aanleiding",
            "2. Uitgangspunten: wat er al is",
            "3. Doelen: wat we ontwikkelen",
            "4. Acties",
            "5. Open vragen",
            "6. Evaluatie en borging",
        ],
        played.quadrant.code: [
            "1. Background",
            "2. Starting points: what is already there",
            "3. Goals: what we develop",
            "4. Actions",
            "5. Open questions",
            "6. Evaluation and safeguarding",
        ],
    }
    for code, headings in expected.items():
        document = docx.Document(io.BytesIO(downloads[(code, "policy")]))
        found = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert found == headings, code
