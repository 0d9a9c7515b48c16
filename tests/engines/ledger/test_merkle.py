"""The Merkle tree against RFC 6962/9162 test vectors and a brute-force reference."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.ledger import (
    EMPTY_ROOT,
    Frontier,
    ProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)

# The Certificate Transparency reference leaves and the published root of every prefix.
CT_LEAVES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
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
CT_INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
CT_CONSISTENCY = {
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
    (2, 8): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
}
HASHED_CT = [leaf_hash(d) for d in CT_LEAVES]


def reference_root(leaves):
    """MTH exactly as RFC 9162 section 2.1.1 writes it, recursively."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


@pytest.mark.parametrize("size", range(9))
def test_root_of_every_prefix_matches_the_published_ct_root(size):
    assert tree_root(HASHED_CT[:size]).hex() == CT_ROOTS[size]


@pytest.mark.parametrize(("index", "size"), list(CT_INCLUSION))
def test_inclusion_proof_matches_the_published_ct_proof(index, size):
    proof = inclusion_proof(HASHED_CT[:size], index)
    assert [p.hex() for p in proof] == CT_INCLUSION[(index, size)]
    root = bytes.fromhex(CT_ROOTS[size])
    assert verify_inclusion(HASHED_CT[index], index, size, proof, root)


@pytest.mark.parametrize(("old", "new"), list(CT_CONSISTENCY))
def test_consistency_proof_matches_the_published_ct_proof(old, new):
    proof = consistency_proof(HASHED_CT[:new], old)
    assert [p.hex() for p in proof] == CT_CONSISTENCY[(old, new)]
    assert verify_consistency(
        old, new, bytes.fromhex(CT_ROOTS[old]), bytes.fromhex(CT_ROOTS[new]), proof
    )


def _leaves(n):
    return [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


@given(st.integers(min_value=0, max_value=300))
def test_frontier_root_equals_the_recursive_definition(n):
    leaves = _leaves(n)
    frontier = Frontier()
    for leaf in leaves:
        frontier = frontier.append(leaf)
    assert frontier.size == n
    assert len(frontier.hashes) == n.bit_count()
    assert frontier.root() == reference_root(leaves) == tree_root(leaves)
    restored = Frontier.from_hex(n, frontier.to_hex())
    assert restored == frontier


@given(st.data())
def test_every_inclusion_proof_verifies_and_a_wrong_leaf_or_index_does_not(data):
    n = data.draw(st.integers(min_value=1, max_value=200))
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    leaves = _leaves(n)
    root = reference_root(leaves)
    proof = inclusion_proof(leaves, index)
    assert verify_inclusion(leaves[index], index, n, proof, root)
    assert not verify_inclusion(leaf_hash(b"forged"), index, n, proof, root)
    if n > 1:
        other = (index + 1) % n
        assert not verify_inclusion(leaves[index], other, n, proof, root)


@given(st.data())
def test_every_consistency_proof_verifies_and_a_changed_old_tree_does_not(data):
    n = data.draw(st.integers(min_value=1, max_value=200))
    m = data.draw(st.integers(min_value=0, max_value=n))
    leaves = _leaves(n)
    proof = consistency_proof(leaves, m)
    old_root, new_root = reference_root(leaves[:m]), reference_root(leaves)
    assert verify_consistency(m, n, old_root, new_root, proof)
    if m > 0:
        forked = [*leaves[: m - 1], leaf_hash(b"rewritten"), *leaves[m:]]
        assert not verify_consistency(
            m, n, old_root, reference_root(forked), consistency_proof(forked, m)
        )
    if proof:
        damaged = [bytes(32), *proof[1:]]
        assert not verify_consistency(m, n, old_root, new_root, damaged)


def test_a_larger_old_tree_is_never_consistent_with_a_smaller_new_one():
    leaves = _leaves(5)
    assert not verify_consistency(5, 3, tree_root(leaves), tree_root(leaves[:3]), [])


def test_proofs_outside_the_tree_are_refused():
    with pytest.raises(ProofError):
        inclusion_proof(_leaves(3), 3)
    with pytest.raises(ProofError):
        consistency_proof(_leaves(3), 4)


def test_empty_tree_root_is_the_hash_of_nothing():
    assert EMPTY_ROOT.hex() == CT_ROOTS[0]
    assert verify_consistency(0, 3, EMPTY_ROOT, tree_root(_leaves(3)), [])
