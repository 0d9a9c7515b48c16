"""Re-computing a stored log: every leaf, running root, key entry, time and checkpoint.

The service streams its rows in ``seq`` order as :class:`StoredEntry` values, with its
stored head (:class:`TreeHead`); the report names the first entry that is wrong and
every checkpoint that does not hold::

    LogReport(size=1042, root_hash="…", checkpoints_checked=3,
              problems=(LogProblem("entry 7: its time … is before entry 6's …", seq=7),
                        LogProblem("checkpoint of size 900: …", checkpoint_size=900)))

An entry is wrong when its ``seq`` is not the next number; when its content does not hash
to its stored leaf hash, or the running root differs (a splice: the entries before it
are not those it was appended to); when its stored visibility is not the one its
organisation and audience give; when its time is before the previous entry's; or when a
key entry or a recorded signature does not fit the keys the earlier entries registered.
The stored head must be the size and root of the entries (a deleted tail otherwise goes
unnoticed). A checkpoint must match the root at its size, be signed by a key the ledger
registered at or before that size, and be dated between its last entry and the next one.
One pass, O(n log n) hashes, constant memory apart from the roots at checkpoint sizes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from homecoming.engines.ledger.checkpoints import (
    CheckpointVerification,
    SignedCheckpoint,
    verify_checkpoint_note,
)
from homecoming.engines.ledger.entries import LedgerRecord, format_time, visibility_key
from homecoming.engines.ledger.errors import LedgerError
from homecoming.engines.ledger.json_checkpoints import (
    SignedJSONCheckpoint,
    verify_json_checkpoint,
)
from homecoming.engines.ledger.keylog import KeyHistory
from homecoming.engines.ledger.keys import KeyRing
from homecoming.engines.ledger.merkle import Frontier

AnyCheckpoint = SignedCheckpoint | SignedJSONCheckpoint


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One row as stored: its content, the hashes stored beside it (hex) and, when the
    service stores one, its scoping column (``"|ua|ru|"``), which must be derivable."""

    record: LedgerRecord
    leaf_hash: str
    tree_root: str
    visible_to: str | None = None


@dataclass(frozen=True, slots=True)
class TreeHead:
    """The stored head: size, root (hex) and, optionally, the frontier's hashes (hex)."""

    size: int
    root_hash: str
    frontier: tuple[str, ...] = ()


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


def verify_checkpoint(
    signed: AnyCheckpoint, keys: KeyRing, *, operator: str = ""
) -> CheckpointVerification:
    """Check a checkpoint in either form (C2SP note or the first JSON form)."""
    if isinstance(signed, SignedJSONCheckpoint):
        return verify_json_checkpoint(signed, keys, operator=operator)
    return verify_checkpoint_note(signed, keys, operator=operator)


def _entry_problem(
    stored: StoredEntry, expected_seq: int, leaf: bytes, root: str
) -> str | None:
    record = stored.record
    if record.seq != expected_seq:
        return (
            f"expected entry {expected_seq} here, found {record.seq}"
            " (a gap, an insertion or a reordering)"
        )
    if leaf.hex() != stored.leaf_hash:
        return "the entry's content does not match its stored leaf hash"
    if root != stored.tree_root:
        return (
            "the stored tree root differs from the recomputed one: the entries before"
            " it are not those it was appended to (a splice or a rewrite)"
        )
    if stored.visible_to is not None and stored.visible_to != visibility_key(
        record.organisation, record.audience
    ):
        return (
            f"its stored visibility {stored.visible_to!r} is not the one its"
            " organisation and audience give (who may read it was changed)"
        )
    return None


def _subtree_ranges(size: int) -> list[tuple[int, int]]:
    """The (first, last) entry numbers each frontier hash covers, left to right."""
    ranges, start = [], 0
    for bit in range(size.bit_length() - 1, -1, -1):
        if size >> bit & 1:
            ranges.append((start + 1, start + (1 << bit)))
            start += 1 << bit
    return ranges


def _head_problem(
    head: TreeHead, frontier: Frontier, *, entries_ok: bool
) -> LogProblem | None:
    """The head against the entries: sizes always; roots only when no entry was found
    wrong already (a wrong entry changes every root after it)."""
    size = frontier.size
    if head.size > size:
        return LogProblem(
            f"the stored head says {head.size} entries, the log holds {size}:"
            f" entries {size + 1}..{head.size} were removed",
            seq=size + 1,
        )
    if head.size < size:
        return LogProblem(
            f"the log holds {size} entries, the stored head only {head.size}:"
            f" entries {head.size + 1}..{size} were added outside the ledger's append",
            seq=head.size + 1,
        )
    if head.root_hash == frontier.root().hex() or not entries_ok:
        return None
    stored = list(head.frontier)
    for (first, last), ours, theirs in zip(
        _subtree_ranges(size), frontier.to_hex(), stored, strict=False
    ):
        if ours != theirs:
            return LogProblem(
                "the stored head's root differs from the entries': entries were"
                f" rewritten after it was written, within entries {first}..{last}",
                seq=first,
            )
    return LogProblem(
        "the stored head's root differs from the root of the entries:"
        " entries were rewritten after it was written"
    )


