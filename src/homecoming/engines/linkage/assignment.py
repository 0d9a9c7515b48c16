"""At most one link per record on each side: greedy assignment by score.

Pairs are taken strongest first; a pair is kept when neither of its records is already
linked. This is the "mutual best first" rule a reviewer would apply by hand, and unlike
a maximum-total assignment (scipy's ``linear_sum_assignment``) it never gives up a
strong link to make two weaker ones fit: a confident identity is not traded away for
the sum. See docs/decisions/linkage-assignment.md.

For each kept pair the strongest *competing* weight is reported too: the best other
candidate of either record. A close competitor (a namesake, a brother) is what turns a
high score into a case for review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from homecoming.engines.linkage.scoring import ScoredPair

__all__ = ["Assignment", "assign_one_to_one", "claim_sorted"]


@dataclass(frozen=True, slots=True)
class Assignment:
    """A kept pair and the weight of its strongest competitor (None if unopposed)."""

    pair: ScoredPair
    competitor: float | None
    competitor_left: int | None  # the competing left record, when it is the stronger
    competitor_right: int | None  # the competing right record, when it is the stronger


def assign_one_to_one(pairs: Sequence[ScoredPair]) -> list[Assignment]:
    """Keep at most one pair per left and per right record, strongest first.

    Ties are broken by record positions so the result does not depend on input order.
    """
    ordered = sorted(pairs, key=lambda p: (-p.weight, p.left, p.right))
    return [
        Assignment(ordered[i], competitor, competitor_left, competitor_right)
        for i, competitor, competitor_left, competitor_right in claim_sorted(
            [p.left for p in ordered],
            [p.right for p in ordered],
            [p.weight for p in ordered],
        )
    ]


def claim_sorted(
    left: Sequence[int], right: Sequence[int], weight: Sequence[float]
) -> list[tuple[int, float | None, int | None, int | None]]:
    """The greedy assignment on pair columns already sorted strongest first.

    Pair ``i`` is ``(left[i], right[i], weight[i])``; pairs are distinct. Returns,
    for each kept pair in order, its position ``i``, the strongest competing weight
    and the competing left or right record (as :class:`Assignment`). Works on plain
    integers so that only the kept pairs need to become objects.
    """
    left_used: set[int] = set()
    right_used: set[int] = set()
    kept: list[int] = []
    # the first two pairs (positions) each record appears in: its two strongest
    first_l: dict[int, int] = {}
    second_l: dict[int, int] = {}
    first_r: dict[int, int] = {}
    second_r: dict[int, int] = {}
    for i, (lt, rt) in enumerate(zip(left, right, strict=True)):
        if lt not in first_l:
            first_l[lt] = i
        elif lt not in second_l:
            second_l[lt] = i
        if rt not in first_r:
            first_r[rt] = i
        elif rt not in second_r:
            second_r[rt] = i
        if lt in left_used or rt in right_used:
            continue
        left_used.add(lt)
        right_used.add(rt)
        kept.append(i)
    out: list[tuple[int, float | None, int | None, int | None]] = []
    for i in kept:
        lt, rt = left[i], right[i]
        # the strongest other partner of the left record (a competing right record)
        j = first_l[lt]
        rival_r = second_l.get(lt) if j == i else j
        # and of the right record (a competing left record)
        j = first_r[rt]
        rival_l = second_r.get(rt) if j == i else j
        if rival_r is not None and (
            rival_l is None or weight[rival_r] >= weight[rival_l]
        ):
            out.append((i, weight[rival_r], None, right[rival_r]))
        elif rival_l is not None:
            out.append((i, weight[rival_l], left[rival_l], None))
        else:
            out.append((i, None, None, None))
    return out
