"""Each rule of an agreement, pinned on a small case whose optimum is worked out by hand.

Scores are the receiving party's: by default ``1 + priority``.
"""

from __future__ import annotations

from homecoming.engines.planning import (
    Balance,
    Bounds,
    MandatoryGroup,
    PartyRules,
    Plan,
    Roster,
    Stage,
    check_plan,
    plan_exchange,
)
from tests.engines.planning.builders import agreement, cap, person, ranked


def released(plan: Plan, side: str) -> set[str]:
    return {d.record_id for d in plan.decisions if d.side == side and d.selected}


def test_count_parity_releases_as_many_as_the_smaller_side_can() -> None:
    # given A holds 5 and B holds 3, count for count, no caps
    roster = Roster(ranked("A", [1, 2, 3, 4, 5]), ranked("B", [1, 1, 1]))
    terms = agreement()
    # when
    plan = plan_exchange(terms, roster)
    # then B releases all 3 and A its 3 that B wants most
    assert plan.status == "optimal" and plan.proven_optimal and plan.method == "milp"
    assert released(plan, "a") == {"A3", "A4", "A5"}
    assert released(plan, "b") == {"B1", "B2", "B3"}
    assert check_plan(terms, roster, plan) == []


def test_cut_off_is_named_for_a_person_outranked_by_priority() -> None:
    roster = Roster(ranked("A", [1, 2, 3, 4, 5]), ranked("B", [1, 1, 1]))
    plan = plan_exchange(agreement(), roster)
    decision = plan.decision("A2", "a")
    assert decision is not None and decision.reason_code == "priority"
    assert "cut-off 4 (record A3)" in decision.reason


def test_caps_limit_each_side_to_its_best() -> None:
    roster = Roster(ranked("A", [5, 1, 4, 2]), ranked("B", [0, 9, 3, 7]))
    plan = plan_exchange(agreement(caps=cap(2)), roster)
    assert released(plan, "a") == {"A1", "A3"}
    assert released(plan, "b") == {"B2", "B4"}
    assert plan.decision("A4", "a").reason_code == "priority"  # type: ignore[union-attr]


def test_scale_without_tolerance_cannot_trade_a_colonel_for_twelve_privates() -> None:
    # given A holds a wanted colonel (15) and 10 privates; B holds 12 privates
    scale = Balance(mode="scale", tolerance=0, scale={"colonel": 15, "private": 1})
    colonel = person("AC", rank="colonel", priority=20)
    roster = Roster(
        (colonel, *ranked("A", [0] * 10, rank="private")),
        ranked("B", [0] * 12, rank="private"),
    )
    # when
    plan = plan_exchange(agreement(balance=scale), roster)
    # then the values must match exactly: 10 privates for 10 privates
    assert "AC" not in released(plan, "a")
    assert len(released(plan, "a")) == 10 and len(released(plan, "b")) == 10


def test_scale_with_tolerance_trades_the_colonel_for_twelve_privates() -> None:
    scale = Balance(mode="scale", tolerance=3, scale={"colonel": 15, "private": 1})
    colonel = person("AC", rank="colonel", priority=20)
    roster = Roster(
        (colonel, *ranked("A", [0] * 10, rank="private")),
        ranked("B", [0] * 12, rank="private"),
    )
    plan = plan_exchange(agreement(balance=scale), roster)
    # 15 against 12 is within 3; both parties get their ideal (share 1)
    assert released(plan, "a") == {"AC"}
    assert len(released(plan, "b")) == 12
    assert plan.fairness_level is not None and plan.fairness_level > 0.999


def test_rank_aliases_map_the_list_wording_to_the_scale() -> None:
    scale = Balance(
        mode="scale",
        scale={"colonel": 15, "private": 1},
        rank_aliases={"полковник": "colonel"},
    )
    roster = Roster(
        (person("A1", rank="Полковник"),), ranked("B", [0] * 15, rank="private")
    )
    plan = plan_exchange(agreement(balance=scale), roster)
    assert released(plan, "a") == {"A1"} and len(released(plan, "b")) == 15


