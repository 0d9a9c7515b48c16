"""The registry's adapter: one list row becomes one linkage record, as written."""

from __future__ import annotations

from homecoming.apps.registry.adapters import link_fields_of, link_record_of
from homecoming.lists import read_person_list
from tests.lists.builders import csv_bytes

HEADER = ("ID", "ПІБ", "Дата народження", "Стать", "Військова частина", "Дата полону")


def _rows():
    data = csv_bytes(
        [
            HEADER,
            ("UA-7", "Ковальчук Олег Петрович", "17.05.1990", "ч", "А1234", "03.2022"),
            ("UA-8", "Мельник Ірина", "", "жін.", "", ""),
        ]
    )
    return read_person_list("list.csv", data=data).rows


def test_a_full_name_row_becomes_a_record_that_keeps_the_name_as_written():
    first, second = (link_record_of(row) for row in _rows())
    assert first.record_id == "UA-7"
    assert first.full_name == "Ковальчук Олег Петрович"
    assert (first.surname, first.given_name) == ("Ковальчук", "Олег")
    assert first.surname_keys and first.given_ids
    assert first.birth_date is not None and first.birth_date.year == 1990
    assert first.capture_date is not None and first.capture_date.month == 3
    assert (first.sex, second.sex) == ("m", "f")
    assert second.birth_date is None


def test_the_adapter_passes_the_normalised_readings_not_the_cells():
    row = _rows()[0]
    fields = link_fields_of(row)
    assert fields["birth_date"] == row.birth_date
    assert fields["sex"] == "m" and fields["unit"] == "А1234"
    assert fields["full_name"] == "Ковальчук Олег Петрович"
