"""Keep secrets out of the audit log: it is append-only, so a secret written once stays forever.

Keys that name a secret (password, token, api key, cookie, ...) lose their value, and string
values that look like credentials (bearer or basic authorisation, private keys, JSON web
tokens, passwords inside URLs) are masked wherever they appear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from overhorizon.errors import SecretInAuditError

REDACTED = "[redacted]"

_SECRET_KEY_PARTS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "authorization",
    "cookie",
    "privatekey",
    "credential",
    "sessionid",
)
_SECRET_VALUES = (
    re.compile(r"\b(?:bearer|basic|digest|token)\s+[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE),
    re.compile(
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*)",
        re.DOTALL,
    ),
    re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),
    re.compile(r"\b(?:sk|pk|ghp|gho|xox[abp]|AKIA)[-_]?[A-Za-z0-9]{16,}"),
)
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^/\s@]+(?P<tail>@)")


def is_secret_key(key: str) -> bool:
    """Whether a detail's name says its value is a secret (``api-key``, ``X-Auth-Token``, ...)."""
    squashed = re.sub(r"[^a-z]", "", key.lower())
    return any(part in squashed for part in _SECRET_KEY_PARTS)


def looks_secret(value: str) -> bool:
    """Whether a string holds something shaped like a credential."""
    return any(p.search(value) for p in _SECRET_VALUES) or bool(_URL_PASSWORD.search(value))


def mask(value: str) -> str:
    """``value`` with credential-shaped parts replaced; URL passwords only lose the password."""
    value = _URL_PASSWORD.sub(rf"\g<head>{REDACTED}\g<tail>", value)
    for pattern in _SECRET_VALUES:
        value = pattern.sub(REDACTED, value)
    return value


def redact(details: Mapping[str, Any], *, strict: bool = False) -> dict[str, Any]:
    """A copy of ``details`` safe to record forever.

    With ``strict`` it raises :class:`SecretInAuditError` on the first secret instead of
    masking it, for callers that would rather fail than log a redacted value.
    """
    result = _redact(dict(details), "details", strict)
    assert isinstance(result, dict)
    return result


def _redact(value: Any, path: str, strict: bool) -> Any:
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            where = f"{path}.{key}"
            if isinstance(key, str) and is_secret_key(key) and item not in (None, "", REDACTED):
                if strict:
                    raise SecretInAuditError(f"{where} names a secret; leave it out of the log")
                out[key] = REDACTED
            else:
                out[key] = _redact(item, where, strict)
        return out
    if isinstance(value, list | tuple | set | frozenset):
        items = [_redact(item, f"{path}[]", strict) for item in value]
        return type(value)(items) if isinstance(value, tuple | set | frozenset) else items
    if isinstance(value, str) and looks_secret(value):
        if strict:
            raise SecretInAuditError(f"{path} looks like a credential; leave it out of the log")
        return mask(value)
    return value


def refuse_secrets(*values: str) -> None:
    """Raise when an actor or object id looks like a credential: those are never masked."""
    for value in values:
        if looks_secret(value):
            raise SecretInAuditError("an actor or object id looks like a credential")
