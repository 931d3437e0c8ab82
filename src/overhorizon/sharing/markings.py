"""Markings in STIX: TLP 2.0 (and 1.0 on import) and need-to-know groups.

A ``Marking`` is what a statement carries (a TLP level and a set of groups). The TLP 2.0
marking definitions are the standard objects published by OASIS, with their fixed ids; a
need-to-know group is a marking definition of our own, carried by the overhorizon extension.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import stix2

from overhorizon.errors import InvalidValueError
from overhorizon.model.document import Document
from overhorizon.model.statement import TLP_LEVELS, Statement
from overhorizon.sharing.extension import DEFINED, EXTENSION_ID, fields_of
from overhorizon.sharing.ids import stix_uuid

TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"
TLP2_IDS: dict[str, str] = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
"""The TLP 2.0 marking definitions' standard ids, by level."""

TLP1_IDS: dict[str, str] = {
    stix2.v21.TLP_WHITE.id: "clear",
    stix2.v21.TLP_GREEN.id: "green",
    stix2.v21.TLP_AMBER.id: "amber",
    stix2.v21.TLP_RED.id: "red",
}
"""TLP 1.0 marking definitions (as the stix2 library ships them), read as their 2.0 levels."""

_TLP1_LEVELS = ("white", "green", "amber", "red")
_KNOWN_IDS: dict[str, str] = {**{v: k for k, v in TLP2_IDS.items()}, **TLP1_IDS}


def tlp_rank(level: str) -> int:
    try:
        return TLP_LEVELS.index(level)
    except ValueError:
        raise InvalidValueError(f"{level!r} is not a TLP 2.0 level") from None


@dataclass(frozen=True, slots=True)
class Marking:
    """A TLP level and need-to-know groups: what a reader must be cleared for."""

    tlp: str = "clear"
    groups: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        tlp_rank(self.tlp)

    @classmethod
    def of(cls, item: Statement | Document) -> Marking:
        return cls(item.tlp, item.groups)

    def __or__(self, other: Marking) -> Marking:
        """Both at once: the higher TLP and every group of either."""
        tlp = max(self.tlp, other.tlp, key=tlp_rank)
        return Marking(tlp, self.groups | other.groups)

    def covers(self, other: Marking) -> bool:
        """True when whoever may read ``self`` may also read ``other``."""
        return tlp_rank(self.tlp) >= tlp_rank(other.tlp) and self.groups >= other.groups

    @property
    def sort_key(self) -> tuple[int, int, tuple[str, ...]]:
        """Least restrictive first: lower TLP, then fewer groups."""
        return (tlp_rank(self.tlp), len(self.groups), tuple(sorted(self.groups)))


def least(markings: Iterable[Marking]) -> Marking:
    """The least restrictive of several markings under which the same thing is disclosed."""
    return min(markings, key=lambda m: m.sort_key)


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who an export is for: the highest TLP they may receive and their need-to-know groups.

    ``max_tlp`` has no default on purpose: every export states whom it is cut for.
    """

    max_tlp: str
    groups: frozenset[str] = frozenset()
    all_groups: bool = False
    """Member of every group: the owning organisation exporting for itself (a backup)."""

    def __post_init__(self) -> None:
        tlp_rank(self.max_tlp)

    @classmethod
    def unrestricted(cls) -> Recipient:
        return cls("red", all_groups=True)

    def may_see(self, marking: Marking) -> bool:
        if tlp_rank(marking.tlp) > tlp_rank(self.max_tlp):
            return False
        return self.all_groups or marking.groups <= self.groups


def tlp_definition(level: str) -> dict[str, Any]:
    """The standard TLP 2.0 marking definition of ``level``."""
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": TLP2_IDS[level],
        "created": TLP2_CREATED,
        "name": f"TLP:{level.upper()}",
        "extensions": {
            TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": level}
        },
    }


def group_marking_id(group: str) -> str:
    return f"marking-definition--{stix_uuid('overhorizon:need-to-know:' + group)}"


def group_definition(group: str) -> dict[str, Any]:
    """A need-to-know group as a marking definition carried by the overhorizon extension."""
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": group_marking_id(group),
        "created": DEFINED,
        "name": f"need-to-know: {group}",
        "extensions": {
            EXTENSION_ID: {"extension_type": "property-extension", "need_to_know": group}
        },
    }


def marking_refs(marking: Marking) -> list[str]:
    """The marking-definition ids that together express ``marking``."""
    return [TLP2_IDS[marking.tlp], *(group_marking_id(g) for g in sorted(marking.groups))]


def definitions(markings: Iterable[Marking]) -> list[dict[str, Any]]:
    """The marking-definition objects that ``marking_refs`` of these markings point to."""
    levels: set[str] = set()
    groups: set[str] = set()
    for marking in markings:
        levels.add(marking.tlp)
        groups |= marking.groups
    return [tlp_definition(level) for level in sorted(levels, key=tlp_rank)] + [
        group_definition(group) for group in sorted(groups)
    ]


@dataclass
class MarkingDefinitions:
    """What each marking-definition id of a bundle means, with the unknown ones collected.

    Known: the TLP 2.0 and TLP 1.0 ids, any definition in the bundle that declares a TLP level
    (as a TLP 1.0 ``definition`` or through the TLP 2.0 extension), and need-to-know groups
    made by overhorizon. Anything else is read as TLP:RED, the most restrictive level, and
    listed in ``unknown`` so the importer can say so.
    """

    meanings: dict[str, Marking] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, objects: Iterable[Mapping[str, Any]]) -> MarkingDefinitions:
        found = cls({ref: Marking(level) for ref, level in _KNOWN_IDS.items()})
        for obj in objects:
            if obj.get("type") == "marking-definition" and obj["id"] not in found.meanings:
                meaning = _meaning(obj)
                if meaning is not None:
                    found.meanings[obj["id"]] = meaning
        return found

    def resolve(self, refs: Iterable[str]) -> Marking:
        marking = Marking()
        for ref in refs:
            meaning = self.meanings.get(ref)
            if meaning is None:
                self.unknown.add(ref)
                meaning = Marking("red")
            marking = marking | meaning
        return marking


def _meaning(obj: Mapping[str, Any]) -> Marking | None:
    definition = obj.get("definition")
    if obj.get("definition_type") == "tlp" and isinstance(definition, Mapping):
        level = str(definition.get("tlp", "")).lower()
        return Marking("clear" if level == "white" else level) if level in _TLP1_LEVELS else None
    tlp2 = (obj.get("extensions") or {}).get(TLP2_EXTENSION_ID)
    if isinstance(tlp2, Mapping) and tlp2.get("tlp_2_0") in TLP_LEVELS:
        return Marking(str(tlp2["tlp_2_0"]))
    ours = fields_of(obj)
    if ours is not None and isinstance(ours.get("need_to_know"), str) and ours["need_to_know"]:
        return Marking(groups=frozenset({ours["need_to_know"]}))
    return None
