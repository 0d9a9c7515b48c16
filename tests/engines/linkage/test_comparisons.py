"""Birth-date levels, in Python and in the SQL Splink runs, and the comparison table."""

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.linkage import COMPARISONS, PartialDate, birth_date_relation
from homecoming.engines.linkage.comparisons import _edits_apart, splink_comparison_dicts
from homecoming.engines.linkage.records import LinkRecord
from homecoming.engines.linkage.table import record_columns


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (PartialDate(1990, 5, 17), PartialDate(1990, 5, 17), "exact"),
        (PartialDate(1990, 5, 7), PartialDate(1990, 7, 5), "day and month swapped"),
        (PartialDate(1990, 5, 17), PartialDate(1990, 5, 18), "one digit off"),
        (PartialDate(1990, 5, 17), PartialDate(1980, 5, 17), "one digit off"),
        (PartialDate(1990, 5, 12), PartialDate(1990, 5, 21), "one digit off"),
        (PartialDate(1990, 5, 17), PartialDate(1990, 5), "same month and year"),
        (PartialDate(1990, 5, 17), PartialDate(1990), "same year"),
        (PartialDate(1990, 5, 17), PartialDate(1990, 11, 3), "different"),
        (PartialDate(1990, 5, 17), PartialDate(1975, 1, 2), "different"),
        (PartialDate(1990, 5, 17), None, None),
    ],
)
def test_birth_dates_agree_at_the_strongest_level_that_holds(a, b, relation):
    assert birth_date_relation(a, b) == relation
    assert birth_date_relation(b, a) == relation


def _sql_level(a: PartialDate | None, b: PartialDate | None) -> str | None:
    dob = next(c for c in COMPARISONS if c.name == "birth_date")
    cols_l = record_columns([LinkRecord("l", birth_date=a)])
    cols_r = record_columns([LinkRecord("r", birth_date=b)])
    names = ("dob", "byear", "bmonth", "bday")
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE p ("
        + ", ".join(
            f"{k}_l {t}, {k}_r {t}"
            for k, t in zip(names, ("VARCHAR", "INT", "INT", "INT"), strict=True)
        )
        + ")"
    )
    con.execute(
        "INSERT INTO p VALUES (" + ", ".join("?" * 8) + ")",  # noqa: S608
        [v for k in names for v in (cols_l[k][0], cols_r[k][0])],
    )
    cases = " ".join(
        f"WHEN {lvl.sql} THEN '{lvl.label}'" for lvl in dob.levels if lvl.sql != "ELSE"
    )
    case = f"CASE WHEN {dob.null_sql} THEN NULL {cases} ELSE 'different' END"
    sql = "SELECT " + case + " FROM p"  # noqa: S608
    return con.execute(sql).fetchone()[0]


dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1960, 1962)),
    st.builds(PartialDate, st.integers(1960, 1962), st.integers(1, 12)),
    st.builds(
        PartialDate, st.integers(1960, 1962), st.integers(1, 12), st.integers(1, 28)
    ),
)


@given(dates, dates)
def test_the_sql_levels_splink_runs_agree_with_the_python_ones(a, b):
    assert _sql_level(a, b) == birth_date_relation(a, b)


def test_every_comparison_ends_with_disagreement_and_has_a_null_level():
    for comparison in COMPARISONS:
        assert comparison.levels[-1].sql == "ELSE"
        assert comparison.null_sql


def test_surnames_and_given_names_are_adjusted_for_how_common_they_are():
    tf = {
        c["output_column_name"]
        for c in splink_comparison_dicts()
        for level in c["comparison_levels"]
        if level.get("tf_adjustment_column")
    }
    assert tf == {"sk", "gk"}


def test_comparison_vector_values_count_down_to_zero_for_disagreement():
    dob = next(c for c in COMPARISONS if c.name == "birth_date")
    assert dob.level_of_gamma(0).label == "different"
    assert dob.level_of_gamma(len(dob.levels) - 1).label == "exact"
    assert dob.level_of_gamma(-1) is None


_SHORT_TEXT = st.text(alphabet="01аб7xК", max_size=6)


@pytest.mark.parametrize("edits", [1, 2])
@given(a=_SHORT_TEXT, b=_SHORT_TEXT)
def test_edit_levels_answer_as_the_plain_edit_distance_would(edits, a, b):
    # given two values, and the level SQL that skips the edit distance when it can
    sql = _edits_apart("sn", edits)
    # when DuckDB answers it
    row = duckdb.execute(
        f"SELECT coalesce({sql}, false), damerau_levenshtein(?, ?) = {edits} "  # noqa: S608
        "FROM (SELECT ?::VARCHAR AS sn_l, ?::VARCHAR AS sn_r)",
        [a, b, a, b],
    ).fetchone()
    # then it agrees with the plain Damerau-Levenshtein distance
    assert row is not None
    assert row[0] == row[1]
