"""Signed tree heads: the log's size and root at a moment, signed so nobody can quietly rewrite
what came before it.

The signature covers ``HEAD_CONTEXT`` followed by the canonical JSON of ``tree_size``,
``root_hash`` (hex) and ``timestamp``; the context string keeps the key from ever signing
something that could be mistaken for a head.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from overhorizon.audit.entry import canonical_json, timestamp
from overhorizon.audit.keys import key_id, load_public_key, public_pem, signature_valid
from overhorizon.errors import AuditError

HEAD_CONTEXT = b"overhorizon audit tree head v1\n"


def head_message(tree_size: int, root_hash: bytes, signed_at: str) -> bytes:
    """The exact bytes a tree head's signature covers."""
    body = {"tree_size": tree_size, "root_hash": root_hash.hex(), "timestamp": signed_at}
    return HEAD_CONTEXT + canonical_json(body)


@dataclass(frozen=True)
class SignedTreeHead:
    """A signed (size, root, time). ``number`` counts heads from 1 in the order they were signed."""

    number: int
    tree_size: int
    root_hash: bytes
    timestamp: str
    key_id: str
    signature: bytes
    public_key: str | None = None
    """The signer's public key as PEM, when it was looked up."""

    @classmethod
    def sign(
        cls, key: Ed25519PrivateKey, number: int, tree_size: int, root_hash: bytes
    ) -> SignedTreeHead:
        signed_at = timestamp()
        public = key.public_key()
        return cls(
            number=number,
            tree_size=tree_size,
            root_hash=root_hash,
            timestamp=signed_at,
            key_id=key_id(public),
            signature=key.sign(head_message(tree_size, root_hash, signed_at)),
            public_key=public_pem(public),
        )

    def message(self) -> bytes:
        return head_message(self.tree_size, self.root_hash, self.timestamp)

    def signature_valid(self, public_key_pem: str | None = None) -> bool:
        """Whether the signature is the named key's, and the key is the one ``key_id`` names."""
        pem = public_key_pem or self.public_key
        if pem is None:
            return False
        key = load_public_key(pem)
        return key_id(key) == self.key_id and signature_valid(key, self.signature, self.message())

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash.hex(),
            "timestamp": self.timestamp,
            "key_id": self.key_id,
            "signature": self.signature.hex(),
            "public_key": self.public_key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignedTreeHead:
        """A head as ``as_dict`` (and ``overhorizon audit head``) writes it."""
        try:
            return cls(
                number=int(data["number"]),
                tree_size=int(data["tree_size"]),
                root_hash=bytes.fromhex(data["root_hash"]),
                timestamp=str(data["timestamp"]),
                key_id=str(data["key_id"]),
                signature=bytes.fromhex(data["signature"]),
                public_key=data.get("public_key"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise AuditError(f"not a signed tree head: {exc}") from exc
