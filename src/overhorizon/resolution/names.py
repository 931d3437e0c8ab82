"""Compare two names of people or groups: a score, a decision and the reasons for both.

Scoring. Tokens (see ``normalize``) are aligned one to one, the most similar pairs first,
whatever their order. Each aligned pair adds its similarity times its weight; the score mixes
how much of the shorter name is covered with how much of the longer one (half each), so a
missing middle name costs less than a wrong one. A whole-name spelling comparison catches
words split or joined differently. Then the vetoes:

- a person's given names differ while the family name agrees (Jalaluddin vs Sirajuddin
  Haqqani): relatives or namesakes, at most 0.45;
- the given name of one is the father's or a middle name of the other, whose own given name
  is missing (Jalaluddin Haqqani vs Sirajuddin Jalaluddin Haqqani): possibly father and son,
  at most 0.70 (so never merged automatically);
- words that identify (not titles, not generic group words) are left over on both sides: at
  most 0.60; a group name with a distinctive word the other lacks (Islamic State vs Islamic
  State Khorasan Province) is a different group or a branch: at most 0.60;
- a person and a group are never compared.

Decisions: ``match`` at MATCH or above, ``possible`` at POSSIBLE or above, else ``no_match``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from overhorizon.resolution.acronyms import abbreviates, initials
from overhorizon.resolution.normalize import (
    GROUP,
    PERSON,
    PreparedName,
    Token,
    final_vowel,
    fold,
    make_token,
    prepare,
    vowel_shape,
)

MATCH = 0.85
"""At or above: the same entity; the resolver merges automatically."""
POSSIBLE = 0.70
"""At or above (and below MATCH): queued for an analyst's review."""

TITLED_ONE_WORD = 0.80
"""The score of two names that are one and the same word once their titles are dropped."""

MATCHED = 0.70
"""Two tokens at least this similar are aligned as the same word."""


@dataclass(frozen=True, slots=True)
class Aligned:
    left: str
    right: str
    similarity: float
    reason: str


@dataclass(frozen=True)
class MatchResult:
    """The outcome of one comparison; ``explanation`` is what the CLI prints."""

    left: str
    right: str
    kind: str
    score: float
    decision: str
    aligned: tuple[Aligned, ...] = ()
    unmatched: tuple[str, ...] = ()
    rules: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        parts = [f"{a.left}~{a.right} {a.similarity:.2f} ({a.reason})" for a in self.aligned]
        if self.unmatched:
            parts.append("unmatched: " + ", ".join(self.unmatched))
        parts.extend(self.rules)
        return "; ".join(parts)


def decide(score: float) -> str:
    if score >= MATCH:
        return "match"
    return "possible" if score >= POSSIBLE else "no_match"


def _token_similarity(a: Token, b: Token) -> tuple[float, str]:
    if a.text == b.text:
        return 1.0, "same"
    return _similarity(a.text, b.text, a.abjad, b.abjad, a.syllabic or b.syllabic)


@lru_cache(maxsize=500_000)
def _similarity(
    left: str, right: str, left_abjad: bool, right_abjad: bool, syllabic: bool
) -> tuple[float, str]:
    a, b = _variant(left, left_abjad), _variant(right, right_abjad)
    if a.text.startswith("abu") != b.text.startswith("abu"):
        return 0.0, "a kunya (Abu ...) is not a given name"
    spelled = max(OSA.normalized_similarity(x, y) for x in a.forms for y in b.forms)
    short, long_ = sorted((a.text, b.text), key=len)
    if len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in "aei":
        return min(spelled, 0.6), "another form of the name (Valentin, Valentina)"
    if syllabic:
        return (spelled if spelled >= 0.9 else min(spelled, 0.6)), "spelling, syllable by syllable"
    if spelled < 0.95 and fold(a.text) == fold(b.text):
        return 0.95, "same sounds, other spelling"
    abjad = a.abjad or b.abjad
    same_ending = final_vowel(a.text) == final_vowel(b.text)
    if a.skeleton == b.skeleton and len(a.skeleton) >= 2 and same_ending:
        if abjad and (len(a.skeleton) >= 3 or spelled >= 0.6):
            return max(0.92, spelled), "same consonants, vowels unwritten"
        shaped = vowel_shape(a.text) == vowel_shape(b.text)
        long_enough = min(len(a.text), len(b.text)) >= 4
        if spelled >= 0.75 or (shaped and long_enough and spelled >= 0.6):
            return max(0.92, spelled), "same sounds, other spelling"
    best, reason = spelled, "spelling"
    if abjad and same_ending and min(len(a.skeleton), len(b.skeleton)) >= 3:
        consonants = 0.9 * OSA.normalized_similarity(a.skeleton, b.skeleton)
        if consonants > best:
            best, reason = consonants, "consonants alike"
    for suffix in ("uddin", "ullah"):
        if long_.endswith(suffix) and long_[: -len(suffix)] == short and len(short) >= 3:
            best, reason = max(best, 0.85), f"short form (without -{suffix})"
    if len(short) == 1 and long_.startswith(short) and best < 0.7:
        best, reason = 0.7, "initial"
    return best, reason


