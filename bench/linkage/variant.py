"""Run one variant of the linkage benchmark in this process and print JSON figures.

    python -m bench.linkage.variant --variant homecoming --data DIR [--threads 2]

Run by :mod:`bench.linkage.run`, one subprocess per variant, so that ``ru_maxrss``
(which includes DuckDB's memory, unlike tracemalloc) is the variant's own peak.
Wall time runs from reading the CSV files to the finished links.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import resource
import time
from pathlib import Path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _homecoming(
    left: list[dict[str, str]], right: list[dict[str, str]], threads: int | None
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    from homecoming.engines.linkage import link_lists, link_records, parse_partial_date

    def rows_of(rows: list[dict[str, str]]):  # type: ignore[no-untyped-def]
        # the CSV header is exactly link_record's keywords: the rows csv made are
        # handed on as they are, with the birth date read in place
        for r in rows:
            r["birth_date"] = parse_partial_date(r["birth_date"])  # type: ignore[assignment]
            r["capture_date"] = parse_partial_date(r["capture_date"])  # type: ignore[assignment]
        return rows

    # as `homecoming match` does: no cyclic GC passes over the records while reading,
    # and none over them afterwards (they live until the end: frozen, not rescanned)
    gc.disable()
    # both lists in one call: one worker, warm name caches on both sides
    both = link_records(rows_of(left) + rows_of(right))
    left_records, right_records = both[: len(left)], both[len(left) :]
    gc.freeze()
    gc.enable()
    result = link_lists(left_records, right_records, threads=threads)
    match = {(k.left_id, k.right_id) for k in result.links if k.decision == "match"}
    every = {(k.left_id, k.right_id) for k in result.links}
    return match, every


def _baseline(
    left: list[dict[str, str]], right: list[dict[str, str]]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    from bench.linkage.baseline import baseline_link

    pairs = baseline_link(left, right)
    match = {
        (left[a]["record_id"], right[b]["record_id"]) for a, b, p in pairs if p >= 0.99
    }
    every = {(left[a]["record_id"], right[b]["record_id"]) for a, b, _ in pairs}
    return match, every


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", choices=["homecoming", "baseline"], required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    left, right = _rows(args.data / "sought.csv"), _rows(args.data / "held.csv")
    if args.variant == "homecoming":
        match, every = _homecoming(left, right, args.threads)
    else:
        if args.threads:
            import duckdb

            duckdb.execute(f"SET threads = {args.threads}")
        match, every = _baseline(left, right)
    wall = time.perf_counter() - start
    truth = {(r["left_id"], r["right_id"]) for r in _rows(args.data / "truth.csv")}
    tp = len(match & truth)
    precision = tp / len(match) if match else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "variant": args.variant,
                "left": len(left),
                "right": len(right),
                "true_links": len(truth),
                "match_links": len(match),
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "recall_incl_possible": round(len(every & truth) / len(truth), 4),
                "links_incl_possible": len(every),
                "wall_s": round(wall, 2),
                "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
                "peak_rss_mb": round(usage.ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
