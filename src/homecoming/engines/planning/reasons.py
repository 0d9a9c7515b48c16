"""A short account, for every person, of why they are in the plan or out of it.

In: mandatory group, insisted on, or selected with a score above the cut-off of their
pool. Out: ineligible (which gates), refused, or left out with a score below the
cut-off (naming the cut-off and the limit that made it: the side's cap, the stages'
capacity or quotas, the balance of a category, the overall balance).
"""

from __future__ import annotations

from homecoming.engines.planning.check import StageOf
from homecoming.engines.planning.problem import SIDES, Candidate, Problem
from homecoming.engines.planning.result import Decision, ReasonCode
from homecoming.engines.planning.roster import Side, other_side
from homecoming.engines.planning.rules import rule_text

__all__ = ["explain_plan", "not_planned"]


_FAILED_GATE = {
    "identity_verified": "identity not verified",
    "consent": "consent to repatriation not given",
    "medical_fit": "not confirmed medically fit to travel",
    "not_retained": "retained for prosecution (GC III Art. 119) or not cleared",
    "alive": "not confirmed alive",
}


def _pool(c: Candidate, balanced: tuple[str, ...]) -> str | None:
    return c.category if c.category in balanced else None


def explain_plan(problem: Problem, stage_of: StageOf) -> tuple[Decision, ...]:
    """One :class:`Decision` per candidate of both sides, in roster order."""
    agreement = problem.agreement
    balanced = agreement.balance.categories
    stages = agreement.stages
    # the weakest selected (not forced) person of each pool: the cut-off
    cutoff: dict[tuple[Side, str | None], Candidate] = {}
    per_stage: dict[tuple[Side, int], int] = {}
    per_quota: dict[tuple[Side, int, str], int] = {}
    counted: dict[Side, int] = {"a": 0, "b": 0}
    for side in SIDES:
        for position, c in enumerate(problem.candidates[side]):
            s = int(stage_of[side][position])
            if s < 0:
                continue
            per_stage[(side, s)] = per_stage.get((side, s), 0) + 1
            per_quota[(side, s, c.category)] = (
                per_quota.get((side, s, c.category), 0) + 1
            )
            counted[side] += int(c.counted)
            if c.forced:
                continue
            key = (side, _pool(c, balanced))
            weakest = cutoff.get(key)
            if weakest is None or (c.score, c.record_id) < (
                weakest.score,
                weakest.record_id,
            ):
                cutoff[key] = c

    def limit(c: Candidate) -> tuple[ReasonCode, str]:
        side = c.side
        bounds = agreement.caps[0 if side == "a" else 1]
        if bounds.max == 0 and agreement.mandatory:
            return "cap", (
                "not in a group that goes regardless of number, and nobody else is "
                f"exchanged ({rule_text(f'caps.{side}', agreement)})"
            )
        if bounds.max is not None and counted[side] >= bounds.max:
            return "cap", f"cap reached: {rule_text(f'caps.{side}', agreement)}"
        full = [
            stage.id
            for s, stage in enumerate(stages)
            if stage.capacity is not None
            and per_stage.get((side, s), 0) >= stage.capacity
        ]
        if len(full) == len(stages):
            return "capacity", "capacity of stage " + ", ".join(full) + " reached"
        quota_full = [
            stage.id
            for s, stage in enumerate(stages)
            if stage.id not in full
            and (quota := stage.quotas.get(c.category)) is not None
            and quota.max is not None
            and per_quota.get((side, s, c.category), 0) >= quota.max
        ]
        if len(quota_full) + len(full) == len(stages):
            text = ", ".join(quota_full)
            return (
                "capacity",
                f'quota of category "{c.category}" reached in stage {text}'
                + (f"; capacity of stage {', '.join(full)} reached" if full else ""),
            )
        if c.category in balanced:
            return "balance", (
                f'balance of category "{c.category}": {other_side(side)} releases '
                "no more to match"
            )
        if agreement.balance.mode != "none":
            return "balance", (
                f"{rule_text('balance', agreement)}: {other_side(side)} releases "
                "no more to match"
            )
        return "capacity", "no room left under the agreement's rules"

    decisions: list[Decision] = []
    for side in SIDES:
        receiving = other_side(side)
        receiving_name = agreement.parties[0 if receiving == "a" else 1].name
        releasing_name = agreement.parties[0 if side == "a" else 1].name
        for position, c in enumerate(problem.candidates[side]):
            s = int(stage_of[side][position])
            stage_id = stages[s].id if s >= 0 else None
            code: ReasonCode
            if s >= 0:
                if c.mandatory_group is not None:
                    code = "mandatory"
                    counted_text = "" if c.counted else ", outside the balance"
                    group = agreement.mandatory[c.mandatory_group]
                    aged = (
                        f" (aged {c.age} on {problem.reference})"
                        if c.age is not None
                        and (group.age_min is not None or group.age_max is not None)
                        else ""
                    )
                    reason = (
                        f"{rule_text(f'mandatory.{c.mandatory_group}', agreement)}"
                        f"{aged}: goes home regardless of number{counted_text}"
                    )
                elif c.insisted:
                    code = "insisted"
                    reason = f"insisted on by {receiving} ({receiving_name})"
                else:
                    code = "selected"
                    weakest = cutoff[(side, _pool(c, balanced))]
                    reason = (
                        f"selected: score {c.score:.4g} by {receiving} ({receiving_name}), "
                        f"cut-off {weakest.score:.4g}"
                    )
                reason += f"; stage {stage_id}"
            elif c.failed_gates:
                code = "ineligible"
                reason = "ineligible because " + ", ".join(
                    _FAILED_GATE[g] for g in c.failed_gates
                )
                if c.mandatory_group is not None:
                    reason += (
                        f" (would otherwise go as "
                        f"{rule_text(f'mandatory.{c.mandatory_group}', agreement)})"
                    )
            elif c.refused:
                code = "refused"
                reason = f"refused by {side} ({releasing_name})"
            else:
                weakest_or_none = cutoff.get((side, _pool(c, balanced)))
                limit_code, limit_text = limit(c)
                if weakest_or_none is not None and (c.score, c.record_id) > (
                    weakest_or_none.score,
                    weakest_or_none.record_id,
                ):
                    code = limit_code
                    reason = f"{limit_text} (score {c.score:.4g})"
                elif weakest_or_none is not None:
                    code = "priority"
                    reason = (
                        f"outranked by priority: score {c.score:.4g} below the cut-off "
                        f"{weakest_or_none.score:.4g} (record {weakest_or_none.record_id}); "
                        f"{limit_text}"
                    )
                else:
                    code = limit_code
                    reason = limit_text
            decisions.append(
                Decision(
                    side=side,
                    record_id=c.record_id,
                    selected=s >= 0,
                    stage=stage_id,
                    category=c.category,
                    counted=c.counted,
                    value=c.value,
                    score=c.score,
                    reason_code=code,
                    reason=reason,
                )
            )
    return tuple(decisions)


def not_planned(problem: Problem, why: str) -> tuple[Decision, ...]:
    """Decisions for a problem without a plan: everyone stays, with the same reason."""
    return tuple(
        Decision(
            side=side,
            record_id=c.record_id,
            selected=False,
            stage=None,
            category=c.category,
            counted=c.counted,
            value=c.value,
            score=c.score,
            reason_code="not-planned",
            reason=why,
        )
        for side in SIDES
        for c in problem.candidates[side]
    )
