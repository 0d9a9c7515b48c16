"""link_records: the records of a whole list, the same whether built in one process or two."""

from __future__ import annotations

import pytest

from homecoming.engines.linkage import PartialDate, bulk, link_record, link_records

ROWS = [
    {
        "record_id": str(i),
        "surname": surname,
        "given_name": given,
        "patronymic": patronymic,
        "full_name": full,
        "birth_date": PartialDate(1980 + i % 20, 1 + i % 12, 1 + i % 28),
        "sex": "ч" if i % 3 else "",
        "service_number": f"АВ {100000 + i}",
        "unit": "в/ч А1234" if i % 2 else "",
    }
    for i, (surname, given, patronymic, full) in enumerate(
        [
            ("Ковальчук", "Олександр", "Іванович", ""),
            ("", "", "", "КОВАЛЬЧУК Александр Иванович"),
            ("Kovalchuk", "Oleksandr", "", ""),
            ("", "", "", "Aleksandr Kovalchuk"),
            ("Шевченко", "Тарас", "Григорович", ""),
            ("", "", "", "Шевченка Тараса Григоровича"),
            ("", "", "", ""),
        ]
        * 5
    )
]


def test_bulk_records_equal_one_by_one_records() -> None:
    # given rows of every kind; when built in bulk (short list: one process)
    built = link_records(ROWS)
    # then each is the record link_record makes, in row order
    assert built == [link_record(**row) for row in ROWS]


def test_two_processes_build_the_same_records_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a list counted as long, so that a forked worker builds its second half
    monkeypatch.setattr(bulk, "PARALLEL_MIN_ROWS", 4)
    # when built with two processes
    built = link_records(ROWS, processes=2)
    # then the records are those of one process, birth dates and ids included
    assert built == [link_record(**row) for row in ROWS]
    assert [r.record_id for r in built] == [row["record_id"] for row in ROWS]


def test_worker_rows_keep_the_written_text_stripped_and_sparse_rows_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given padded cells and rows that leave fields out, some built by the worker
    monkeypatch.setattr(bulk, "PARALLEL_MIN_ROWS", 2)
    rows = [
        {"record_id": "a", "surname": " Ковальчук ", "given_name": "Олександр  "},
        {"record_id": "b", "full_name": "  КОВАЛЬЧУК Александр Иванович "},
        {"record_id": "c", "surname": "Шевченко", "service_number": " АВ 123 ",
         "unit": " в/ч А1234 ", "sex": " ч. "},
        {"record_id": "d"},
    ] * 2  # fmt: skip
    # when built with two processes
    built = link_records(rows, processes=2)
    # then each record is link_record's: stripped text, parsed names, read sex
    assert built == [link_record(**row) for row in rows]
    assert built[5].surname == "КОВАЛЬЧУК"
