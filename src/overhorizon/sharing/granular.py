"""Object and granular markings of one STIX object: laid out on export, read back on import.

STIX markings only ever add restrictions: a property is under its object's markings plus every
granular marking whose selector is the property or one of its ancestors. So the object marking
is the least restrictive marking under which the object is disclosed at all, and each part
that needs more (an AMBER alias inside a GREEN threat actor) gets granular markings for what
it lacks. Reading applies the same rule, so a part reads back with the marking it was given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from overhorizon.sharing.markings import (
    TLP2_IDS,
    Marking,
    MarkingDefinitions,
    group_marking_id,
    marking_refs,
    tlp_rank,
)


def _ancestors(path: str) -> Iterator[str]:
    segments = path.split(".")
    for end in range(1, len(segments)):
        yield ".".join(segments[:end])


class MarkingLayout:
    """Collects what each part of an object must be marked with, then writes the markings."""

    def __init__(self, base: Marking) -> None:
        self.base = base
        self.needs: dict[str, Marking] = {}
        self.used: set[str] = set(marking_refs(base))
        """Every marking-definition id the object ends up referring to."""

    def need(self, path: str, marking: Marking) -> None:
        """The part at selector ``path`` discloses something marked ``marking``."""
        self.needs[path] = self.needs[path] | marking if path in self.needs else marking

    def properties(self) -> dict[str, Any]:
        """``object_marking_refs`` and, where needed, ``granular_markings``."""
        granted: dict[str, Marking] = {}
        selectors: dict[str, list[str]] = defaultdict(list)
        for path in sorted(self.needs, key=lambda p: (p.count("."), p)):
            effective = self.base
            for ancestor in _ancestors(path):
                if ancestor in granted:
                    effective = effective | granted[ancestor]
            need = self.needs[path]
            if effective.covers(need):
                continue
            raise_tlp = tlp_rank(need.tlp) > tlp_rank(effective.tlp)
            extra = need.groups - effective.groups
            granted[path] = Marking(need.tlp if raise_tlp else "clear", extra)
            if raise_tlp:
                selectors[TLP2_IDS[need.tlp]].append(path)
            for group in extra:
                selectors[group_marking_id(group)].append(path)
        self.used |= set(selectors)
        out: dict[str, Any] = {"object_marking_refs": marking_refs(self.base)}
        if selectors:
            out["granular_markings"] = [
                {"marking_ref": ref, "selectors": sorted(paths)}
                for ref, paths in sorted(selectors.items())
            ]
        return out


class MarkingReader:
    """The marking of any part of one received object."""

    def __init__(self, obj: Mapping[str, Any], definitions: MarkingDefinitions) -> None:
        self.base = definitions.resolve(obj.get("object_marking_refs") or [])
        self.granular: list[tuple[list[str], Marking]] = []
        for item in obj.get("granular_markings") or []:
            ref = item.get("marking_ref")
            if not ref:
                continue
            marking = definitions.resolve([ref])
            for selector in item.get("selectors") or []:
                self.granular.append((str(selector).split("."), marking))

    def at(self, path: str = "") -> Marking:
        """The marking of the part at selector ``path`` ("" for the object as a whole)."""
        segments = path.split(".") if path else []
        marking = self.base
        for selector, extra in self.granular:
            if segments[: len(selector)] == selector:
                marking = marking | extra
        return marking
