"""Known groups and people found by every name the reference knowledge gives them.

Three passes, the longest match winning where they overlap:

1. a spaCy PhraseMatcher on lower-cased tokens for ordinary names, and on exact tokens for
   short acronyms ("TTP", "LeT"); aliases of one or two letters are matched only when the
   alias is upper case and the text is too ("IS", never "is");
2. a key pass over token runs, so spellings that tokenise differently still meet: "ISIS K",
   "ISIS-K" and "ISISK" share the key ``isisk``;
3. descriptions of a branch through its parent ("the Islamic State's Khorasan branch",
   "its Afghan affiliate") resolved to the one known branch that fits the modifier.
"""

from __future__ import annotations

import re
from typing import Any

from overhorizon.extraction.gazetteer import Gazetteer
from overhorizon.extraction.geo import geo_index
from overhorizon.extraction.work import Actor, Mention, Work
from overhorizon.model.types import name_key

_BRANCH = re.compile(
    r"['’]s\s+(?P<mod>(?:[A-Z][\w-]*|regional|local|new)(?:\s+[A-Z][\w-]*)?\s+)?"
    r"(?P<head>branch|affiliate|province|wing|chapter|franchise|offshoot)\b"
    r"(?:\s+in\s+(?P<where>[A-Z][\w-]*))?"
)
_DEMONYMS = {
    "afghan": "AF",
    "pakistani": "PK",
    "iraqi": "IQ",
    "syrian": "SY",
    "somali": "SO",
    "libyan": "LY",
    "nigerian": "NG",
    "yemeni": "YE",
    "indian": "IN",
    "uzbek": "UZ",
    "tajik": "TJ",
    "iranian": "IR",
    "egyptian": "EG",
    "philippine": "PH",
    "sahel": "ML",
}
_COUNTRIES = {
    "afghanistan": "AF",
    "pakistan": "PK",
    "iraq": "IQ",
    "syria": "SY",
    "somalia": "SO",
    "libya": "LY",
    "nigeria": "NG",
    "yemen": "YE",
    "india": "IN",
    "iran": "IR",
    "egypt": "EG",
    "tajikistan": "TJ",
    "uzbekistan": "UZ",
}
_KEY_CONFIDENCE = 0.8


