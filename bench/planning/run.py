"""Planning benchmark: the optimal fair plan against the greedy baseline, same run.

    .venv/bin/python -m bench.planning.run --per-side 10000 --agreement istanbul
    .venv/bin/python -m bench.planning.run --held-by-a 6500 --held-by-b 1350 --total 1000

Prints one line per planner: objective (each party's share of its ideal and the
worse-off share), proven gap, seconds; and the machine's load (``uptime``).
"""

from __future__ import annotations

import argparse
import subprocess
import time
from dataclasses import replace

from bench.planning.agreements import AGREEMENTS
from bench.planning.generate import generate_roster

from homecoming.engines.planning import check_plan, plan_exchange


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-side", type=int, default=10_000)
    parser.add_argument("--held-by-a", type=int)
    parser.add_argument("--held-by-b", type=int)
    parser.add_argument("--total", type=int, default=1000, help="persons each way")
    parser.add_argument("--agreement", choices=sorted(AGREEMENTS), default="istanbul")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument(
        "--stage-capacity",
        type=int,
        help="override every stage's capacity (small values make the agreement "
        "infeasible: times the explanation of the conflict)",
    )
    args = parser.parse_args()
    size_a = args.held_by_a or args.per_side
    size_b = args.held_by_b or args.per_side
    roster = generate_roster(size_a, size_b, seed=args.seed)
    # room in each stage for the seriously wounded (about 4 % of the larger list)
    room = max(size_a, size_b) * 5 // 100 // 3 + 10
    agreement = AGREEMENTS[args.agreement](args.total, room)
    if args.stage_capacity is not None:
        agreement = replace(
            agreement,
            stages=tuple(
                replace(s, capacity=args.stage_capacity) for s in agreement.stages
            ),
        )
    load = subprocess.run(
        ["uptime"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(
        f"# {args.agreement}: held by a {size_a}, held by b {size_b}, {args.total} each way, seed {args.seed}"
    )
    print(f"# load before: {load}")
    began, cpu = time.perf_counter(), time.process_time()
    plan = plan_exchange(agreement, roster, time_limit=args.time_limit)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    has_plan = plan.status in ("optimal", "feasible")
    broken = check_plan(agreement, roster, plan) if has_plan else []
    shares = {p.side: p.share for p in plan.parties}
    print(
        f"milp     status={plan.status} method={plan.method} proven_optimal={plan.proven_optimal} "
        f"gap={plan.gap} share_a={shares.get('a', float('nan')):.6f} share_b={shares.get('b', float('nan')):.6f} "
        f"min_share={plan.fairness_level} price_of_fairness={plan.price_of_fairness} "
        f"seconds={seconds:.2f} cpu_seconds={cpu:.2f} rules_broken={len(broken)}"
    )
    for conflict in plan.conflicts:
        print(
            f"  conflict ({plan.conflict_method}, proven={conflict.proven}): "
            f"{conflict.detail}"
        )
    if plan.status == "infeasible":
        print(f"  conflicts_unique={plan.conflicts_unique}")
    for way in plan.ways_out:
        print(f"  way out: {way.sentence}")
    for step in plan.steps:
        print(
            f"  step {step.name}: {step.status} objective={step.objective} gap={step.gap} {step.seconds:.2f}s"
        )
    began = time.perf_counter()
    greedy = plan_exchange(agreement, roster, greedy_only=True)
    greedy_seconds = time.perf_counter() - began
    if plan.baseline_shares is not None:
        a, b = plan.baseline_shares
        print(
            f"greedy   status={greedy.status} share_a={a:.6f} share_b={b:.6f} min_share={min(a, b):.6f} "
            f"seconds={greedy_seconds:.2f} rules_broken={len(check_plan(agreement, roster, greedy))}"
        )
    else:
        print(
            f"greedy   status={greedy.status} (no plan keeping every rule) seconds={greedy_seconds:.2f}"
        )
    load = subprocess.run(
        ["uptime"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"# load after: {load}")


if __name__ == "__main__":
    main()
