"""Importing list files: formats, header variants, bad rows, idempotence, history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry import selectors, services
from homecoming.apps.registry.models import (
    CustodyEvent,
    ListRow,
    ListVersion,
    Person,
    PersonChange,
    PersonList,
)
from tests.apps.registry.listfiles import ROWS, csv_bytes, with_row, xlsx_bytes
from tests.factories import PersonListFactory


@pytest.fixture
def held_list(party_a: Organisation) -> PersonList:
    return PersonListFactory(owner=party_a, kind="held", title="Held")


def _import(
    person_list: PersonList, user: Any, data: bytes, name: str = "held.csv", **kw: Any
) -> Any:
    return services.list_version_import(
        person_list=person_list,
        file_bytes=data,
        filename=name,
        by=actor_for(user),
        **kw,
    )


def _nothing_written(new_ledger_entries: Any) -> bool:
    return not (
        Person.objects.exists()
        or ListVersion.objects.exists()
        or ListRow.objects.exists()
        or new_ledger_entries().filter(action="list_version.import").exists()
    )


# Formats and headers ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_in_each_encoding_imports_names_as_written(
    held_list: PersonList, a_officer: Any, encoding: str
) -> None:
    result = _import(held_list, a_officer, csv_bytes(encoding=encoding))
    assert result.version is not None and result.version.number == 1
    person = Person.objects.get(record_id="A-1")
    assert (person.surname, person.given_name, person.patronymic) == (
        "Шевчук",
        "Олександр",
        "Іванович",
    )
    assert person.name_script == "cyrillic"
    assert (
        person.birth_date is not None and person.birth_date.isoformat() == "1990-05-17"
    )
    assert person.owner_id == held_list.owner_id and person.register == "held"


def test_xlsx_imports_like_csv(held_list: PersonList, a_officer: Any) -> None:
    result = _import(held_list, a_officer, xlsx_bytes(), name="held.xlsx")
    assert result.rows_imported == 3
    assert set(Person.objects.values_list("record_id", flat=True)) == {
        "A-1",
        "A-2",
        "A-3",
    }


UKRAINIAN = ("№ з/п", "Прізвище", "Ім'я", "По батькові", "Дата народження", "Звання")
RUSSIAN = ("№ п/п", "Фамилия", "Имя", "Отчество", "Дата рождения", "Звание")
ENGLISH_MESSY = (" ID ", "Last_Name", "FIRST_NAME", "father_name", "dob", "rank ")


@pytest.mark.parametrize("header", [UKRAINIAN, RUSSIAN, ENGLISH_MESSY])
def test_official_header_variants_are_recognised(
    held_list: PersonList, a_officer: Any, header: tuple[str, ...]
) -> None:
    rows = [row[:6] for row in ROWS]
    _import(held_list, a_officer, csv_bytes(rows, header))
    person = Person.objects.get(record_id="A-2")
    assert (person.surname, person.rank, person.birth_year) == (
        "Коваль",
        "сержант",
        1985,
    )


def test_partial_birth_dates_keep_what_is_known(
    held_list: PersonList, a_officer: Any
) -> None:
    _import(held_list, a_officer, csv_bytes())
    person = Person.objects.get(record_id="A-2")
    assert (person.birth_year, person.birth_month, person.birth_day) == (
        1985,
        None,
        None,
    )


def test_a_full_name_column_alone_is_accepted(
    held_list: PersonList, a_officer: Any
) -> None:
    data = csv_bytes(
        [
            ("1", "ШЕВЧУК Олександр Іванович", "1990"),
            ("2", "Oleksandr Shevchuk", "1991"),
        ],
        ("№", "ПІБ", "Дата народження"),
    )
    _import(held_list, a_officer, data)
    first, second = Person.objects.order_by("record_id")
    assert first.full_name_as_written == "ШЕВЧУК Олександр Іванович"
    assert second.full_name_as_written == "Oleksandr Shevchuk"
    assert second.name_script == "latin"


def test_map_names_an_unknown_column(held_list: PersonList, a_officer: Any) -> None:
    data = csv_bytes(
        [("1", "Коваль", "Микола", "Пункт 7")], ("№", "Прізвище", "Ім'я", "Табір")
    )
    _import(held_list, a_officer, data, mapping={"Табір": "place_of_internment"})
    assert Person.objects.get().place_of_internment == "Пункт 7"


def test_capture_date_and_place_record_one_capture_event(
    held_list: PersonList, a_officer: Any
) -> None:
    _import(held_list, a_officer, csv_bytes())
    event = CustodyEvent.objects.get(person__record_id="A-1")
    assert (event.kind, event.place, event.date and event.date.isoformat()) == (
        "capture",
        "Авдіївка",
        "2024-03-01",
    )
    # a second version with the same capture does not record it again
    _import(held_list, a_officer, csv_bytes(with_row(ROWS, 1, rank="старший сержант")))
    assert CustodyEvent.objects.filter(person__record_id="A-1").count() == 1
    assert CustodyEvent.objects.count() == 2


# Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "field", "row_number"),
    [
        (with_row(ROWS, 1, birth_date="31.02.1990"), "birth_date", 3),
        (with_row(ROWS, 2, birth_date="вчора"), "birth_date", 4),
        (with_row(ROWS, 1, record_id=""), "record_id", 3),
        (with_row(ROWS, 2, record_id="A-1"), "record_id", 4),
        (with_row(ROWS, 0, surname="", given_name="", patronymic=""), "surname", 2),
        (with_row(ROWS, 1, capture_date="2024-13-01"), "capture_date", 3),
    ],
    ids=[
        "impossible-date",
        "not-a-date",
        "no-record-id",
        "duplicate-id",
        "no-name",
        "bad-capture-date",
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(
    held_list: PersonList,
    a_officer: Any,
    rows: Any,
    field: str,
    row_number: int,
    new_ledger_entries: Any,
) -> None:
    with pytest.raises(services.ImportRejected) as rejected:
        _import(held_list, a_officer, csv_bytes(rows), name="held.csv")
    problems = rejected.value.problems
    assert any(
        "held.csv" in p and str(row_number) in p and field in p for p in problems
    ), problems
    assert _nothing_written(new_ledger_entries)


def test_an_unreadable_file_is_rejected_with_its_name(
    held_list: PersonList, a_officer: Any, new_ledger_entries: Any
) -> None:
    with pytest.raises(services.ImportRejected) as rejected:
        _import(held_list, a_officer, b"\x00\x01PK\x03garbage", name="broken.xlsx")
    assert "broken.xlsx" in rejected.value.problems[0]
    assert _nothing_written(new_ledger_entries)


def test_only_good_rows_skips_the_bad_ones_and_says_so(
    held_list: PersonList, a_officer: Any
) -> None:
    rows = with_row(ROWS, 1, birth_date="31.02.1990")
    result = _import(held_list, a_officer, csv_bytes(rows), only_good_rows=True)
    assert result.rows_imported == 2 and result.rows_skipped == 1
    assert result.problems
    assert set(Person.objects.values_list("record_id", flat=True)) == {"A-1", "A-3"}
    assert result.version is not None and result.version.skipped_count == 1


def test_duplicated_record_ids_skip_every_copy(
    held_list: PersonList, a_officer: Any
) -> None:
    rows = with_row(ROWS, 2, record_id="A-1")
    result = _import(held_list, a_officer, csv_bytes(rows), only_good_rows=True)
    assert set(Person.objects.values_list("record_id", flat=True)) == {"A-2"}
    assert result.rows_imported == 1


# Versions, idempotence, history -------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(
    held_list: PersonList,
    a_officer: Any,
    new_ledger_entries: Any,
) -> None:
    _import(held_list, a_officer, csv_bytes())
    entries = new_ledger_entries().count()
    again = _import(held_list, a_officer, csv_bytes())
    assert again.unchanged and "version 1" in again.message
    assert ListVersion.objects.count() == 1 and ListRow.objects.count() == 3
    assert new_ledger_entries().count() == entries


def test_identical_rows_in_another_format_change_nothing(
    held_list: PersonList, a_officer: Any
) -> None:
    _import(held_list, a_officer, csv_bytes())
    again = _import(held_list, a_officer, xlsx_bytes(), name="same.xlsx")
    assert again.unchanged and "identical" in again.message
    assert ListVersion.objects.count() == 1


def test_one_ledger_entry_per_import_with_counts_and_hash(
    held_list: PersonList,
    a_officer: Any,
    new_ledger_entries: Any,
) -> None:
    result = _import(held_list, a_officer, csv_bytes())
    entry = new_ledger_entries().get(action="list_version.import")
    assert entry.data["sha256"] == result.sha256
    assert entry.data["rows"] == 3 and entry.data["added"] == 3
    assert entry.organisation == "ua"


def test_a_changed_field_keeps_the_old_value_in_history(
    held_list: PersonList, a_officer: Any
) -> None:
    _import(held_list, a_officer, csv_bytes())
    result = _import(
        held_list, a_officer, csv_bytes(with_row(ROWS, 1, rank="старший сержант"))
    )
    assert result.version is not None and result.version.number == 2
    assert (result.added, result.removed, result.changed) == (0, 0, 1)
    person = Person.objects.get(record_id="A-2")
    assert person.rank == "старший сержант"
    change = PersonChange.objects.get(person=person)
    assert (change.field, change.old_value, change.new_value) == (
        "rank",
        "сержант",
        "старший сержант",
    )
    diff = selectors.list_version_diff(version=result.version)
    assert [(c.record_id, dict(c.fields)) for c in diff.changed] == [
        ("A-2", {"rank": ("сержант", "старший сержант")})
    ]


def test_an_empty_cell_never_erases_a_known_value(
    held_list: PersonList, a_officer: Any
) -> None:
    _import(held_list, a_officer, csv_bytes())
    _import(held_list, a_officer, csv_bytes(with_row(ROWS, 0, rank="", unit="")))
    person = Person.objects.get(record_id="A-1")
    assert (person.rank, person.unit) == ("солдат", "в/ч А0001")
    assert not PersonChange.objects.filter(person=person).exists()


def test_a_record_left_out_is_removed_from_the_list_not_the_registry(
    held_list: PersonList, a_officer: Any
) -> None:
    _import(held_list, a_officer, csv_bytes())
    extra = (("A-4", "Мельник", "Петро", "", "", "", "", "", "military", "", ""),)
    result = _import(held_list, a_officer, csv_bytes(ROWS[:2] + extra))
    assert (result.added, result.removed) == (1, 1)
    assert Person.objects.filter(record_id="A-3").exists()
    diff = selectors.list_version_diff(version=result.version)
    assert (diff.added, diff.removed) == (("A-4",), ("A-3",))


def test_held_and_sought_registers_do_not_share_record_ids(
    party_a: Organisation, a_officer: Any
) -> None:
    held = PersonListFactory(owner=party_a, kind="held")
    sought = PersonListFactory(owner=party_a, kind="sought")
    _import(held, a_officer, csv_bytes())
    _import(sought, a_officer, csv_bytes(with_row(ROWS, 0, surname="Інший")))
    assert Person.objects.filter(record_id="A-1").count() == 2
    assert Person.objects.get(record_id="A-1", register="held").surname == "Шевчук"


# Who may import -----------------------------------------------------------------------


def test_other_party_and_mediator_cannot_import(
    held_list: PersonList,
    b_officer: Any,
    mediator_officer: Any,
    new_ledger_entries: Any,
) -> None:
    for user in (b_officer, mediator_officer):
        with pytest.raises(PermissionDenied):
            _import(held_list, user, csv_bytes())
    assert _nothing_written(new_ledger_entries)


def test_a_background_import_job_records_its_outcome(
    held_list: PersonList, a_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = services.list_version_import_submit(
            person_list=held_list,
            file_bytes=csv_bytes(),
            filename="held.csv",
            by=actor_for(a_officer),
        )
    job.refresh_from_db()
    version = ListVersion.objects.get(person_list=held_list)
    assert job.state == "done" and job.result["version_id"] == version.pk
    assert job.result["rows_imported"] == 3
    assert job.result_url == f"/registry/versions/{version.pk}/"
    assert job.upload is None


def test_a_rejected_background_import_lists_the_problems(
    held_list: PersonList, a_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    rows = with_row(ROWS, 1, birth_date="31.02.1990")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.list_version_import_submit(
            person_list=held_list,
            file_bytes=csv_bytes(rows),
            filename="h.csv",
            by=actor_for(a_officer),
        )
    job.refresh_from_db()
    assert job.state == "failed" and job.upload is None
    assert any("birth_date" in p for p in job.problems)
    assert not Person.objects.exists()


def test_name_keys_are_stored_beside_the_names_as_written(
    party_a: Organisation, a_officer: Any
) -> None:
    # given the same man as a Ukrainian list and a Russian clerk write him
    held = PersonListFactory(owner=party_a, kind="held")
    data = csv_bytes(
        [
            ("1", "Шевчук", "Олександр", "Іванович"),
            ("2", "Шевчук", "Александр", "Иванович"),
        ],
        ("№", "Прізвище", "Ім'я", "По батькові"),
    )
    _import(held, a_officer, data)
    uk, ru = Person.objects.order_by("record_id")
    # then the names stay as written and the keys agree
    assert (uk.given_name, ru.given_name) == ("Олександр", "Александр")
    assert uk.given_key and uk.given_key == ru.given_key
    assert uk.surname_key == ru.surname_key != ""


def test_a_failing_ledger_entry_leaves_nothing_behind(
    held_list: PersonList,
    a_officer: Any,
    monkeypatch: pytest.MonkeyPatch,
    new_ledger_entries: Any,
) -> None:
    """The change and its ledger entry commit together or not at all."""

    def broken_ledger(**kwargs: Any) -> None:
        raise RuntimeError("ledger unavailable")

    monkeypatch.setattr("homecoming.apps.registry.imports.ledger_append", broken_ledger)
    with pytest.raises(RuntimeError):
        _import(held_list, a_officer, csv_bytes())
    assert _nothing_written(new_ledger_entries)


def test_refreshing_name_keys_fills_keys_and_leaves_names_alone(
    party_a: Organisation, mediator_admin: Any, a_officer: Any, new_ledger_entries: Any
) -> None:
    # given persons stored before keys existed (blank keys)
    from tests.factories import PersonFactory

    person = PersonFactory(
        owner=party_a,
        surname="Шевчук",
        given_name="Олександр",
        patronymic="Іванович",
        search_text=False,
    )
    assert person.given_key == "" and person.search_text == ""
    # a party officer may not run the refresh
    with pytest.raises(PermissionDenied):
        services.person_name_keys_refresh(by=actor_for(a_officer))
    # when the mediator's administrator refreshes the keys
    assert services.person_name_keys_refresh(by=actor_for(mediator_admin)) == 1
    person.refresh_from_db()
    # then the keys are filled, the names unchanged, and a second run changes nothing
    assert person.given_key and person.given_name == "Олександр"
    assert " шевчук " in person.search_text and " aleksandr " in person.search_text
    assert services.person_name_keys_refresh(by=SYSTEM) == 0
    assert new_ledger_entries().filter(action="person.name_keys_refresh").count() == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_file_imported_twice_at_once_makes_one_version() -> None:
    """The check for "nothing changed" runs under the list's lock, not before it."""
    import threading

    from django.db import connection

    from homecoming.apps.accounts.models import Role
    from tests.factories import OrganisationFactory, member

    party = OrganisationFactory(code="ua", kind="party")
    user = member(party, Role.PARTY_OFFICER)
    person_list = PersonListFactory(owner=party)
    results: list[Any] = []

    def run() -> None:
        try:
            results.append(_import(person_list, user, csv_bytes()))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 3
    assert ListVersion.objects.count() == 1
    assert sum(1 for r in results if not r.unchanged) == 1