def test_category_balances_among_itself() -> None:
    # given A's two civilians are what B wants most, but B holds only one civilian
    a = (
        person("AC1", category="civilian", priority=9),
        person("AC2", category="civilian", priority=8),
        *ranked("AM", [1, 1, 1], category="military"),
    )
    b = (
        person("BC1", category="civilian"),
        *ranked("BM", [1, 1, 1], category="military"),
    )
    terms = agreement(balance=Balance(categories=("civilian",)))
    # when
    plan = plan_exchange(terms, roster := Roster(a, b))
    # then civilians go one for one, and the military three for three
    assert released(plan, "a") == {"AC1", "AM1", "AM2", "AM3"}
    assert released(plan, "b") == {"BC1", "BM1", "BM2", "BM3"}
    decision = plan.decision("AC2", "a")
    assert decision is not None and decision.reason_code == "priority"
    assert 'balance of category "civilian"' in decision.reason
    assert check_plan(terms, roster, plan) == []


def test_without_the_category_rule_both_civilians_go() -> None:
    a = (
        person("AC1", category="civilian", priority=9),
        person("AC2", category="civilian", priority=8),
        *ranked("AM", [1, 1, 1], category="military"),
    )
    b = (
        person("BC1", category="civilian"),
        *ranked("BM", [1, 1, 1], category="military"),
    )
    plan = plan_exchange(agreement(), Roster(a, b))
    assert {"AC1", "AC2"} <= released(plan, "a")


def test_seriously_wounded_go_regardless_and_outside_the_parity() -> None:
    wounded = MandatoryGroup("seriously wounded", health=("seriously wounded",))
    a = (*ranked("AW", [0, 0], health="seriously wounded"), *ranked("A", [1, 2, 3]))
    b = ranked("B", [1, 2, 3])
    terms = agreement(caps=cap(1), mandatory=(wounded,))
    plan = plan_exchange(terms, roster := Roster(a, b))
    assert released(plan, "a") == {"AW1", "AW2", "A3"}
    assert released(plan, "b") == {"B3"}
    assert plan.decision("AW1", "a").reason_code == "mandatory"  # type: ignore[union-attr]
    assert check_plan(terms, roster, plan) == []


def test_wounded_who_refuse_repatriation_stay() -> None:
    wounded = MandatoryGroup("seriously wounded", health=("seriously wounded",))
    a = (person("AW", health="seriously wounded", consent=False),)
    plan = plan_exchange(agreement(mandatory=(wounded,)), Roster(a, ()))
    decision = plan.decision("AW", "a")
    assert decision is not None and not decision.selected
    assert decision.reason_code == "ineligible" and "consent" in decision.reason


def test_age_group_goes_all_for_all() -> None:
    young = MandatoryGroup("aged 18 to 25", age_min=18, age_max=25)
    a = (
        person("A18", age_years=18),
        person("A25", age_years=25.9),
        person("A26", age_years=26),
    )
    b = (person("B20", age_years=20),)
    terms = agreement(balance=Balance(mode="none"), caps=cap(0), mandatory=(young,))
    plan = plan_exchange(terms, Roster(a, b))
    assert released(plan, "a") == {"A18", "A25"}
    assert released(plan, "b") == {"B20"}


def test_each_gate_keeps_a_person_out_with_its_reason() -> None:
    a = (
        person("A-id", identity_verified=None),
        person("A-consent", consent=False),
        person("A-retained", retained=True),
        person("A-dead", alive=False),
        person("A-ok"),
    )
    b = ranked("B", [1, 1, 1, 1, 1])
    plan = plan_exchange(agreement(), Roster(a, b))
    assert released(plan, "a") == {"A-ok"} and len(released(plan, "b")) == 1
    reasons = {d.record_id: d.reason for d in plan.decisions if d.side == "a"}
    assert "identity not verified" in reasons["A-id"]
    assert "consent" in reasons["A-consent"]
    assert "Art. 119" in reasons["A-retained"]
    assert "alive" in reasons["A-dead"]


