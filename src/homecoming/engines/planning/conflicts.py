"""The smallest set of the agreement's rules that cannot all hold.

First HiGHS's infeasible subset (IIS, strategy "from LP") of the model's LP
relaxation, each row and fixed column mapped back to its rule: a conflict of the
relaxation is a conflict of the integer model too. HiGHS's own irreducible strategy
deletes bounds one by one and took 35 s on 10,000 persons, so the subset it gives fast
is then made irreducible *over rules* by a deletion filter: drop each rule in turn and
keep it dropped if the rest still conflict. When HiGHS finds no subset (the relaxation
is feasible and only whole persons make it impossible), the deletion filter runs over
every rule. ``method`` says which ran: ``highs-iis+deletion-filter`` or
``deletion-filter``.
"""

from __future__ import annotations

import time

import numpy as np

from homecoming.engines.planning.model import LinearModel
from homecoming.engines.planning.problem import Problem
from homecoming.engines.planning.rules import Conflict, Rule, rule_text
from homecoming.engines.planning.solver import MilpSolver

__all__ = ["explain_infeasible"]


def _conflict(keys: set[str], problem: Problem) -> Conflict:
    ordered = sorted(keys)
    return Conflict(
        rules=tuple(Rule(key) for key in ordered),
        detail="these rules cannot all hold: "
        + "; ".join(rule_text(key, problem.agreement) for key in ordered),
    )


def explain_infeasible(
    problem: Problem,
    model: LinearModel,
    solver: MilpSolver,
    *,
    time_limit: float | None = None,
) -> tuple[tuple[Conflict, ...], str]:
    """Conflicting rules of an infeasible model, and the method that found them."""
    deadline = None if time_limit is None else time.monotonic() + time_limit
    # Feasibility with the objective "as few persons as possible": its LP vertices have
    # whole persons, where a zero objective left HiGHS branching for a minute (50,000
    # per side) on problems any plan satisfies.
    fewest = np.where(model.integer, 0.0, -1.0)
    every_rule = model.rule_keys()

    def infeasible_with(rules: frozenset[str]) -> bool:
        remaining = None if deadline is None else max(deadline - time.monotonic(), 0.1)
        trial = model.without_rules(every_rule - rules)
        return (
            solver.maximise(trial, fewest, time_limit=remaining).status == "infeasible"
        )

    method = "deletion-filter"
    suspects = every_rule
    iis = solver.infeasible_subset(model)
    if iis is not None:
        keys = {model.rows[r].rule for r in iis.rows}
        keys |= {model.col_rule[c] for c in iis.cols}
        keys.discard("")
        if keys and infeasible_with(frozenset(keys)):
            suspects, method = frozenset(keys), "highs-iis+deletion-filter"
    kept = set(suspects)
    for key in sorted(suspects):
        if infeasible_with(frozenset(kept - {key})):
            kept.discard(key)  # the conflict does not need this rule
    return (_conflict(kept, problem),), method
