"""Check a finished :class:`Plan` against the agreement and rosters it was made from."""

from __future__ import annotations

import numpy as np

from homecoming.engines.planning.agreement import Agreement
from homecoming.engines.planning.check import plan_violations
from homecoming.engines.planning.problem import SIDES, build_problem
from homecoming.engines.planning.result import Plan
from homecoming.engines.planning.roster import Roster, Side

__all__ = ["check_plan"]


def check_plan(agreement: Agreement, roster: Roster, plan: Plan) -> list[str]:
    """Every rule the plan breaks (``"<rule key>: <what>"``); empty when it keeps all."""
    problem = build_problem(agreement, roster)
    stage_index = {stage.id: s for s, stage in enumerate(agreement.stages)}
    where = {(d.side, d.record_id): d.stage for d in plan.decisions if d.selected}
    stage_of: dict[Side, np.ndarray] = {}
    for side in SIDES:
        stage_of[side] = np.array(
            [
                stage_index.get(where[(side, c.record_id)] or "", len(agreement.stages))
                if (side, c.record_id) in where
                else -1
                for c in problem.candidates[side]
            ],
            dtype=np.int64,
        )
    return plan_violations(problem, stage_of)
