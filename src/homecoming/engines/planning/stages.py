"""From the solver's values to persons in stages, and back (warm starts).

The model counts persons per class and stage (see :mod:`model`); these functions put
names on the counts: each class's best persons, forced ones first, in the earliest
stages, and the stage order itself chosen by a last small solve.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning.model import LinearModel, ModelIndex
from homecoming.engines.planning.problem import SIDES, Problem
from homecoming.engines.planning.roster import Side

__all__ = ["StagePlan", "stage_order_model", "stages_from", "warm_start"]

StagePlan = dict[Side, NDArray[np.int64]]


def stage_order_model(
    problem: Problem,
    index: ModelIndex,
    model: LinearModel,
    values: NDArray[np.float64],
) -> tuple[LinearModel, NDArray[np.float64]]:
    """The model with the chosen persons fixed, and an objective that puts mandatory
    groups, then the best-scored classes, in the earliest stages (any optimum of the
    plan leaves the stage counts free; this picks the one a handover would want)."""
    person_cols = ~model.integer
    lower = model.col_lower.copy()
    upper = model.col_upper.copy()
    lower[person_cols] = values[: model.num_cols][person_cols]
    upper[person_cols] = values[: model.num_cols][person_cols]
    fixed = LinearModel(lower, upper, model.integer, model.col_rule, model.rows)
    objective = np.zeros(model.num_cols)
    top = max(
        (c.score for side in SIDES for c in problem.candidates[side]), default=0.0
    )
    stages = index.class_stage_cols.shape[1]
    for k, key in enumerate(index.classes):
        candidates = problem.candidates[key[0]]
        members = index.class_members[k]
        mean = (
            float(np.mean([candidates[int(p)].score for p in members]))
            if len(members)
            else 0.0
        )
        forced = any(candidates[int(p)].mandatory_group is not None for p in members)
        weight = 1.0 + top + mean if forced else mean
        for s in range(stages):
            objective[index.class_stage_cols[k, s]] = weight * (stages - s)
    return fixed, objective


def warm_start(
    problem: Problem, index: ModelIndex, model: LinearModel, stage_of: StagePlan
) -> NDArray[np.float64]:
    """The model's column values for a plan given per person (a warm start)."""
    values = np.zeros(model.num_cols)
    for side in SIDES:
        cols = index.column[side]
        chosen = (stage_of[side] >= 0) & (cols >= 0)
        values[cols[chosen]] = 1.0
    for k, key in enumerate(index.classes):
        stages = stage_of[key[0]][index.class_members[k]]
        for s in range(index.class_stage_cols.shape[1]):
            values[index.class_stage_cols[k, s]] = float(np.count_nonzero(stages == s))
    return values


def stages_from(
    problem: Problem, index: ModelIndex, values: NDArray[np.float64]
) -> StagePlan:
    """Per person stages from the solution: each class's best persons go first."""
    stage_of: StagePlan = {
        side: np.full(len(problem.candidates[side]), -1, dtype=np.int64)
        for side in SIDES
    }
    for k, key in enumerate(index.classes):
        side = key[0]
        members = index.class_members[k]
        # the class's best n persons (forced first): as good as any n for every
        # objective, and x may be fractional among equal scores
        chosen = sorted(
            (int(p) for p in members),
            key=lambda p: (
                not problem.candidates[side][p].forced,
                -problem.candidates[side][p].score,
                problem.candidates[side][p].record_id,
            ),
        )
        counts = [round(float(values[col])) for col in index.class_stage_cols[k]]
        cursor = 0
        for s, count in enumerate(counts):
            for p in chosen[cursor : cursor + count]:
                stage_of[side][p] = s
            cursor += count
    return stage_of
