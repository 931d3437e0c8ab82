"""Merge, split and undo: the analyst's decisions, recorded as judgements in the store.

Nothing here rewrites a statement. A merge is a "same" judgement, a split undoes the "same"
judgements that hold an id in its cluster and records "not_same" ones so that no automatic
run merges it back, and an undo marks one judgement as undone. Every one of them says who
decided, when and why, and every one can itself be undone.
"""

from __future__ import annotations

from overhorizon.errors import NotFoundError, ResolutionError
from overhorizon.store.base import Judgement, Store


def analyst(name: str) -> str:
    """The author label of a person: ``analyst:NAME`` (kept when already labelled)."""
    return name if ":" in name else f"analyst:{name}"


def merge(store: Store, left: str, right: str, author: str, reason: str) -> Judgement:
    """Record that ``left`` and ``right`` are the same entity."""
    _known(store, left, right)
    with store.writer() as writer:
        return writer.add_judgement(Judgement(left, right, "same", analyst(author), reason))


def distinguish(store: Store, left: str, right: str, author: str, reason: str) -> Judgement:
    """Record that ``left`` and ``right`` are different entities (blocks later merges)."""
    _known(store, left, right)
    with store.writer() as writer:
        return writer.add_judgement(Judgement(left, right, "not_same", analyst(author), reason))


def split(store: Store, entity_id: str, author: str, reason: str) -> list[Judgement]:
    """Take ``entity_id`` out of its cluster; returns the judgements undone and recorded."""
    members = store.cluster(entity_id)
    if len(members) < 2:
        raise ResolutionError(f"{entity_id} is not merged with anything")
    who = analyst(author)
    holding = [
        j
        for j in store.judgements([entity_id], active=True)
        if j.verdict == "same" and entity_id in (j.left_id, j.right_id)
    ]
    changed = []
    with store.writer() as writer:
        for judgement in holding:
            changed.append(writer.revert_judgement(judgement.id, who))
        for judgement in holding:
            other = judgement.right_id if judgement.left_id == entity_id else judgement.left_id
            changed.append(
                writer.add_judgement(Judgement(entity_id, other, "not_same", who, reason))
            )
    return changed


def undo(store: Store, judgement_id: str, author: str) -> Judgement:
    """Undo one judgement; the clusters return to what the other judgements make them."""
    with store.writer() as writer:
        return writer.revert_judgement(judgement_id, analyst(author))


def _known(store: Store, *entity_ids: str) -> None:
    for entity_id in entity_ids:
        if store.entity(entity_id) is None:
            raise NotFoundError(f"no entity {entity_id!r}")
