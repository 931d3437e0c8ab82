"""Memberships and leaderships read from the comments of the UN sanctions list.

A listed individual's comments often name the group he belongs to with its reference
number: "Leader of the Islamic State of Iraq and the Levant - Khorasan (ISIL - K)
(QDe.161)". A relation is read only when all of these hold, so that what is kept is what the
list says:

- a role word directly precedes the group's name, joined by "of" or "in" ("member of",
  "acting emir of", "key commander in"), or the name is the next item of a list that
  started that way ("Member of A (QDe.1), B (QDe.2) and C (QDe.3)"), or the verb is
  "joined" / "heads" / "heading";
- the words between that role and the reference number are a name of the referenced entity
  on the list itself (an alias, an acronym that abbreviates the written name, or the name
  after "listed as"), so "Founder of the Katiba Macina of JNIM (QDe.159)" is not read as
  founding JNIM;
- both ends are in the import.

"Supports", "associated with", "linked to", "financier for" and the like give no relation.
The role is kept as written ("deputy Amir/Chief"). It is a leadership (LeaderOf) when its
noun is leader, emir, amir, head, founder or chief and any qualifier is one of overall,
acting, current, former, senior, supreme, top or de facto; other titles ("deputy amir", "finance
chief", "border emir") are memberships with that role. Hedged sentences ("Reportedly a
member of") give confidence 0.7.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from overhorizon.reference.names import is_acronym_of, keys, tidy

_ENTITY_REF = re.compile(r"\b(?:[A-Z]{2}e\.\d{3})")
_SENTENCE = re.compile(r"(?<=[\w)][.;])\s+(?=[A-Z])|(?<=\.)(?=[A-Z][a-z])")
_LEADER = r"one of the leaders|leader|emir|amir|head|founder|co-founder|chief"
_MEMBER = r"member|commander|operative|spokes(?:man|person)"
_NOUN = re.compile(rf"\b(?P<noun>{_LEADER}|{_MEMBER})(?:\s*/\s*[\w-]+)?\s+(?:of|in)\s+", re.I)
_VERB = re.compile(r"\b(?P<verb>joined|heads|heading|leads)\s+", re.IGNORECASE)
_QUALIFIER_STOP = re.compile(
    r"a|an|the|is|was|as|has|have|been|served|he|she|his|her|one|of|to|be|reportedly|belongs|"
    r"who|which"
)
_LEADER_QUALIFIER = re.compile(r"overall|acting|current|former|senior|supreme|top|de|facto")
_LEADER_NOUN = re.compile(rf"(?:{_LEADER})", re.IGNORECASE)
_ROLE_NOUN = re.compile(rf"(?:{_LEADER}|{_MEMBER})", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:reportedly|believed|allegedly|reported to)\b", re.IGNORECASE)
_LIST_JOINER = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?P<mention>.+)$", re.DOTALL)
_PARTICLE = re.compile(
    r"of|the|in|and|for|al|el|ul|wa|wal|fi|bin|ibn|de|du|des|le|la|et|en|pour|(?:al|el|ul|l|d)[-’'].*"
)
_LISTED_AS = re.compile(r",?\s+listed as\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Affiliation:
    """One relation read from a comment: the person's role in the referenced entity."""

    schema: str
    """MemberOf or LeaderOf."""
    target: str
    """The entity's reference number, such as QDe.161."""
    role: str | None
    confidence: float


def affiliations(comments: str, entity_names: Mapping[str, list[str]]) -> list[Affiliation]:
    """Relations a person's comments state, to the entities named in ``entity_names``.

    ``entity_names`` maps reference numbers of the imported entities to their names.
    """
    found: dict[tuple[str, str, str | None], Affiliation] = {}
    for sentence in _SENTENCE.split(comments):
        for item in _sentence_affiliations(sentence, entity_names):
            found.setdefault((item.schema, item.target, item.role), item)
    return list(found.values())


