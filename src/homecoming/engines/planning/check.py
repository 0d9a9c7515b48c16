"""Check a plan against every rule of the agreement, independently of how it was made.

A plan is, per side, the stage index of every candidate (``-1``: stays). The checker
is the referee for both the solver and the greedy planner: the greedy plan is only
offered when it passes, and the tests hold every plan to it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning.problem import SIDES, Problem
from homecoming.engines.planning.roster import Side

__all__ = ["StageOf", "plan_violations", "side_measure"]

StageOf = Mapping[Side, NDArray[np.int64]]

_EPS = 1e-6


def side_measure(
    problem: Problem,
    stage_of: StageOf,
    side: Side,
    *,
    category: str | None = None,
    stage: int | None = None,
) -> float:
    """Counted persons (or scale value) released by ``side``, optionally narrowed."""
    total = 0.0
    for position, candidate in enumerate(problem.candidates[side]):
        where = int(stage_of[side][position])
        if where < 0 or not candidate.counted:
            continue
        if category is not None and candidate.category != category:
            continue
        if stage is not None and where != stage:
            continue
        total += candidate.value
    return total


def plan_violations(problem: Problem, stage_of: StageOf) -> list[str]:
    """Each rule the plan breaks, as ``"<rule key>: <what is wrong>"``; empty if none."""
    agreement = problem.agreement
    found: list[str] = []
    stages = agreement.stages
    for side in SIDES:
        for position, candidate in enumerate(problem.candidates[side]):
            where = int(stage_of[side][position])
            if where >= len(stages):
                found.append(f"stages: record {candidate.record_id} in no known stage")
            if where >= 0:
                for gate in candidate.failed_gates:
                    found.append(
                        f"eligibility.{gate}: record {candidate.record_id} held by {side}"
                    )
                if candidate.refused:
                    found.append(
                        f"parties.{side}.refuses: record {candidate.record_id}"
                    )
            elif candidate.forced:
                rule = (
                    f"mandatory.{candidate.mandatory_group}"
                    if candidate.mandatory_group is not None
                    else f"parties.{'b' if side == 'a' else 'a'}.insists_on"
                )
                found.append(
                    f"{rule}: record {candidate.record_id} held by {side} left out"
                )
        bounds = agreement.caps[0 if side == "a" else 1]
        count = sum(
            1
            for position, c in enumerate(problem.candidates[side])
            if c.counted and stage_of[side][position] >= 0
        )
        if bounds.min is not None and count < bounds.min:
            found.append(f"caps.{side}: {count} < {bounds.min}")
        if bounds.max is not None and count > bounds.max:
            found.append(f"caps.{side}: {count} > {bounds.max}")
        for s, stage in enumerate(stages):
            in_stage = [
                c
                for position, c in enumerate(problem.candidates[side])
                if stage_of[side][position] == s
            ]
            if stage.capacity is not None and len(in_stage) > stage.capacity:
                found.append(
                    f"stages.{stage.id}.capacity: side {side} sends {len(in_stage)}"
                )
            for category, quota in stage.quotas.items():
                number = sum(1 for c in in_stage if c.category == category)
                if (quota.min is not None and number < quota.min) or (
                    quota.max is not None and number > quota.max
                ):
                    found.append(
                        f"stages.{stage.id}.quotas.{category}: side {side} sends {number}"
                    )
    tolerance = agreement.balance.tolerance + _EPS
    if agreement.balance.mode != "none":
        difference = side_measure(problem, stage_of, "a") - side_measure(
            problem, stage_of, "b"
        )
        if abs(difference) > tolerance:
            found.append(f"balance: a - b = {difference:g}")
        if agreement.balance.per_stage:
            for s, stage in enumerate(stages):
                difference = side_measure(
                    problem, stage_of, "a", stage=s
                ) - side_measure(problem, stage_of, "b", stage=s)
                if abs(difference) > tolerance:
                    found.append(f"balance.stage.{stage.id}: a - b = {difference:g}")
    for category in agreement.balance.categories:
        difference = side_measure(
            problem, stage_of, "a", category=category
        ) - side_measure(problem, stage_of, "b", category=category)
        if abs(difference) > tolerance:
            found.append(f"balance.category.{category}: a - b = {difference:g}")
    return found
