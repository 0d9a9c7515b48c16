"""Blocking keeps recall: nearly every true pair agrees on at least one rule."""

import duckdb
import pyarrow as pa
import pytest

from homecoming.engines.linkage import (
    BLOCKING_RULES,
    LinkRecord,
    PartialDate,
    link_record,
)
from homecoming.engines.linkage.table import record_columns


def _blocked(left: list[LinkRecord], right: list[LinkRecord]) -> set[tuple[str, str]]:
    """The (left id, right id) pairs that agree on at least one blocking rule."""
    con = duckdb.connect()
    con.register("l_t", pa.table(record_columns(left)))
    con.register("r_t", pa.table(record_columns(right)))
    any_rule = " OR ".join(f"({rule})" for rule in BLOCKING_RULES)
    rows = con.execute(
        f"SELECT l.unique_id, r.unique_id FROM l_t l JOIN r_t r ON {any_rule}"  # noqa: S608
    ).fetchall()
    return {(left[a].record_id, right[b].record_id) for a, b in rows}


def test_blocking_rules_keep_nearly_every_true_pair(generated_lists):
    sought, held, truth = generated_lists
    found = _blocked(sought, held)
    assert len(found & truth) / len(truth) >= 0.99
    # and blocking is selective: a few candidates per record, not all pairs
    assert len(found) < 40 * len(sought)


def _namesake(record_id: str, birth_date: PartialDate | None) -> LinkRecord:
    # same surname and patronymic, another given name, no other particular
    return link_record(
        record_id, surname="Мельник", given_name=record_id,
        patronymic="Петрович", birth_date=birth_date,
    )  # fmt: skip


def test_namesakes_whose_birth_dates_share_nothing_are_not_paired_by_name_alone():
    # given two records alike only in surname and patronymic, born on dates with
    # no year, month or day in common
    left = [_namesake("Іван", PartialDate(1971, 3, 4))]
    right = [_namesake("Олег", PartialDate(1985, 11, 22))]
    # then no rule pairs them
    assert _blocked(left, right) == set()


@pytest.mark.parametrize(
    "other",
    [
        None,  # a date missing on one side
        PartialDate(1972, 4, 3),  # day and month swapped, the year mistyped
        PartialDate(1971, 9, 9),  # the year kept
        PartialDate(1985, 3, 9),  # the month kept
        PartialDate(1985, 9, 4),  # the day kept
    ],
)
def test_namesakes_whose_birth_dates_may_be_one_are_paired(other):
    # given the same two namesakes, with dates that one mistake could make differ
    left = [_namesake("Іван", PartialDate(1971, 3, 4))]
    right = [_namesake("Олег", other)]
    # then the surname-and-patronymic rule still pairs them for scoring
    assert _blocked(left, right) == {("Іван", "Олег")}


@pytest.mark.parametrize(
    ("left_row", "right_row"),
    [
        # a dropped letter in the surname and another in the given name, no birth
        # date on one side: the "ПЕТРЕНЩО Влапимир"
        (
            {"surname": "Петренко", "given_name": "Володимир", "patronymic": "Іванович",
                 "birth_date": PartialDate(1980, 5, 17)},
            {"surname": "ПЕТРЕНЩО", "given_name": "Влапимир", "patronymic": "Иванович"},
        ),
        # the surname mistyped at its second letter (so its first two differ) and
        # the given name mistyped, a year only on one side
        (
            {"surname": "Дзюбин", "given_name": "Григроій", "patronymic": "Іванович",
                 "birth_date": PartialDate(1976, 5, 6)},
            {"surname": "ДБЮБИН", "given_name": "Григорий", "patronymic": "Иванович",
                 "birth_date": PartialDate(1976)},
        ),
        # a romanised row without patronymic, both names mistyped
        (
            {"surname": "Паліян", "given_name": "Остап", "patronymic": "Олегович",
                 "birth_date": PartialDate(1978)},
            {"surname": "Paiian", "given_name": "Ostp", "birth_date": PartialDate(1978, 5, 20)},
        ),
    ],
)  # fmt: skip
def test_a_pair_with_two_names_mistyped_at_once_is_paired(left_row, right_row):
    # given one person written with a typo in the surname and in the given name
    left = [link_record("L", **left_row)]
    right = [link_record("R", **right_row)]
    # then a rule still pairs them for scoring
    assert _blocked(left, right) == {("L", "R")}


def test_blocking_keeps_recall_on_noise_it_was_not_tuned_on():
    # given lists of another seed and the held-out noise (more typos, a tenth of
    # rows with both names mistyped... see bench.linkage.generate.HELD_OUT)
    from bench.linkage.generate import HELD_OUT, generate

    from tests.engines.linkage.conftest import records_of

    sought, held, truth = generate(1500, seed=202, noise=HELD_OUT)
    left, right = records_of(sought), records_of(held)
    found = _blocked(left, right)
    # then nearly every true pair is still scored (0.976 before the rules over the
    # first letters of both names; 0.995 after, at 10,000 rows)
    assert len(found & set(truth)) / len(truth) >= 0.99
    # with about 3 pairs scored per record at most
    assert len(found) <= 3 * len(left)