def _sentence_affiliations(
    sentence: str, entity_names: Mapping[str, list[str]]
) -> Iterator[Affiliation]:
    confidence = 0.7 if _HEDGE.search(sentence) else 1.0
    segment_start = 0
    previous: tuple[str, str | None] | None = None
    for match in _ENTITY_REF.finditer(sentence):
        ref = match.group()
        bracket = sentence.rfind("(", segment_start, match.start())
        close = sentence.find(")", match.end())
        if bracket < 0 or ")" in sentence[bracket : match.start()]:
            previous = None
            continue
        lead = sentence[segment_start:bracket]
        segment_start = close + 1 if close >= 0 else match.end()
        names = entity_names.get(ref)
        if names is None:
            previous = None
            continue
        found = _read_role(lead, names)
        if found is None and previous is not None:
            joined = _LIST_JOINER.match(lead)
            if joined and _names_entity(joined["mention"], names):
                found = previous
        previous = found
        if found is not None:
            yield Affiliation(found[0], ref, found[1], confidence)


def _read_role(lead: str, names: list[str]) -> tuple[str, str | None] | None:
    """(schema, role) when ``lead`` ends with a role followed by a name of the entity."""
    for match in reversed(list(_NOUN.finditer(lead))):
        if _names_entity(lead[match.end() :], names):
            role = _role(lead[: match.start()], match.group().rsplit(None, 1)[0])
            return _classify(role), role
    for match in reversed(list(_VERB.finditer(lead))):
        if _names_entity(lead[match.end() :], names):
            verb = match["verb"].lower()
            return ("MemberOf", None) if verb == "joined" else ("LeaderOf", "head")
    return None


def _role(before: str, noun: str) -> str:
    """The title as written: the role noun and up to four qualifiers just before it.

    "and" is kept only between two role nouns ("founder and leader"), so "violent extremist
    and member" gives "member".
    """
    words = re.findall(r"[\w’'-]+|[^\w\s]", before)
    kept: list[str] = []
    i = len(words) - 1
    while i >= 0 and len(kept) < 4:
        word, low = words[i], words[i].lower()
        if not re.match(r"\w", word) or _QUALIFIER_STOP.fullmatch(low):
            break
        if low == "and" and (i == 0 or not _ROLE_NOUN.fullmatch(words[i - 1])):
            break
        kept.insert(0, word)
        i -= 1
    return " ".join([*kept, noun]).lower()


def _classify(role: str) -> str:
    words = re.split(r"[\s/]+", role.replace("one of the leaders", "leader"))
    nouns = [w for w in words if w == "and" or _ROLE_NOUN.fullmatch(w)]
    qualifiers = [w for w in words if w not in nouns]
    leads = any(_LEADER_NOUN.fullmatch(w) for w in nouns)
    if leads and all(_LEADER_QUALIFIER.fullmatch(q) for q in qualifiers):
        return "LeaderOf"
    return "MemberOf"


def _names_entity(mention: str, names: list[str]) -> bool:
    """True when ``mention`` is one of ``names``, give or take brackets and "listed as".

    In "A, listed as B" either may be the name the list uses, but both must read as names,
    so "militants of the Islamic State ..., listed as ..." is not taken for the group.
    """
    wanted = keys(names)
    parts = [re.sub(r"^the\s+", "", p.strip(), flags=re.I) for p in _LISTED_AS.split(tidy(mention))]
    heads = [tidy(re.sub(r"\([^()]*\)", " ", p)) for p in parts]
    if len(parts) > 1 and not all(_reads_as_name(h) for h in heads):
        return False
    for part, head in zip(parts, heads, strict=True):
        if not head or re.search(r"[.;:]", head.rstrip(".")):
            continue
        if keys([head]) & wanted:
            return True
        for inner in re.findall(r"\(([^()]*)\)", part):
            acronym = tidy(inner.split(",")[0])
            if is_acronym_of(acronym, head) and keys([acronym]) & wanted:
                return True
    return False


def _reads_as_name(text: str) -> bool:
    """Capitalised words and the particles names use, with no clause punctuation."""
    words = re.findall(r"[\w’'-]+", text)
    if not words or "," in text:
        return False
    return all(w[0].isupper() or _PARTICLE.fullmatch(w.lower()) for w in words)
