"""Blocking: which indexed names are worth comparing with a query, found in milliseconds.

Each name is filed under a few keys: its whole canonical spelling, the consonant skeleton of
each word, the first three consonants of each long word (typos late in a word), each pair of
word skeletons (so "Muhammad Ali" is found without reading every Muhammad), the skeleton of
the whole name (words split or joined differently) and, for groups, the name's initials and
acronym. A query collects the names sharing its keys, each key counting by its rarity (inverse
document frequency), and reads the rarest keys first: a key so common that its list would take
too long is skipped once rarer ones have been read. Only the best few candidates go to the
matcher.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from overhorizon.resolution.acronyms import initials
from overhorizon.resolution.names import MatchResult, NameMatcher
from overhorizon.resolution.normalize import GROUP, PERSON, PreparedName, prepare, skeleton

_READ_BUDGET = 60_000
"""Postings read per query at most, beyond the two rarest keys."""


def keys(name: PreparedName) -> set[str]:
    """The blocking keys of a prepared name."""
    found: set[str] = set()
    skeletons = []
    for token in name.tokens:
        skel = token.skeleton if len(token.skeleton) >= 2 else token.text
        skeletons.append(skel)
        found.add("s:" + skel)
        if len(skel) >= 4:
            found.add("p:" + skel[:3])
    for first, second in combinations(sorted(set(skeletons))[:6], 2):
        found.add(f"q:{first}|{second}")
    found.add("n:" + name.letters)
    if len(name.tokens) > 1:
        found.add("w:" + skeleton(name.letters))
    if name.kind == GROUP:
        found.update("a:" + letters for letters in initials(name))
        if name.acronym:
            found.add("a:" + name.acronym)
            found.add("a:" + name.acronym[:-1])
    return found


@dataclass(frozen=True, slots=True)
class Hit:
    """One name found for a query, with the matcher's verdict."""

    key: str
    """What the indexed name belongs to (an entity id, a row number)."""
    name: str
    result: MatchResult


class NameIndex:
    """An in-memory index of names of one kind (people or groups)."""

    def __init__(self, kind: str = PERSON, matcher: NameMatcher | None = None) -> None:
        self.kind = kind
        self.matcher = matcher or NameMatcher()
        self.names: list[str] = []
        self.owners: list[str] = []
        self._postings: dict[str, list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self.names)

    def add(self, name: str, owner: str) -> None:
        """File ``name`` as belonging to ``owner``."""
        prepared = prepare(name, self.kind)
        if not prepared.tokens:
            return
        number = len(self.names)
        self.names.append(name)
        self.owners.append(owner)
        for key in keys(prepared):
            self._postings[key].append(number)

    def add_all(self, pairs: Iterable[tuple[str, str]]) -> None:
        for name, owner in pairs:
            self.add(name, owner)

    def candidates(self, name: str | PreparedName, limit: int = 20) -> list[tuple[int, float]]:
        """Numbers of the indexed names sharing the most (and rarest) keys with ``name``."""
        query = prepare(name, self.kind) if isinstance(name, str) else name
        total = len(self.names) or 1
        found = [(len(self._postings[k]), k) for k in keys(query) if k in self._postings]
        found.sort()
        scores: dict[int, float] = defaultdict(float)
        read = 0
        for i, (count, key) in enumerate(found):
            if i >= 2 and read + count > _READ_BUDGET:
                continue
            read += count
            weight = math.log(1 + total / count)
            for number in self._postings[key]:
                scores[number] += weight
        return heapq.nsmallest(limit, scores.items(), key=lambda kv: (-kv[1], kv[0]))

    def search(self, name: str, limit: int = 10, candidates: int = 30) -> list[Hit]:
        """The best matches of ``name``, compared with the matcher, the best first."""
        query = prepare(name, self.kind)
        hits = []
        for number, _ in self.candidates(query, candidates):
            result = self.matcher.compare_prepared(query, prepare(self.names[number], self.kind))
            hits.append(Hit(self.owners[number], self.names[number], result))
        hits.sort(key=lambda h: (-h.result.score, h.key))
        return hits[:limit]

    def pairs(
        self, threshold: float, candidates: int = 10
    ) -> Iterator[tuple[int, int, MatchResult]]:
        """Every pair of indexed names (each once) scoring ``threshold`` or more."""
        for number, name in enumerate(self.names):
            query = prepare(name, self.kind)
            for other, _ in self.candidates(query, candidates + 1):
                if other <= number or self.owners[other] == self.owners[number]:
                    continue
                result = self.matcher.compare_prepared(query, prepare(self.names[other], self.kind))
                if result.score >= threshold:
                    yield number, other, result
