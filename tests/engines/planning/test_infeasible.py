"""Agreements that cannot be kept: the plan names the smallest set of conflicting rules."""

from __future__ import annotations

from homecoming.engines.planning import (
    Balance,
    MandatoryGroup,
    PartyRules,
    Roster,
    Stage,
    plan_exchange,
)
from tests.engines.planning.builders import agreement, cap, person, ranked

WOUNDED = MandatoryGroup("seriously wounded", health=("seriously wounded",))


def rule_keys(plan: object) -> set[str]:
    return {rule.key for conflict in plan.conflicts for rule in conflict.rules}  # type: ignore[attr-defined]


def test_wounded_beyond_the_stage_capacity_conflict_with_it() -> None:
    # given 3 seriously wounded must go but the only stage takes 2 from each side
    terms = agreement(
        stages=(Stage("1", capacity=2),), mandatory=(WOUNDED,), caps=cap(1)
    )
    roster = Roster(
        ranked("A", [0, 0, 0], health="seriously wounded"), ranked("B", [1])
    )
    # when
    plan = plan_exchange(terms, roster)
    # then the two rules at odds, and only those, are named
    assert plan.status == "infeasible"
    assert rule_keys(plan) == {"mandatory.0", "stages.1.capacity"}
    assert plan.conflict_method == "highs-iis+deletion-filter"
    assert 'mandatory group "seriously wounded"' in plan.conflicts[0].detail
    assert all(not d.selected for d in plan.decisions)
    assert all(d.reason_code == "not-planned" for d in plan.decisions)


def test_a_minimum_the_list_cannot_reach_is_named_alone() -> None:
    terms = agreement(caps=cap(5, low=3))
    roster = Roster(ranked("A", [1, 1]), ranked("B", [1, 1, 1, 1]))
    plan = plan_exchange(terms, roster)
    assert plan.status == "infeasible"
    assert rule_keys(plan) == {"caps.a"}


def test_stage_minimum_against_balance_and_caps() -> None:
    # given 2 civilians from each side must go in stage 1, but only 1 counted person may
    from homecoming.engines.planning import Bounds

    stages = (Stage("1", quotas={"civilian": Bounds(2, None)}),)
    terms = agreement(stages=stages, caps=cap(1))
    civilians = [person(f"C{i}", category="civilian") for i in range(3)]
    plan = plan_exchange(terms, Roster(tuple(civilians), tuple(civilians)))
    assert rule_keys(plan) == {"caps.a", "stages.1.quotas.civilian"} or rule_keys(
        plan
    ) == {
        "caps.b",
        "stages.1.quotas.civilian",
    }


def test_whole_persons_make_it_impossible_found_by_deletion_filter() -> None:
    # given B insists on a colonel (15) but A can only be paid in captains (6 each):
    # 2.5 captains would balance, whole captains cannot
    scale = Balance(mode="scale", scale={"colonel": 15, "captain": 6})
    terms = agreement(
        balance=scale,
        parties=(PartyRules("A"), PartyRules("B", insists_on=("AC",))),
    )
    roster = Roster(
        (person("AC", rank="colonel"),), ranked("B", [1, 1, 1, 1], rank="captain")
    )
    plan = plan_exchange(terms, roster)
    assert plan.status == "infeasible"
    assert plan.conflict_method == "deletion-filter"
    assert rule_keys(plan) == {"balance", "parties.b.insists_on"}


def test_insisting_on_a_refused_name_is_caught_before_solving() -> None:
    parties = (PartyRules("A", refuses=("A1",)), PartyRules("B", insists_on=("A1",)))
    plan = plan_exchange(
        agreement(parties=parties), Roster(ranked("A", [1]), ranked("B", [1]))
    )
    assert plan.status == "infeasible" and plan.conflict_method == "pre-check"
    assert rule_keys(plan) == {"parties.a.refuses", "parties.b.insists_on"}


def test_insisting_on_someone_without_consent_names_the_gate() -> None:
    parties = (PartyRules("A"), PartyRules("B", insists_on=("A1",)))
    roster = Roster((person("A1", consent=False),), ranked("B", [1]))
    plan = plan_exchange(agreement(parties=parties), roster)
    assert rule_keys(plan) == {"parties.b.insists_on", "eligibility.consent"}
    assert "consent" in plan.conflicts[0].detail


def test_insisting_on_a_name_not_on_the_list_is_a_conflict() -> None:
    parties = (PartyRules("A", insists_on=("B-404",)), PartyRules("B"))
    plan = plan_exchange(
        agreement(parties=parties), Roster(ranked("A", [1]), ranked("B", [1]))
    )
    assert plan.status == "infeasible"
    assert "B-404" in plan.conflicts[0].detail
