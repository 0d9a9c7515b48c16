"""The cheapest way out of an infeasible agreement: elastic constraints in the MILP.

For each rule of the named conflicts, in turn, that rule alone is made elastic and every
other rule is kept: a row gets two slack columns (below its lower end, above its
upper end), a refusal or gate lets its persons go at a cost of one each, an insistence
or a mandatory group lets its persons stay at a cost of one each. Minimising the cost
gives the least change to that one rule that makes the whole agreement possible, or
shows that changing that rule alone cannot (another conflict remains). The ways out are
ranked by the size of the change. Eligibility gates are never offered: nobody is
exchanged without consent, identity or against a retention order to fix an agreement.
"""

from __future__ import annotations

import time

import numpy as np

from homecoming.engines.planning.model import INF, LinearModel, Row
from homecoming.engines.planning.problem import SIDES, Problem
from homecoming.engines.planning.roster import Side
from homecoming.engines.planning.rules import Relaxation, Rule
from homecoming.engines.planning.solver import MilpSolver

__all__ = ["cheapest_ways_out"]

_TOLERANCE_STEP = 1e-6
_NAMED = 5  # record ids a sentence names before "and N more"


def _person_at(problem: Problem, column: dict[Side, np.ndarray], col: int) -> str:
    for side in SIDES:
        hits = np.nonzero(column[side] == col)[0]
        if len(hits):
            return problem.candidates[side][int(hits[0])].record_id
    return "?"


def _number(value: float) -> str:
    return f"{value:g}" if abs(value - round(value)) > 1e-6 else str(round(value))


def _row_sentence(problem: Problem, rule: str, below: float, above: float) -> str:
    agreement = problem.agreement
    parts = rule.split(".")
    if parts[0] == "balance":
        tolerance = agreement.balance.tolerance
        where = (
            ""
            if len(parts) == 1
            else f" in stage {'.'.join(parts[2:])}"
            if parts[1] == "stage"
            else f' for category "{".".join(parts[2:])}"'
        )
        wider = tolerance + max(below, above)
        return (
            f"a tolerance of {_number(wider)} instead of {_number(tolerance)}"
            f"{where} ({rule})"
        )
    if parts[0] == "caps":
        side = parts[1]
        bounds = agreement.caps[0 if side == "a" else 1]
        return (
            _bounds_sentence(
                f"{side} releasing",
                "counted persons",
                bounds.min,
                bounds.max,
                below,
                above,
            )
            + f" ({rule})"
        )
    if parts[0] == "stages":
        stage = next(s for s in agreement.stages if s.id == parts[1])
        if parts[2] == "capacity" and stage.capacity is not None:
            return (
                f"stage {stage.id} capacity {_number(stage.capacity + above)} "
                f"instead of {stage.capacity} ({rule})"
            )
        category = ".".join(parts[3:])
        quota = stage.quotas.get(category)
        if quota is not None:
            return (
                _bounds_sentence(
                    f"stage {stage.id} taking",
                    f'of category "{category}" from each side',
                    quota.min,
                    quota.max,
                    below,
                    above,
                )
                + f" ({rule})"
            )
    return f"{rule} relaxed by {_number(max(below, above))}"


def _names_sentence(problem: Problem, rule: str, ids: list[str]) -> str:
    parts = rule.split(".")
    # the sentence names a few; record_ids (and the JSON plan) hold them all
    names = ", ".join(ids[:_NAMED])
    if len(ids) > _NAMED:
        names = f"{len(ids):,} persons ({names} and {len(ids) - _NAMED:,} more)"
    if parts[0] == "parties":
        side = parts[1]
        name = problem.agreement.parties[0 if side == "a" else 1].name
        if parts[2] == "refuses":
            return f"if {side} ({name}) released {names} ({rule})"
        return f"if {side} ({name}) no longer insisted on {names} ({rule})"
    group = problem.agreement.mandatory[int(parts[1])].name
    return f'if {names} of the mandatory group "{group}" waited for a later exchange ({rule})'


def _bounds_sentence(
    subject: str,
    what: str,
    low: int | None,
    high: int | None,
    below: float,
    above: float,
) -> str:
    changes = []
    if below > 0 and low is not None:
        changes.append(f"at least {_number(low - below)} {what} instead of {low}")
    if above > 0 and high is not None:
        changes.append(f"up to {_number(high + above)} {what} instead of {high}")
    return f"{subject} " + " and ".join(changes)


