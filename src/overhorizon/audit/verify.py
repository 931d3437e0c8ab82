"""Check a whole audit log and say exactly what was tampered with.

Every entry's leaf is recomputed from its stored fields and compared with its recorded leaf
hash; because the hashed bytes include the sequence number, an entry moved to another place
still matches its leaf *at its old number*, which tells an edit from a deletion, an insertion
or a reordering. Then every signed head's signature is checked and its root rebuilt from the
recomputed leaves, successive heads are checked for consistency, and the append counter and
compact range are compared with the entries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import Engine, Row, select

from overhorizon.audit import tables
from overhorizon.audit.entry import AuditEntry
from overhorizon.audit.heads import SignedTreeHead
from overhorizon.audit.keys import key_id, load_public_key
from overhorizon.audit.log import AuditLog, HasEngine, entry_from_row
from overhorizon.audit.merkle import MerkleTree, compact_root, root_of, verify_consistency

_NEAR = 16
_PAIRWISE = 256
_CYCLE = 64


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the log. ``kind`` is one of: edited, deleted, inserted, reordered,
    bad_signature, unknown_key, untrusted_key, head_mismatch, inconsistent_heads,
    missing_head, state_mismatch."""

    kind: str
    message: str
    seq: int | None = None
    head: int | None = None


@dataclass
class VerifyReport:
    entries: int
    heads: int
    root: bytes
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def kinds(self) -> set[str]:
        return {f.kind for f in self.findings}

    def add(
        self, kind: str, message: str, *, seq: int | None = None, head: int | None = None
    ) -> None:
        self.findings.append(Finding(kind, message, seq, head))


@dataclass
class _Row:
    entry: AuditEntry
    stored: bytes | None
    leaf: bytes


def verify_log(
    target: Engine | HasEngine,
    *,
    trusted_heads: Sequence[SignedTreeHead] = (),
    trusted_key: str | None = None,
) -> VerifyReport:
    """Verify the log of ``target``. ``trusted_heads`` are heads saved outside the database
    (``overhorizon audit head``), which the log must still contain; ``trusted_key`` is a PEM
    public key every head must be signed with, so a log re-signed with another key fails."""
    log = AuditLog(target, sign_every=0)
    with log.engine.connect() as conn:
        rows = [
            _row(r) for r in conn.execute(select(tables.entries).order_by(tables.entries.c.seq))
        ]
        state = conn.execute(select(tables.state)).first()
    heads = log.heads()
    tree = MerkleTree([r.leaf for r in rows])
    report = VerifyReport(entries=len(rows), heads=len(heads), root=tree.root())
    counter = int(state.size) if state is not None else 0
    _check_entries(report, rows, counter)
    _check_heads(report, heads, tree, trusted_key)
    for saved in trusted_heads:
        _check_saved_head(report, saved, tree, trusted_key)
    _check_state(report, state, root_of([r.stored or r.leaf for r in rows]), len(rows), len(heads))
    return report


def _row(row: Row[Any]) -> _Row:
    entry = entry_from_row(row)
    try:
        stored: bytes | None = bytes.fromhex(row.leaf_hash)
    except (TypeError, ValueError):
        stored = None
    return _Row(entry, stored, entry.leaf_hash)


