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

__all__ = ["Assignment", "assign_one_to_one", "best_competitors"]


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
    left_used: set[int] = set()
    right_used: set[int] = set()
    kept: list[ScoredPair] = []
    for pair in ordered:
        if pair.left in left_used or pair.right in right_used:
            continue
        left_used.add(pair.left)
        right_used.add(pair.right)
        kept.append(pair)
    top_left, top_right = best_competitors(ordered)
    out: list[Assignment] = []
    for pair in kept:
        rival_r = _other(top_left.get(pair.left, []), pair.right)
        rival_l = _other(top_right.get(pair.right, []), pair.left)
        rivals: list[tuple[float, int | None, int | None]] = []
        if rival_r is not None:
            rivals.append((rival_r[1], None, rival_r[0]))
        if rival_l is not None:
            rivals.append((rival_l[1], rival_l[0], None))
        best = max(rivals, key=lambda r: r[0], default=None)
        out.append(
            Assignment(
                pair=pair,
                competitor=best[0] if best else None,
                competitor_left=best[1] if best else None,
                competitor_right=best[2] if best else None,
            )
        )
    return out


def best_competitors(
    ordered: Sequence[ScoredPair],
) -> tuple[dict[int, list[tuple[int, float]]], dict[int, list[tuple[int, float]]]]:
    """The two strongest partners of every left and every right record.

    ``ordered`` must be sorted by weight, strongest first.
    """
    top_left: dict[int, list[tuple[int, float]]] = {}
    top_right: dict[int, list[tuple[int, float]]] = {}
    for pair in ordered:
        lst = top_left.setdefault(pair.left, [])
        if len(lst) < 2:
            lst.append((pair.right, pair.weight))
        rst = top_right.setdefault(pair.right, [])
        if len(rst) < 2:
            rst.append((pair.left, pair.weight))
    return top_left, top_right


def _other(top: list[tuple[int, float]], partner: int) -> tuple[int, float] | None:
    for other, weight in top:
        if other != partner:
            return other, weight
    return None
