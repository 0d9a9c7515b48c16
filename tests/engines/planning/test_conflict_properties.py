"""Named conflicts are true minimal conflicts, checked by brute force (issue 19).

A second, plain formulation of the agreement format (docs/agreement-format.md) written
here without the engine's model: every plan of a tiny roster (each person out, or in one
of the stages) is enumerated, and for each the rules it breaks are listed. A set of
rules admits a plan when some enumerated plan breaks none of them.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable

from hypothesis import HealthCheck, given, settings

from homecoming.engines.planning import (
    Agreement,
    Bounds,
    Person,
    Roster,
    plan_exchange,
)
from homecoming.engines.planning.rules import Relaxation
from tests.engines.planning.test_properties import SCALE, cases

# a broken rule: (rule, voided_by): broken when the rule is kept and none of voided_by
Clause = tuple[str, frozenset[str]]


def _gate_fails(person: Person, gate: str) -> bool:
    if gate == "not_retained":
        return person.retained is not False
    return getattr(person, gate) is not True


def _broken(
    terms: Agreement, roster: Roster, stage_of: dict[tuple[str, str], int]
) -> list[Clause]:
    """The rules one plan breaks; ``stage_of[(side, id)]`` is a stage index or -1."""
    broken: list[Clause] = []
    stage_ids = [s.id for s in terms.stages]
    lists = {"a": roster.held_by_a, "b": roster.held_by_b}
    parties = {"a": terms.parties[0], "b": terms.parties[1]}
    caps = {"a": terms.caps[0], "b": terms.caps[1]}

    def group_of(person: Person) -> int | None:
        for n, group in enumerate(terms.mandatory):
            if not group.health or person.health.casefold() in group.health:
                return n
        return None

    def counted(person: Person) -> bool:
        n = group_of(person)
        return n is None or terms.mandatory[n].counted

    def value(person: Person) -> float:
        return SCALE[person.rank] if terms.balance.mode == "scale" else 1.0

    def chosen(side: str) -> list[tuple[Person, int]]:
        return [
            (p, stage_of[(side, p.record_id)])
            for p in lists[side]
            if stage_of[(side, p.record_id)] >= 0
        ]

    for side, other in (("a", "b"), ("b", "a")):
        for person, _ in chosen(side):
            for gate in sorted(terms.eligibility):
                if _gate_fails(person, gate):
                    broken.append((f"eligibility.{gate}", frozenset()))
            if person.record_id in parties[side].refuses:
                broken.append((f"parties.{side}.refuses", frozenset()))
        ids = {p.record_id: p for p in lists[side]}
        for record_id in parties[other].insists_on:
            if record_id not in ids or stage_of[(side, record_id)] < 0:
                broken.append((f"parties.{other}.insists_on", frozenset()))
        for person in lists[side]:
            n = group_of(person)
            passes = not any(_gate_fails(person, g) for g in terms.eligibility)
            if n is not None and passes and stage_of[(side, person.record_id)] < 0:
                # the group takes those who pass the agreement's gates (a fact)
                broken.append((f"mandatory.{n}", frozenset()))
        count = sum(1 for p, _ in chosen(side) if counted(p))
        bounds = caps[side]
        if (bounds.min is not None and count < bounds.min) or (
            bounds.max is not None and count > bounds.max
        ):
            broken.append((f"caps.{side}", frozenset()))
        for s, stage in enumerate(terms.stages):
            here = [p for p, t in chosen(side) if t == s]
            if stage.capacity is not None and len(here) > stage.capacity:
                broken.append((f"stages.{stage.id}.capacity", frozenset()))
            for category, quota in stage.quotas.items():
                n_cat = sum(1 for p in here if p.category == category)
                if (quota.min is not None and n_cat < quota.min) or (
                    quota.max is not None and n_cat > quota.max
                ):
                    broken.append((f"stages.{stage.id}.quotas.{category}", frozenset()))

    def total(
        side: str, category: str | None = None, stage: int | None = None
    ) -> float:
        return sum(
            value(p)
            for p, t in chosen(side)
            if counted(p)
            and (category is None or p.category == category)
            and (stage is None or t == stage)
        )

    tolerance = terms.balance.tolerance + 1e-9
    if terms.balance.mode != "none":
        if abs(total("a") - total("b")) > tolerance:
            broken.append(("balance", frozenset()))
        if terms.balance.per_stage:
            for s, stage_id in enumerate(stage_ids):
                if abs(total("a", stage=s) - total("b", stage=s)) > tolerance:
                    broken.append((f"balance.stage.{stage_id}", frozenset()))
    for category in terms.balance.categories:
        if abs(total("a", category) - total("b", category)) > tolerance:
            broken.append((f"balance.category.{category}", frozenset()))
    return broken


def _every_plan(terms: Agreement, roster: Roster) -> list[list[Clause]]:
    keys = [("a", p.record_id) for p in roster.held_by_a] + [
        ("b", p.record_id) for p in roster.held_by_b
    ]
    choices = range(-1, len(terms.stages))
    return [
        _broken(terms, roster, dict(zip(keys, assignment, strict=True)))
        for assignment in itertools.product(choices, repeat=len(keys))
    ]


def _admits_a_plan(plans: list[list[Clause]], kept: Iterable[str]) -> bool:
    rules = frozenset(kept)
    return any(
        not any(rule in rules and not (voided & rules) for rule, voided in clauses)
        for clauses in plans
    )


def _subsets(rules: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    for size in range(len(rules)):
        yield from itertools.combinations(rules, size)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(most=3, stages=2))
def test_a_named_conflict_is_infeasible_alone_and_every_proper_subset_feasible(
    case: tuple[Agreement, Roster],
) -> None:
    terms, roster = case
    plan = plan_exchange(terms, roster, price_of_fairness=False)
    plans = _every_plan(terms, roster)
    every_rule = {rule for clauses in plans for rule, _ in clauses}
    if plan.status != "infeasible":
        assert _admits_a_plan(plans, every_rule)
        return
    assert not _admits_a_plan(plans, every_rule)
    assert plan.conflicts
    for conflict in plan.conflicts:
        rules = tuple(rule.key for rule in conflict.rules)
        assert conflict.proven
        assert not _admits_a_plan(plans, rules), rules
        for subset in _subsets(rules):
            assert _admits_a_plan(plans, subset), (rules, subset)
    first = [rule.key for rule in plan.conflicts[0].rules]
    others = [r for r in first if not _admits_a_plan(plans, every_rule - {r})]
    if plan.conflicts_unique is True:
        assert others == []
    elif plan.conflicts_unique is False:
        assert others or len(plan.conflicts) > 1


def _less(value: int | None, by: float) -> int | None:
    return None if value is None else round(value - by)


def _more(value: int | None, by: float) -> int | None:
    return None if value is None else round(value + by)


def _applied(
    terms: Agreement,
    roster: Roster,
    way: Relaxation,
    shrink: float = 0.0,
    names: Iterable[str] | None = None,
) -> tuple[Agreement, Roster]:
    """The agreement with the way out applied (``shrink``: one unit less of it;
    ``names``: other persons instead of the way's)."""
    parts = way.rule.key.split(".")
    low, high = max(way.lower_by - shrink, 0.0), max(way.raise_by - shrink, 0.0)
    if parts[0] == "balance":
        balance = dataclasses.replace(
            terms.balance, tolerance=terms.balance.tolerance + max(low, high)
        )
        return dataclasses.replace(terms, balance=balance), roster
    if parts[0] == "caps":
        s = 0 if parts[1] == "a" else 1
        caps = list(terms.caps)
        caps[s] = Bounds(_less(caps[s].min, low), _more(caps[s].max, high))
        return dataclasses.replace(terms, caps=(caps[0], caps[1])), roster
    if parts[0] == "stages":
        stages = []
        for stage in terms.stages:
            if stage.id == parts[1] and parts[2] == "capacity":
                stage = dataclasses.replace(stage, capacity=_more(stage.capacity, high))
            elif stage.id == parts[1]:
                category = ".".join(parts[3:])
                quota = stage.quotas[category]
                quotas = {
                    **stage.quotas,
                    category: Bounds(_less(quota.min, low), _more(quota.max, high)),
                }
                stage = dataclasses.replace(stage, quotas=quotas)
            stages.append(stage)
        return dataclasses.replace(terms, stages=tuple(stages)), roster
    ids = set(way.record_ids if names is None else names)
    if parts[0] == "parties":
        s = 0 if parts[1] == "a" else 1
        party = terms.parties[s]
        field = parts[2]
        kept = tuple(r for r in getattr(party, field) if r not in ids)
        parties = list(terms.parties)
        parties[s] = dataclasses.replace(party, **{field: kept})
        return dataclasses.replace(terms, parties=(parties[0], parties[1])), roster

    # a mandatory group: its named persons wait (they leave the group)
    def leave(persons: tuple[Person, ...]) -> tuple[Person, ...]:
        return tuple(
            dataclasses.replace(p, health="") if p.record_id in ids else p
            for p in persons
        )

    return terms, Roster(leave(roster.held_by_a), leave(roster.held_by_b))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(most=3, stages=2))