def cheapest_ways_out(
    problem: Problem,
    model: LinearModel,
    column: dict[Side, np.ndarray],
    solver: MilpSolver,
    rules: frozenset[str],
    *,
    time_limit: float | None = None,
) -> tuple[Relaxation, ...]:
    """The least change to each one of ``rules`` that makes the agreement possible.

    ``model`` is the explaining model (:func:`build_model` with ``everyone=True``) and
    ``column`` its candidate columns. Rules that cannot fix it alone are left out.
    """
    deadline = None if time_limit is None else time.monotonic() + time_limit
    found: list[Relaxation] = []
    for rule in sorted(rules):
        if rule.startswith("eligibility."):
            continue
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            break
        way = _relax_one(problem, model, column, solver, rule, remaining)
        if way is not None:
            found.append(way)
    return tuple(sorted(found, key=lambda w: (w.amount, w.rule.key)))


def _relax_one(
    problem: Problem,
    model: LinearModel,
    column: dict[Side, np.ndarray],
    solver: MilpSolver,
    rule: str,
    time_limit: float | None,
) -> Relaxation | None:
    lower = model.col_lower.copy()
    upper = model.col_upper.copy()
    cost = np.zeros(model.num_cols)
    person_cols: list[int] = []
    for col, rules in enumerate(model.col_rules):
        forcing = {r for r, _ in rules.forcing}
        if rule in rules.excluding and not rules.excluding - {rule}:
            upper[col] = 1.0  # may go, at a cost
            cost[col] = 1.0
            person_cols.append(col)
        elif rule in forcing and not forcing - {rule} and lower[col] > 0:
            lower[col] = 0.0  # may stay, at a cost
            cost[col] = -1.0
            person_cols.append(col)
    if np.any(lower > upper):
        return None  # a person stays both in and out by other rules
    n = model.num_cols
    slack_rows = [i for i, row in enumerate(model.rows) if row.rule == rule]
    rows = list(model.rows)
    for k, i in enumerate(slack_rows):
        row = rows[i]
        col_below, col_above = n + 2 * k, n + 2 * k + 1
        rows[i] = Row(
            np.concatenate([row.index, [col_below, col_above]]).astype(np.int64),
            np.concatenate([row.value, [1.0, -1.0]]),
            row.lower,
            row.upper,
            row.rule,
        )
    extra = 2 * len(slack_rows)
    if not person_cols and not extra:
        return None
    elastic = LinearModel(
        col_lower=np.concatenate([lower, np.zeros(extra)]),
        col_upper=np.concatenate([upper, np.full(extra, INF)]),
        integer=np.concatenate([model.integer, np.zeros(extra, dtype=bool)]),
        col_rule=model.col_rule + ("",) * extra,
        rows=tuple(rows),
    )
    objective = -np.concatenate([cost, np.ones(extra)])
    outcome = solver.maximise(elastic, objective, time_limit=time_limit)
    if outcome.status != "optimal" or outcome.values is None:
        return None
    values = outcome.values
    if person_cols:
        # released although excluded (cost 1), or left out although forced (cost -1)
        changed = [c for c in person_cols if (values[c] > 0.5) == (cost[c] > 0)]
        ids = sorted(_person_at(problem, column, c) for c in changed)
        if not ids:
            return None  # nothing to change: the rule is not at fault alone
        sentence = _names_sentence(problem, rule, ids)
        return Relaxation(Rule(rule), float(len(ids)), sentence, tuple(ids))
    slacks = values[n : n + extra]
    below = float(max(slacks[0::2], default=0.0))
    above = float(max(slacks[1::2], default=0.0))
    if below + above <= _TOLERANCE_STEP:
        return None
    below, above = _round_up(below), _round_up(above)
    return Relaxation(
        Rule(rule),
        max(below, above),
        _row_sentence(problem, rule, below, above),
        lower_by=below,
        raise_by=above,
    )


def _round_up(value: float) -> float:
    """A slack as a whole number when it is one (counts), else as it is (scale units)."""
    rounded = round(value)
    return float(rounded) if abs(value - rounded) < 1e-6 else value