def _check_entries(report: VerifyReport, rows: list[_Row], counter: int) -> None:
    bad = [r for r in rows if r.leaf != r.stored]
    pairwise = [r.entry.seq for r in bad] if len(bad) <= _PAIRWISE else []
    written_as: dict[int, int] = {}
    edited: set[int] = set()
    for r in bad:
        origin = _origin(r, pairwise)
        if origin is None:
            edited.add(r.entry.seq)
        else:
            written_as[r.entry.seq] = origin
    inserted = {r.entry.seq for r in rows if r.entry.seq >= counter} - set(written_as)
    for seq in sorted(inserted):
        report.add(
            "inserted",
            f"entry {seq} was inserted: the log's counter only reached {counter}",
            seq=seq,
        )
    reordered = _cycles(written_as)
    for seq in sorted(reordered):
        report.add(
            "reordered",
            f"entries were reordered: entry {seq} holds what was written as {written_as[seq]}",
            seq=seq,
        )
    shifted = {s: o for s, o in written_as.items() if s not in reordered}
    for start, end, shift in _runs(shifted):
        if shift > 0:
            report.add(
                "deleted",
                f"{_count(shift)} deleted at {start}: entries {start} to {end} were written as "
                f"{start + shift} to {end + shift} and renumbered",
                seq=start,
            )
        else:
            for seq in range(start + shift, start):
                inserted.add(seq)
                report.add(
                    "inserted",
                    f"entry {seq} was inserted: entries {start} to {end} were written as "
                    f"{start + shift} to {end + shift}",
                    seq=seq,
                )
    for low, high in _gaps(r.entry.seq for r in rows):
        which = f"entry {low} is" if low == high else f"entries {low} to {high} are"
        report.add("deleted", f"{which} missing: deleted", seq=low)
    for seq in sorted(edited - inserted):
        report.add(
            "edited", f"entry {seq} was edited: its fields no longer hash to its leaf", seq=seq
        )


def _origin(row: _Row, pairwise: Iterable[int]) -> int | None:
    """The sequence number under which this entry's recorded leaf hash was computed."""
    if row.stored is None:
        return None
    seq = row.entry.seq
    near = chain.from_iterable((seq + d, seq - d) for d in range(1, _NEAR + 1))
    for candidate in chain(near, pairwise):
        if 0 <= candidate != seq and row.entry.with_seq(candidate).leaf_hash == row.stored:
            return candidate
    return None


def _cycles(moves: dict[int, int]) -> set[int]:
    """The entries whose moves close a cycle (swaps and rotations), not a one-way shift."""
    found: set[int] = set()
    for start in moves:
        path = [start]
        current = moves[start]
        while current in moves and current != start and len(path) < _CYCLE:
            path.append(current)
            current = moves[current]
        if current == start:
            found.update(path)
    return found


def _runs(shifted: dict[int, int]) -> list[tuple[int, int, int]]:
    """Consecutive entries moved by the same amount, as (first, last, shift)."""
    runs: list[tuple[int, int, int]] = []
    for seq in sorted(shifted):
        shift = shifted[seq] - seq
        if runs and runs[-1][1] == seq - 1 and runs[-1][2] == shift:
            runs[-1] = (runs[-1][0], seq, shift)
        else:
            runs.append((seq, seq, shift))
    return runs


