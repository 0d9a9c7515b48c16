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
