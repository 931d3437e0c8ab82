"""Passwords, kept only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second choice)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from overhorizon.errors import InvalidValueError

MIN_LENGTH = 12
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("a password nobody has, to spend the same time on unknown users")


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise InvalidValueError(f"a password needs at least {MIN_LENGTH} characters")
    return _HASHER.hash(password)


def check_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; with no stored hash it takes as long to say no,
    so timing does not tell which user names exist."""
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)
