"""Typed text as reportlab paragraph markup that draws exactly that text: the report's fonts,
a fallback font per character, and right-to-left text shaped and put in visual order.

reportlab draws the characters of a string left to right, one glyph each, from one font.
So, before its paragraph markup sees the text:

- **Fonts.** DejaVu Sans (matplotlib's bundled copy, always present) draws Latin, Greek,
  Cyrillic, Hebrew, Arabic and many symbols. A character it lacks is drawn from the first
  fallback font that has it: Droid Sans Fallback (Chinese, Japanese, Korean; Debian's
  ``fonts-droid-fallback``) or Symbola (monochrome emoji and symbols; ``fonts-symbola``).
  Both have TrueType outlines, which reportlab needs (it cannot embed CFF/OpenType-PS
  fonts such as Noto CJK). A fallback font that is not installed is skipped; a character
  no font has is drawn as □, so the report is always made.
- **Right to left.** Arabic letters are shaped (``arabic-reshaper``: each letter in its
  initial, medial, final or isolated form, and the lam-alef ligatures) and every line
  holding Hebrew or Arabic is reordered into visual order (``python-bidi``, the Unicode
  bidirectional algorithm). Because the order depends on where a line breaks, such text is
  broken into lines here, at the width it will be drawn in, and each line reordered.
- **Markup.** The result is XML-escaped; a newline becomes ``<br/>``.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import arabic_reshaper
import matplotlib
from bidi import get_display
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
MISSING_GLYPH = "\u25a1"
"""Drawn for a character no font of the report has."""

FALLBACKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "DroidSansFallback",
        (
            # Not the "Full" variant beside it, which lacks the Korean syllables.
            "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
        ),
    ),
    ("Symbola", ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",)),
)
"""Fallback fonts in the order they are tried, each with the places Debian installs it."""

_RTL_CLASSES = frozenset({"R", "AL"})
_RESHAPER = arabic_reshaper.ArabicReshaper({"delete_harakat": False, "support_ligatures": True})


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with each character written as UTF-16BE.

    reportlab writes a code point above U+FFFF as five hex digits (``<1F600>``), which
    readers take for a different character (copying 😀 gave ὠ); the PDF standard wants
    the UTF-16 surrogate pair (``<D83DDE00>``).
    """

    def utf16(code_point: int) -> str:
        return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


# reportlab's internals (checked by tests/exports/test_accepted_text.py: copying an emoji out of
# the report gives the emoji; reportlab is pinned below 6 in pyproject.toml).
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@cache
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, italic) and the installed fallbacks; the family."""
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(ttf / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )
    for name, paths in FALLBACKS:
        path = next((p for p in paths if Path(p).is_file()), None)
        if path is not None:
            pdfmetrics.registerFont(TTFont(name, path))
            # One face for all four, so <b> or <i> around a fallback run keeps the font.
            faces = dict.fromkeys(("normal", "bold", "italic", "boldItalic"), name)
            pdfmetrics.registerFontFamily(name, **faces)
    return FONT


@cache
def fonts_in_use() -> tuple[tuple[str, frozenset[int]], ...]:
    """(font name, the code points it draws), DejaVu Sans first, then installed fallbacks."""
    register_fonts()
    names = [FONT, *(name for name, _ in FALLBACKS if name in pdfmetrics.getRegisteredFontNames())]
    return tuple((name, frozenset(pdfmetrics.getFont(name).face.charToGlyph)) for name in names)


@cache
def _font_of(code_point: int) -> str | None:
    for name, covered in fonts_in_use():
        if code_point in covered:
            return name
    return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def starts_right_to_left(text: str) -> bool:
    """Whether the first letter with a direction is Hebrew or Arabic (the text's base
    direction, as the bidirectional algorithm finds it)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in _RTL_CLASSES:
            return True
    return False


def visual_lines(line: str, width: float, size: float) -> list[str]:
    """One logical line holding right-to-left text: shaped, broken to ``width`` and each
    resulting line in visual (drawing) order."""
    shaped = _RESHAPER.reshape(line)
    # A little narrower than the paragraph, so reportlab never breaks a line again
    # (which would put the visual halves in the wrong order).
    pieces = simpleSplit(shaped, FONT, size, width * 0.96) or [shaped]
    return [get_display(piece) for piece in pieces]


def _runs(text: str) -> str:
    """Markup for one line of text: runs of characters in the font that draws them."""
    out: list[str] = []
    current: str | None = FONT
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        escaped = xml_escape("".join(run))
        out.append(escaped if current == FONT else f'<font name="{current}">{escaped}</font>')
        run.clear()

    for ch in text:
        if ch == "\t":
            ch = "    "
            font: str | None = current
        else:
            font = _font_of(ord(ch))
            if font is None:
                ch, font = MISSING_GLYPH, FONT
        if font != current:
            flush()
            current = font
        run.append(ch)
    flush()
    return "".join(out)


def markup(text: str, width: float, size: float) -> str:
    """``text`` as paragraph markup drawn ``width`` points wide in ``size`` point type."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        lines += visual_lines(line, width, size) if has_rtl(line) else [line]
    return "<br/>".join(_runs(line) for line in lines)