def test_gates_not_required_are_not_checked() -> None:
    a = (person("A1", medical_fit=False),)
    terms = agreement(eligibility=frozenset({"consent"}))
    plan = plan_exchange(terms, Roster(a, (person("B1"),)))
    assert released(plan, "a") == {"A1"}


def test_insisted_name_goes_and_refused_name_stays() -> None:
    # given B insists on A's least wanted person, A refuses its most wanted one
    parties = (PartyRules("A", refuses=("A5",)), PartyRules("B", insists_on=("A1",)))
    roster = Roster(ranked("A", [1, 2, 3, 4, 5]), ranked("B", [1, 2, 3]))
    terms = agreement(caps=cap(2), parties=parties)
    plan = plan_exchange(terms, roster)
    assert released(plan, "a") == {"A1", "A4"}
    assert plan.decision("A1", "a").reason_code == "insisted"  # type: ignore[union-attr]
    assert plan.decision("A5", "a").reason_code == "refused"  # type: ignore[union-attr]
    assert check_plan(terms, roster, plan) == []


def test_stages_fill_in_order_of_priority_within_their_capacity() -> None:
    stages = (Stage("1", capacity=2), Stage("2", capacity=1))
    roster = Roster(ranked("A", [5, 4, 3, 2, 1]), ranked("B", [5, 4, 3, 2, 1]))
    plan = plan_exchange(agreement(stages=stages), roster)
    where = {
        d.record_id: d.stage for d in plan.decisions if d.side == "a" and d.selected
    }
    assert where == {"A1": "1", "A2": "1", "A3": "2"}
    decision = plan.decision("A4", "a")
    assert decision is not None and "capacity of stage 1, 2 reached" in decision.reason


def test_quota_and_per_stage_balance_shape_each_stage() -> None:
    stages = (
        Stage("1", capacity=2, quotas={"civilian": Bounds(1, 1)}),
        Stage("2", capacity=2),
    )
    terms = agreement(stages=stages, balance=Balance(per_stage=True))
    a = (person("AC", category="civilian"), *ranked("AM", [3, 2, 1]))
    b = (person("BC", category="civilian"), *ranked("BM", [3, 2, 1]))
    plan = plan_exchange(terms, roster := Roster(a, b))
    stage_one = {d.record_id for d in plan.decisions if d.stage == "1"}
    assert {"AC", "BC"} <= stage_one and len(stage_one) == 4
    assert check_plan(terms, roster, plan) == []


def test_fairness_does_not_let_one_side_take_everything() -> None:
    # given each side can only get back persons the other releases, 2 for 2
    roster = Roster(ranked("A", [10, 0, 0]), ranked("B", [10, 0, 0]))
    plan = plan_exchange(agreement(caps=cap(2)), roster)
    a, b = plan.parties
    assert abs(a.share - b.share) < 1e-6
    assert plan.price_of_fairness is not None and plan.price_of_fairness >= 0


def test_wounded_go_in_the_first_stage_with_room() -> None:
    # given room for 2 per side in each of two stages, one wounded and two counted
    wounded = MandatoryGroup("seriously wounded", health=("seriously wounded",))
    stages = (Stage("1", capacity=2), Stage("2", capacity=2))
    a = (person("AW", health="seriously wounded"), *ranked("A", [9, 8, 7]))
    terms = agreement(stages=stages, caps=cap(2), mandatory=(wounded,))
    # when
    plan = plan_exchange(terms, Roster(a, ranked("B", [1, 2])))
    # then the wounded and the most wanted go first, the next one after
    where = {
        d.record_id: d.stage for d in plan.decisions if d.side == "a" and d.selected
    }
    assert where == {"AW": "1", "A1": "1", "A2": "2"}