def _exact_only(text: str) -> bool:
    """Short acronyms are matched case-sensitively: "IS" and "TTP" yes, "is" and "tip" no;
    so are mixed-case ones that spell words ("LeT", "JuA"). Longer acronyms ("ISIS-K") are
    found in any case."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if len(letters) <= 3:
        return text.upper() == text or any(c.isupper() for c in letters[1:])
    mixed = any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters)
    return mixed and len(letters) <= 4


class AliasesComponent:
    """Finds mentions of the gazetteer's entities."""

    name = "overhorizon.aliases.v1"
    requires: tuple[str, ...] = ("doc", "sentences")
    assigns: tuple[str, ...] = ("mentions", "branches")

    def __init__(self, gazetteer: Gazetteer, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.gazetteer = gazetteer
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.prefixes: set[str] = set()
        self.exact_keys: set[str] = set()
        by_matcher: dict[tuple[bool, str], list[str]] = {}
        for key, aliases in gazetteer.by_key.items():
            for alias in aliases:
                letters = sum(c.isalnum() for c in alias.text)
                exact = _exact_only(alias.text)
                if letters <= 2 and not exact:
                    continue
                if exact:
                    self.exact_keys.add(key)
                by_matcher.setdefault((exact, key), []).append(alias.text)
                if letters > 2:
                    self.prefixes.update(key[:n] for n in range(1, len(key) + 1))
        for (exact, key), texts in by_matcher.items():
            matcher = self.exact if exact else self.lower
            matcher.add(key, list(nlp.tokenizer.pipe(sorted(set(texts)))))
        self._token_keys: dict[int, str] = {}

    def __call__(self, work: Work) -> None:
        if not self.gazetteer.by_key:
            return
        doc = work.doc
        strings = doc.vocab.strings
        spans: list[tuple[int, int, str, float]] = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                spans.append((start, end, strings[match_id], 0.9))
        spans.extend(self._key_matches(doc))
        text = work.document.text
        pending: list[tuple[Actor, re.Match[str], int]] = []
        for start, end, key, confidence in _longest(spans):
            actor = self.gazetteer.resolve_key(key)
            if actor is None:
                continue
            begin, finish = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            branch = _BRANCH.match(text, finish, min(len(text), finish + 60))
            if branch is not None:
                pending.append((actor, branch, begin))
                continue
            work.mentions.append(
                Mention(
                    actor,
                    text[begin:finish],
                    begin,
                    finish,
                    work.sentence_at(begin),
                    self.name,
                    confidence,
                )
            )
        named = {m.actor.entity_id for m in work.mentions}
        filed = _filed_country(work)
        for parent, branch, begin in pending:
            actor = self._branch(parent, branch, named, filed)
            if actor is not None:
                work.mentions.append(
                    Mention(
                        actor,
                        text[begin : branch.end()],
                        begin,
                        branch.end(),
                        work.sentence_at(begin),
                        self.name,
                        0.7,
                        descriptive=True,
                        parent=parent,
                    )
                )
        work.mentions.sort(key=lambda m: m.start)
        mentioned = {m.actor.entity_id for m in work.mentions}
        work.branches = {
            (child, parent)
            for parent in mentioned
            for child in self.gazetteer.children.get(parent, ())
            if child in mentioned
        }

    def _keys(self, doc: Any) -> list[str]:
        """Each token's name key, cached by the vocabulary's id of its text: reading ids as an
        array spares making a Python object per token."""
        from spacy.attrs import ORTH

        strings = doc.vocab.strings
        cache = self._token_keys
        keys = []
        for orth in doc.to_array(ORTH).tolist():
            key = cache.get(orth)
            if key is None:
                key = cache[orth] = name_key(strings[orth])
            keys.append(key)
        return keys

    def _key_matches(self, doc: Any) -> list[tuple[int, int, str, float]]:
        found: list[tuple[int, int, str, float]] = []
        keys = self._keys(doc)
        for i, first in enumerate(keys):
            if not first or first not in self.prefixes:
                continue
            joined = first
            j = i + 1
            while True:
                if joined in self.gazetteer.by_key and keys[j - 1]:
                    span = doc[i:j].text
                    if joined not in self.exact_keys or span.upper() == span:
                        found.append((i, j, joined, _KEY_CONFIDENCE))
                if j >= len(keys) or j - i > 12:
                    break
                joined += keys[j]
                j += 1
                if joined not in self.prefixes:
                    break
        return found

    def _branch(
        self, parent: Actor, match: re.Match[str], named: set[str], filed: str | None = None
    ) -> Actor | None:
        """The branch of ``parent`` the description names, or None when it is not clear.

        Among several known branches, the modifier decides ("Afghan", "Khorasan"); "local"
        means the country the report was filed from; else the one branch the document also
        names outright.
        """
        children = self.gazetteer.branches_of(parent)
        modifier = (match["mod"] or match["where"] or "").strip()
        if modifier.lower() == "local" and filed is not None and len(children) > 1:
            here = [
                c for c in children if filed in self.gazetteer.countries.get(c.entity_id, set())
            ]
            if len(here) == 1:
                return here[0]
        if modifier and len(children) > 1:
            country = _DEMONYMS.get(modifier.lower()) or _COUNTRIES.get(modifier.lower())
            mod_key = name_key(modifier)
            fitting = [
                c
                for c in children
                if (country and country in self.gazetteer.countries.get(c.entity_id, set()))
                or any(mod_key in name_key(n) for n in self.gazetteer.names[c.entity_id])
            ]
            children = fitting or children
        if len(children) > 1:
            children = [c for c in children if c.entity_id in named] or children
        return children[0] if len(children) == 1 else None


def _filed_country(work: Work) -> str | None:
    """The country of the report's dateline ("KABUL, Oct. 4 —" is AF), when it has one."""
    dateline = work.dateline
    if dateline is None:
        return None
    geo = geo_index()
    for name in (dateline.region, dateline.place):
        if name:
            code = geo.country_code(name)
            if code is None:
                place = geo.resolve(name)
                code = place.country if place is not None else None
            if code is not None:
                return code
    return None


def _longest(
    spans: list[tuple[int, int, str, float]],
) -> list[tuple[int, int, str, float]]:
    """Non-overlapping spans, longer ones first, then earlier ones."""
    chosen: list[tuple[int, int, str, float]] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0], -s[3])):
        tokens = set(range(span[0], span[1]))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append(span)
    return sorted(chosen)
