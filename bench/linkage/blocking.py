"""Which true pairs the blocking rules let through, and how many pairs they make.

    python -m bench.linkage.blocking --size 10000 [--seed 7] [--noise held-out]

Generates the lists (bench.linkage.generate), builds the engine's records and runs
each rule of homecoming.engines.linkage.blocking on the same DuckDB tables Splink
reads, then prints per rule the pairs it makes and the true pairs only it finds, the
pairs of all rules together per sought record, and the true pairs no rule finds
(with their names, so the kind of damage can be read off).
"""

from __future__ import annotations

import argparse

from bench.linkage.generate import NOISES, generate


def main() -> None:
    import duckdb
    import pyarrow as pa

    from homecoming.engines.linkage import link_records, parse_partial_date
    from homecoming.engines.linkage.blocking import BLOCKING_RULES
    from homecoming.engines.linkage.table import record_columns

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--noise", choices=sorted(NOISES), default="tuning")
    parser.add_argument("--show", type=int, default=10, help="lost pairs to print")
    args = parser.parse_args()
    sought, held, truth = generate(args.size, args.seed, NOISES[args.noise])
    for row in sought + held:
        row["birth_date"] = parse_partial_date(row["birth_date"])  # type: ignore[assignment]
        row["capture_date"] = parse_partial_date(row["capture_date"])  # type: ignore[assignment]
    left, right = link_records(sought), link_records(held)
    con = duckdb.connect()
    for name, records in (("l_t", left), ("r_t", right)):
        con.register(name, pa.table(record_columns(records)))
    position = {
        (side, record.record_id): i
        for side, records in (("l", left), ("r", right))
        for i, record in enumerate(records)
    }
    true_pairs = {(position["l", a], position["r", b]) for a, b in truth}
    found: list[set[tuple[int, int]]] = []
    for rule in BLOCKING_RULES:
        sql = f"SELECT l.unique_id, r.unique_id FROM l_t l JOIN r_t r ON {rule}"  # noqa: S608
        found.append({(int(a), int(b)) for a, b in con.execute(sql).fetchall()})
    every = set().union(*found)
    print(f"{args.size} rows, seed {args.seed}, noise {args.noise}")
    for i, (rule, pairs) in enumerate(zip(BLOCKING_RULES, found, strict=True)):
        others = set().union(*(f for j, f in enumerate(found) if j != i))
        only = len((pairs - others) & true_pairs)
        print(f"{len(pairs):>9,} pairs {only:>5} true only here  {rule[:90]}")
    lost = true_pairs - every
    print(
        f"all rules: {len(every):,} pairs, {len(every) / len(left):.2f} per sought "
        f"record; true pairs {len(true_pairs & every):,} of {len(true_pairs):,} "
        f"({len(lost)} lost)"
    )
    for a, b in sorted(lost)[: args.show]:
        x, y = left[a], right[b]
        print(
            f"  {x.written_name!r} {x.birth_date} {x.surname_keys[:1]} {x.given_ids[:1]}"
            f" {x.patronymic_ids[:1]} | {y.written_name!r} {y.birth_date}"
            f" {y.surname_keys[:1]} {y.given_ids[:1]} {y.patronymic_ids[:1]}"
        )


if __name__ == "__main__":
    main()
