"""Ages in completed years on the reference date, at every birthday boundary (issue 19)."""

from __future__ import annotations

import datetime as dt

import pytest

from homecoming.engines.planning import (
    Balance,
    MandatoryGroup,
    PartyRules,
    Roster,
    Weights,
    plan_exchange,
)
from homecoming.engines.planning.ages import BirthDate, age_on
from tests.engines.planning.builders import agreement, cap, person

REFERENCE = dt.date(2025, 6, 9)
YOUNG = MandatoryGroup("aged 18 to 25", age_min=18, age_max=25)


def _young_terms(reference: str = "2025-06-09") -> object:
    return agreement(
        balance=Balance(mode="none"),
        caps=cap(0),
        mandatory=(YOUNG,),
        reference_date=reference,
    )


def _born_offset(years: int, days: int) -> dt.date:
    """Born so that the ``years``-th birthday falls ``days`` after the reference date."""
    return dt.date(REFERENCE.year - years, REFERENCE.month, REFERENCE.day) + (
        dt.timedelta(days=days)
    )


@pytest.mark.parametrize(
    ("years", "days", "in_group"),
    [
        (18, 1, False),  # 18th birthday tomorrow: 17 today
        (18, 0, True),  # 18 today
        (18, -1, True),  # 18 since yesterday
        (26, 1, True),  # 26 tomorrow: still 25 today, "18 to 25" includes him
        (26, 0, False),  # 26 today
        (26, -1, False),
    ],
)
def test_group_aged_18_to_25_at_the_18th_and_26th_birthdays(
    years: int, days: int, in_group: bool
) -> None:
    born = _born_offset(years, days)
    expected_age = years - 1 if days > 0 else years
    assert age_on(born, REFERENCE) == expected_age
    a = (person("A1", birth_date=born), person("A-old", birth_date=dt.date(1960, 1, 1)))
    b = (person("B1", birth_date=dt.date(2000, 1, 1)),)
    plan = plan_exchange(_young_terms(), Roster(a, b))  # type: ignore[arg-type]
    decision = plan.decision("A1", "a")
    assert decision is not None and decision.selected is in_group
    if in_group:
        assert decision.reason_code == "mandatory"
        assert f"aged {expected_age} on 2025-06-09" in decision.reason
    assert plan.decision("A-old", "a").selected is False  # type: ignore[union-attr]


def test_issue_19_examples_born_10_june_2007_and_1999() -> None:
    a = (
        person("A-2007", birth_date=dt.date(2007, 6, 10)),  # 17, 18 the next day
        person("A-1999", birth_date=dt.date(1999, 6, 10)),  # 25, 26 the next day
    )
    plan = plan_exchange(_young_terms(), Roster(a, ()))  # type: ignore[arg-type]
    assert plan.decision("A-2007", "a").selected is False  # type: ignore[union-attr]
    assert plan.decision("A-1999", "a").selected is True  # type: ignore[union-attr]
    late = plan_exchange(_young_terms("2025-06-10"), Roster(a, ()))  # type: ignore[arg-type]
    assert late.decision("A-2007", "a").selected is True  # type: ignore[union-attr]
    assert late.decision("A-1999", "a").selected is False  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (dt.date(2025, 2, 28), 20),  # no 29 February in 2025: not yet 21
        (dt.date(2025, 3, 1), 21),  # a year older on 1 March
        (dt.date(2028, 2, 28), 23),
        (dt.date(2028, 2, 29), 24),  # a leap year: on the day itself
    ],
)
def test_29_february_birth(on: dt.date, age: int) -> None:
    assert age_on(dt.date(2004, 2, 29), on) == age


def test_29_february_birth_joins_the_group_on_1_march() -> None:
    a = (person("A-leap", birth_date=dt.date(2004, 2, 29)),)
    # 18th birthday in 2022, a year without 29 February
    before = plan_exchange(_young_terms("2022-02-28"), Roster(a, ()))  # type: ignore[arg-type]
    after = plan_exchange(_young_terms("2022-03-01"), Roster(a, ()))  # type: ignore[arg-type]
    assert before.decision("A-leap", "a").selected is False  # type: ignore[union-attr]
    assert after.decision("A-leap", "a").selected is True  # type: ignore[union-attr]


def test_partial_birth_dates_count_only_when_every_day_agrees() -> None:
    assert age_on(BirthDate(2000, 1), REFERENCE) == 25  # any day of January 2000
    assert age_on(BirthDate(2000, 6), REFERENCE) is None  # 24 or 25 in June
    assert age_on(BirthDate(2000), REFERENCE) is None
    assert age_on(BirthDate(2000, 6, 9), REFERENCE) == 25


def test_missing_birth_date_is_in_no_age_group_scores_no_age_and_is_warned() -> None:
    # given one man without a birth date or age, one with only a stated age
    a = (
        person("A-unknown"),
        person("A-stated", age_years=25.9),  # an age column: completed years 25
        person("A-sick", health="sick"),
    )
    groups = (YOUNG, MandatoryGroup("sick", health=("sick",)))
    terms = agreement(
        balance=Balance(mode="none"),
        caps=cap(0),
        mandatory=groups,
        reference_date="2025-06-09",
    )
    plan = plan_exchange(terms, Roster(a, ()))
    # then the unknown age is in no age-bounded group, but another group still applies
    assert plan.decision("A-unknown", "a").selected is False  # type: ignore[union-attr]
    assert plan.decision("A-stated", "a").selected is True  # type: ignore[union-attr]
    assert plan.decision("A-sick", "a").selected is True  # type: ignore[union-attr]
    assert any("2 persons held by a have no known age" in w for w in plan.warnings)


def test_age_weight_uses_completed_years() -> None:
    # b scores the persons a holds by age; 30 the day before the reference date
    weights = Weights(base=0, priority=0, age_years=1)
    terms = agreement(
        parties=(PartyRules("a"), PartyRules("b", weights=weights)),
        caps=cap(1),
        balance=Balance(mode="none"),
        reference_date="2025-06-09",
    )
    a = (
        person("A-30", birth_date=dt.date(1995, 6, 8)),
        person("A-29", birth_date=dt.date(1995, 6, 10)),
    )
    plan = plan_exchange(terms, Roster(a, ()))
    assert plan.decision("A-30", "a").score == 30  # type: ignore[union-attr]
    assert plan.decision("A-29", "a").score == 29  # type: ignore[union-attr]
