"""The smallest set of the agreement's rules that cannot all hold.

First HiGHS's irreducible infeasible subset (IIS) of the model's LP relaxation, with
each row and fixed column mapped back to its rule: an IIS of the relaxation is a proof
for the integer model too. When HiGHS finds none (the relaxation is feasible and only
whole persons make it impossible, or the IIS search fails), a deletion filter over the
rules: drop each rule in turn and keep it dropped if the rest still conflict; what
remains is a conflict from which no rule can be removed. ``method`` says which ran.
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
    iis = solver.infeasible_subset(model)
    if iis is not None:
        keys = {model.rows[r].rule for r in iis.rows}
        keys |= {model.col_rule[c] for c in iis.cols}
        keys.discard("")
        if keys:
            return (_conflict(keys, problem),), "highs-iis"
    deadline = None if time_limit is None else time.monotonic() + time_limit
    zero = np.zeros(model.num_cols)
    dropped: set[str] = set()
    kept: set[str] = set()
    for key in sorted(model.rule_keys()):
        remaining = None if deadline is None else max(deadline - time.monotonic(), 0.1)
        trial = model.without_rules(frozenset(dropped | {key}))
        outcome = solver.maximise(trial, zero, time_limit=remaining)
        if outcome.status == "infeasible":
            dropped.add(key)  # the conflict does not need this rule
        else:
            kept.add(key)
    return (_conflict(kept, problem),), "deletion-filter"
