"""The greedy plan: the baseline the optimum is measured against, and the fallback.

Stage by stage, it first places the persons who must go (mandatory groups, insisted
names) in the earliest stage with room, then lets the side that has released less so
far release its best-scoring person who still fits (caps, stage capacity, quotas), so
that the balance is kept as it goes; in a balanced category a side may go at most one
person ahead of the other. Quota minimums are filled before the rest. At the end the heavier side drops
its lowest-scoring persons until the balance holds. The result is checked against
every rule; a plan that breaks one is not offered (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from homecoming.engines.planning.check import plan_violations
from homecoming.engines.planning.problem import SIDES, Candidate, Problem
from homecoming.engines.planning.roster import Side

__all__ = ["greedy_plan"]


@dataclass
class _State:
    problem: Problem
    stage_of: dict[Side, NDArray[np.int64]]
    counted: dict[Side, int] = field(default_factory=lambda: {"a": 0, "b": 0})
    in_stage: dict[tuple[Side, int], int] = field(default_factory=dict)
    in_quota: dict[tuple[Side, int, str], int] = field(default_factory=dict)
    totals: dict[tuple[Side, str | None, int | None], float] = field(
        default_factory=dict
    )

    def measure(self, c: Candidate) -> float:
        return c.value if c.counted else 0.0

    def fits(self, c: Candidate, s: int) -> bool:
        agreement = self.problem.agreement
        stage = agreement.stages[s]
        if (
            stage.capacity is not None
            and self.in_stage.get((c.side, s), 0) >= stage.capacity
        ):
            return False
        quota = stage.quotas.get(c.category)
        if (
            quota is not None
            and quota.max is not None
            and self.in_quota.get((c.side, s, c.category), 0) >= quota.max
        ):
            return False
        cap = agreement.caps[0 if c.side == "a" else 1].max
        return not (c.counted and cap is not None and self.counted[c.side] >= cap)

    def place(self, position: int, c: Candidate, s: int) -> None:
        self.stage_of[c.side][position] = s
        self.counted[c.side] += int(c.counted)
        self.in_stage[(c.side, s)] = self.in_stage.get((c.side, s), 0) + 1
        key = (c.side, s, c.category)
        self.in_quota[key] = self.in_quota.get(key, 0) + 1
        self._add_measure(c, s, self.measure(c))

    def _add_measure(self, c: Candidate, s: int, amount: float) -> None:
        for scope in ((None, None), (c.category, None), (None, s), (c.category, s)):
            key = (c.side, *scope)
            self.totals[key] = self.totals.get(key, 0.0) + amount

    def imbalance(self, category: str | None, stage: int | None) -> float:
        """Released measure a minus b, over a category (or all) and a stage (or all)."""
        return self.totals.get(("a", category, stage), 0.0) - self.totals.get(
            ("b", category, stage), 0.0
        )

    def remove(self, position: int, c: Candidate) -> None:
        s = int(self.stage_of[c.side][position])
        self.stage_of[c.side][position] = -1
        self.counted[c.side] -= int(c.counted)
        self.in_stage[(c.side, s)] -= 1
        self.in_quota[(c.side, s, c.category)] -= 1
        self._add_measure(c, s, -self.measure(c))


def greedy_plan(problem: Problem) -> dict[Side, NDArray[np.int64]] | None:
    """A plan that keeps every rule, found greedily, or None when greedy finds none."""
    agreement = problem.agreement
    state = _State(
        problem,
        {
            side: np.full(len(problem.candidates[side]), -1, dtype=np.int64)
            for side in SIDES
        },
    )
    stages = range(len(agreement.stages))
    for side in SIDES:
        for position, c in enumerate(problem.candidates[side]):
            if c.forced:
                s = next(
                    (s for s in stages if state.fits(c, s)), len(agreement.stages) - 1
                )
                state.place(position, c, s)
    queues: dict[tuple[Side, str], list[tuple[int, Candidate]]] = {}
    for side in SIDES:
        for position, c in enumerate(problem.candidates[side]):
            if c.free and not c.forced:
                queues.setdefault((side, c.category), []).append((position, c))
    for queue in queues.values():
        queue.sort(key=lambda item: (-item[1].score, item[1].record_id))
    balanced = agreement.balance.categories
    tolerance = agreement.balance.tolerance
    per_stage = agreement.balance.per_stage and agreement.balance.mode != "none"
    for s in stages:
        stage = agreement.stages[s]
        pools: list[
            tuple[str | None, bool]
        ] = []  # (category or None for all, only min)
        pools += [
            (category, True) for category, quota in stage.quotas.items() if quota.min
        ]
        pools.append((None, False))
        for category, only_min in pools:
            _fill(state, queues, s, category, only_min, balanced, tolerance, per_stage)
    _settle(state, queues, tolerance)
    if plan_violations(problem, state.stage_of):
        return None
    return state.stage_of


def _fill(
    state: _State,
    queues: dict[tuple[Side, str], list[tuple[int, Candidate]]],
    s: int,
    category: str | None,
    only_min: bool,
    balanced: tuple[str, ...],
    tolerance: float,
    per_stage: bool,
) -> None:
    mode = state.problem.agreement.balance.mode
    quota = state.problem.agreement.stages[s].quotas.get(category or "")
    watch_category = category if category in balanced else None
    exhausted: set[Side] = set()
    while len(exhausted) < 2:
        if mode == "none" and watch_category is None:
            side: Side = "a" if "a" not in exhausted else "b"
            deficit = float("inf")
        else:
            difference = state.imbalance(watch_category, s if per_stage else None)
            side = "b" if difference > 0 else "a"
            if side in exhausted:
                if abs(difference) > tolerance:
                    break  # the lighter side cannot catch up: stop this pool
                side = "b" if side == "a" else "a"
            deficit = abs(difference)
        if (
            only_min
            and quota is not None
            and quota.min is not None
            and all(
                state.in_quota.get((either, s, category or ""), 0) >= quota.min
                for either in (side, "b" if side == "a" else "a")
            )
            and (deficit <= tolerance or deficit == float("inf"))
        ):
            break  # both sides have their minimum, and it is balanced
        pick = _best_fitting(
            state, queues, side, s, category, balanced, deficit, tolerance
        )
        if pick is None:
            exhausted.add(side)
            continue
        queue, item_index = pick
        position, c = queue.pop(item_index)
        state.place(position, c, s)


def _best_fitting(
    state: _State,
    queues: dict[tuple[Side, str], list[tuple[int, Candidate]]],
    side: Side,
    s: int,
    category: str | None,
    balanced: tuple[str, ...],
    deficit: float,
    tolerance: float,
    *,
    strict: bool = False,
) -> tuple[list[tuple[int, Candidate]], int] | None:
    """The best-scoring queued person of ``side`` who fits stage ``s`` and the balance."""
    best: tuple[list[tuple[int, Candidate]], int] | None = None
    best_score = -1.0
    for (queue_side, queue_category), queue in queues.items():
        if queue_side != side or not queue:
            continue
        if category is not None and queue_category != category:
            continue
        if category is None and queue_category in balanced:
            # a balanced category among the rest: a side may go one person ahead
            # in it, then the other side has to catch up (or the trim undoes it)
            # (``strict``: not even one person ahead)
            ahead = state.imbalance(queue_category, None)
            ahead = ahead if side == "a" else -ahead
            if ahead > 0 or (strict and ahead + state.measure(queue[0][1]) > tolerance):
                continue
        if not state.fits(queue[0][1], s):
            continue  # capacity, quota and caps depend on side, stage and category only
        for item_index, (_, c) in enumerate(queue):
            if deficit > tolerance and state.measure(c) > deficit + tolerance:
                continue  # would overshoot the balance the other way
            if c.score > best_score:
                best, best_score = (queue, item_index), c.score
            break
    return best


def _settle(
    state: _State,
    queues: dict[tuple[Side, str], list[tuple[int, Candidate]]],
    tolerance: float,
) -> None:
    """Restore every balance: the lighter side adds its best who fits, or else the
    heavier side drops its lowest-scoring counted person (never below a quota)."""
    agreement = state.problem.agreement
    balanced = agreement.balance.categories
    scopes: list[tuple[str | None, int | None]] = [(c, None) for c in balanced]
    if agreement.balance.mode != "none":
        if agreement.balance.per_stage:
            scopes += [(None, s) for s in range(len(agreement.stages))]
        scopes.append((None, None))
    # a later scope can undo an earlier one (dropping a civilian to fix the total)
    for _ in range(3):
        for category, stage in scopes:
            while True:
                difference = state.imbalance(category, stage)
                if abs(difference) <= tolerance + 1e-9:
                    break
                light: Side = "b" if difference > 0 else "a"
                heavy: Side = "a" if light == "b" else "b"
                stages = [stage] if stage is not None else range(len(agreement.stages))
                added = False
                for s in stages:
                    pick = _best_fitting(
                        state,
                        queues,
                        light,
                        s,
                        category,
                        balanced,
                        abs(difference),
                        tolerance,
                        strict=True,
                    )
                    if pick is not None:
                        queue, item_index = pick
                        position, c = queue.pop(item_index)
                        state.place(position, c, s)
                        added = True
                        break
                if added:
                    continue
                droppable = [
                    (c.score, position, c)
                    for position, c in enumerate(state.problem.candidates[heavy])
                    if (where := int(state.stage_of[heavy][position])) >= 0
                    and c.counted
                    and not c.forced
                    and (category is None or c.category == category)
                    and (stage is None or where == stage)
                    and _above_quota(state, heavy, where, c.category)
                ]
                if not droppable:
                    break
                _, position, c = min(
                    droppable, key=lambda item: (item[0], item[2].record_id)
                )
                state.remove(position, c)


def _above_quota(state: _State, side: Side, s: int, category: str) -> bool:
    quota = state.problem.agreement.stages[s].quotas.get(category)
    if quota is None or quota.min is None:
        return True
    return state.in_quota.get((side, s, category), 0) > quota.min
