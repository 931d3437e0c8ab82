"""Groups and people the reference knowledge does not know yet, from the model's entities.

Not every organisation is an actor of interest: an ORG (or a mislabelled PERSON or NORP)
becomes an ArmedGroup only when its name carries a cue of armed groups ("Taliban", "Front",
"Lashkar", "Liberation Army"), or an ORG or PERSON is one by its context anywhere in the
document ("PKK militants", "members of the ELN", "claimed by X"), and its name has none of
the words of state bodies and institutions ("Ministry", "Police", "Bank"). Acronyms named as
groups ("ELN guerrillas") are added even where the recogniser missed them. A PERSON becomes a
Person. A lone surname ("Khadim") is read as the person named in full earlier in the same
document, and skipped when there is none: single words labelled PERSON are as often places
or tribes.
"""

from __future__ import annotations

import re

from overhorizon.extraction.agents import ACRONYM_GROUP, NAMED_GROUP, group_context, group_name
from overhorizon.extraction.geo import geo_index
from overhorizon.extraction.work import Actor, Mention, NamedEntity, Work
from overhorizon.model.builder import entity_id
from overhorizon.model.types import name_key

_PERSON_ROLE_AFTER = re.compile(
    r",\s+(?:(?:the|a|an|its|their)\s+)?(?:(?:group|network|movement|militants)['’]s\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:chief|commander|leader|spokes(?:man|woman|person)|deputy|emir|"
    r"founder|head|financier|ideologue|operative|member|official|aide|son|brother|father|"
    r"nephew|cousin|wife)\b",
    re.IGNORECASE,
)
"""After a name the recogniser reads as a person's: a role that only a person holds
("Asadullah Orakzai, the group's intelligence chief"), whatever else the context says."""
GROUP_CUES = re.compile(
    r"\b(?:taliban|islamic state|al[- ]qa[e']?i?da|daesh|isis|isil|front|army|movement|"
    r"jamaa?t|jama'at|lashkar|jaish|tehrik|harakat|hizb|ansar|ansaru|brigades?|battalions?|"
    r"network|mujahideen|mujahidin|militia|jihad|shabaab|shabab|boko haram|wilayat|emirate|"
    r"fighters|tigers|liberation|resistance|hezbollah|hamas)\b",
    re.IGNORECASE,
)
STATE_WORDS = re.compile(
    r"\b(?:ministry|department|council|directorate|police|government|agency|bank|university|"
    r"hospital|association|nations|mission|commission|court|embassy|office|service|pentagon|"
    r"nato|national army|armed forces|national security|command|committee|party|parliament|"
    r"news|media|times|post|herald|wire|press|television|radio|channel|foundation|"
    r"shrine|mosque|church|cathedral|synagogue|temple|school|hotel|airport|stadium|mall)\b",
    re.IGNORECASE,
)
_TITLES = re.compile(
    r"^(?:(?:the|former|president|prime minister|minister|gen\.|general|mr\.|mrs\.|ms\.|dr\.|"
    r"col\.|maj\.|capt\.|lt\.|sgt\.|sen\.|rep\.|governor|commander|spokesman|chief|suspected|"
    r"alleged|presumed)\s+)+",
    re.IGNORECASE,
)
_GROUP_HEAD = re.compile(r"[ \t]+(network|movement|front|army|brigades?|militia|faction)\b")
"""A head noun the recogniser left out: "Haqqani" + "network" is a group, not a person."""
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_GROUPS = frozenset({"US", "UK", "UN", "EU", "IDF", "ISAF", "NATO", "CRPF", "SDF", "AU"})
"""Acronyms of states and their forces, never the armed groups this component adds."""
_NOT_PEOPLE = frozenset({"amaq", "allah", "daesh", "khorasan", "shia", "sunni", "sufi"})
_NOT_NAMES = frozenset(
    {
        "this",
        "that",
        "these",
        "those",
        "another",
        "it",
        "they",
        "ied",
        "ieds",
        "leftwing",
        "rightwing",
        "muslims",
        "muslim",
        "islamists",
        "islamist",
    }
)
"""Words the recogniser or a group's context takes for a name ("This terrorist attack",
"Left-wing guerrillas", "an IED"), never a group's name."""


_DESCRIBED = re.compile(
    r"[-–](?:backed|linked|led|affiliated|allied|aligned|inspired|based|sponsored)$", re.I
)
"""A name that only describes others by who stands behind them ("Iran-backed")."""
_COMMUNITY_AFTER = re.compile(
    r"\s+(?:minority|minorities|community|communities|population|people|sect|clans?|tribes?|"
    r"villagers|residents|pilgrims|worshippers)\b",
    re.IGNORECASE,
)
"""After a name that is a people, not a group: "members of the Shia Hazara minority"."""


