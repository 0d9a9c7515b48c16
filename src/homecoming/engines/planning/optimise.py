"""Plan an exchange: the lexicographic optimisation, its fallback, and the result.

The objectives, in order (docs/decisions/planning-fairness.md):

1. every hard rule holds: mandatory groups and insisted names go, the balance, caps,
   stages and quotas hold (infeasible: the conflicting rules are named);
2. each party's *ideal* ``I_p``: the most it could get back, by its own scores, if only
   its own wishes counted (two solves);
3. fairness: maximise ``t`` with ``gain_p / I_p >= t`` for both parties (max-min of
   the normalised shares), then fix ``t >= t* - 1e-6``;
4. efficiency: maximise ``gain_a / I_a + gain_b / I_b`` at that level;
5. the price of fairness: step 4 without the level, reported, never applied;
6. stage order: with the persons fixed, mandatory groups and the best-scored classes
   in the earliest stages (the optimum leaves the stage counts free).

Each solve is warm-started from the previous one (and the first from the greedy plan),
so a step cut short by the time limit still has the previous plan as its incumbent.
When the time limit leaves the final step without any solution, or with a plan less
fair than the greedy one, the greedy plan is returned, labelled ``greedy-fallback``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning.agreement import Agreement
from homecoming.engines.planning.check import plan_violations
from homecoming.engines.planning.conflicts import explain_infeasible
from homecoming.engines.planning.greedy import greedy_plan
from homecoming.engines.planning.model import (
    LinearModel,
    Row,
    build_model,
    extend_model,
)
from homecoming.engines.planning.plan_results import (
    greedy_result,
    infeasible_result,
    party_outcomes,
    shares,
)
from homecoming.engines.planning.problem import SIDES, build_problem
from homecoming.engines.planning.reasons import explain_plan
from homecoming.engines.planning.relax import cheapest_ways_out
from homecoming.engines.planning.result import Plan, StepReport
from homecoming.engines.planning.roster import Roster, Side
from homecoming.engines.planning.rules import Conflict, Relaxation
from homecoming.engines.planning.solver import HighsSolver, MilpSolver, SolveOutcome
from homecoming.engines.planning.stages import (
    stage_order_model,
    stages_from,
    warm_start,
)

__all__ = ["plan_exchange"]

FAIRNESS_EPSILON = 1e-6


def plan_exchange(
    agreement: Agreement,
    roster: Roster,
    *,
    time_limit: float | None = None,
    greedy_only: bool = False,
    price_of_fairness: bool = True,
    solver: MilpSolver | None = None,
    progress: Callable[[str], None] | None = None,
) -> Plan:
    """The fairest best plan under the agreement, or the conflicting rules.

    ``time_limit`` (seconds) bounds the whole optimisation; ``greedy_only`` skips the
    solver (the baseline); ``price_of_fairness=False`` skips the last, informative solve.
    ``progress`` is called with each step's name before it runs (for a progress bar).
    """
    began = time.perf_counter()
    deadline = None if time_limit is None else time.monotonic() + time_limit
    problem = build_problem(agreement, roster)
    solver = solver or HighsSolver()

    def remaining() -> float | None:
        return None if deadline is None else max(deadline - time.monotonic(), 0.01)

    def ways_out(conflicts: tuple[Conflict, ...]) -> tuple[Relaxation, ...]:
        if greedy_only or any(
            rule.key.endswith("insists_on") and len(c.rules) == 1
            for c in conflicts
            for rule in c.rules
        ):
            return ()  # a name on neither list: no model of it to relax
        full_model, full_index = build_model(problem, prune=False, everyone=True)
        rules = frozenset(rule.key for c in conflicts for rule in c.rules)
        return cheapest_ways_out(
            problem,
            full_model,
            full_index.column,
            solver,
            rules,
            time_limit=remaining(),
        )

    if problem.conflicts:
        return infeasible_result(
            problem,
            problem.conflicts,
            "pre-check",
            (),
            began,
            unique=False if len(problem.conflicts) > 1 else None,
            ways_out=ways_out(problem.conflicts),
        )
    greedy = greedy_plan(problem)
    if greedy_only:
        return greedy_result(problem, greedy, "greedy", None, (), began)
    model, index = build_model(problem)

    steps: list[StepReport] = []

    def run(
        name: str,
        m: LinearModel,
        objective: NDArray[np.float64],
        start: NDArray[np.float64] | None,
    ) -> SolveOutcome:
        if progress is not None:
            progress(name)
        padded = None
        if start is not None:
            padded = np.concatenate(
                [start[: m.num_cols], np.zeros(max(m.num_cols - len(start), 0))]
            )
        outcome = solver.maximise(m, objective, time_limit=remaining(), start=padded)
        steps.append(
            StepReport(
                name,
                outcome.status,
                outcome.objective,
                outcome.bound,
                outcome.gap,
                outcome.seconds,
            )
        )
        return outcome

    start = warm_start(problem, index, model, greedy) if greedy is not None else None
    fewest = np.where(model.integer, 0.0, -1.0)
    ideals: dict[Side, float] = {}
    for party in SIDES:
        gain = index.gain[party]
        # nothing to gain: check feasibility with "as few persons as possible" (a
        # zero objective can leave HiGHS branching on problems any plan satisfies)
        objective = gain if gain.any() else fewest
        outcome = run(f"ideal of {party}", model, objective, start)
        if outcome.status == "infeasible":
            full_model, _ = build_model(problem, prune=False, everyone=True)
            conflicts, method, unique = explain_infeasible(
                problem, full_model, solver, time_limit=remaining()
            )
            return infeasible_result(
                problem,
                conflicts,
                method,
                tuple(steps),
                began,
                unique=unique,
                ways_out=ways_out(conflicts),
            )
        if outcome.values is None:
            return greedy_result(
                problem, greedy, "greedy-fallback", None, tuple(steps), began
            )
        ideals[party] = float(outcome.objective or 0.0) if gain.any() else 0.0
        start = outcome.values
    weights = {p: (1.0 / ideals[p] if ideals[p] > 0 else 0.0) for p in SIDES}
    wanting = [p for p in SIDES if ideals[p] > 0]
    level = 1.0
    fair_model = model
    if wanting:
        t_col = model.num_cols
        with_t = extend_model(
            model,
            extra_cols=1,
            extra_upper=1.0,
            rows=[
                Row(
                    np.concatenate([np.nonzero(index.gain[p])[0], [t_col]]).astype(
                        np.int64
                    ),
                    np.concatenate(
                        [index.gain[p][index.gain[p] != 0] * weights[p], [-1.0]]
                    ),
                    0.0,
                    float("inf"),
                    "",
                )
                for p in wanting
            ],
        )
        objective = np.zeros(with_t.num_cols)
        objective[t_col] = 1.0
        if start is not None:
            # the warm start's own level, so that even a cut-short step keeps it
            start_level = min(
                float(index.gain[p] @ start[: model.num_cols]) * weights[p]
                for p in wanting
            )
            start = np.concatenate([start[: model.num_cols], [min(start_level, 1.0)]])
        outcome = run("fairness: max-min share", with_t, objective, start)
        if outcome.values is None:
            return greedy_result(
                problem, greedy, "greedy-fallback", ideals, tuple(steps), began
            )
        level = float(outcome.objective or 0.0)
        start = outcome.values
        fair_model = extend_model(
            model,
            rows=[
                Row(
                    np.nonzero(index.gain[p])[0].astype(np.int64),
                    index.gain[p][index.gain[p] != 0] * weights[p],
                    level - FAIRNESS_EPSILON,
                    float("inf"),
                    "",
                )
                for p in wanting
            ],
        )
    total = index.gain["a"] * weights["a"] + index.gain["b"] * weights["b"]
    if not total.any():
        total = fewest
    final = run("efficiency: sum of shares at the fair level", fair_model, total, start)
    if final.values is None:
        return greedy_result(
            problem, greedy, "greedy-fallback", ideals, tuple(steps), began
        )
    price = None
    if price_of_fairness and wanting:
        free = run(
            "price of fairness: sum of shares without the level",
            model,
            total,
            final.values,
        )
        if free.status == "optimal" and free.objective and final.objective is not None:
            price = max((free.objective - final.objective) / free.objective, 0.0)
    ordered = run(
        "stage order: mandatory groups and the most wanted first",
        *stage_order_model(problem, index, model, final.values),
        final.values,
    )
    chosen = ordered.values if ordered.values is not None else final.values
    stage_of = stages_from(problem, index, chosen)
    warnings = list(problem.warnings)
    warnings += [f"solver plan breaks {v}" for v in plan_violations(problem, stage_of)]
    proven = all(
        s.status == "optimal"
        for s in steps
        if not s.name.startswith(("price", "stage order"))
    )
    parties = party_outcomes(problem, stage_of, ideals)
    if not proven and greedy is not None:
        # cut short by the time limit: offer the greedy plan if it is fairer (or as
        # fair and better in total)
        solver_key = (min(p.share for p in parties), sum(p.share for p in parties))
        greedy_shares = shares(problem, greedy, ideals)
        if (min(greedy_shares), sum(greedy_shares)) > solver_key:
            return greedy_result(
                problem, greedy, "greedy-fallback", ideals, tuple(steps), began
            )
    return Plan(
        title=agreement.title,
        status="optimal" if proven else "feasible",
        method="milp",
        proven_optimal=proven,
        gap=final.gap,
        fairness_level=min(p.share for p in parties),
        price_of_fairness=price,
        parties=parties,
        decisions=explain_plan(problem, stage_of),
        steps=tuple(steps),
        baseline_shares=shares(problem, greedy, ideals) if greedy is not None else None,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - began,
    )
