"""The Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1.

Shape::

    leaf_hash(d)     = SHA-256(0x00 || d)
    node_hash(l, r)  = SHA-256(0x01 || l || r)
    MTH([])          = SHA-256("")
    MTH(D[n])        = node_hash(MTH(D[0:k]), MTH(D[k:n]))  with k the largest power of 2 < n

Leaves are given here by their leaf hashes (32 bytes each). :class:`Frontier` keeps the
right edge of the tree (one hash per set bit of the size), so appending a leaf and computing
the root take O(log n) hashes: the service stores it in its head row and never recomputes
the whole tree on append. Proofs and their verification follow RFC 9162 sections 2.1.3
and 2.1.4 literally.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from homecoming.engines.ledger.errors import ProofError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """The RFC 9162 hash of one leaf: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The RFC 9162 hash of an interior node: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly less than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def subtree_root(leaves: Sequence[bytes], start: int, end: int) -> bytes:
    """MTH(D[start:end]) from leaf hashes, in one bottom-up pass (O(end - start))."""
    if end <= start:
        return EMPTY_ROOT
    frontier = Frontier()
    for index in range(start, end):
        frontier = frontier.append(leaves[index])
    return frontier.root()


def tree_root(leaves: Sequence[bytes]) -> bytes:
    """MTH of the whole list of leaf hashes."""
    return subtree_root(leaves, 0, len(leaves))


@dataclass(frozen=True, slots=True)
class Frontier:
    """The right edge of a tree of ``size`` leaves: roots of its perfect subtrees, left to right.

    ``hashes[i]`` is the root of a perfect subtree whose size is the i-th set bit of
    ``size`` counted from the most significant one. Appending merges equal-sized subtrees
    like a binary counter carrying.
    """

    size: int = 0
    hashes: tuple[bytes, ...] = ()

    def append(self, leaf: bytes) -> Frontier:
        """The frontier after appending one leaf hash."""
        stack = list(self.hashes)
        carry = leaf
        bits = self.size
        while bits & 1:
            carry = node_hash(stack.pop(), carry)
            bits >>= 1
        stack.append(carry)
        return Frontier(self.size + 1, tuple(stack))

    def root(self) -> bytes:
        """MTH of the tree this frontier closes."""
        if not self.hashes:
            return EMPTY_ROOT
        root = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            root = node_hash(left, root)
        return root

    def to_hex(self) -> list[str]:
        """The hashes as hex strings, for storing in a JSON column."""
        return [h.hex() for h in self.hashes]

    @classmethod
    def from_hex(cls, size: int, hashes: Sequence[str]) -> Frontier:
        """Read a frontier back from :meth:`to_hex`; ProofError if it cannot fit ``size``."""
        if len(hashes) != size.bit_count():
            raise ProofError(f"a frontier of size {size} has {size.bit_count()} hashes")
        return cls(size, tuple(bytes.fromhex(h) for h in hashes))


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(index, D[n]) of RFC 9162 section 2.1.3.1 for the tree of all ``leaves``."""
    if not 0 <= index < len(leaves):
        raise ProofError(f"leaf {index} is not in a tree of size {len(leaves)}")
    return _path(leaves, index, 0, len(leaves))


def _path(leaves: Sequence[bytes], m: int, start: int, end: int) -> list[bytes]:
    n = end - start
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return [
            *_path(leaves, m, start, start + k),
            subtree_root(leaves, start + k, end),
        ]
    return [
        *_path(leaves, m - k, start + k, end),
        subtree_root(leaves, start, start + k),
    ]


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """PROOF(old_size, D[n]) of RFC 9162 section 2.1.4.1 for the tree of all ``leaves``."""
    if not 0 <= old_size <= len(leaves):
        raise ProofError(f"size {old_size} is not within a tree of size {len(leaves)}")
    if old_size in (0, len(leaves)):
        return []
    return _subproof(leaves, old_size, 0, len(leaves), True)


def _subproof(
    leaves: Sequence[bytes], m: int, start: int, end: int, complete: bool
) -> list[bytes]:
    n = end - start
    if m == n:
        return [] if complete else [subtree_root(leaves, start, end)]
    k = _split(n)
    if m <= k:
        return [
            *_subproof(leaves, m, start, start + k, complete),
            subtree_root(leaves, start + k, end),
        ]
    return [
        *_subproof(leaves, m - k, start + k, end, False),
        subtree_root(leaves, start, start + k),
    ]


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 section 2.1.3.2: does ``proof`` put ``leaf`` at ``index`` under ``root``?"""
    if index >= size or index < 0:
        return False
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int,
    new_size: int,
    old_root: bytes,
    new_root: bytes,
    proof: Sequence[bytes],
) -> bool:
    """RFC 9162 section 2.1.4.2: is the tree (new_size, new_root) an extension of the old one?"""
    if old_size < 0 or old_size > new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof and old_root == EMPTY_ROOT
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0
