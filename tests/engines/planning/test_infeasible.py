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


def conflict_keys(conflict: object) -> set[str]:
    return {rule.key for rule in conflict.rules}  # type: ignore[attr-defined]


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
    # a cannot release 3 of 2; and b's minimum of 3 cannot be balanced by a: two
    # separate minimal conflicts, both named, and the plan says there are several
    assert [conflict_keys(c) for c in plan.conflicts] == [
        {"caps.a"},
        {"balance", "caps.b"},
    ]
    assert plan.conflicts_unique is False
    assert all(c.proven for c in plan.conflicts)


def test_stage_minimum_against_balance_and_caps() -> None:
    # given 2 civilians from each side must go in stage 1, but only 1 counted person may
    from homecoming.engines.planning import Bounds

    stages = (Stage("1", quotas={"civilian": Bounds(2, None)}),)
    terms = agreement(stages=stages, caps=cap(1))
    civilians = [person(f"C{i}", category="civilian") for i in range(3)]
    plan = plan_exchange(terms, Roster(tuple(civilians), tuple(civilians)))
    assert {frozenset(conflict_keys(c)) for c in plan.conflicts} == {
        frozenset({"caps.a", "stages.1.quotas.civilian"}),
        frozenset({"caps.b", "stages.1.quotas.civilian"}),
    }
    assert plan.conflicts_unique is False


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
    assert plan.conflicts_unique is True and plan.conflicts[0].proven


def test_colonel_for_captains_names_the_partys_refusal() -> None:
    # issue 19: a holds a colonel (15), a major (8) and a private (1) it refuses to
    # release; b holds five captains (6) and insists on the colonel; exact parity.
    # 15 + 8 + 1 = 24 = four captains: it is a's refusal that makes it impossible.
    scale = Balance(
        mode="scale", scale={"colonel": 15, "major": 8, "captain": 6, "private": 1}
    )
    terms = agreement(
        balance=scale,
        parties=(
            PartyRules("A", refuses=("A-PVT",)),
            PartyRules("B", insists_on=("A-COL",)),
        ),
    )
    held_by_a = (
        person("A-COL", rank="colonel"),
        person("A-MAJ", rank="major"),
        person("A-PVT", rank="private"),
    )
    roster = Roster(held_by_a, ranked("B", [1] * 5, rank="captain"))
    plan = plan_exchange(terms, roster)
    assert plan.status == "infeasible"
    assert [conflict_keys(c) for c in plan.conflicts] == [
        {"balance", "parties.a.refuses", "parties.b.insists_on"}
    ]
    assert plan.conflicts[0].proven and plan.conflicts_unique is True
    assert "refuses to release" in plan.conflicts[0].detail
    # and once a releases the private, four captains balance the three
    released = plan_exchange(
        agreement(balance=scale, parties=(PartyRules("A"), terms.parties[1])), roster
    )
    assert released.status == "optimal"
    chosen = {d.record_id for d in released.decisions if d.selected}
    assert {"A-COL", "A-MAJ", "A-PVT"} <= chosen
    assert len({r for r in chosen if r.startswith("B")}) == 4


def test_a_staged_quota_conflict_names_every_rule_it_needs() -> None:
    # civilians for civilians; stage 1 takes exactly 2 civilians from each side; a
    # holds 3 but refuses 2 of them: the quota needs the refusal to fail, and the
    # category balance is not part of it
    from homecoming.engines.planning import Bounds

    stages = (Stage("1", quotas={"civilian": Bounds(2, 2)}),)
    terms = agreement(
        stages=stages,
        balance=Balance(categories=("civilian",)),
        parties=(PartyRules("A", refuses=("A-C2",)), PartyRules("B")),
    )
    held_by_a = tuple(person(f"A-C{i}", category="civilian") for i in (1, 2, 3))
    held_by_b = tuple(person(f"B-C{i}", category="civilian") for i in (1, 2))
    ok = plan_exchange(terms, Roster(held_by_a, held_by_b))
    assert ok.status == "optimal"  # a sends C1 and C3, b its two
    refusing = agreement(
        stages=stages,
        balance=Balance(categories=("civilian",)),
        parties=(PartyRules("A", refuses=("A-C2", "A-C3")), PartyRules("B")),
    )
    plan = plan_exchange(refusing, Roster(held_by_a, held_by_b))
    assert [conflict_keys(c) for c in plan.conflicts] == [
        {"parties.a.refuses", "stages.1.quotas.civilian"}
    ]
    assert plan.conflicts[0].proven and plan.conflicts_unique is True


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


