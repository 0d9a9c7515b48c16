"""Minimal conflicts: sets of the agreement's rules that cannot all hold, proven so.

Every rule of the agreement is a candidate: the rows of the model (balance, caps,
stages, quotas), and the rules that fix a person's column (mandatory groups, names a
party insists on or refuses, the eligibility gates), on a model that gives every
person a column (:func:`build_model` with ``everyone=True``). The facts of the lists
(who holds whom, who passes which gate) are not rules: they always hold.

1. A first infeasible set: HiGHS's infeasible subset (IIS, strategy "from LP") of the
   LP relaxation, mapped back to rules, when the integer model is infeasible with those
   rules alone; else every rule.
2. A deletion filter over rules: drop each rule in turn and keep it dropped if the rest
   is still infeasible (mixed-integer solves). What remains is minimal.
3. The proof: the set alone is infeasible, and without any one of its rules feasible
   (one solve each). A conflict is ``proven`` only when every solve finished.
4. Uniqueness: another minimal conflict exists exactly when, for some rule r of the
   first conflict, the whole agreement without r is still infeasible; then a conflict
   inside it is found the same way (at most :data:`MAX_CONFLICTS` in all).

``method`` says how step 1 went: ``highs-iis+deletion-filter`` or ``deletion-filter``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

import numpy as np

from homecoming.engines.planning.model import LinearModel
from homecoming.engines.planning.problem import Problem
from homecoming.engines.planning.rules import Conflict, Rule, rule_text
from homecoming.engines.planning.solver import MilpSolver

__all__ = ["MAX_CONFLICTS", "explain_infeasible", "rule_status"]

MAX_CONFLICTS = 3

Status = Literal["infeasible", "feasible", "unknown"]


def rule_status(
    model: LinearModel,
    solver: MilpSolver,
    kept: frozenset[str],
    *,
    time_limit: float | None = None,
) -> Status:
    """Whether the model with only the ``kept`` rules has a plan."""
    trial = model.without_rules(model.rule_keys() - kept)
    if trial.crossed():
        return "infeasible"
    # Feasibility with the objective "as few persons as possible": its LP vertices have
    # whole persons, where a zero objective left HiGHS branching for a minute (50,000
    # per side) on problems any plan satisfies.
    fewest = np.where(trial.integer, 0.0, -1.0)
    outcome = solver.maximise(trial, fewest, time_limit=time_limit)
    if outcome.status == "infeasible":
        return "infeasible"
    return "feasible" if outcome.values is not None else "unknown"


def _conflict(keys: frozenset[str], problem: Problem, proven: bool) -> Conflict:
    ordered = sorted(keys)
    return Conflict(
        rules=tuple(Rule(key) for key in ordered),
        detail="these rules cannot all hold: "
        + "; ".join(rule_text(key, problem.agreement) for key in ordered)
        + (
            " (without any one of them the rest can)"
            if proven and len(ordered) > 1
            else ""
        ),
        proven=proven,
    )


def explain_infeasible(
    problem: Problem,
    model: LinearModel,
    solver: MilpSolver,
    *,
    time_limit: float | None = None,
) -> tuple[tuple[Conflict, ...], str, bool | None]:
    """Minimal conflicts of an infeasible model, the method, and whether it has one only.

    The last is None when the time limit left uniqueness undecided.
    """
    deadline = None if time_limit is None else time.monotonic() + time_limit
    every_rule = model.rule_keys()
    memo: dict[frozenset[str], Status] = {}

    def status(rules: frozenset[str]) -> Status:
        if rules not in memo:
            remaining = (
                None if deadline is None else max(deadline - time.monotonic(), 0.1)
            )
            memo[rules] = rule_status(model, solver, rules, time_limit=remaining)
        return memo[rules]

    method = "deletion-filter"
    first = every_rule
    iis = solver.infeasible_subset(model) if not model.crossed() else None
    if iis is not None:
        keys = {model.rows[r].rule for r in iis.rows}
        for c in iis.cols:
            keys |= model.column_rules(c)
        keys.discard("")
        if keys and status(frozenset(keys)) == "infeasible":
            first, method = frozenset(keys), "highs-iis+deletion-filter"
    found = [_minimal(first, status)]
    unique: bool | None = True
    for rule in sorted(found[0]):
        rest = status(every_rule - {rule})
        if rest == "unknown":
            unique = None
        elif rest == "infeasible":
            unique = False
            if len(found) < MAX_CONFLICTS:
                other = _minimal(every_rule - {rule}, status)
                if other not in found:
                    found.append(other)
    conflicts = tuple(_conflict(keys, problem, _proven(keys, status)) for keys in found)
    return conflicts, method, unique


def _minimal(
    rules: frozenset[str], status: Callable[[frozenset[str]], Status]
) -> frozenset[str]:
    kept = set(rules)
    for key in sorted(rules):
        if status(frozenset(kept - {key})) == "infeasible":
            kept.discard(key)  # the conflict does not need this rule
    return frozenset(kept)


def _proven(keys: frozenset[str], status: Callable[[frozenset[str]], Status]) -> bool:
    """Infeasible on its own, and feasible without any one of its rules."""
    if status(keys) != "infeasible":
        return False
    return all(status(keys - {key}) == "feasible" for key in keys)