def test_a_capture_after_today_is_refused_judged_by_the_given_today(
    held_list: PersonList, a_officer: Any, new_ledger_entries: Any
) -> None:
    import datetime as dt

    data = csv_bytes(with_row(ROWS, 0, capture_date="2027-01-10"))
    with pytest.raises(services.ImportRejected) as refused:
        _import(held_list, a_officer, data, today=dt.date(2026, 12, 4))
    assert any(
        "row 2, field capture_date" in p and "future" in p
        for p in refused.value.problems
    )
    assert not refused.value.file_level
    assert _nothing_written(new_ledger_entries)
    result = _import(held_list, a_officer, data, today=dt.date(2027, 2, 1))
    assert result.rows_imported == 3


def test_an_xlsx_formula_without_a_value_refuses_its_row(
    held_list: PersonList, a_officer: Any
) -> None:
    data = xlsx_bytes(with_row(ROWS, 1, unit='=CONCAT("в/ч ", "А0002")'))
    with pytest.raises(services.ImportRejected) as refused:
        _import(held_list, a_officer, data, name="held.xlsx")
    assert any("row 3, field unit" in p for p in refused.value.problems)
    result = _import(held_list, a_officer, data, name="held.xlsx", only_good_rows=True)
    assert result.rows_imported == 2 and result.rows_skipped == 1
