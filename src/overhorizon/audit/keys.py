"""The Ed25519 key that signs tree heads: where it lives, how it is made, how it is named.

The private key is a PEM file readable by its owner only, at ``$OVERHORIZON_AUDIT_KEY``, else
beside a SQLite database (``<db>.audit-key.pem``), else (PostgreSQL, in-memory SQLite) at
``~/.config/overhorizon/audit-key.pem``. It is created on first use. Only the public key goes
into the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.engine import URL

from overhorizon.errors import AuditKeyError

KEY_VARIABLE = "OVERHORIZON_AUDIT_KEY"
KEY_SUFFIX = ".audit-key.pem"


def default_key_path(url: URL) -> Path:
    """Where the signing key of the database at ``url`` lives unless told otherwise."""
    configured = os.environ.get(KEY_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database).expanduser()
        return database.with_name(database.name + KEY_SUFFIX)
    return Path.home() / ".config" / "overhorizon" / "audit-key.pem"


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The private key at ``path``, made (mode 0600) when there is none yet."""
    if not path.exists():
        _create(path)
    return load_private_key(path)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise AuditKeyError(
                f"{path} can be read by others; make it private with `chmod 600 {path}`"
            )
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise AuditKeyError(f"cannot read the audit signing key {path}: {exc}") from exc
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise AuditKeyError(f"{path} is not an unencrypted PEM private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(
            f"{path} holds a {type(key).__name__}; the audit log signs with Ed25519"
        )
    return key


def _create(path: Path) -> None:
    """Write a new key atomically; if another process won the race, keep theirs."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd, tmp = tempfile.mkstemp(prefix=".audit-key-", dir=path.parent)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, pem)
            os.fsync(fd)
            os.close(fd)
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        raise AuditKeyError(f"cannot create the audit signing key {path}: {exc}") from exc


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    """A public key from PEM text; a private key's PEM gives its public half."""
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    try:
        if b"PRIVATE KEY" in data:
            private = serialization.load_pem_private_key(data, password=None)
            if isinstance(private, Ed25519PrivateKey):
                return private.public_key()
            raise AuditKeyError("not an Ed25519 key")
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise AuditKeyError(f"not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise AuditKeyError("not an Ed25519 key")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, in hex: the name a head refers to its key by."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def signature_valid(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True
