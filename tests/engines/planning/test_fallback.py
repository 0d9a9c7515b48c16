"""The greedy plan: the baseline in every result, and the labelled fallback."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning import (
    HighsSolver,
    IisResult,
    Roster,
    SolveOutcome,
    Stage,
    check_plan,
    plan_exchange,
    plan_to_json,
)
from homecoming.engines.planning.model import LinearModel
from tests.engines.planning.builders import agreement, cap, ranked


class _OutOfTime:
    """A solver that hits its time limit before finding anything after ``allowed`` solves."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.inner = HighsSolver()

    def maximise(
        self,
        model: LinearModel,
        objective: NDArray[np.float64],
        *,
        time_limit: float | None = None,
        start: NDArray[np.float64] | None = None,
    ) -> SolveOutcome:
        if self.allowed <= 0:
            return SolveOutcome("time_limit", None, None, None, None, 0.0)
        self.allowed -= 1
        return self.inner.maximise(model, objective, time_limit=time_limit, start=start)

    def infeasible_subset(self, model: LinearModel) -> IisResult | None:
        return None


ROSTER = Roster(ranked("A", [5, 4, 3, 2, 1]), ranked("B", [1, 2, 3, 4, 5]))
TERMS = agreement(stages=(Stage("1", capacity=2), Stage("2", capacity=2)), caps=cap(3))


def test_time_limit_without_a_plan_falls_back_to_greedy_and_says_so() -> None:
    plan = plan_exchange(TERMS, ROSTER, solver=_OutOfTime(0))
    assert plan.method == "greedy-fallback"
    assert plan.proven_optimal is False and plan.gap is None
    assert plan.status == "feasible"
    assert any("greedy" in w for w in plan.warnings)
    assert check_plan(TERMS, ROSTER, plan) == []


def test_fallback_after_the_ideals_still_reports_shares() -> None:
    plan = plan_exchange(TERMS, ROSTER, solver=_OutOfTime(2))
    assert plan.method == "greedy-fallback"
    assert all(0 <= p.share <= 1 + 1e-9 for p in plan.parties)


def test_greedy_only_is_labelled_greedy() -> None:
    plan = plan_exchange(TERMS, ROSTER, greedy_only=True)
    assert plan.method == "greedy" and not plan.proven_optimal
    assert check_plan(TERMS, ROSTER, plan) == []


def test_optimal_plan_carries_the_greedy_baseline_and_is_no_worse() -> None:
    plan = plan_exchange(TERMS, ROSTER)
    assert plan.method == "milp" and plan.proven_optimal
    assert plan.baseline_shares is not None
    assert plan.fairness_level is not None
    assert plan.fairness_level >= min(plan.baseline_shares) - 1e-6


def test_plan_json_names_method_gap_and_every_person() -> None:
    document = plan_to_json(plan_exchange(TERMS, ROSTER))
    assert document["format"] == "homecoming-plan/1"
    assert document["method"] == "milp" and document["proven_optimal"] is True
    assert len(document["decisions"]) == 10
    assert {"rule", "level", "price_of_fairness"} <= set(document["fairness"])


def test_greedy_that_cannot_keep_a_minimum_offers_no_plan() -> None:
    # a stage minimum of civilians that only the solver would think to fill first
    from homecoming.engines.planning import Bounds

    terms = replace(
        TERMS, caps=cap(1, low=1), stages=(Stage("1", quotas={"civilian": Bounds(2)}),)
    )
    plan = plan_exchange(terms, ROSTER, greedy_only=True)
    assert plan.status == "no-plan" and plan.method == "greedy"
    assert all(not d.selected for d in plan.decisions)


class _CutShort(_OutOfTime):
    """A solver whose every solve stops at the time limit with the plan it has."""

    def maximise(
        self,
        model: LinearModel,
        objective: NDArray[np.float64],
        *,
        time_limit: float | None = None,
        start: NDArray[np.float64] | None = None,
    ) -> SolveOutcome:
        outcome = self.inner.maximise(
            model, objective, time_limit=time_limit, start=start
        )
        return replace(outcome, status="time_limit", gap=0.5)


def test_plan_cut_short_is_not_called_optimal_but_keeps_every_rule() -> None:
    plan = plan_exchange(TERMS, ROSTER, solver=_CutShort(99))
    # the solver hands back a plan each time, so the MILP plan is kept with its gap
    assert plan.status == "feasible" and plan.proven_optimal is False
    assert plan.method == "milp" and plan.gap == 0.5
    assert check_plan(TERMS, ROSTER, plan) == []
