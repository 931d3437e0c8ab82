"""The five MUC-4 roles and the BIO labels the tagger predicts over them."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
"""Perpetrator individuals and organisations, physical targets, human victims, weapons."""

LABELS: tuple[str, ...] = ("O", *(f"{tag}-{role}" for role in ROLES for tag in ("B", "I")))
"""Label 0 is outside; then B and I of each role, in ROLES order."""


def begin_label(role: str) -> int:
    """The index of ``B-role`` in LABELS."""
    return 1 + 2 * ROLES.index(role)


def inside_label(role: str) -> int:
    """The index of ``I-role`` in LABELS."""
    return 2 + 2 * ROLES.index(role)
