"""From label probabilities to role fillers: word spans, then one mention per entity.

The MUC-4 measure counts a predicted entity as right only when every mention listed for it
belongs to the gold entity, so an entity is reported by its single most confident mention,
and spans that name the same thing (the same words, a shorter form inside a longer one, a
known alias) are merged before that choice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from overhorizon.errors import ExtractionError
from overhorizon.extraction.roles.cues import perpetrator_spans
from overhorizon.extraction.roles.labels import ROLES, begin_label, inside_label
from overhorizon.extraction.roles.lexicon import Lexicon, matches
from overhorizon.extraction.roles.muc4 import normalize
from overhorizon.extraction.roles.windows import Pieces


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    probs: NDArray[np.float32]
    """Label probabilities of the word's first piece."""


@dataclass(frozen=True)
class Span:
    role: str
    start: int
    end: int
    text: str
    score: float


@dataclass
class RoleEntity:
    """Spans of one role taken to name the same thing; ``score`` is the best span's."""

    role: str
    spans: list[Span] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max(span.score for span in self.spans)

    @property
    def best(self) -> Span:
        """The mention to report: the most confident, the earliest among equals."""
        return max(self.spans, key=lambda s: (round(s.score, 6), -s.start))

    @property
    def keys(self) -> set[str]:
        return {normalize(span.text) for span in self.spans}


