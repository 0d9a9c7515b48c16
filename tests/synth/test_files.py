"""The lists the generator writes read back through the list reader, without problems."""

from __future__ import annotations

import csv
from pathlib import Path

from homecoming.lists import read_person_list
from homecoming.synth import (
    generate_scenario,
    write_scenario_lists,
    write_scenario_truth,
)


def test_written_lists_read_back_with_no_problems(tmp_path: Path) -> None:
    # Given a scenario written as the parties' files
    scenario = generate_scenario(seed=4, persons_per_side=400)
    paths = write_scenario_lists(scenario, tmp_path)
    # Then there is a held and a sought list per party, with official headers
    assert sorted(p.name for p in paths) == [
        "ru-held.xlsx", "ru-sought.csv", "ua-held.xlsx", "ua-sought.csv",
    ]  # fmt: skip
    for path in paths:
        code, kind = path.stem.split("-")
        rows = scenario.held[code] if kind == "held" else scenario.sought[code]
        # When each is read
        list_file = read_person_list(path)
        # Then every row comes back, in order, with nothing wrong
        assert list_file.problems == ()
        assert list_file.header_line == 2  # below the title row
        assert [r.record_id for r in list_file.rows] == [p.record_id for p in rows]
        for read, person in zip(list_file.rows, rows, strict=True):
            assert read.fields.get("surname", "") == person.surname
            assert read.fields.get("given_name", "") == person.given_name
            assert read.fields.get("full_name", "") == person.full_name
            assert read.birth_date == person.birth_date
            assert read.capture_date == person.capture_date
            assert read.sex == person.sex
            assert read.category == person.category


def test_ukrainian_lists_have_ukrainian_headers_and_russian_lists_russian(
    tmp_path: Path,
) -> None:
    scenario = generate_scenario(seed=4, persons_per_side=50)
    write_scenario_lists(scenario, tmp_path)
    ua = read_person_list(tmp_path / "ua-sought.csv").header_map
    ru = read_person_list(tmp_path / "ru-sought.csv").header_map
    assert {"№ з/п", "Прізвище", "Ім'я", "По батькові", "ПІБ"} <= set(ua)
    assert {"№ п/п", "Фамилия", "Имя", "Отчество", "ФИО"} <= set(ru)


def test_russian_sought_list_is_a_windows_csv_and_ukraines_utf8(tmp_path: Path) -> None:
    write_scenario_lists(generate_scenario(seed=4, persons_per_side=50), tmp_path)
    assert read_person_list(tmp_path / "ru-sought.csv").encoding == "cp1251"
    assert read_person_list(tmp_path / "ua-sought.csv").encoding == "utf-8-sig"
    assert b";" in (tmp_path / "ru-sought.csv").read_bytes().splitlines()[1]


def test_truth_is_written_as_link_files(tmp_path: Path) -> None:
    scenario = generate_scenario(seed=4, persons_per_side=60)
    paths = write_scenario_truth(scenario, tmp_path)
    assert [p.name for p in paths] == [
        "ua-sought-ru-held-truth.csv",
        "ru-sought-ua-held-truth.csv",
    ]
    with paths[0].open(encoding="utf-8") as stream:
        links = list(csv.DictReader(stream))
    assert set(links[0]) == {"left_id", "right_id", "score", "decision", "reason"}
    assert {(r["left_id"], r["right_id"]) for r in links} == {
        (sought_id, held_id)
        for (seeker, sought_id), (_, held_id) in scenario.truth.items()
        if seeker == "ua"
    }
