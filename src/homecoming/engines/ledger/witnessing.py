"""A party's own check of the server's view: kept checkpoints against what it serves now.

A party keeps every checkpoint it fetched and checked (``KEPT``). Later the server
answers with its newest checkpoint and a consistency proof from the party's newest kept
size (``SERVED``). With nothing but these, the party detects::

    deletion   the server now shows fewer entries than a checkpoint the party kept
    fork       two checkpoints of one size with different roots, or a proof that does
               not tie the kept checkpoint to the served one (history rewritten)
    rollback   a checkpoint dated after another but smaller, or a served checkpoint
               dated before one the party kept (an old one replayed as new)
    freeze     the newest checkpoint's signed time is older than the party allows

and whether the witnesses it relies on (the other party, say) cosigned the served
checkpoint recently enough. The checkpoints come already verified against a trusted key
list (:class:`~homecoming.engines.ledger.checkpoints.CheckpointVerification`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from homecoming.engines.ledger.checkpoints import (
    CheckpointVerification,
    checkpoints_consistent,
)

CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ViewReport:
    """What the party's check found; ``ok`` when nothing. ``age``: of the served one."""

    problems: tuple[str, ...]
    age: dt.timedelta | None

    @property
    def ok(self) -> bool:
        return not self.problems


def _name(verdict: CheckpointVerification) -> str:
    when = (
        verdict.signed_at.strftime("%Y-%m-%d %H:%M:%SZ")
        if verdict.signed_at
        else "undated"
    )
    return f"size {verdict.checkpoint.size} ({when})"


def _among_kept(kept: Sequence[CheckpointVerification]) -> list[str]:
    problems = []
    by_size: dict[int, CheckpointVerification] = {}
    for verdict in kept:
        other = by_size.setdefault(verdict.checkpoint.size, verdict)
        if other.checkpoint.root_hash != verdict.checkpoint.root_hash:
            problems.append(
                f"fork: two kept checkpoints of size {verdict.checkpoint.size} have"
                " different roots, both signed by the operator (keep both as evidence)"
            )
    dated = sorted((v for v in kept if v.signed_at), key=lambda v: v.signed_at or 0)
    for earlier, later in itertools.pairwise(dated):
        if later.checkpoint.size < earlier.checkpoint.size:
            problems.append(
                f"rollback: the kept checkpoint of {_name(later)} is smaller than the"
                f" earlier one of {_name(earlier)}"
            )
    return problems


def check_view(
    kept: Sequence[CheckpointVerification],
    served: CheckpointVerification,
    *,
    old_size: int,
    proof: Sequence[bytes],
    now: dt.datetime,
    max_age: dt.timedelta | None = None,
    witnesses: Sequence[str] = (),
) -> ViewReport:
    """Check the served checkpoint and proof against every kept checkpoint.

    ``old_size`` is where the served proof starts: it must be the largest kept size.
    ``witnesses`` are organisations that must have cosigned the served checkpoint (within
    ``max_age`` when one is given).
    """
    problems = [
        f"the kept checkpoint of {_name(v)} is not valid: {'; '.join(v.problems)}"
        for v in kept
        if not v.intact
    ]
    if not served.intact:
        problems.append(
            f"the served checkpoint is not valid: {'; '.join(served.problems)}"
        )
    origins = {v.checkpoint.origin for v in (*kept, served)}
    if len(origins) > 1:
        problems.append(
            f"the checkpoints name different logs: {', '.join(sorted(origins))}"
        )
    problems.extend(_among_kept(kept))
    newest = max(kept, key=lambda v: v.checkpoint.size, default=None)
    if newest is not None:
        problems.extend(_against_newest(newest, kept, served, old_size, proof))
    age = now - served.signed_at if served.signed_at is not None else None
    if age is None:
        problems.append(
            "the served checkpoint carries no signed time: its age is unknown"
        )
    elif age < -CLOCK_SKEW:
        problems.append("the served checkpoint is dated in the future")
    elif max_age is not None and age > max_age:
        problems.append(
            f"freeze: the newest checkpoint was signed {_duration(age)} ago, more than"
            f" the {_duration(max_age)} you allow (the server may be frozen)"
        )
    problems.extend(_missing_witnesses(served, witnesses, now, max_age))
    return ViewReport(tuple(problems), age)


def _against_newest(
    newest: CheckpointVerification,
    kept: Sequence[CheckpointVerification],
    served: CheckpointVerification,
    old_size: int,
    proof: Sequence[bytes],
) -> list[str]:
    problems = []
    size = served.checkpoint.size
    if size < newest.checkpoint.size:
        problems.append(
            f"deletion or rollback: the server now shows {size} entries, but you kept"
            f" a checkpoint of {newest.checkpoint.size}"
        )
    latest_time = max((v.signed_at for v in kept if v.signed_at), default=None)
    if served.signed_at and latest_time and served.signed_at < latest_time:
        problems.append(
            f"rollback: the served checkpoint is dated {_name(served)}, before one"
            " you kept: an old checkpoint replayed as new"
        )
    if old_size != newest.checkpoint.size:
        problems.append(
            f"the proof starts at size {old_size}, not at your newest kept size"
            f" {newest.checkpoint.size}: ask for the proof from {newest.checkpoint.size}"
        )
    elif size >= old_size and not checkpoints_consistent(
        newest.checkpoint, served.checkpoint, proof
    ):
        problems.append(
            "fork: the proof does not tie your kept checkpoint to the served one:"
            " the history you saw was rewritten, truncated or forked"
        )
    return problems


def _missing_witnesses(
    served: CheckpointVerification,
    witnesses: Sequence[str],
    now: dt.datetime,
    max_age: dt.timedelta | None,
) -> list[str]:
    problems = []
    for witness in witnesses:
        times = [c.time for c in served.cosignatures if c.owner == witness]
        if not times:
            problems.append(f"the served checkpoint has no cosignature by {witness}")
        elif max_age is not None and now - max(times) > max_age:
            problems.append(
                f"{witness}'s newest cosignature is {_duration(now - max(times))} old,"
                f" more than the {_duration(max_age)} you allow"
            )
    return problems


def _duration(span: dt.timedelta) -> str:
    seconds = int(span.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}".replace(".0 ", " ")
    return f"{seconds} s"


def parse_duration(text: str) -> dt.timedelta:
    """``90s``, ``30m``, ``12h``, ``7d`` (a whole number and a unit); ValueError otherwise."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = text.strip()[:-1], text.strip()[-1:]
    if unit not in units or not number.isdigit() or len(number) > 9:
        raise ValueError(f"{text!r} is not a duration like 90s, 30m, 12h or 7d")
    return dt.timedelta(seconds=int(number) * units[unit])
