"""Building the :class:`Plan` from a plan per person: shares, fallbacks, no-plan results."""

from __future__ import annotations

import time

import numpy as np

from homecoming.engines.planning.problem import SIDES, Problem
from homecoming.engines.planning.reasons import explain_plan, not_planned
from homecoming.engines.planning.result import (
    PartyOutcome,
    Plan,
    PlanMethod,
    StepReport,
)
from homecoming.engines.planning.roster import Side, other_side
from homecoming.engines.planning.rules import Conflict, Relaxation
from homecoming.engines.planning.stages import StagePlan

__all__ = ["greedy_result", "infeasible_result", "party_outcomes", "shares"]


def _gain(problem: Problem, stage_of: StagePlan, party: Side) -> float:
    held = other_side(party)
    return float(
        sum(
            c.score
            for p, c in enumerate(problem.candidates[held])
            if stage_of[held][p] >= 0
        )
    )


def shares(
    problem: Problem, stage_of: StagePlan, ideals: dict[Side, float]
) -> tuple[float, float]:
    def share(party: Side) -> float:
        ideal = ideals[party]
        return _gain(problem, stage_of, party) / ideal if ideal > 0 else 1.0

    return share("a"), share("b")


def party_outcomes(
    problem: Problem, stage_of: StagePlan, ideals: dict[Side, float] | None
) -> tuple[PartyOutcome, ...]:
    outcomes = []
    for party in SIDES:
        gain = _gain(problem, stage_of, party)
        ideal = ideals[party] if ideals is not None else float("nan")
        share = (
            (gain / ideal if ideal > 0 else 1.0) if ideals is not None else float("nan")
        )
        outcomes.append(
            PartyOutcome(
                side=party,
                name=problem.party(party).name,
                gain=gain,
                ideal=ideal,
                share=share,
                received=int(np.count_nonzero(stage_of[other_side(party)] >= 0)),
                released=int(np.count_nonzero(stage_of[party] >= 0)),
            )
        )
    return tuple(outcomes)


def infeasible_result(
    problem: Problem,
    conflicts: tuple[Conflict, ...],
    method: str,
    steps: tuple[StepReport, ...],
    began: float,
    *,
    unique: bool | None = None,
    ways_out: tuple[Relaxation, ...] = (),
) -> Plan:
    why = (
        "no plan: the agreement's rules conflict ("
        + " | ".join(c.detail for c in conflicts)
        + ")"
    )
    return Plan(
        title=problem.agreement.title,
        status="infeasible",
        method="milp",
        proven_optimal=False,
        gap=None,
        fairness_level=None,
        price_of_fairness=None,
        parties=(),
        decisions=not_planned(problem, why),
        conflicts=conflicts,
        conflict_method=method,
        conflicts_unique=unique,
        ways_out=ways_out,
        steps=steps,
        warnings=problem.warnings,
        seconds=time.perf_counter() - began,
    )


def greedy_result(
    problem: Problem,
    greedy: StagePlan | None,
    method: PlanMethod,
    ideals: dict[Side, float] | None,
    steps: tuple[StepReport, ...],
    began: float,
) -> Plan:
    warnings = list(problem.warnings)
    if method == "greedy-fallback":
        warnings.append(
            "the time limit was reached before the solver had a plan: greedy plan"
        )
    if greedy is None:
        return Plan(
            title=problem.agreement.title,
            status="no-plan",
            method=method,
            proven_optimal=False,
            gap=None,
            fairness_level=None,
            price_of_fairness=None,
            parties=(),
            decisions=not_planned(
                problem, "no plan: the greedy planner found none that keeps every rule"
            ),
            steps=steps,
            warnings=tuple(warnings),
            seconds=time.perf_counter() - began,
        )
    parties = party_outcomes(problem, greedy, ideals)
    level = min(p.share for p in parties) if ideals is not None else None
    return Plan(
        title=problem.agreement.title,
        status="feasible",
        method=method,
        proven_optimal=False,
        gap=None,
        fairness_level=level,
        price_of_fairness=None,
        parties=parties,
        decisions=explain_plan(problem, greedy),
        steps=steps,
        baseline_shares=shares(problem, greedy, ideals) if ideals is not None else None,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - began,
    )
