"""Acronyms of group names: which letter strings a name can be abbreviated to.

An acronym is compared with the initials of the other name's words, read three ways (every
word; without "of/the/in"; without articles too), so that LeT (Lashkar-e-Taiba), TTP
(Tehrik-i-Taliban Pakistan) and AQIS (al-Qaida in the Indian Subcontinent) all come out.
A trailing generic word may be present on one side only: ISKP is ISK plus "Province".
"""

from __future__ import annotations

from overhorizon.resolution import vocab
from overhorizon.resolution.normalize import PreparedName


def initials(name: PreparedName) -> frozenset[str]:
    """Letter strings the name abbreviates to (at least two words are needed)."""
    raw = list(name.raw_words)
    readings = [
        raw,
        [w for w in raw if w not in vocab.STOPWORDS],
        [w for w in raw if w not in vocab.STOPWORDS and w not in vocab.PARTICLES],
        [t.text for t in name.tokens],
    ]
    found: set[str] = set()
    for words in readings:
        if len(words) < 2:
            continue
        found.add("".join(w[0] for w in words))
        if words[-1] in vocab.GROUP_GENERIC or vocab.GROUP_SYNONYMS.get(words[-1]) == "province":
            found.add("".join(w[0] for w in words[:-1]))
    expanded = [t.text for t in name.tokens]
    if any(len(w) <= 3 for w in expanded) and len(expanded) >= 2:
        found.add("".join(w if len(w) <= 3 else w[0] for w in expanded))
    return frozenset(f for f in found if len(f) >= 2)


def abbreviates(acronym: str, letters: frozenset[str] | set[str]) -> str | None:
    """How ``acronym`` abbreviates one of ``letters``, or None: "exact" or "plus generic"."""
    if acronym in letters:
        return "exact"
    if len(acronym) >= 3 and acronym[:-1] in letters and acronym[-1] in vocab.GENERIC_INITIALS:
        return f"plus a generic word ({acronym[-1].upper()})"
    for other in letters:
        if len(other) >= 3 and other[:-1] == acronym and other[-1] in vocab.GENERIC_INITIALS:
            return f"without a generic word ({other[-1].upper()})"
    return None
