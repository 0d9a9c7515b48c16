"""Every plan, optimal or greedy, keeps every rule of randomly drawn small agreements."""

from __future__ import annotations

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

SCALE = {"private": 1.0, "captain": 6.0, "colonel": 15.0}


@st.composite
def persons(draw: st.DrawFn, prefix: str) -> tuple[Person, ...]:
    count = draw(st.integers(0, 6))
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
def cases(draw: st.DrawFn) -> tuple[Agreement, Roster]:
    roster = Roster(draw(persons("A")), draw(persons("B")))
    ids_a = [p.record_id for p in roster.held_by_a]
    ids_b = [p.record_id for p in roster.held_by_b]
    stages = tuple(
        Stage(
            id=str(s + 1),
            capacity=draw(st.one_of(st.none(), st.integers(0, 5))),
            quotas=({"civilian": _bounds(draw, 3)} if draw(st.booleans()) else {}),
        )
        for s in range(draw(st.integers(1, 2)))
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
