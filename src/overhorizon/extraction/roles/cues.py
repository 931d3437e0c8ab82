"""Perpetrators named by a common noun in the act itself: "terrorists killed", "were
kidnapped by unidentified men".

The tagger reads such nouns ("guerrillas", "urban commandos") as perpetrators in some
documents and not in others, and misses many; a noun that is the subject of an attack verb,
or the agent after "by", is a perpetrator whatever the tagger says. The noun is reported as
written, with the modifiers that belong to it ("heavily armed men"). "Soldiers" and "troops"
are left out: in reports of fighting they are mostly one side of a battle, and with them the
rule cost more than it gained on the tagger's held-out training documents.
"""

from __future__ import annotations

import re

_PEOPLE = r"(?:men|man|individuals|persons|people|youths|subjects)"
_NOUNS = (
    r"(?:urban\s+)?guerrillas?|(?:urban\s+)?commandos?|terrorists?|rebels|insurgents|gunm[ae]n|"
    r"assassins|murderers|hired\s+killers|hitmen|death\s+squads?|subversives|narcoterrorists|"
    r"drug\s+traffickers|attackers|extremists|criminals|perpetrators|"
    rf"(?:(?:heavily\s+)?armed|unidentified|unknown|masked|several|hooded)\s+"
    rf"(?:(?:armed|unidentified|unknown|masked)\s+)?{_PEOPLE}"
)
_ACTS = (
    r"attacked|killed|murdered|kidnapped|abducted|assassinated|set\s+off|planted|detonated|"
    r"bombed|fired|shot|machinegunned|machine-gunned|raided|burned|dynamited|hurled|threw|"
    r"opened\s+fire|blew\s+up|destroyed|ambushed|stormed|placed|wounded|seized|massacred"
)
PERPETRATOR = re.compile(
    rf"\b(?:(?P<subject>{_NOUNS})\s+(?:(?:who|have|has|had|also|later|then|reportedly|"
    rf"allegedly|apparently|[a-z]+ly)\s+){{0,2}}(?:{_ACTS})\b|"
    rf"(?:{_ACTS}|perpetrated|carried\s+out|committed|staged)\s+by\s+(?:a\s+group\s+of\s+|"
    rf"some\s+|two\s+|three\s+|four\s+|a\s+band\s+of\s+)?(?P<agent>{_NOUNS})\b)",
    re.IGNORECASE,
)


_COUNTED_BEFORE = re.compile(r"(?:\bof|\d+|\bthe\s+number\s+of)\s+$", re.IGNORECASE)
_PARTICIPLE_AFTER = re.compile(r"^\s*(?:by|in|during|at|on|and|or|[,.;])", re.IGNORECASE)
"""After "guerrillas killed": the participle of a passive ("the number of guerrillas killed
in the area", "29 soldiers killed, 30 wounded"), not an act of theirs."""


def perpetrator_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the common nouns named as doing an attack."""
    out = []
    for match in PERPETRATOR.finditer(text):
        if match["agent"]:
            out.append(match.span("agent"))
            continue
        start = match.start("subject")
        if _COUNTED_BEFORE.search(text[max(0, start - 20) : start]) or _PARTICIPLE_AFTER.match(
            text[match.end() :]
        ):
            continue
        out.append(match.span("subject"))
    return out