@dataclass(frozen=True)
class DecodeSettings:
    """Thresholds per role, tuned on held-out documents, and what training taught."""

    word: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.5))
    """A word is inside a span of the role when P(B) + P(I) reaches this."""
    entity: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.5))
    """An entity is reported when its best span's mean word score reaches this."""
    aliases: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Normalised mention -> other mentions of the same entity in the training data."""
    lexicon: Lexicon = field(default_factory=dict)
    """Phrases known as fillers of each role, with their precision in training."""
    floor: Mapping[str, float] = field(default_factory=dict)
    """A known phrase is reported when its precision reaches the role's floor (none: never)."""
    split: float = 1.0
    """Inside a run of words above the threshold, a word starts a new span only when its
    P(B) exceeds ``split`` times its P(I): the tagger often gives the head of a phrase more B
    than I ("car bomb", "urban guerrillas"), which at 1.0 cuts the phrase in two."""

    def to_dict(self) -> dict[str, object]:
        return {
            "word": dict(self.word),
            "entity": dict(self.entity),
            "aliases": {k: list(v) for k, v in sorted(self.aliases.items())},
            "lexicon": {role: dict(phrases) for role, phrases in self.lexicon.items()},
            "floor": dict(self.floor),
            "split": self.split,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> DecodeSettings:
        try:
            return cls(
                word={str(k): float(v) for k, v in raw["word"].items()},
                entity={str(k): float(v) for k, v in raw["entity"].items()},
                aliases={str(k): [str(a) for a in v] for k, v in raw.get("aliases", {}).items()},
                lexicon={
                    str(role): {str(p): float(v) for p, v in phrases.items()}
                    for role, phrases in raw.get("lexicon", {}).items()
                },
                floor={str(k): float(v) for k, v in raw.get("floor", {}).items()},
                split=float(raw.get("split", 1.0)),
            )
        except (KeyError, AttributeError, TypeError, ValueError) as exc:
            raise ExtractionError(
                f"the role tagger's decoding settings are damaged ({exc})"
            ) from exc


def words(doc: Pieces, probs: NDArray[np.float32]) -> list[Word]:
    """The document's words with their character span and first piece's probabilities."""
    out: list[Word] = []
    current = -2
    for index, word in enumerate(doc.words.tolist()):
        if word == current and out:
            last = out[-1]
            out[-1] = Word(last.start, int(doc.ends[index]), last.probs)
            continue
        current = word
        out.append(Word(int(doc.starts[index]), int(doc.ends[index]), probs[index]))
    return out


def spans(
    text: str, found: Sequence[Word], role: str, threshold: float, split: float = 1.0
) -> list[Span]:
    """Runs of words whose P(B-role) + P(I-role) reaches ``threshold``; a word whose P(B)
    exceeds ``split`` times its P(I) starts a new span. A hyphen, slash or apostrophe
    written against the word before it ("rocket-propelled") joins the words on either side
    whatever the tagger says of it. Punctuation and linking words at either end are trimmed."""
    b, i = begin_label(role), inside_label(role)
    runs: list[list[tuple[Word, float]]] = []
    current: list[tuple[Word, float]] = []
    joined = False
    for word in found:
        if current and _joins(text, current[-1][0], word):
            current.append((word, current[-1][1]))
            joined = True
            continue
        score = float(word.probs[b] + word.probs[i])
        if score < threshold:
            current, joined = [], False
            continue
        if current and not joined and word.probs[b] > split * word.probs[i]:
            current = []
        if not current:
            runs.append(current)
        current.append((word, score))
        joined = False
    out: list[Span] = []
    for run in runs:
        while run and not (_keeps(text, run[0][0]) and not _possessive(text, run[0][0])):
            run = run[1:]
        while run and not _keeps(text, run[-1][0]):
            run = run[:-1]
        if run:
            start, end = run[0][0].start, run[-1][0].end
            score = sum(s for _, s in run) / len(run)
            out.append(Span(role, start, end, text[start:end], score))
    return out


_EDGE_WORDS = frozenset({"of", "and", "or", "in", "on", "at", "by", "with", "to", "for", "from"})
"""Words a filler neither starts nor ends with ("guerrillas of" is "guerrillas")."""


_APOSTROPHES = frozenset({"'", "\u2019"})
_JOINERS = frozenset({"-", "/"}) | _APOSTROPHES


def _joins(text: str, before: Word, word: Word) -> bool:
    """A hyphen, slash or apostrophe written against the word before it."""
    return word.start == before.end and text[word.start : word.end] in _JOINERS


def _possessive(text: str, word: Word) -> bool:
    """The "s" of "colombia's", which the tokenizer reads as a word of its own."""
    return (
        text[word.start : word.end].lower() == "s"
        and text[word.start - 1 : word.start] in _APOSTROPHES
    )


def _keeps(text: str, word: Word) -> bool:
    piece = text[word.start : word.end]
    return any(c.isalnum() for c in piece) and piece.lower() not in _EDGE_WORDS


def group(found: Sequence[Span], aliases: Mapping[str, Sequence[str]]) -> list[RoleEntity]:
    """Spans of one role gathered into entities: same words, one inside the other with the
    same last word, or aliases of each other."""
    entities: list[RoleEntity] = []
    for span in sorted(found, key=lambda s: -len(normalize(s.text))):
        key = normalize(span.text)
        if not key:
            continue
        for entity in entities:
            if any(_same(key, other, aliases) for other in entity.keys):
                entity.spans.append(span)
                break
        else:
            entities.append(RoleEntity(span.role, [span]))
    return entities


def _same(a: str, b: str, aliases: Mapping[str, Sequence[str]]) -> bool:
    if a == b or b in aliases.get(a, ()):
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return short[-1] == long[-1] and set(short) <= set(long)


def known(text: str, role: str, settings: DecodeSettings) -> list[Span]:
    """Spans of phrases the lexicon trusts for ``role``, scored to pass the entity threshold."""
    if role not in settings.floor:
        return []
    passing = settings.entity[role]
    return [
        Span(role, start, end, text[start:end], max(precision, passing))
        for start, end, precision in matches(
            text, settings.lexicon.get(role, {}), settings.floor[role]
        )
    ]


CUES: dict[str, Callable[[str], list[tuple[int, int]]]] = {"PerpInd": perpetrator_spans}
"""Rules that name fillers of a role by their context, whatever the tagger says."""
CUE_SCORE = 0.9
"""The score of a span a cue names, against the role's entity threshold: above the tagger's
usual scores, so the cued words are the entity's reported mention (0.45 to 0.9 tie on the
tagger's held-out training documents; 0.9 is better on the rest of the training split)."""


def cued(text: str, role: str) -> list[Span]:
    """Spans the role's context rules name, scored ``CUE_SCORE``."""
    rule = CUES.get(role)
    if rule is None:
        return []
    return [Span(role, start, end, text[start:end], CUE_SCORE) for start, end in rule(text)]


def decode(
    text: str, doc: Pieces, probs: NDArray[np.float32], settings: DecodeSettings
) -> dict[str, list[RoleEntity]]:
    """The entities of each role whose confidence reaches the role's entity threshold."""
    found = words(doc, probs)
    out: dict[str, list[RoleEntity]] = {}
    for role in ROLES:
        tagged = spans(text, found, role, settings.word[role], settings.split)
        entities = group(
            [*tagged, *known(text, role, settings), *cued(text, role)], settings.aliases
        )
        kept = [e for e in entities if e.score >= settings.entity[role]]
        out[role] = sorted(kept, key=lambda e: min(s.start for s in e.spans))
    return out


def as_prediction(entities: Mapping[str, Sequence[RoleEntity]]) -> dict[str, list[list[str]]]:
    """One document's entities in the scorer's format: one mention per entity."""
    return {role: [[e.best.text] for e in entities.get(role, [])] for role in ROLES}
