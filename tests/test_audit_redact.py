"""The audit log never holds a secret: redaction of details, refusal of credential-shaped ids,
and a look at the raw database file after recording secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from overhorizon import audit
from overhorizon.audit.redact import REDACTED, is_secret_key, looks_secret, redact
from overhorizon.errors import AuditError, SecretInAuditError
from overhorizon.store import open_store

PRIVATE_KEY = (
    "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGq3ZzN0aW5nLW5vdC1hLXJlYWwta2V5\n"
    "-----END PRIVATE KEY-----\n"
)
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl"


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "Password",
        "new_password",
        "passphrase",
        "token",
        "api_token",
        "access-token",
        "secret",
        "client_secret",
        "api_key",
        "apiKey",
        "X-API-Key",
        "Authorization",
        "cookie",
        "Set-Cookie",
        "private_key",
        "credentials",
        "sessionid",
    ],
)
def test_secret_names_are_recognised(key: str) -> None:
    assert is_secret_key(key)
    assert redact({key: "s3cr3t-value"}) == {key: REDACTED}


@pytest.mark.parametrize("key", ["user", "organisation", "query", "author", "count", "format"])
def test_ordinary_names_are_kept(key: str) -> None:
    assert not is_secret_key(key)
    assert redact({key: "kept"}) == {key: "kept"}


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123", "Authorization: "),
        ("basic dXNlcjpwYXNzd29yZA==", ""),
        (PRIVATE_KEY, ""),
        (f"jwt {JWT} here", "jwt "),
        ("ghp_abcdefghijklmnopqrstuvwxyz012345", ""),
    ],
)
def test_credential_shaped_values_are_masked_anywhere(value: str, kept: str) -> None:
    assert looks_secret(value)
    out = redact({"note": value, "nested": {"list": [value, "plain"]}})
    assert out["note"].startswith(kept) and REDACTED in out["note"]
    assert out["nested"]["list"][1] == "plain"
    assert REDACTED in out["nested"]["list"][0]
    for secret in ("abcdefghijklmnop", "dXNlcjpwYXNz", "MC4CAQAw", "eyJzdWIi", "ghp_abcdef"):
        assert secret not in str(out)


def test_password_in_a_url_loses_only_the_password() -> None:
    out = redact({"source": "postgresql://reader:hunter2@db.example.org/intel"})
    assert out == {"source": f"postgresql://reader:{REDACTED}@db.example.org/intel"}
    assert redact({"url": "https://example.org/a:b@c"}) == {"url": "https://example.org/a:b@c"}


def test_strict_mode_refuses_instead_of_masking() -> None:
    with pytest.raises(SecretInAuditError, match=r"details\.auth\.password"):
        redact({"auth": {"password": "x"}}, strict=True)
    with pytest.raises(SecretInAuditError):
        redact({"header": "Bearer abcdefghijklmnopqrstuvwxyz"}, strict=True)
    assert redact({"user": "alice", "password": None}, strict=True) == {
        "user": "alice",
        "password": None,
    }


def test_recording_secrets_leaves_no_trace_in_the_database_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "key.pem"))
    db = tmp_path / "secrets.db"
    with open_store(str(db)) as store:
        entry = audit.record(
            store,
            actor="org:horizon/user:alice",
            action="login",
            details={
                "password": "correct-horse-battery-staple",
                "headers": {"Authorization": "Bearer zyxwvutsrqponmlkjihgfedcba"},
                "api_key": "ak-1234567890",
                "key_file": PRIVATE_KEY,
                "method": "password",
            },
        )
        assert entry.details["method"] == "password"
        assert entry.details["password"] == REDACTED
        audit.AuditLog(store).sign()
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("secrets.db*"))
    for secret in ("correct-horse", "zyxwvutsrq", "ak-1234567890", "MC4CAQAw"):
        assert secret.encode() not in raw
    assert b"org:horizon/user:alice" in raw


def test_credential_shaped_actor_or_object_is_refused(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url) as store:
        log = audit.AuditLog(store, key_path=tmp_path / "k.pem")
        with pytest.raises(SecretInAuditError):
            log.append("cli:bob", "export", objects=["Bearer abcdefghijklmnopqrstuvwxyz"])
        with pytest.raises(SecretInAuditError):
            log.append(f"token {JWT}", "login")
        with pytest.raises(AuditError, match="action"):
            log.append("cli:bob", "Drop Table")
        with pytest.raises(AuditError, match="finite"):
            log.append("cli:bob", "write", details={"x": float("nan")})
        assert log.size() == 0