def test_every_way_out_applied_makes_the_agreement_possible(
    case: tuple[Agreement, Roster],
) -> None:
    terms, roster = case
    plan = plan_exchange(terms, roster, price_of_fairness=False)
    if plan.status != "infeasible":
        return
    for way in plan.ways_out:
        assert not way.rule.key.startswith("eligibility.")
        relaxed_terms, relaxed_roster = _applied(terms, roster, way)
        plans = _every_plan(relaxed_terms, relaxed_roster)
        every_rule = {rule for clauses in plans for rule, _ in clauses}
        assert _admits_a_plan(plans, every_rule), way
        # and it is the least change to that rule: one unit (or name) less fails
        if way.rule.key.startswith(("caps.", "parties.", "mandatory.")) or (
            way.rule.key.endswith(".capacity")
        ):
            for fewer in _fewer(terms, roster, way):
                smaller = _applied(terms, roster, way, shrink=1.0, names=fewer)
                plans = _every_plan(*smaller)
                every_rule = {rule for clauses in plans for rule, _ in clauses}
                assert not _admits_a_plan(plans, every_rule), (way, fewer)


def _fewer(
    terms: Agreement, roster: Roster, way: Relaxation
) -> Iterable[tuple[str, ...] | None]:
    """Every smaller change of the same kind: one unit less, or any k-1 of the persons
    the rule concerns."""
    if not way.record_ids:
        yield None
        return
    parts = way.rule.key.split(".")
    if parts[0] == "parties":
        concerned = getattr(terms.parties[0 if parts[1] == "a" else 1], parts[2])
    else:
        concerned = tuple(
            p.record_id
            for p in (*roster.held_by_a, *roster.held_by_b)
            if p.health in ("seriously wounded",)
        )
    yield from itertools.combinations(sorted(set(concerned)), len(way.record_ids) - 1)
