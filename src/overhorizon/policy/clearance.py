"""Who reads, and the rule that decides whether they may read one marked thing.

A ``Viewer`` is a reader as the visibility filter needs them: their organisation, their
clearance (the highest TLP they may read), the need-to-know groups they belong to, and the
ceiling their organisation may receive from others. ``may_read`` states the rule in Python;
``overhorizon.store.visibility`` states the same rule in SQL, and the tests hold both to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from overhorizon.errors import InvalidValueError
from overhorizon.model.statement import TLP_LEVELS

LOCAL_ORG = "local"
"""The organisation that runs this instance; what the local operator writes is owned by it."""

STRICT_LEVELS: frozenset[str] = frozenset({"amber+strict", "red"})
"""Levels that never leave the owning organisation, whatever the reader's clearance."""

ROLES: tuple[str, ...] = ("reader", "analyst", "org_admin", "platform_admin")
"""From the least to the most powerful: read; also write; also manage one's organisation;
also manage organisations."""

WRITERS = frozenset({"analyst", "org_admin", "platform_admin"})


def tlp_rank(level: str) -> int:
    """0 for CLEAR ... 4 for RED."""
    try:
        return TLP_LEVELS.index(level)
    except ValueError:
        raise InvalidValueError(
            f"{level!r} is not a TLP 2.0 level ({', '.join(TLP_LEVELS)})"
        ) from None


def levels_up_to(level: str) -> list[str]:
    """Every TLP level at or below ``level``."""
    return list(TLP_LEVELS[: tlp_rank(level) + 1])


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidValueError(f"{role!r} is not a role ({', '.join(ROLES)})")
    return role


@dataclass(frozen=True, slots=True)
class Ceiling:
    """The most an organisation may receive of what other organisations own: a TLP level and
    the need-to-know groups whose material may go to it (its maximum shareable marking)."""

    tlp: str = "clear"
    groups: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        tlp_rank(self.tlp)

    def covers(self, tlp: str, groups: Iterable[str]) -> bool:
        return tlp_rank(tlp) <= tlp_rank(self.tlp) and set(groups) <= self.groups


@dataclass(frozen=True, slots=True)
class Viewer:
    """A reader, as the visibility filter sees them.

    ``cap`` is None for the local organisation's users; for any other organisation it is that
    organisation's ceiling, applied to everything it does not own.
    """

    org: str
    clearance: str
    groups: frozenset[str] = frozenset()
    cap: Ceiling | None = None
    user: str | None = None
    """The user's name; None for an organisation as a whole (an export to a partner)."""
    role: str = "reader"

    def __post_init__(self) -> None:
        tlp_rank(self.clearance)
        check_role(self.role)
        if not self.org:
            raise InvalidValueError("a viewer belongs to an organisation")

    @property
    def actor(self) -> str:
        """How the audit log names what this viewer does."""
        return f"org:{self.org}/user:{self.user}" if self.user else f"org:{self.org}"

    @property
    def may_write(self) -> bool:
        return self.user is not None and self.role in WRITERS


def may_read(viewer: Viewer, tlp: str, groups: Iterable[str], owner: str) -> bool:
    """Whether ``viewer`` may read something marked ``tlp`` and ``groups``, owned by ``owner``.

    1. its TLP is at or below the viewer's clearance;
    2. the viewer belongs to every one of its need-to-know groups;
    3. AMBER+STRICT and RED never leave the owning organisation;
    4. what another organisation owns must also fit under the viewer's organisation's ceiling.
    """
    needed = set(groups)
    if tlp_rank(tlp) > tlp_rank(viewer.clearance) or not needed <= viewer.groups:
        return False
    if tlp in STRICT_LEVELS and owner != viewer.org:
        return False
    return owner == viewer.org or viewer.cap is None or viewer.cap.covers(tlp, needed)


def raise_to(
    tlp: str, groups: frozenset[str], floor_tlp: str, floor_groups: frozenset[str]
) -> tuple[str, frozenset[str]]:
    """A marking raised to at least a floor: the higher TLP and the groups of both."""
    higher = tlp if tlp_rank(tlp) >= tlp_rank(floor_tlp) else floor_tlp
    return higher, groups | floor_groups
