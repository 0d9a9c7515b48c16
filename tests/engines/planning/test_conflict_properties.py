"""Named conflicts are true minimal conflicts, checked by brute force (issue 19).

A second, plain formulation of the agreement format (docs/agreement-format.md) written
here without the engine's model: every plan of a tiny roster (each person out, or in one
of the stages) is enumerated, and for each the rules it breaks are listed. A set of
rules admits a plan when some enumerated plan breaks none of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from hypothesis import HealthCheck, given, settings

from homecoming.engines.planning import Agreement, Person, Roster, plan_exchange
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
