"""Records keep names as written and carry keys that meet across scripts."""

from homecoming.engines.linkage import PartialDate, link_record
from homecoming.engines.names.sex import sex_of


def test_a_name_in_either_script_gets_the_same_keys():
    ukrainian = link_record(
        "1", surname="Ковальчук", given_name="Олександр", patronymic="Іванович"
    )
    russian = link_record(
        "2", surname="КОВАЛЬЧУК", given_name="Александр", patronymic="Иванович"
    )
    latin = link_record("3", surname="Kovalchuk", given_name="Oleksandr")
    assert ukrainian.surname_keys[0] == russian.surname_keys[0] == latin.surname_keys[0]
    assert ukrainian.given_ids[0] == russian.given_ids[0] == latin.given_ids[0]
    assert ukrainian.patronymic_ids[0] == russian.patronymic_ids[0]


def test_names_are_kept_exactly_as_written():
    record = link_record("1", surname="КОВАЛЬЧУК", given_name="Олександр")
    assert record.surname == "КОВАЛЬЧУК"
    assert record.given_name == "Олександр"


def test_a_full_name_only_row_is_parsed_in_either_order():
    first = link_record("1", full_name="ШЕВЧЕНКО Олександр Іванович")
    second = link_record("2", full_name="Олександр Іванович Шевченко")
    assert first.full_name == "ШЕВЧЕНКО Олександр Іванович"
    assert first.surname_keys[0] == second.surname_keys[0]
    assert first.given_ids == second.given_ids
    assert first.patronymic_ids == second.patronymic_ids


def test_service_number_and_unit_get_their_comparable_forms():
    record = link_record("1", service_number="АВ № 123456", unit="в/ч А1234")
    assert record.service_number == "АВ № 123456"
    assert record.service_key == "AB123456"
    assert record.unit_key == "A1234"


def test_sex_comes_from_the_column_or_else_from_the_names():
    assert sex_of("ч") == "m"
    assert sex_of("Жін.") == "f"
    assert sex_of("?") is None
    assert link_record("1", given_name="Олена", sex="").sex == "f"


def test_a_row_with_only_a_date_still_makes_a_record():
    record = link_record("1", birth_date=PartialDate(1990))
    assert record.surname_keys == ()
    assert record.birth_date == PartialDate(1990)