def _gaps(seqs: Iterable[int]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    expected = 0
    for seq in seqs:
        if seq > expected:
            gaps.append((expected, seq - 1))
        expected = seq + 1
    return gaps


def _count(n: int) -> str:
    return "1 entry was" if n == 1 else f"{n} entries were"


def _check_heads(
    report: VerifyReport, heads: list[SignedTreeHead], tree: MerkleTree, trusted_key: str | None
) -> None:
    """Each head on its own, then each with the one signed before it.

    Successive heads must grow and be consistent. Consistency is only worth reporting for two
    heads that each still match the entries (otherwise the mismatch is already reported and the
    entries cannot speak for either head); a smaller head after a larger one is a replay.
    """
    trusted_id = key_id(load_public_key(trusted_key)) if trusted_key else None
    matched_size = 0
    previous: SignedTreeHead | None = None
    sound: set[int] = set()
    for head in heads:
        name = f"head #{head.number} (size {head.tree_size})"
        expected = previous.number + 1 if previous else 1
        if head.number > expected:
            which = (
                f"#{expected}"
                if head.number == expected + 1
                else f"#{expected} to #{head.number - 1}"
            )
            report.add("missing_head", f"signed head {which} deleted", head=expected)
        before = len(report.findings)
        if head.public_key is None:
            report.add(
                "unknown_key", f"{name} is signed by unknown key {head.key_id}", head=head.number
            )
        elif not head.signature_valid():
            report.add("bad_signature", f"{name}: the signature does not verify", head=head.number)
        if trusted_id is not None and head.key_id != trusted_id:
            report.add(
                "untrusted_key", f"{name} is not signed by the trusted key", head=head.number
            )
        if head.tree_size > tree.size:
            report.add(
                "deleted",
                f"{name} covers {head.tree_size} entries but the log holds {tree.size}",
                head=head.number,
            )
        elif tree.root(head.tree_size) != head.root_hash:
            report.add(
                "head_mismatch",
                f"{name} does not match the entries: something among entries {matched_size} "
                f"to {head.tree_size - 1} changed since it was signed",
                head=head.number,
            )
        else:
            matched_size = max(matched_size, head.tree_size)
        if len(report.findings) == before:
            sound.add(head.number)
        if previous is not None:
            _check_pair(report, previous, head, tree, sound)
        previous = head


def _check_pair(
    report: VerifyReport,
    old: SignedTreeHead,
    new: SignedTreeHead,
    tree: MerkleTree,
    sound: set[int],
) -> None:
    name = f"head #{new.number} (size {new.tree_size})"
    if new.tree_size < old.tree_size:
        report.add(
            "inconsistent_heads",
            f"{name} is smaller than head #{old.number} (size {old.tree_size}) signed before it: "
            "an old head was replayed or the log rolled back",
            head=new.number,
        )
    elif {old.number, new.number} <= sound and not _consistent(old, new, tree):
        report.add(
            "inconsistent_heads",
            f"{name} does not extend head #{old.number} (size {old.tree_size})",
            head=new.number,
        )


def _consistent(old: SignedTreeHead, new: SignedTreeHead, tree: MerkleTree) -> bool:
    if not old.tree_size <= new.tree_size <= tree.size:
        return False
    proof = tree.consistency_proof(old.tree_size, new.tree_size)
    return verify_consistency(old.tree_size, new.tree_size, old.root_hash, new.root_hash, proof)


def _check_saved_head(
    report: VerifyReport, saved: SignedTreeHead, tree: MerkleTree, trusted_key: str | None
) -> None:
    name = f"saved head #{saved.number} (size {saved.tree_size}, {saved.timestamp})"
    if not saved.signature_valid(trusted_key):
        report.add("bad_signature", f"{name}: the signature does not verify", head=saved.number)
    if saved.tree_size > tree.size:
        report.add(
            "deleted",
            f"{name} covers {saved.tree_size} entries but the log holds {tree.size}",
            head=saved.number,
        )
    elif tree.root(saved.tree_size) != saved.root_hash:
        report.add(
            "head_mismatch",
            f"{name} is no longer contained in the log: its first {saved.tree_size} entries "
            "were rewritten",
            head=saved.number,
        )


def _check_state(
    report: VerifyReport, state: Row[Any] | None, stored_root: bytes, entries: int, heads: int
) -> None:
    """The counter and compact range cover entries no head has signed yet."""
    if state is None:
        report.add("state_mismatch", "the audit log's state row is missing")
        return
    size = int(state.size)
    if size != entries:
        report.add(
            "state_mismatch",
            f"the log's counter says {size} entries were appended but {entries} are stored",
        )
    elif compact_root(_frontier(state.frontier)) != stored_root:
        report.add(
            "state_mismatch",
            "the recorded leaf hashes no longer give the root kept at the last append: "
            "they were changed or moved",
        )
    if int(state.heads) != heads:
        report.add(
            "missing_head",
            f"the log's counter says {state.heads} heads were signed, {heads} are stored",
        )


def _frontier(raw: str) -> list[bytes]:
    try:
        return [bytes.fromhex(h) for h in json.loads(raw)]
    except (TypeError, ValueError):
        return []
