"""Which group "the group", "the network" or "it" points to: the latest fitting one named.

Deliberately small: a definite noun phrase names the latest earlier group mention whose name
contains its head word ("the network" -> "Haqqani network"); "the group", "the militants" and
a sentence-initial "It" name the latest group mentioned at all. Enough for claims and
relations written across two sentences, nothing like full coreference.
"""

from __future__ import annotations

import re

from overhorizon.extraction.work import Mention, Work

GROUP_SCHEMATA = frozenset({"ArmedGroup", "Faction"})
_DEFINITE = re.compile(
    r"\b(?:the|its|this)\s+(?P<head>group|network|movement|organi[sz]ation|militants|faction|"
    r"branch|affiliate)\b|^(?P<it>It|They)\b|\b(?P<its>its|their)\b",
)
_LOOKBACK_SENTENCES = 3


def is_group(mention: Mention) -> bool:
    return mention.actor.schema in GROUP_SCHEMATA


def referent(work: Work, text: str, offset: int, before: int) -> Mention | None:
    """The group an anaphor in ``text`` (a sentence starting at ``offset``) refers to.

    Only anaphors before ``before`` (a sentence-local position, such as a claim word) count.
    """
    for match in _DEFINITE.finditer(text, 0, before):
        head = (match["head"] or "").lower()
        found = latest_group(
            work, offset + match.start(), head if head in {"network", "movement"} else ""
        )
        if found is not None:
            return found
    return None


def latest_group(
    work: Work, position: int, head: str = "", other_than: str | None = None
) -> Mention | None:
    """The latest group named before ``position`` within the look-back window, whose name
    holds ``head`` when given, and which is not the entity ``other_than``."""
    first_sentence = max(0, work.sentence_at(position) - _LOOKBACK_SENTENCES)
    window_start = work.sentences[first_sentence].start if work.sentences else 0
    for mention in reversed(work.mentions):
        if mention.start >= position or mention.start < window_start or not is_group(mention):
            continue
        if head and head not in mention.actor.name.lower() and head not in mention.text.lower():
            continue
        if other_than is not None and mention.actor.entity_id == other_than:
            continue
        return mention
    return None