def _ways(plan: object) -> list[tuple[str, float, str]]:
    return [(w.rule.key, w.amount, w.sentence) for w in plan.ways_out]  # type: ignore[attr-defined]


def test_cheapest_ways_out_of_the_colonel_for_captains() -> None:
    scale = Balance(
        mode="scale", scale={"colonel": 15, "major": 8, "captain": 6, "private": 1}
    )
    terms = agreement(
        balance=scale,
        parties=(
            PartyRules("A", refuses=("A-PVT",)),
            PartyRules("B", insists_on=("A-COL",)),
        ),
    )
    held_by_a = (
        person("A-COL", rank="colonel"),
        person("A-MAJ", rank="major"),
        person("A-PVT", rank="private"),
    )
    plan = plan_exchange(terms, Roster(held_by_a, ranked("B", [1] * 5, rank="captain")))
    # colonel + major = 23 against four captains = 24: a tolerance of 1 would do
    assert _ways(plan) == [
        ("balance", 1.0, "a tolerance of 1 instead of 0 (balance)"),
        ("parties.a.refuses", 1.0, "if a (A) released A-PVT (parties.a.refuses)"),
        (
            "parties.b.insists_on",
            1.0,
            "if b (B) no longer insisted on A-COL (parties.b.insists_on)",
        ),
    ]
    # and each way out, applied, gives a plan
    wider = agreement(balance=Balance(mode="scale", tolerance=1, scale=scale.scale))
    relaxed = plan_exchange(
        agreement(
            balance=wider.balance,
            parties=terms.parties,
        ),
        Roster(held_by_a, ranked("B", [1] * 5, rank="captain")),
    )
    assert relaxed.status == "optimal"


def test_cheapest_way_out_of_a_full_stage_is_its_capacity_or_one_wounded() -> None:
    terms = agreement(
        stages=(Stage("1", capacity=2),), mandatory=(WOUNDED,), caps=cap(1)
    )
    roster = Roster(
        ranked("A", [0, 0, 0], health="seriously wounded"), ranked("B", [1])
    )
    plan = plan_exchange(terms, roster)
    assert [(key, amount) for key, amount, _ in _ways(plan)] == [
        ("mandatory.0", 1.0),
        ("stages.1.capacity", 1.0),
    ]
    assert "stage 1 capacity 3 instead of 2" in plan.ways_out[1].sentence


def test_no_single_way_out_when_two_conflicts_share_no_rule() -> None:
    terms = agreement(caps=cap(5, low=3))
    plan = plan_exchange(terms, Roster(ranked("A", [1, 1]), ranked("B", [1] * 4)))
    # {caps.a} and {balance, caps.b}: a's minimum of 3 down to 2 still leaves b's 3
    # unbalanced, and no change to b's minimum or the balance lets a send 3 of 2
    assert plan.conflicts_unique is False
    assert plan.ways_out == ()


def test_a_way_out_naming_many_persons_names_five_and_counts_the_rest() -> None:
    terms = agreement(
        stages=(Stage("1", capacity=2),), mandatory=(WOUNDED,), caps=cap(1)
    )
    roster = Roster(ranked("A", [0] * 9, health="seriously wounded"), ranked("B", [1]))
    plan = plan_exchange(terms, roster)
    wounded = next(w for w in plan.ways_out if w.rule.key == "mandatory.0")
    assert len(wounded.record_ids) == 7  # 9 must go, the stage takes 2
    assert "7 persons (A1, A2, A3, A4, A5 and 2 more)" in wounded.sentence
    capacity = next(w for w in plan.ways_out if w.rule.key == "stages.1.capacity")
    assert capacity.sentence.startswith("stage 1 capacity 9 instead of 2")
