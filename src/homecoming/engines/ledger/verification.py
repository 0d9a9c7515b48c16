"""Re-computing a stored log: every leaf hash, every running root, every checkpoint.

The service streams its rows in ``seq`` order as :class:`StoredEntry` values; the report
names the first inconsistency (the first ``seq`` whose content, place or stored hash is
wrong) and every checkpoint whose root or signature does not hold. One pass, O(n log n)
hashes, constant memory apart from the roots at checkpoint sizes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from homecoming.engines.ledger.checkpoints import SignedCheckpoint, verify_checkpoint
from homecoming.engines.ledger.entries import LedgerRecord
from homecoming.engines.ledger.errors import LedgerError
from homecoming.engines.ledger.keys import KeyRing
from homecoming.engines.ledger.merkle import Frontier


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One row as stored: its content and the hashes stored beside it (hex)."""

    record: LedgerRecord
    leaf_hash: str
    tree_root: str


@dataclass(frozen=True, slots=True)
class LogProblem:
    """One inconsistency: at an entry (``seq``) or in a checkpoint (``checkpoint_size``)."""

    message: str
    seq: int | None = None
    checkpoint_size: int | None = None


@dataclass(frozen=True, slots=True)
class LogReport:
    """What re-computing the log found. ``ok`` when there is nothing to report."""

    size: int
    root_hash: str
    checkpoints_checked: int
    problems: tuple[LogProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_problem(self) -> LogProblem | None:
        return self.problems[0] if self.problems else None


def verify_log(
    entries: Iterable[StoredEntry],
    checkpoints: Sequence[SignedCheckpoint] = (),
    keys: KeyRing | None = None,
    *,
    operator: str = "",
    progress: Callable[[int], None] | None = None,
) -> LogReport:
    """Re-compute ``entries`` (in stored order) and check ``checkpoints`` against them.

    An entry is wrong when its ``seq`` is not the next number (a gap, an insertion or a
    reordering), when its content does not hash to its stored leaf hash, or when the stored
    running root differs from the recomputed one. Only the first wrong entry is reported,
    since every later root differs too. Checkpoints are compared with the roots recomputed
    from the entries' content, and their signatures are checked against ``keys`` as made
    by ``operator`` (skipped when ``keys`` is None).
    """
    wanted = {signed.checkpoint.size for signed in checkpoints}
    roots_at: dict[int, str] = {}
    problems: list[LogProblem] = []
    entry_problem: LogProblem | None = None
    frontier = Frontier()
    if 0 in wanted:
        roots_at[0] = frontier.root().hex()
    for stored in entries:
        record = stored.record
        expected_seq = frontier.size + 1
        try:
            leaf = record.leaf_hash()
        except (LedgerError, ValueError) as exc:
            leaf = b""
            if entry_problem is None:
                entry_problem = LogProblem(f"entry cannot be hashed: {exc}", record.seq)
        frontier = frontier.append(leaf)
        root = frontier.root().hex()
        if entry_problem is None:
            if record.seq != expected_seq:
                entry_problem = LogProblem(
                    f"expected entry {expected_seq} here, found {record.seq}"
                    " (a gap, an insertion or a reordering)",
                    expected_seq,
                )
            elif leaf.hex() != stored.leaf_hash:
                entry_problem = LogProblem(
                    "the entry's content does not match its stored leaf hash",
                    record.seq,
                )
            elif root != stored.tree_root:
                entry_problem = LogProblem(
                    "the stored tree root differs from the recomputed one", record.seq
                )
        if frontier.size in wanted:
            roots_at[frontier.size] = root
        if progress is not None:
            progress(1)
    if entry_problem is not None:
        problems.append(entry_problem)
    for signed in sorted(checkpoints, key=lambda s: s.checkpoint.size):
        checkpoint = signed.checkpoint
        recomputed = roots_at.get(checkpoint.size)
        if recomputed is None:
            problems.append(
                LogProblem(
                    f"checkpoint of size {checkpoint.size} is beyond the log of size"
                    f" {frontier.size} (entries were removed)",
                    checkpoint_size=checkpoint.size,
                )
            )
        elif recomputed != checkpoint.root_hash:
            problems.append(
                LogProblem(
                    f"checkpoint of size {checkpoint.size} does not match the entries"
                    " (its root differs)",
                    checkpoint_size=checkpoint.size,
                )
            )
        if keys is not None:
            verdict = verify_checkpoint(signed, keys, operator=operator)
            if not verdict.intact:
                reasons = "; ".join(c.problem for c in verdict.checks if c.problem)
                problems.append(
                    LogProblem(
                        f"checkpoint of size {checkpoint.size} is not validly signed"
                        f" by {operator or 'the operator'}: {reasons or 'no signature'}",
                        checkpoint_size=checkpoint.size,
                    )
                )
    return LogReport(
        size=frontier.size,
        root_hash=frontier.root().hex(),
        checkpoints_checked=len(checkpoints),
        problems=tuple(problems),
    )