def _first_word(work: Work, name: str, start: int) -> bool:
    """True for one capitalised word that opens its sentence ("Café bombing in Kabul"): its
    capital says nothing, so it is no group's name unless it is an acronym."""
    sentence = work.sentences[work.sentence_at(start)] if work.sentences else None
    return (
        sentence is not None
        and start == sentence.start
        and " " not in name
        and "-" not in name
        and not name.isupper()
    )


_CAPITALS_BEFORE = re.compile(r"(?:(?-i:[A-Z][\w'’-]+)[ \t]+){1,2}$")


def _end_of_place(text: str, start: int, name: str) -> bool:
    """True when the name ends a place's name the recogniser cut short: "Ismail Khan" of
    "in Dera Ismail Khan district"."""
    before = _CAPITALS_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    words = before.group().split()
    return any(_a_place(" ".join([*words[i:], name])) for i in range(len(words)))


def _a_place(name: str) -> bool:
    """Whether a would-be group's name is a country, a region or a town ("Islamic State in
    Somalia" cut to "Somalia", "Quetta militants")."""
    geo = geo_index()
    key = name_key(name)
    return key in geo.countries or key in geo.regions or geo.is_town(name)


_TRAILING = re.compile(
    r"(?:\s+(?:(?-i:militants?|insurgents?|rebels?|terrorists?|jihadists?|gunmen|fighters|"
    r"militia|members|cells?|group|and|of|in)|Islamists?|Jihadists?))+$",
    re.IGNORECASE,
)
"""Words the recogniser takes into a name that describe its members ("Al-Shabaab militia",
"Boko Haram Islamist"), and words left dangling ("Islamic Jihad and")."""
_STATE_FORCE = re.compile(
    r"^(?:(?:[A-Z][\w'’-]*(?:ian|ese|i|ish)|afghan)\s+(?:army|navy|air\s+force|military|police|"
    r"forces)|[A-Z][\w'’-]*\s+(?-i:army|navy|military|police|forces|troops|border\s+guards?))$",
    re.IGNORECASE,
)
"""A state's forces named by its demonym ("Pakistani army", "Tajik army"), never an armed
group; "Arakan Army", with its capital, is a name."""
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)


def clean_name(text: str) -> str:
    """The name without a leading article or title, without a possessive ending and without
    trailing words that describe its members."""
    text = _POSSESSIVE.sub("", text.strip(" ,.;:\"'()“”"))
    text = _TITLES.sub("", _ARTICLE.sub("", text)).strip(" ,.;:-")
    return _TRAILING.sub("", text) if len(text.split()) > 1 else text


