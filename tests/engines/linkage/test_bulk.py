"""link_records: the records of a whole list, the same whether built in one process or two."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor

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


def test_many_small_chunks_shared_by_two_processes_come_back_in_row_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a long list cut into many chunks, so both processes take some in turn
    monkeypatch.setattr(bulk, "PARALLEL_MIN_ROWS", 4)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 3)
    rows = [dict(row, record_id=f"{i}") for i, row in enumerate(ROWS * 4)]
    # when built with two processes
    built = link_records(rows, processes=2)
    # then every chunk lands in its place: the records of one process, in row order
    assert built == [link_record(**row) for row in rows]


def test_a_bad_row_raises_its_own_error_whichever_process_meets_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a long list with a row link_record cannot take, in every other chunk
    monkeypatch.setattr(bulk, "PARALLEL_MIN_ROWS", 4)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 3)
    rows = [dict(row) for row in ROWS]
    for i in range(2, len(rows), 6):
        rows[i]["rank"] = "sergeant"  # not a particular linkage reads
    # when built with two processes, then the error is link_record's own
    with pytest.raises(TypeError, match="rank"):
        link_records(rows, processes=2)
    # and no worker is left behind
    assert multiprocessing.active_children() == []


def test_chunks_a_dead_worker_never_sent_are_built_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a worker that dies at once, having claimed a chunk it never sends
    monkeypatch.setattr(bulk, "PARALLEL_MIN_ROWS", 4)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 3)

    def die(sender: object, count: int) -> None:
        bulk._claim(count)
        os._exit(1)

    monkeypatch.setattr(bulk, "_work", die)
    # when built with two processes
    built = link_records(ROWS, processes=2)
    # then nothing is missing: this process built every chunk itself
    assert built == [link_record(**row) for row in ROWS]


@pytest.mark.parametrize(
    ("row", "named"),
    [
        ({"surname": "Ковальчук"}, "record_id"),
        ({"record_id": "1", "rank": "x"}, "rank"),
    ],
)
def test_a_row_link_record_would_refuse_is_refused_by_name(row, named) -> None:
    # given a row without an id, or with a field linkage does not read,
    # then building the list refuses it and names the field
    with pytest.raises(TypeError, match=named):
        link_records([*ROWS, row])


def test_two_threads_building_long_lists_at_once_each_get_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given two long lists built at the same time from two threads of one process
    monkeypatch.setattr(bulk, "PARALLEL_MIN_ROWS", 4)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 3)
    lists = [
        [dict(row, record_id=f"{side}{i}") for i, row in enumerate(ROWS)]
        for side in ("a", "b")
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        built = list(pool.map(lambda rows: link_records(rows, processes=2), lists))
    # then each thread gets the records of its own rows, in order
    for rows, records in zip(lists, built, strict=True):
        assert records == [link_record(**row) for row in rows]
