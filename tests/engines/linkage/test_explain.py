"""A reason names each field both records give, how it agrees, and its weight."""

from homecoming.engines.linkage import COMPARISONS, PartialDate, ScoredPair, describe
from homecoming.engines.linkage.explain import field_evidence, reason_text
from homecoming.engines.linkage.records import LinkRecord


def _gamma(name: str, label: str | None) -> int:
    comparison = next(c for c in COMPARISONS if c.name == name)
    if label is None:
        return -1
    index = next(i for i, lvl in enumerate(comparison.levels) if lvl.label == label)
    return comparison.gamma_of(index)


def test_the_reason_reads_field_by_field_with_weights():
    left = LinkRecord(
        "S1", surname="Kovalchuk", given_name="Олександр",
        birth_date=PartialDate(1990, 5, 17), service_number="АВ123456",
    )  # fmt: skip
    right = LinkRecord(
        "H1", surname="Ковальчук", given_name="Александр",
        birth_date=PartialDate(1990, 5, 17), service_number="КМ778812",
    )  # fmt: skip
    levels = {
        "sk": "same key", "gk": "same key", "pk": None, "birth_date": "exact",
        "sn": "different", "unit": None, "sex": None,
    }  # fmt: skip
    weights = {"sk": 7.1, "gk": 5.3, "birth_date": 6.2, "sn": -1.2}
    scored = ScoredPair(
        left=0,
        right=0,
        weight=17.4,
        levels=tuple(_gamma(c.name, levels.get(c.name)) for c in COMPARISONS),
        field_weights=tuple(weights.get(c.name, 0.0) for c in COMPARISONS),
    )
    reason = describe(field_evidence(scored, left, right))
    assert reason == (
        "surname Kovalchuk = Ковальчук (+7.1), given name Олександр = Александр (+5.3), "
        "born 17.05.1990 = 17.05.1990 (+6.2), service no. АВ123456 ≠ КМ778812 (-1.2)"
    )


def test_a_swapped_date_says_so():
    left = LinkRecord("S1", birth_date=PartialDate(1990, 5, 7))
    right = LinkRecord("H1", birth_date=PartialDate(1990, 7, 5))
    levels = tuple(
        _gamma(c.name, "day and month swapped" if c.name == "birth_date" else None)
        for c in COMPARISONS
    )
    scored = ScoredPair(
        0,
        0,
        3.0,
        levels,
        tuple(3.0 if c.name == "birth_date" else 0.0 for c in COMPARISONS),
    )
    assert describe(field_evidence(scored, left, right)) == (
        "born 07.05.1990 / 05.07.1990, day and month swapped (+3.0)"
    )


def test_reason_text_is_the_description_of_the_evidence():
    # given a pair with every kind of level, swapped dates and missing fields
    left = LinkRecord(
        "S2", surname="Шевченко", given_name="Тарас", patronymic="Григорович",
        birth_date=PartialDate(1990, 5, 7), sex="m", unit="А1234",
    )  # fmt: skip
    right = LinkRecord(
        "H2", surname="Shevchenko", given_name="Taras",
        birth_date=PartialDate(1990, 7, 5), sex="m", unit="А1243",
    )  # fmt: skip
    levels = {
        "sk": "a key in common", "gk": "Jaro-Winkler >= 0.92", "pk": None,
        "birth_date": "day and month swapped", "sn": None, "unit": "one character off",
        "sex": "same",
    }  # fmt: skip
    scored = ScoredPair(
        left=0,
        right=0,
        weight=9.0,
        levels=tuple(_gamma(c.name, levels.get(c.name)) for c in COMPARISONS),
        field_weights=tuple(1.5 for _ in COMPARISONS),
    )
    # when the reason is made directly, then it reads as the evidence describes it
    expected = describe(field_evidence(scored, left, right))
    assert reason_text(scored, left, right) == expected
    assert "day and month swapped" in expected and "sex" not in expected


def test_capture_dates_weeks_apart_and_the_place_have_their_clauses():
    # given a capture the family dates 01.05.2022 and the detaining side registers
    # on 20.05.2022, in the same town written in each language
    left = LinkRecord(
        "S1", capture_date=PartialDate(2022, 5, 1), capture_place="м. Маріуполь"
    )
    right = LinkRecord(
        "H1", capture_date=PartialDate(2022, 5, 20), capture_place="Мариуполь"
    )
    levels = {"capture_date": "within a month", "capture_place": "same place"}
    weights = {"capture_date": 2.1, "capture_place": 1.4}
    scored = ScoredPair(
        0,
        0,
        3.5,
        tuple(_gamma(c.name, levels.get(c.name)) for c in COMPARISONS),
        tuple(weights.get(c.name, 0.0) for c in COMPARISONS),
    )
    expected = (
        "captured 01.05.2022 / 20.05.2022, within a month (+2.1), "
        "place м. Маріуполь = Мариуполь (+1.4)"
    )
    # then the reason says how far apart the dates are, and both places as written
    assert describe(field_evidence(scored, left, right)) == expected
    assert reason_text(scored, left, right) == expected