class ActorsComponent:
    """Adds mentions of armed groups and people found by the entity recogniser."""

    name = "overhorizon.actors.v1"
    requires: tuple[str, ...] = ("entities", "mentions", "dateline")
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self) -> None:
        self.groups: set[str] = set()
        """Keys of the names this document's context shows to be armed groups."""

    def __call__(self, work: Work) -> None:
        taken = [(m.start, m.end) for m in work.mentions]
        skip_until = work.dateline.end if work.dateline is not None else 0
        publisher = name_key(work.document.publisher or "")
        people: list[Mention] = [m for m in work.mentions if m.actor.schema == "Person"]
        text = work.document.text
        self.groups = {
            name_key(clean_name(e.text))
            for e in work.entities
            if e.label in {"ORG", "PERSON"}
            and group_context(text, e.start, e.end)
            and not (e.label == "PERSON" and _PERSON_ROLE_AFTER.match(text, e.end))
        }
        added: list[Mention] = []
        for entity in work.entities:
            if entity.end <= skip_until or any(
                entity.start < end and start < entity.end for start, end in taken
            ):
                continue
            if publisher and name_key(entity.text) in publisher:
                continue
            mention = self._mention(entity, people, work)
            if mention is not None:
                added.append(mention)
                if mention.actor.schema == "Person":
                    people.append(mention)
        taken.extend((m.start, m.end) for m in added)
        added.extend(self._acronyms(work, taken, skip_until))
        taken.extend((m.start, m.end) for m in added)
        added.extend(self._named(work, taken, skip_until))
        work.mentions = sorted([*work.mentions, *added], key=lambda m: m.start)

    def _acronyms(self, work: Work, taken: list[tuple[int, int]], skip_until: int) -> list[Mention]:
        """Acronyms named as groups ("ELN guerrillas") that the recogniser left out."""
        found = []
        for match in ACRONYM_GROUP.finditer(work.document.text):
            if not (match["before"] or match["after"]):
                continue
            start, end = match.span("name")
            if start < skip_until or any(start < e and s < end for s, e in taken):
                continue
            name = match["name"]
            if STATE_WORDS.search(name) or name in _NOT_GROUPS:
                continue
            actor = Actor(entity_id("ArmedGroup", name), "ArmedGroup", name)
            sentence = work.sentence_at(start)
            found.append(Mention(actor, name, start, end, sentence, self.name, 0.5))
        return found

    def _named(self, work: Work, taken: list[tuple[int, int]], skip_until: int) -> list[Mention]:
        """Capitalised names the recogniser missed or mislabelled, named as groups by their
        context ("Abu Sayyaf gunmen", "members of the Anti-balaka")."""
        found = []
        text = work.document.text
        # a people named by one word ("Two Arab terrorists") is not a group
        peoples = {
            (e.start, e.end) for e in work.entities if e.label == "NORP" and " " not in e.text
        }
        for match in NAMED_GROUP.finditer(text):
            if not (match["before"] or match["after"]):
                continue
            named = group_name(match["name"])
            if named is None:
                continue
            start = match.start("name") + named[0]
            name = clean_name(named[1])
            end = start + len(name)
            if len(name) < 3 or start < skip_until or any(start < e and s < end for s, e in taken):
                continue
            if STATE_WORDS.search(name) or name in _NOT_GROUPS or name_key(name) in _NOT_PEOPLE:
                continue
            if name_key(name) in _NOT_NAMES or _a_place(name) or (start, end) in peoples:
                continue
            actor = Actor(entity_id("ArmedGroup", name), "ArmedGroup", name)
            found.append(Mention(actor, name, start, end, work.sentence_at(start), self.name, 0.5))
            taken.append((start, end))
        return found

    def _mention(self, entity: NamedEntity, people: list[Mention], work: Work) -> Mention | None:
        name = clean_name(entity.text)
        if entity.label not in {"ORG", "PERSON", "NORP"} and not (
            entity.label in {"FAC", "GPE", "LOC"} and GROUP_CUES.search(name)
        ):
            return None
        if len(name) < 3 or not any(c.isupper() for c in name) or _DESCRIBED.search(name):
            return None
        offset = entity.text.find(name)
        start = entity.start + max(offset, 0)
        end = start + len(name)
        head = _GROUP_HEAD.match(work.document.text, entity.end, entity.end + 20)
        if head is not None and entity.text.endswith(name):
            name, end = f"{name} {head[1]}", head.end()
        lone_people = (
            (entity.label == "NORP" and len(name.split()) == 1)
            or bool(_COMMUNITY_AFTER.match(work.document.text, end))
            or _first_word(work, name, start)
        )
        if (
            (GROUP_CUES.search(name) or name_key(name) in self.groups)
            and not STATE_WORDS.search(name)
            and not _STATE_FORCE.match(name)
            and not lone_people
            and name_key(name) not in _NOT_NAMES
            and (GROUP_CUES.search(name) or not _a_place(name))
        ):
            actor = Actor(entity_id("ArmedGroup", name), "ArmedGroup", name)
            return Mention(actor, name, start, end, entity.sentence, self.name, 0.6)
        if entity.label != "PERSON" or name_key(name) in _NOT_PEOPLE or STATE_WORDS.search(name):
            return None
        if len(name.split()) > 5:
            return None
        earlier = _earlier_person(name, people)
        if earlier is not None:
            return Mention(earlier, name, start, end, entity.sentence, self.name, 0.7, True)
        if (
            len(name.split()) == 1
            or _a_place(name)
            or _end_of_place(work.document.text, start, name)
        ):
            return None
        actor = Actor(entity_id("Person", name), "Person", name)
        return Mention(actor, name, start, end, entity.sentence, self.name, 0.7)


def _earlier_person(name: str, people: list[Mention]) -> Actor | None:
    """The person named in full before, when ``name`` is one of their name's words."""
    if len(name.split()) != 1:
        return None
    key = _bare_key(name)
    for mention in reversed(people):
        words = [_bare_key(w) for w in re.split(r"[\s]+", mention.actor.name)]
        if len(words) > 1 and key in words:
            return mention.actor
    return None


def _bare_key(word: str) -> str:
    """A name word's key without an Arabic article: "al-Adnani" and "Adnani" meet."""
    key = name_key(word)
    return key[2:] if key.startswith("al") and len(key) > 4 and word[:3].lower() == "al-" else key
