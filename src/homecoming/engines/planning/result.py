"""The plan: who goes in which stage, why each person is in or out, and how it was found.

:func:`plan_to_json` gives the document ``homecoming plan`` writes (docs/planning.md)::

    {"format": "homecoming-plan/1", "title": ..., "status": "optimal",
     "method": "milp", "proven_optimal": true, "gap": 0.0,
     "fairness": {"rule": "...", "level": 0.98, "price_of_fairness": 0.001},
     "parties": {"a": {"gain": ..., "ideal": ..., "share": ..., "released": ...}, "b": ...},
     "baseline": {"method": "greedy", "found": true, "shares": {"a": ..., "b": ...}},
     "steps": [{"name": "ideal a", "status": "optimal", "objective": ..., "gap": ...}],
     "conflicts": [], "conflict_method": null, "warnings": [],
     "decisions": [{"side": "a", "record_id": "A-1", "selected": true, "stage": "1",
                    "reason_code": "selected", "reason": "..."}]}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from homecoming.engines.planning.roster import Side
from homecoming.engines.planning.rules import Conflict, Relaxation

__all__ = [
    "PLAN_FORMAT",
    "Decision",
    "PartyOutcome",
    "Plan",
    "StepReport",
    "plan_to_json",
]

PLAN_FORMAT = "homecoming-plan/1"

PlanStatus = Literal["optimal", "feasible", "infeasible", "no-plan"]
PlanMethod = Literal["milp", "greedy", "greedy-fallback"]
ReasonCode = Literal[
    "mandatory",
    "insisted",
    "selected",
    "ineligible",
    "refused",
    "priority",
    "capacity",
    "balance",
    "cap",
    "not-planned",
]

FAIRNESS_RULE = (
    "lexicographic: mandatory and insisted names first (hard rules); then maximise the "
    "worse-off party's share of its own ideal (max-min); then the sum of both shares"
)


@dataclass(frozen=True)
class Decision:
    """One person's outcome and its reason."""

    side: Side
    record_id: str
    selected: bool
    stage: str | None
    category: str
    counted: bool
    value: float
    score: float
    reason_code: ReasonCode
    reason: str


@dataclass(frozen=True)
class StepReport:
    """One lexicographic solve."""

    name: str
    status: str
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float


@dataclass(frozen=True)
class PartyOutcome:
    """What one party gets back: its score of them, its ideal, and the share."""

    side: Side
    name: str
    gain: float
    ideal: float
    share: float
    received: int
    released: int


@dataclass(frozen=True)
class Plan:
    """The result of planning; ``status`` says whether there is a plan at all."""

    title: str
    status: PlanStatus
    method: PlanMethod
    proven_optimal: bool
    gap: float | None
    fairness_level: float | None
    price_of_fairness: float | None
    parties: tuple[PartyOutcome, ...]
    decisions: tuple[Decision, ...]
    conflicts: tuple[Conflict, ...] = ()
    conflict_method: str | None = None
    # infeasible: True when the conflict shown is the only minimal one, False when there
    # are others (relaxing one rule of one conflict is then not enough), None: unknown
    conflicts_unique: bool | None = None
    # infeasible: the least change to one rule that makes the agreement possible, each
    # as a sentence, smallest first (relax.py)
    ways_out: tuple[Relaxation, ...] = ()
    steps: tuple[StepReport, ...] = ()
    baseline_shares: tuple[float, float] | None = None
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    def decision(self, record_id: str, side: Side | None = None) -> Decision | None:
        """The decision on a record id (on either side unless ``side`` is given)."""
        for decision in self.decisions:
            if decision.record_id == record_id and side in (None, decision.side):
                return decision
        return None

    def selected(self, side: Side) -> tuple[Decision, ...]:
        """The persons ``side`` releases under this plan."""
        return tuple(d for d in self.decisions if d.side == side and d.selected)


def _round(value: float | None) -> float | None:
    """Rounded for the document; None for no value and for inf or NaN (not JSON)."""
    if value is None or not math.isfinite(value):
        return None
    return round(value, 9)


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON-ready dict (see the module docstring)."""
    return {
        "format": PLAN_FORMAT,
        "title": plan.title,
        "status": plan.status,
        "method": plan.method,
        "proven_optimal": plan.proven_optimal,
        "gap": _round(plan.gap),
        "seconds": round(plan.seconds, 3),
        "fairness": {
            "rule": FAIRNESS_RULE,
            "level": _round(plan.fairness_level),
            "price_of_fairness": _round(plan.price_of_fairness),
        },
        "parties": {
            p.side: {
                "name": p.name,
                "gain": _round(p.gain),
                "ideal": _round(p.ideal),
                "share": _round(p.share),
                "received": p.received,
                "released": p.released,
            }
            for p in plan.parties
        },
        "baseline": {
            "method": "greedy",
            "found": plan.baseline_shares is not None,
            "shares": (
                {
                    "a": _round(plan.baseline_shares[0]),
                    "b": _round(plan.baseline_shares[1]),
                }
                if plan.baseline_shares is not None
                else None
            ),
        },
        "steps": [
            {
                "name": s.name,
                "status": s.status,
                "objective": _round(s.objective),
                "bound": _round(s.bound),
                "gap": _round(s.gap),
                "seconds": round(s.seconds, 3),
            }
            for s in plan.steps
        ],
        "conflicts": [
            {"rules": [r.key for r in c.rules], "detail": c.detail, "proven": c.proven}
            for c in plan.conflicts
        ],
        "conflict_method": plan.conflict_method,
        "conflicts_unique": plan.conflicts_unique,
        "ways_out": [
            {
                "rule": w.rule.key,
                "amount": _round(w.amount),
                "sentence": w.sentence,
                "record_ids": list(w.record_ids),
            }
            for w in plan.ways_out
        ],
        "warnings": list(plan.warnings),
        "decisions": [
            {
                "side": d.side,
                "record_id": d.record_id,
                "selected": d.selected,
                "stage": d.stage,
                "category": d.category,
                "counted": d.counted,
                "value": d.value,
                "score": _round(d.score),
                "reason_code": d.reason_code,
                "reason": d.reason,
            }
            for d in plan.decisions
        ],
    }
