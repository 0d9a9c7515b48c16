"""Reading the date forms official lists use."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.linkage import DateFormatError, PartialDate, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-05-17", PartialDate(1990, 5, 17)),
        ("17.05.1990", PartialDate(1990, 5, 17)),
        ("17/05/1990", PartialDate(1990, 5, 17)),
        ("7.5.1990", PartialDate(1990, 5, 7)),
        ("05.1990", PartialDate(1990, 5)),
        ("1990-05", PartialDate(1990, 5)),
        ("1990", PartialDate(1990)),
        ("1990 р.", PartialDate(1990)),
        ("1990 г.", PartialDate(1990)),
        (" 17.05.1990 ", PartialDate(1990, 5, 17)),
        ("1990-05-17 00:00:00", PartialDate(1990, 5, 17)),
        ("33010", PartialDate(1990, 5, 17)),
    ],
)
def test_every_list_form_reads_as_the_same_partial_date(text, expected):
    assert parse_partial_date(text) == expected


def test_day_comes_first_in_slashed_dates():
    assert parse_partial_date("05/06/1990") == PartialDate(1990, 6, 5)


def test_empty_cells_are_no_date():
    assert parse_partial_date("") is None
    assert parse_partial_date("   ") is None
    assert parse_partial_date(None) is None


def test_spreadsheet_dates_and_serials_are_read():
    assert parse_partial_date(dt.datetime(1990, 5, 17, 0, 0)) == PartialDate(
        1990, 5, 17
    )
    assert parse_partial_date(dt.date(1990, 5, 17)) == PartialDate(1990, 5, 17)
    assert parse_partial_date(33010) == PartialDate(1990, 5, 17)


@pytest.mark.parametrize(
    "text", ["31.02.1990", "17.13.1990", "abc", "1850", "17.05.90x"]
)
def test_impossible_dates_are_refused_with_what_was_expected(text):
    with pytest.raises(DateFormatError):
        parse_partial_date(text)


def test_error_message_names_the_expected_forms():
    with pytest.raises(DateFormatError, match=r"expected 1990-05-17, 17\.05\.1990"):
        parse_partial_date("May 17th")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_isoformat_reads_back_to_the_same_date(day):
    partial = PartialDate.from_date(day)
    assert parse_partial_date(partial.isoformat()) == partial
    assert parse_partial_date(day.strftime("%d.%m.%Y")) == partial
    assert partial.as_date() == day


def test_partial_dates_know_their_earliest_day():
    assert PartialDate(1990).earliest() == dt.date(1990, 1, 1)
    assert PartialDate(1990, 5).earliest() == dt.date(1990, 5, 1)
    assert PartialDate(1990).as_date() is None


@given(
    st.text(alphabet="0123456789.-/ ٣", min_size=10, max_size=10)
    | st.builds(
        "{:02d}.{:02d}.{:04d}".format,
        st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999),
    )
    | st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99),
    )
)  # fmt: skip
def test_common_forms_read_by_position_as_the_full_reader_reads_them(text):
    # given a ten-character cell, read by position when it is dd.mm.yyyy or yyyy-mm-dd
    from homecoming.engines.linkage.dates import _parse_text

    def full_reader(cell: str) -> object:
        stripped = cell.strip()
        if not stripped:
            return None
        try:
            return _parse_text.__wrapped__(stripped)
        except DateFormatError:
            return DateFormatError

    # when the cell is read
    try:
        got: object = parse_partial_date(text)
    except DateFormatError:
        got = DateFormatError
    # then the answer (or the refusal) is the full reader's
    assert got == full_reader(text)