@lru_cache(maxsize=200_000)
def _variant(text: str, abjad: bool) -> Token:
    """A bare token for the similarity cache: what similarity depends on, nothing else."""
    return make_token(text, 0, False, abjad, PERSON, text, False)


def _align(
    a: PreparedName, b: PreparedName
) -> tuple[list[tuple[Token, Token, float, str]], list[Token], list[Token]]:
    pairs = []
    for x in a.tokens:
        for y in b.tokens:
            sim, reason = _token_similarity(x, y)
            if sim < MATCHED or (a.kind == GROUP and reason == "initial"):
                continue
            if reason == "spelling" and sim < 0.8:
                continue
            pairs.append((sim, x.position, y.position, reason))
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2]), p[1]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    aligned = []
    for sim, i, j, reason in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        aligned.append((a.tokens[i], b.tokens[j], sim, reason))
    left = [t for t in a.tokens if t.position not in used_a]
    right = [t for t in b.tokens if t.position not in used_b]
    _join_split_words(aligned, left, right)
    return aligned, left, right


def _join_split_words(
    aligned: list[tuple[Token, Token, float, str]], left: list[Token], right: list[Token]
) -> None:
    """One name writes as two words what the other writes as one (Abdul Hai / Abdulhai)."""
    for one, two in ((left, right), (right, left)):
        for token in list(one):
            for first, second in pairwise(two):
                if second.position != first.position + 1:
                    continue
                joined = first.text + second.text
                sim = OSA.normalized_similarity(token.text, joined)
                if sim >= 0.85:
                    pair = (token, first) if one is left else (first, token)
                    aligned.append(
                        (*pair, sim, f"written as two words: {first.text} {second.text}")
                    )
                    one.remove(token)
                    two.remove(first)
                    two.remove(second)
                    break


def _coverage(
    aligned: list[tuple[Token, Token, float, str]], a: PreparedName, b: PreparedName
) -> float:
    matched = sum(sim * (x.weight + y.weight) / 2 for x, y, sim, _ in aligned)
    small, large = sorted((a.weight, b.weight))
    if small <= 0:
        return 0.0
    return 0.5 * min(1.0, matched / small) + 0.5 * min(1.0, matched / large)


class NameMatcher:
    """Compares names; holds nothing but caches, so one instance can serve every thread."""

    def compare(
        self, left: str, right: str, kind: str = PERSON, right_kind: str | None = None
    ) -> MatchResult:
        """Compare two names of ``kind`` (``person`` or ``group``)."""
        return self.compare_prepared(prepare(left, kind), prepare(right, right_kind or kind))

    def compare_prepared(self, a: PreparedName, b: PreparedName) -> MatchResult:
        if a.kind != b.kind:
            return MatchResult(
                a.original,
                b.original,
                a.kind,
                0.0,
                "no_match",
                rules=(f"a {a.kind} and a {b.kind} are never the same",),
            )
        if not a.tokens or not b.tokens:
            return MatchResult(
                a.original, b.original, a.kind, 0.0, "no_match", rules=("no letters to compare",)
            )
        rules: list[str] = [*_notes(a), *_notes(b)]
        if a.letters == b.letters:
            rules.append("same letters once spelling rules are applied")
            score = 1.0
            if len(a.tokens) == 1 and _titles_dropped(a, b) and a.raw_words != b.raw_words:
                # "Imam X" and "Hazrat X": all that is left is one family name.
                rules.append("one word left once titles are dropped: too little to merge on")
                score = TITLED_ONE_WORD
            return MatchResult(
                a.original, b.original, a.kind, score, decide(score), rules=tuple(rules)
            )
        if a.kind == GROUP:
            acronym = _acronym_match(a, b)
            if acronym is not None:
                rules.append(acronym[1])
                return MatchResult(
                    a.original,
                    b.original,
                    a.kind,
                    acronym[0],
                    decide(acronym[0]),
                    rules=tuple(rules),
                )
        aligned, left, right = _align(a, b)
        if a.kind == GROUP:
            _leftover_acronyms(aligned, left, right, rules)
        score = _coverage(aligned, a, b)
        cap = _veto(a, b, aligned, left, right, rules)
        score = round(min(score, cap), 3)
        return MatchResult(
            left=a.original,
            right=b.original,
            kind=a.kind,
            score=score,
            decision=decide(score),
            aligned=tuple(
                Aligned(x.text, y.text, round(sim, 3), reason) for x, y, sim, reason in aligned
            ),
            unmatched=tuple([t.text for t in left] + [t.text for t in right]),
            rules=tuple(rules),
        )


