"""Every plan, optimal or greedy, keeps every rule of randomly drawn small agreements."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homecoming.engines.planning import (
    Agreement,
    Balance,
    Bounds,
    MandatoryGroup,
    PartyRules,
    Person,
    Roster,
    Stage,
    check_plan,
    plan_exchange,
)
from homecoming.engines.planning.check import plan_violations
from homecoming.engines.planning.problem import build_problem

SCALE = {"private": 1.0, "captain": 6.0, "colonel": 15.0}


@st.composite
def persons(draw: st.DrawFn, prefix: str, most: int = 6) -> tuple[Person, ...]:
    count = draw(st.integers(0, most))
    return tuple(
        Person(
            record_id=f"{prefix}{i}",
            category=draw(st.sampled_from(["military", "military", "civilian"])),
            rank=draw(st.sampled_from(["private", "private", "captain", "colonel"])),
            health=draw(st.sampled_from(["", "", "", "seriously wounded"])),
            priority=float(draw(st.integers(0, 5))),
            identity_verified=draw(st.sampled_from([True, True, True, None])),
            consent=draw(st.sampled_from([True, True, True, False])),
            retained=draw(st.sampled_from([False, False, False, True])),
            alive=True,
        )
        for i in range(count)
    )


def _bounds(draw: st.DrawFn, top: int) -> Bounds:
    low = draw(st.one_of(st.none(), st.integers(0, 2)))
    high = draw(st.one_of(st.none(), st.integers(low or 0, top)))
    return Bounds(low, high)


@st.composite
def cases(draw: st.DrawFn, most: int = 6, stages: int = 2) -> tuple[Agreement, Roster]:
    roster = Roster(draw(persons("A", most)), draw(persons("B", most)))
    ids_a = [p.record_id for p in roster.held_by_a]
    ids_b = [p.record_id for p in roster.held_by_b]
    stages = tuple(
        Stage(
            id=str(s + 1),
            capacity=draw(st.one_of(st.none(), st.integers(0, 5))),
            quotas=({"civilian": _bounds(draw, 3)} if draw(st.booleans()) else {}),
        )
        for s in range(draw(st.integers(1, stages)))
    )
    balance = Balance(
        mode=draw(st.sampled_from(["count", "scale", "none"])),
        tolerance=float(draw(st.integers(0, 3))),
        per_stage=draw(st.booleans()),
        categories=("civilian",) if draw(st.booleans()) else (),
        scale=SCALE,
    )
    mandatory = (
        (
            MandatoryGroup(
                "wounded", health=("seriously wounded",), counted=draw(st.booleans())
            ),
        )
        if draw(st.booleans())
        else ()
    )
    parties = (
        PartyRules(
            "A",
            insists_on=tuple(draw(st.lists(st.sampled_from(ids_b), max_size=1)))
            if ids_b
            else (),
            refuses=tuple(draw(st.lists(st.sampled_from(ids_a), max_size=1)))
            if ids_a
            else (),
        ),
        PartyRules(
            "B",
            insists_on=tuple(draw(st.lists(st.sampled_from(ids_a), max_size=1)))
            if ids_a
            else (),
            refuses=tuple(draw(st.lists(st.sampled_from(ids_b), max_size=1)))
            if ids_b
            else (),
        ),
    )
    terms = Agreement(
        title="drawn",
        stages=stages,
        parties=parties,
        balance=balance,
        caps=(_bounds(draw, 6), _bounds(draw, 6)),
        eligibility=frozenset({"identity_verified", "consent", "not_retained"}),
        mandatory=mandatory,
    )
    return terms, roster


SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(cases())
def test_every_optimal_plan_keeps_every_rule(case: tuple[Agreement, Roster]) -> None:
    terms, roster = case
    plan = plan_exchange(terms, roster, price_of_fairness=False)
    if plan.status in ("optimal", "feasible"):
        assert check_plan(terms, roster, plan) == []
    else:
        assert plan.status == "infeasible" and plan.conflicts
        assert all(conflict.rules for conflict in plan.conflicts)


@SETTINGS
@given(cases())
def test_every_greedy_plan_keeps_every_rule(case: tuple[Agreement, Roster]) -> None:
    terms, roster = case
    plan = plan_exchange(terms, roster, greedy_only=True)
    if plan.status == "feasible":
        assert check_plan(terms, roster, plan) == []
    else:
        assert all(not d.selected for d in plan.decisions)


@SETTINGS
@given(cases())
def test_solver_finds_a_plan_whenever_greedy_does_and_is_as_fair(
    case: tuple[Agreement, Roster],
) -> None:
    terms, roster = case
    greedy = plan_exchange(terms, roster, greedy_only=True)
    plan = plan_exchange(terms, roster, price_of_fairness=False)
    if greedy.status == "feasible":
        assert plan.status == "optimal"
        assert plan.baseline_shares is not None and plan.fairness_level is not None
        assert plan.fairness_level >= min(plan.baseline_shares) - 1e-6


@SETTINGS
@given(cases())
def test_every_person_has_a_reason(case: tuple[Agreement, Roster]) -> None:
    terms, roster = case
    plan = plan_exchange(terms, roster, price_of_fairness=False)
    assert len(plan.decisions) == len(roster.held_by_a) + len(roster.held_by_b)
    assert all(d.reason for d in plan.decisions)


def _brute_force_best(terms: Agreement, roster: Roster) -> tuple[float, float] | None:
    """(min share, sum of shares) of the best plan, by trying every selection (1 stage)."""
    problem = build_problem(terms, roster)
    if problem.conflicts:
        return None  # insisting on a name refused, ineligible or unknown: no plan
    sizes = {side: len(problem.candidates[side]) for side in ("a", "b")}
    plans = []
    for mask_a in range(2 ** sizes["a"]):
        for mask_b in range(2 ** sizes["b"]):
            stage_of = {
                side: np.array(
                    [0 if mask >> i & 1 else -1 for i in range(sizes[side])],
                    dtype=np.int64,
                )
                for side, mask in (("a", mask_a), ("b", mask_b))
            }
            if plan_violations(problem, stage_of):
                continue
            gain = {
                party: sum(
                    c.score
                    for i, c in enumerate(problem.candidates[held])
                    if stage_of[held][i] == 0
                )
                for party, held in (("a", "b"), ("b", "a"))
            }
            plans.append(gain)
    if not plans:
        return None
    ideal = {party: max(g[party] for g in plans) for party in ("a", "b")}
    shares = [
        [g[p] / ideal[p] if ideal[p] > 0 else 1.0 for p in ("a", "b")] for g in plans
    ]
    return max((min(s), sum(s)) for s in shares)


@SETTINGS
@given(cases(most=4, stages=1))
def test_solver_plan_is_the_lexicographic_best_of_all_plans(
    case: tuple[Agreement, Roster],
) -> None:
    terms, roster = case
    best = _brute_force_best(terms, roster)
    plan = plan_exchange(terms, roster, price_of_fairness=False)
    if best is None:
        assert plan.status == "infeasible"
        return
    assert plan.status == "optimal"
    shares = [p.share for p in plan.parties]
    assert min(shares) >= best[0] - 1e-5
    if abs(min(shares) - best[0]) <= 1e-5:
        assert sum(shares) >= best[1] - 1e-4
