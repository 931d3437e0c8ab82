"""RFC 9162 hashing and proofs: the published Certificate Transparency test vectors, a direct
transcription of the RFC's recursive definitions, and random trees with Hypothesis."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overhorizon.audit.merkle import (
    EMPTY_ROOT,
    MerkleTree,
    compact_append,
    compact_root,
    leaf_hash,
    node_hash,
    root_of,
    split_point,
    verify_consistency,
    verify_inclusion,
)

# The eight leaves of the CT reference tests and the published root of each prefix.
CT_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# (0-based leaf index, tree size, audit path) as published.
CT_INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
# (first size, second size, consistency proof) as published.
CT_CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        2,
        8,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
]

CT_TREE = MerkleTree([leaf_hash(d) for d in CT_LEAVES])


def test_empty_tree_and_prefixes_hash_as_in_the_rfc() -> None:
    assert hashlib.sha256(b"").digest() == EMPTY_ROOT
    assert leaf_hash(b"") == hashlib.sha256(b"\x00").digest()
    assert node_hash(b"a", b"b") == hashlib.sha256(b"\x01ab").digest()
    for size, expected in enumerate(CT_ROOTS):
        assert CT_TREE.root(size).hex() == expected, f"size {size}"
        assert root_of(CT_TREE.levels[0][:size]).hex() == expected


def test_split_is_the_largest_power_of_two_below_n() -> None:
    assert [split_point(n) for n in (2, 3, 4, 5, 8, 9, 1000)] == [1, 2, 2, 4, 4, 8, 512]


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION)
def test_published_inclusion_proofs(index: int, size: int, path: list[str]) -> None:
    proof = CT_TREE.inclusion_proof(index, size)
    assert [p.hex() for p in proof] == path
    root = bytes.fromhex(CT_ROOTS[size])
    assert verify_inclusion(leaf_hash(CT_LEAVES[index]), index, size, proof, root)
    assert not verify_inclusion(leaf_hash(b"x"), index, size, proof, root)
    if size > 1:
        assert not verify_inclusion(leaf_hash(CT_LEAVES[index]), index ^ 1, size, proof, root)


@pytest.mark.parametrize(("first", "second", "path"), CT_CONSISTENCY)
def test_published_consistency_proofs(first: int, second: int, path: list[str]) -> None:
    proof = CT_TREE.consistency_proof(first, second)
    assert [p.hex() for p in proof] == path
    old, new = bytes.fromhex(CT_ROOTS[first]), bytes.fromhex(CT_ROOTS[second])
    assert verify_consistency(first, second, old, new, proof)
    if first != second:
        assert not verify_consistency(first, second, new, old, proof)
        assert not verify_consistency(first, second, old, new, [])


# The RFC's definitions, transcribed literally over lists, to hold the fast code against.
def _mth(d: list[bytes]) -> bytes:
    if not d:
        return EMPTY_ROOT
    if len(d) == 1:
        return d[0]
    k = split_point(len(d))
    return node_hash(_mth(d[:k]), _mth(d[k:]))


def _path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = split_point(len(d))
    if m < k:
        return [*_path(m, d[:k]), _mth(d[k:])]
    return [*_path(m - k, d[k:]), _mth(d[:k])]


def _subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [_mth(d)]
    k = split_point(len(d))
    if m <= k:
        return [*_subproof(m, d[:k], b), _mth(d[k:])]
    return [*_subproof(m - k, d[k:], False), _mth(d[:k])]


def _leaves(n: int) -> list[bytes]:
    return [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


def test_fast_tree_and_compact_range_agree_with_the_definitions() -> None:
    leaves = _leaves(70)
    tree = MerkleTree(leaves)
    frontier: list[bytes] = []
    for n in range(71):
        assert tree.root(n) == _mth(leaves[:n]) == compact_root(frontier)
        assert len(frontier) == n.bit_count()
        for m in range(n):
            assert tree.inclusion_proof(m, n) == _path(m, leaves[:n])
        for m in range(1, n):
            assert tree.consistency_proof(m, n) == _subproof(m, leaves[:n], True)
        if n < 70:
            frontier = compact_append(frontier, n, leaves[n])


def test_out_of_range_requests_are_refused() -> None:
    with pytest.raises(ValueError):
        CT_TREE.inclusion_proof(8, 8)
    with pytest.raises(ValueError):
        CT_TREE.root(9)
    with pytest.raises(ValueError):
        CT_TREE.consistency_proof(5, 4)
    assert not verify_inclusion(CT_TREE.levels[0][0], 0, 0, [], EMPTY_ROOT)
    assert not verify_consistency(5, 4, EMPTY_ROOT, EMPTY_ROOT, [])
    assert verify_consistency(0, 8, EMPTY_ROOT, CT_TREE.root(), [])


def _flip(proof: list[bytes], which: int, byte: int) -> list[bytes]:
    item = proof[which % len(proof)]
    pos = byte % len(item)
    changed = item[:pos] + bytes([item[pos] ^ 0x01]) + item[pos + 1 :]
    return [changed if i == which % len(proof) else p for i, p in enumerate(proof)]


@st.composite
def _index_in_tree(draw: st.DrawFn) -> tuple[int, int]:
    size = draw(st.integers(min_value=1, max_value=300))
    return draw(st.integers(min_value=0, max_value=size - 1)), size


@given(_index_in_tree(), st.integers(min_value=0), st.integers(min_value=0, max_value=31))
def test_every_inclusion_proof_verifies_and_any_altered_byte_breaks_it(
    where: tuple[int, int], which: int, byte: int
) -> None:
    index, size = where
    leaves = _leaves(size)
    tree = MerkleTree(leaves)
    root, proof = tree.root(), tree.inclusion_proof(index)
    assert verify_inclusion(leaves[index], index, size, proof, root)
    if proof:
        assert not verify_inclusion(leaves[index], index, size, _flip(proof, which, byte), root)
    bad_leaf = _flip([leaves[index]], 0, byte)[0]
    assert not verify_inclusion(bad_leaf, index, size, proof, root)
    assert not verify_inclusion(leaves[index], index, size, proof, _flip([root], 0, byte)[0])
    if size > 1:
        assert not verify_inclusion(leaves[index], (index + 1) % size, size, proof, root)


@st.composite
def _two_sizes(draw: st.DrawFn) -> tuple[int, int]:
    second = draw(st.integers(min_value=2, max_value=300))
    return draw(st.integers(min_value=1, max_value=second - 1)), second


@given(_two_sizes(), st.integers(min_value=0), st.integers(min_value=0, max_value=31))
def test_every_consistency_proof_verifies_and_any_altered_byte_breaks_it(
    sizes: tuple[int, int], which: int, byte: int
) -> None:
    first, second = sizes
    tree = MerkleTree(_leaves(second))
    old, new = tree.root(first), tree.root(second)
    proof = tree.consistency_proof(first, second)
    assert verify_consistency(first, second, old, new, proof)
    assert not verify_consistency(first, second, old, new, _flip(proof, which, byte))
    assert not verify_consistency(first, second, _flip([old], 0, byte)[0], new, proof)
    assert not verify_consistency(first, second, old, _flip([new], 0, byte)[0], proof)
    other = MerkleTree([*_leaves(first - 1), leaf_hash(b"forged"), *_leaves(second)[first:]])
    assert not verify_consistency(first, second, other.root(first), new, proof)
