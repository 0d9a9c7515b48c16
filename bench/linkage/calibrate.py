"""Choose the bands on one generated benchmark, report them on another.

    python -m bench.linkage.calibrate --size 10000 [--tune-seed 7] [--test-seed 101]

The engine's bands (``match`` from a match weight, ``possible`` from a lower one, a
rival within ``margin`` bits turning a match into a possible) are chosen here, on the
*tuning* lists (bench.linkage.generate.TUNING noise, ``--tune-seed``): among a grid of
thresholds, those with the least review load that keep ``match`` precision at least
0.999 and recall including ``possible`` at least 0.997 (the issue's targets). They are
then reported, untouched, on the *held-out* lists (HELD_OUT noise, another seed),
with a reliability table: the model's own match probability (2^w / (1 + 2^w), the
prior included) against the share of true pairs among the assigned pairs of each
probability band. Nothing is tuned on the held-out lists.
"""

from __future__ import annotations

import argparse
import itertools
import math
from typing import Any

from bench.linkage.generate import HELD_OUT, TUNING, Noise, generate

_TARGET_PRECISION = 0.9995
_TARGET_RECALL_POSSIBLE = 0.998


def _scored(size: int, seed: int, noise: Noise) -> tuple[Any, int, int]:
    """(assigned pairs as (weight, competitor weight, is true), true pairs, left size)."""
    from homecoming.engines.linkage import link_records, parse_partial_date
    from homecoming.engines.linkage.assignment import claim_sorted
    from homecoming.engines.linkage.scoring import score_columns

    sought, held, truth = generate(size, seed, noise)
    for row in sought + held:
        row["birth_date"] = parse_partial_date(row["birth_date"])  # type: ignore[assignment]
        row["capture_date"] = parse_partial_date(row["capture_date"])  # type: ignore[assignment]
    left, right = link_records(sought), link_records(held)
    pairs = score_columns(left, right, min_weight=-20.0)
    true = set(truth)
    assigned = [
        (
            pairs.weight[i],
            competitor,
            (left[pairs.left[i]].record_id, right[pairs.right[i]].record_id) in true,
        )
        for i, competitor, _, _ in claim_sorted(pairs.left, pairs.right, pairs.weight)
    ]
    return assigned, len(true), len(left)


def _figures(
    assigned: Any, n_true: int, match: float, possible: float, margin: float
) -> dict[str, float]:
    tp = fp = found = review = 0
    for weight, competitor, is_true in assigned:
        if weight < possible:
            break
        close = competitor is not None and weight - competitor < margin
        if weight >= match and not close:
            tp += is_true
            fp += not is_true
        else:
            review += 1
        found += is_true
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_true
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if tp else 0.0,
        "recall_incl_possible": found / n_true,
        "review": review,
    }


def _line(name: str, f: dict[str, float], n_left: int) -> str:
    return (
        f"{name}: P={f['precision']:.4f} R={f['recall']:.4f} F1={f['f1']:.4f} "
        f"R(+possible)={f['recall_incl_possible']:.4f} review={f['review']} "
        f"({f['review'] / n_left:.1%} of the sought list)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--tune-seed", type=int, default=7)
    parser.add_argument("--test-seed", type=int, default=101)
    args = parser.parse_args()
    from homecoming.engines.linkage import DEFAULT_THRESHOLDS as D

    tune, tune_true, tune_left = _scored(args.size, args.tune_seed, TUNING)
    grid = itertools.product(
        [x / 2 for x in range(4, 27)],  # match 2..13
        [x / 2 for x in range(-20, 1)],  # possible -10..0
        [x / 2 for x in range(2, 17)],  # margin 1..8
    )
    best: tuple[float, ...] | None = None
    best_review = math.inf
    for match, possible, margin in grid:
        if possible > match:
            continue
        f = _figures(tune, tune_true, match, possible, margin)
        if (
            f["precision"] >= _TARGET_PRECISION
            and f["recall_incl_possible"] >= _TARGET_RECALL_POSSIBLE
            # least review load, then highest recall of match
            and (f["review"], -f["recall"]) < (best_review, -math.inf)
        ):
            best, best_review = (match, possible, margin), f["review"]
    print(f"tuning lists: size {args.size}, seed {args.tune_seed}, noise tuning")
    print(_line(f"  current  {D.match}/{D.possible}/{D.margin}",
                _figures(tune, tune_true, D.match, D.possible, D.margin), tune_left))  # fmt: skip
    if best is None:
        print("  no thresholds of the grid reach the targets on the tuning lists")
        best = (D.match, D.possible, D.margin)
    else:
        print(_line(f"  chosen   {best[0]}/{best[1]}/{best[2]}",
                    _figures(tune, tune_true, *best), tune_left))  # fmt: skip
    test, test_true, test_left = _scored(args.size, args.test_seed, HELD_OUT)
    print(f"held-out lists: size {args.size}, seed {args.test_seed}, noise held-out")
    for name, t in (("current", (D.match, D.possible, D.margin)), ("chosen ", best)):
        print(_line(f"  {name}  {t[0]}/{t[1]}/{t[2]}",
                    _figures(test, test_true, *t), test_left))  # fmt: skip
    print("reliability on the held-out lists (assigned pairs, weight >= -20):")
    print("  predicted p      pairs   mean predicted   observed true")
    edges = [0.0, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0000001]
    for lo, hi in itertools.pairwise(edges):
        cell = [
            (1 / (1 + 2.0**-w), t) for w, _, t in test if lo <= 1 / (1 + 2.0**-w) < hi
        ]
        if cell:
            mean = sum(p for p, _ in cell) / len(cell)
            seen = sum(t for _, t in cell) / len(cell)
            print(
                f"  [{lo:.4f}, {min(hi, 1):.4f})  {len(cell):>7}   {mean:.4f}           {seen:.4f}"
            )


if __name__ == "__main__":
    main()
