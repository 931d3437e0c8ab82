"""Fillers known from training: how often a phrase seen in a document was a gold filler.

"car bomb" was a Weapon filler in most training documents that contain it, "eln" a PerpOrg
in two of three; such phrases are worth reporting even where the tagger is unsure. The
precision of each phrase (documents where it was gold for the role over documents that
contain it) is learnt from the training split only.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache

from overhorizon.extraction.roles.muc4 import MucDocument

Lexicon = Mapping[str, Mapping[str, float]]
"""Role -> lower-cased phrase -> its precision as a filler of that role in training."""


def training_lexicon(
    documents: Iterable[MucDocument], min_documents: int = 3
) -> dict[str, dict[str, float]]:
    """Each gold mention's precision per role, for phrases found in ``min_documents`` or more."""
    docs = list(documents)
    gold: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for role, entities in doc.extracts.items():
            gold[role].update({m.lower() for entity in entities for m, _ in entity})
    phrases = sorted({p for counts in gold.values() for p in counts})
    found: Counter[str] = Counter()
    for doc in docs:
        text = doc.text.lower()
        found.update(p for p in phrases if p in text and _pattern(p).search(text))
    return {
        role: {
            p: round(counts[p] / found[p], 4) for p in sorted(counts) if found[p] >= min_documents
        }
        for role, counts in sorted(gold.items())
    }


def matches(text: str, phrases: Mapping[str, float], floor: float) -> list[tuple[int, int, float]]:
    """(start, end, precision) of the first occurrence of each phrase at or above ``floor``."""
    lowered = text.lower()
    out = []
    for phrase, precision in phrases.items():
        if precision < floor or phrase not in lowered:
            continue
        match = _pattern(phrase).search(lowered)
        if match is not None:
            out.append((match.start(), match.end(), precision))
    return out


@cache
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
