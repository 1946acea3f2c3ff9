"""Likely duplicates: post-its that say the same thing in other words.

Normalised text similarity, nothing cleverer: a text is lower-cased, stripped of accents
and punctuation, and split into words; words of one or two letters and common Dutch and
English function words are dropped. Two texts are likely duplicates when

- their word sets overlap by a Jaccard index (shared words / all words) of at least
  ``AT_LEAST``, or
- their normalised texts read alike by ``difflib``'s ratio (typos, word order) of at least
  ``AT_LEAST``.

Only pairs that share at least one word are compared, and a word found in more than
``COMMON_FROM`` texts does not make two texts candidates (it says little), so a room of
2000 post-its costs far less than every pair. The score shown is the higher of the two.
Only suggestions: nothing is merged unless the facilitator merges it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Hashable, Mapping
from itertools import combinations
from typing import TypeVar

from .figures import rounded

AT_LEAST = 0.6
COMMON_FROM = 40
MAX_SUGGESTIONS = 30

STOP_WORDS = frozenset(
    """aan als bij dat de den der des die dit door een en er het hun ik in is je jij maar
    met na naar niet nog of om ons onze ook op over te tot uit van voor wat we wij ze zij
    zijn zo zou meer veel geen wel dan dus hebben heeft wordt worden kan kunnen moet
    the and for with that this are was were has have not but our you your its from
    can will should would more less into about what when who how""".split()
)

_WORD = re.compile(r"[a-z0-9]+")

K = TypeVar("K", bound=Hashable)


def normalised(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain))


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in normalised(text).split() if len(w) > 2 and w not in STOP_WORDS)


def similarity(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    ratio = difflib.SequenceMatcher(None, normalised(a), normalised(b)).ratio()
    return max(jaccard, ratio)


def likely_duplicates(texts: Mapping[K, str]) -> list[tuple[K, K, float]]:
    """Pairs of keys whose texts are likely duplicates, best first (at most
    ``MAX_SUGGESTIONS``); each pair in the order the mapping gives its keys."""
    order = {key: n for n, key in enumerate(texts)}
    by_word: dict[str, list[K]] = {}
    for key, text in texts.items():
        for word in words(text):
            by_word.setdefault(word, []).append(key)
    candidates: set[tuple[K, K]] = set()
    for keys in by_word.values():
        if len(keys) <= COMMON_FROM:
            for a, b in combinations(keys, 2):
                candidates.add((a, b) if order[a] < order[b] else (b, a))
    found = []
    for a, b in candidates:
        score = rounded(similarity(texts[a], texts[b]))
        if score >= AT_LEAST:
            found.append((a, b, score))
    found.sort(key=lambda f: (-f[2], order[f[0]], order[f[1]]))
    return found[:MAX_SUGGESTIONS]
