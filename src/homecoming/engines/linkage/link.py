"""Linking two lists, or finding duplicates within one: the engine's entry points.

    result = link_lists(sought_records, held_records)
    for link in result.links:      # at most one link per record on each side
        link.left_id, link.right_id, link.score, link.decision, link.reason

``decision`` is a :class:`Band`: ``match`` when the score reaches the match threshold
and no other candidate of either record comes within the margin; ``possible`` when the
score reaches the possible threshold (or a close rival makes a high score doubtful).
Pairs below the possible threshold are not links. The thresholds (match weights,
log2 of the odds) were chosen on the generated benchmark; see docs/reconciliation.md.
"""

from __future__ import annotations

import enum
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from homecoming.engines.linkage.assignment import claim_sorted
from homecoming.engines.linkage.explain import (
    FieldEvidence,
    field_evidence,
    reason_text,
)
from homecoming.engines.linkage.records import LinkRecord
from homecoming.engines.linkage.scoring import (
    PairColumns,
    Progress,
    ScoredPair,
    score_columns,
    score_pairs,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Band",
    "Link",
    "LinkageResult",
    "Thresholds",
    "dedupe_list",
    "link_lists",
]


class Band(enum.StrEnum):
    MATCH = "match"
    POSSIBLE = "possible"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the bands start, in match weight (log2 odds), and the rival margin."""

    # chosen by bench/linkage/calibrate.py on the tuning lists (10,000 rows, seed 7)
    # and reported on held-out lists of other noise and seed that nothing is tuned
    # on: the least review load of a grid that keeps match precision >= 0.9995 and
    # recall including possible >= 0.998 there (a little above the targets, for
    # lists unlike the tuning ones; docs/decisions/linkage-calibration.md)
    match: float = 5.0
    possible: float = -2.0
    # a rival of either record within this many bits turns a match into a possible
    margin: float = 1.0


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Link:
    """One proposed link, with the evidence a reviewer and the service need.

    ``evidence`` (each field's relation, weight and both values) is worked out when
    asked for, from the scored pair and the two records the link keeps; ``reason``
    is its text, made with the link.
    """

    left_id: str
    right_id: str
    score: float  # match weight: log2 of the odds that the two are one person
    decision: Band
    reason: str
    rival_score: float | None = None  # strongest other candidate of either record
    rival_id: str | None = None  # that candidate's record id
    # the scored pair and its two records, for ``evidence``
    source: tuple[ScoredPair, LinkRecord, LinkRecord] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def evidence(self) -> tuple[FieldEvidence, ...]:
        """How every field of the pair agrees and what it weighs (COMPARISONS order)."""
        if self.source is None:
            return ()
        return field_evidence(*self.source)


@dataclass(frozen=True, slots=True)
class LinkageResult:
    """The links found, strongest first, and the sizes behind them."""

    links: tuple[Link, ...]
    left_count: int
    right_count: int
    pairs_scored: int

    def count(self, band: Band) -> int:
        return sum(1 for link in self.links if link.decision == band)


def link_lists(
    left: Sequence[LinkRecord],
    right: Sequence[LinkRecord],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    threads: int | None = None,
    progress: Progress | None = None,
    pause_gc: bool = False,
) -> LinkageResult:
    """Link two lists: at most one link per record on each side, with a band and reason.

    ``pause_gc`` pauses the cyclic garbage collector while scoring: faster for a
    command that owns its process, never for a web process or a task worker, where
    other threads need it. Raises :class:`LinkageError` when a list is empty.
    """
    with _no_gc_pauses(pause_gc):
        pairs = score_columns(
            left,
            right,
            min_weight=thresholds.possible - thresholds.margin,
            threads=threads,
            progress=progress,
        )
        if progress:
            progress("assigning")
        links = _assigned_links(pairs, left, right, thresholds)
    return LinkageResult(
        links=tuple(links),
        left_count=len(left),
        right_count=len(right),
        pairs_scored=len(pairs),
    )


@contextmanager
def _no_gc_pauses(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made, if asked.

    With 100,000s of records alive, every collection walks them all; the objects made
    here hold no cycles, so pausing it only saves time (it is restored afterwards,
    and reference counting still frees everything as usual).
    """
    if not pause:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assigned_links(
    pairs: PairColumns,
    left: Sequence[LinkRecord],
    right: Sequence[LinkRecord],
    thresholds: Thresholds,
) -> list[Link]:
    weights = pairs.weight
    kept = []
    for assignment in claim_sorted(pairs.left, pairs.right, weights):
        if weights[assignment[0]] < thresholds.possible:
            break  # kept pairs come strongest first: the rest are weaker still
        kept.append(assignment)
    links: list[Link] = []
    scored = pairs.pairs([assignment[0] for assignment in kept])
    for pair, (_, competitor, competitor_left, competitor_right) in zip(
        scored, kept, strict=True
    ):
        rival_id: str | None = None
        if competitor_left is not None:
            rival_id = left[competitor_left].record_id
        elif competitor_right is not None:
            rival_id = right[competitor_right].record_id
        close = competitor is not None and pair.weight - competitor < thresholds.margin
        decision = (
            Band.MATCH
            if pair.weight >= thresholds.match and not close
            else Band.POSSIBLE
        )
        links.append(
            _link(pair, left, right, decision, competitor, rival_id, close=close)
        )
    return links


def dedupe_list(
    records: Sequence[LinkRecord],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    threads: int | None = None,
    progress: Progress | None = None,
    pause_gc: bool = False,
) -> LinkageResult:
    """Pairs of records within one list that are probably one person (``pause_gc`` as
    in :func:`link_lists`).

    Every pair at or above the possible threshold is reported (a person entered three
    times gives three pairs), ``left_id`` before ``right_id`` in list order.
    """
    with _no_gc_pauses(pause_gc):
        pairs = score_pairs(
            records,
            None,
            min_weight=thresholds.possible,
            threads=threads,
            progress=progress,
        )
    links = [
        _link(
            pair,
            records,
            records,
            Band.MATCH if pair.weight >= thresholds.match else Band.POSSIBLE,
            None,
            None,
            close=False,
        )
        for pair in pairs  # strongest first, ties by position
    ]
    return LinkageResult(
        links=tuple(links),
        left_count=len(records),
        right_count=len(records),
        pairs_scored=len(pairs),
    )


def _link(
    pair: ScoredPair,
    left: Sequence[LinkRecord],
    right: Sequence[LinkRecord],
    decision: Band,
    rival_score: float | None,
    rival_id: str | None,
    *,
    close: bool,
) -> Link:
    left_record, right_record = left[pair.left], right[pair.right]
    reason = reason_text(pair, left_record, right_record)
    if close and rival_id is not None and rival_score is not None:
        reason += f"; another candidate {rival_id} scores {rival_score:+.1f}"
    return Link(
        left_id=left[pair.left].record_id,
        right_id=right[pair.right].record_id,
        score=round(pair.weight, 2),
        decision=decision,
        reason=reason,
        rival_score=None if rival_score is None else round(rival_score, 2),
        rival_id=rival_id,
        source=(pair, left_record, right_record),
    )