def _titles_dropped(a: PreparedName, b: PreparedName) -> bool:
    return any(note.startswith("dropped titles") for note in (*a.notes, *b.notes))


def _notes(name: PreparedName) -> list[str]:
    return [f"{name.original!r}: {note}" for note in name.notes]


def _acronym_match(a: PreparedName, b: PreparedName) -> tuple[float, str] | None:
    for short, long_ in ((a, b), (b, a)):
        if short.acronym is None:
            continue
        how = abbreviates(short.acronym, initials(long_))
        if how is not None:
            score = 0.95 if how == "exact" else 0.9
            return score, f"{short.original} abbreviates {long_.original} ({how})"
    return None


def _leftover_acronyms(
    aligned: list[tuple[Token, Token, float, str]],
    left: list[Token],
    right: list[Token],
    rules: list[str],
) -> None:
    """A short leftover word (the K of ISIS-K) standing for the other side's leftover words."""
    for one, other in ((left, right), (right, left)):
        for token in list(one):
            if len(token.text) > 3 or not other:
                continue
            words = [t.text for t in other]
            letters = {"".join(w[0] for w in words[:n]) for n in range(1, len(words) + 1)}
            letters |= {t.text for t in other if len(t.text) <= 3}
            how = abbreviates(token.text, letters)
            if how is None:
                continue
            count = next(
                (
                    n
                    for n in range(1, len(words) + 1)
                    if abbreviates(token.text, {"".join(w[0] for w in words[:n])})
                ),
                1,
            )
            partner = other[0]
            pair = (token, partner) if one is left else (partner, token)
            aligned.append((*pair, 0.9, "initials"))
            rules.append(f"{token.text.upper()} stands for {' '.join(words[:count])}")
            one.remove(token)
            for t in other[:count]:
                other.remove(t)


def _veto(
    a: PreparedName,
    b: PreparedName,
    aligned: list[tuple[Token, Token, float, str]],
    left: list[Token],
    right: list[Token],
    rules: list[str],
) -> float:
    cap = 1.0
    strong_left = [t for t in left if t.weight >= 0.8]
    strong_right = [t for t in right if t.weight >= 0.8]
    if a.kind == PERSON and not (strong_left and strong_right):
        strong_left, strong_right = (
            [t for t in left if t.weight >= 0.5],
            [t for t in right if t.weight >= 0.5],
        )
    if a.kind == PERSON:
        partner = {x.position: y for x, y, _, _ in aligned}
        partner_b = {y.position: x for x, y, _, _ in aligned}
        first_a, first_b = a.tokens[0], b.tokens[0]
        if (
            len(a.tokens) >= 2
            and len(b.tokens) >= 2
            and first_a in left
            and first_b in right
            and first_a.weight >= 0.5
            and first_b.weight >= 0.5
            and aligned
        ):
            rules.append(
                f"veto: different given names ({first_a.text} / {first_b.text}) with the rest "
                "alike: relatives or namesakes"
            )
            cap = min(cap, 0.45)
        for x, other, unmatched in ((first_a, b, right), (first_b, a, left)):
            mapped = partner.get(x.position) if other is b else partner_b.get(x.position)
            if mapped is None or mapped.position == 0:
                continue
            own_first = other.tokens[0]
            if (
                own_first in unmatched
                and own_first.weight >= 0.8
                and (mapped.patronym or mapped.position < len(other.tokens) - 1)
            ):
                rules.append(
                    f"given name {x.text} is a father's or middle name of the other "
                    f"({own_first.text} ... {mapped.text}): possibly father and son"
                )
                cap = min(cap, 0.70)
    if strong_left and strong_right:
        words = (
            ", ".join(t.text for t in strong_left) + " / " + ", ".join(t.text for t in strong_right)
        )
        rules.append(f"veto: identifying words differ ({words})")
        cap = min(cap, 0.6)
    elif a.kind == GROUP and (strong_left or strong_right):
        extra = ", ".join(t.text for t in strong_left or strong_right)
        rules.append(f"veto: only one name has {extra}: a different group or a branch")
        cap = min(cap, 0.6)
    elif strong_left or strong_right:
        extra = ", ".join(t.text for t in strong_left or strong_right)
        rules.append(f"only one name has {extra}: possibly another person of the same name")
        cap = min(cap, MATCH - 0.01)
    return cap