def verify_log(
    entries: Iterable[StoredEntry],
    checkpoints: Sequence[AnyCheckpoint] = (),
    keys: KeyRing | None = None,
    *,
    operator: str = "",
    head: TreeHead | None = None,
    progress: Callable[[int], None] | None = None,
) -> LogReport:
    """Re-compute ``entries`` (in stored order) and check them, the head and checkpoints.

    ``keys`` supplies public keys (and is itself compared with what the key entries
    say); owners and statuses come from the ledger's key entries. Signatures are
    skipped when ``keys`` is None. ``operator`` is the organisation whose key signs
    checkpoints (the mediator).
    """
    sizes = {signed.checkpoint.size for signed in checkpoints}
    wanted = sizes | {size + 1 for size in sizes}
    roots_at: dict[int, str] = {}
    times_at: dict[int, dt.datetime] = {}
    entry_problem: LogProblem | None = None
    history = KeyHistory()
    frontier = Frontier()
    previous_time: dt.datetime | None = None
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
                entry_problem = LogProblem(
                    f"entry cannot be hashed: {exc}", expected_seq
                )
        frontier = frontier.append(leaf)
        root = frontier.root().hex()
        key_problem = history.apply(record, operator=operator)
        if entry_problem is None:
            problem = _entry_problem(stored, expected_seq, leaf, root)
            if (
                problem is None
                and previous_time is not None
                and record.time < previous_time
            ):
                problem = (
                    f"its time {format_time(record.time)} is before entry"
                    f" {expected_seq - 1}'s ({format_time(previous_time)}): the clock"
                    " moved backwards, or entries were reordered"
                )
            problem = problem or key_problem
            if problem is not None:
                entry_problem = LogProblem(
                    f"entry {expected_seq}: {problem}", expected_seq
                )
        previous_time = record.time
        if frontier.size in wanted:
            roots_at[frontier.size] = root
            times_at[frontier.size] = record.time
        if progress is not None:
            progress(1)
    problems = [entry_problem] if entry_problem is not None else []
    checked = (
        _head_problem(head, frontier, entries_ok=entry_problem is None)
        if head
        else None
    )
    if (at_head := checked) is not None:
        problems.append(at_head)
    ring = None
    if keys is not None:
        ring = history.ring({k: v.public_key for k, v in keys.keys.items()})
        problems.extend(LogProblem(p) for p in history.differences(keys))
    for signed in sorted(checkpoints, key=lambda s: s.checkpoint.size):
        problems.extend(
            _checkpoint_problems(
                signed, roots_at, times_at, frontier.size, ring, history, operator
            )
        )
    return LogReport(
        size=frontier.size,
        root_hash=frontier.root().hex(),
        checkpoints_checked=len(checkpoints),
        problems=tuple(problems),
    )


def _checkpoint_problems(
    signed: AnyCheckpoint,
    roots_at: dict[int, str],
    times_at: dict[int, dt.datetime],
    log_size: int,
    ring: KeyRing | None,
    history: KeyHistory,
    operator: str,
) -> list[LogProblem]:
    size = signed.checkpoint.size
    name = f"checkpoint of size {size}"

    def problem(message: str) -> LogProblem:
        return LogProblem(f"{name} {message}", checkpoint_size=size)

    recomputed = roots_at.get(size)
    if recomputed is None:
        return [problem(f"is beyond the log of size {log_size} (entries were removed)")]
    found = []
    if recomputed != signed.checkpoint.root_hash:
        found.append(problem("does not match the entries (its root differs)"))
    if ring is None:
        return found
    verdict = verify_checkpoint(signed, ring, operator=operator)
    if not verdict.intact:
        reasons = "; ".join(verdict.problems) or "no signature"
        found.append(
            problem(f"is not validly signed by {operator or 'the operator'}: {reasons}")
        )
        return found
    state = history.states.get(verdict.operator_key_id)
    if state is not None and state.registered > size:
        found.append(
            problem(
                f"is signed with key {state.key_id[:16]}…, which the ledger registers"
                f" only at entry {state.registered}"
            )
        )
    found.extend(problem(m) for m in _time_problems(verdict.signed_at, size, times_at))
    return found


def _time_problems(
    signed_at: dt.datetime | None, size: int, times_at: dict[int, dt.datetime]
) -> list[str]:
    if signed_at is None:
        return ["carries no signed time"]
    last, following = times_at.get(size), times_at.get(size + 1)
    problems = []
    # Note checkpoints carry whole seconds: compare at that resolution.
    if last is not None and signed_at < last.replace(microsecond=0):
        problems.append(
            f"is dated {format_time(signed_at)}, before its last entry was written"
            f" ({format_time(last)}): a backdated or replayed checkpoint"
        )
    if following is not None and signed_at > following:
        problems.append(
            f"is dated {format_time(signed_at)}, after entry {size + 1} was written"
            f" ({format_time(following)}): an old tree head signed as new (a replay)"
        )
    return problems
