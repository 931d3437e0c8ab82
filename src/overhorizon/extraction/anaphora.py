"""Which group "the group", "the network" or "it" points to: the latest fitting one named.

Deliberately small: a definite noun phrase names the latest earlier group mention whose name
contains its head word ("the network" -> "Haqqani network"); "the group", "the militants" and
a sentence-initial "It" name the latest group mentioned at all, passing over a group named
only to qualify a noun ("Taliban officials") while another is in reach; "he" and "she" name the
latest person. Enough for claims and relations written across two sentences, nothing like full
coreference.
"""

from __future__ import annotations

import re

from overhorizon.extraction.speech import asides
from overhorizon.extraction.work import Mention, Work

GROUP_SCHEMATA = frozenset({"ArmedGroup", "Faction"})
_DEFINITE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?P<head>group|network|movement|organi[sz]ation|militants|faction|"
    r"branch|affiliate)\b|^(?P<it>It|They)\b|\b(?P<its>[Ii]ts|[Tt]heir)\b",
)
_LOOKBACK_SENTENCES = 3
_MODIFIER_AFTER = re.compile(
    r"['’]s\b|[-–](?:linked|affiliated|allied|aligned|backed|inspired|led)\b|\s+(?:former\s+)?(?:officials?|members?|fighters?|commanders?|leaders?|leadership|"
    r"government|regime|sanctions|spokes(?:man|woman|person)|governors?|authorities|forces|"
    r"security|rule|takeover|interior|intelligence|administration|ministers?|ministry|"
    r"superiors)\b"
)
"""After a group named only to qualify a noun ("Taliban officials", "the Islamic State's
leadership"): such a mention is passed over as what "the group" means while a group named
for itself is in reach."""


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
    work: Work,
    position: int,
    head: str = "",
    other_than: str | None = None,
    for_itself: bool = False,
) -> Mention | None:
    """The latest group named before ``position`` within the look-back window, whose name
    holds ``head`` when given, and which is not the entity ``other_than``. An anaphor that
    opens its sentence ("It has fought ...", "The group, led by ...") means the subject of the
    sentence before, when that sentence opens with a group or with such an anaphor itself.
    With ``for_itself``, a group named only to qualify a noun ("Taliban officials") is never
    the answer."""
    if not head:
        subject = _subject_before(work, position)
        if subject is not None and subject.actor.entity_id != other_than:
            return subject
    window_start = _window_start(work, position)
    fitting = [
        mention
        for mention in reversed(work.mentions)
        if window_start <= mention.start < position
        and is_group(mention)
        and (not head or head in mention.actor.name.lower() or head in mention.text.lower())
        and (other_than is None or mention.actor.entity_id != other_than)
    ]
    heads = [m for m in fitting if not qualifies_noun(work, m)]
    subjects = [m for m in heads if not _in_aside(work, m)]
    chosen = subjects or heads or ([] if for_itself else fitting)
    return chosen[0] if chosen else None


def _in_aside(work: Work, mention: Mention) -> bool:
    """True when the mention lies inside an appositive or relative clause of its sentence
    ("TTP, an umbrella group separate from the Afghan Taliban, ...")."""
    sentence = work.sentences[mention.sentence]
    start, end = mention.start - sentence.start, mention.end - sentence.start
    return any(s <= start and end <= e for s, e in asides(sentence.text))


_OPENER = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
_OPENING_ANAPHOR = re.compile(
    r"^\s*(?:It|They|The\s+(?:group|network|movement|organi[sz]ation|militants|faction))\b"
)


def _subject_before(work: Work, position: int) -> Mention | None:
    """The group that opens the sentences before the one ``position`` opens, through a chain
    of opening anaphors; None when ``position`` does not open its sentence."""
    if not work.sentences:
        return None
    index = work.sentence_at(position)
    sentence = work.sentences[index]
    if not _OPENER.match(work.document.text[sentence.start : position]):
        return None
    for earlier in range(index - 1, max(-1, index - 1 - _LOOKBACK_SENTENCES), -1):
        first = opening_group(work, earlier)
        if first is not None:
            return first
        if not _OPENING_ANAPHOR.match(work.sentences[earlier].text):
            return None
    return None


def opening_group(work: Work, index: int) -> Mention | None:
    """The group that opens sentence ``index`` (after the dateline and a "the"), if any."""
    sentence = work.sentences[index]
    groups = [m for m in work.mentions if m.sentence == index and is_group(m)]
    if not groups:
        return None
    opens = sentence.start
    if work.dateline is not None and sentence.start <= work.dateline.start < sentence.end:
        opens = max(opens, work.dateline.end)
    first = groups[0]
    return first if _OPENER.match(work.document.text[opens : first.start]) else None


def qualifies_noun(work: Work, mention: Mention) -> bool:
    """True when the group is named only to qualify the noun after it ("Taliban officials",
    "the Pakistani Taliban spokesman", "the Islamic State's leadership")."""
    return _MODIFIER_AFTER.match(work.document.text, mention.end) is not None


def latest_person(work: Work, position: int) -> Mention | None:
    """The latest person named before ``position`` within the look-back window: whom a "he"
    or "she" at ``position`` most likely means."""
    window_start = _window_start(work, position)
    for mention in reversed(work.mentions):
        if window_start <= mention.start < position and mention.actor.schema == "Person":
            return mention
    return None


def _window_start(work: Work, position: int) -> int:
    """Where the look-back window of an anaphor at ``position`` begins."""
    first_sentence = max(0, work.sentence_at(position) - _LOOKBACK_SENTENCES)
    return work.sentences[first_sentence].start if work.sentences else 0
