"""``homecoming match``: link files from lists with the headers officials use."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from bench.linkage.generate import generate

from homecoming.cli import main

UK_HEADERS = {
    "record_id": "№ з/п", "surname": "Прізвище", "given_name": "Ім'я",
    "patronymic": "По батькові", "full_name": "ПІБ", "birth_date": "Дата народження",
    "sex": "Стать", "service_number": "Військовий квиток", "unit": "Військова частина",
}  # fmt: skip
RU_HEADERS = {
    "record_id": "№ п/п", "surname": "Фамилия", "given_name": "Имя",
    "patronymic": "Отчество", "full_name": "ФИО", "birth_date": "Дата рождения",
    "sex": "Пол", "service_number": "Личный номер", "unit": "Воинская часть",
}  # fmt: skip


def _write_csv(path: Path, rows: list[dict[str, str]], headers: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow([*headers.values(), "Дата полону"])
        for row in rows:
            writer.writerow([*(row[k] for k in headers), ""])


def _write_xlsx(
    path: Path, rows: list[dict[str, str]], headers: dict[str, str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*headers.values(), "Дата пленения"])
    for row in rows:
        sheet.append([*(row[k] for k in headers), ""])
    book.save(path)


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory):
    """A Ukrainian sought list (CSV) and a Russian held list (XLSX) with known truth."""
    folder = tmp_path_factory.mktemp("match")
    sought, held, truth = generate(400, seed=5)
    _write_csv(folder / "sought.csv", sought, UK_HEADERS)
    _write_xlsx(folder / "held.xlsx", held, RU_HEADERS)
    return folder, set(truth), sought


def _links(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_match_writes_a_link_file_from_csv_and_xlsx_lists(lists, capsys):
    folder, truth, _ = lists
    out = folder / "links.csv"
    code = main(["match", str(folder / "sought.csv"), str(folder / "held.xlsx"),
                 "-o", str(out), "--threads", "1"])  # fmt: skip
    assert code == 0
    with out.open(encoding="utf-8") as fh:
        assert fh.readline().strip() == "left_id,right_id,score,decision,reason"
    links = _links(out)
    matches = {(k["left_id"], k["right_id"]) for k in links if k["decision"] == "match"}
    assert len(matches & truth) / len(matches) >= 0.98
    assert len(matches & truth) / len(truth) >= 0.85
    assert {k["decision"] for k in links} <= {"match", "possible"}
    assert len({k["left_id"] for k in links}) == len(links)
    assert len({k["right_id"] for k in links}) == len(links)
    summary = capsys.readouterr().out
    assert f"{len(matches)} match" in summary
    assert "possible" in summary


def test_rows_giving_only_a_full_name_are_linked(lists):
    folder, truth, sought = lists
    full_name_only = {
        r["record_id"] for r in sought if r["full_name"] and not r["surname"]
    }
    out = folder / "links-full.csv"
    main(["match", str(folder / "sought.csv"), str(folder / "held.xlsx"), "-o", str(out),
          "--threads", "1"])  # fmt: skip
    linked = {(k["left_id"], k["right_id"]) for k in _links(out)}
    wanted = {pair for pair in truth if pair[0] in full_name_only}
    assert wanted
    assert len(linked & wanted) / len(wanted) >= 0.9


def test_an_unusual_header_is_mapped_with_map(tmp_path, capsys):
    sought, held, _ = generate(60, seed=3)
    headers = {**UK_HEADERS, "service_number": "Номер документа"}
    _write_csv(tmp_path / "a.csv", sought, headers)
    _write_csv(tmp_path / "b.csv", held, UK_HEADERS)
    code = main(["match", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"),
                 "-o", str(tmp_path / "l.csv"), "--map", "Номер документа=service_number"])  # fmt: skip
    assert code == 0
    assert any("service no." in k["reason"] for k in _links(tmp_path / "l.csv"))


def test_dedupe_finds_a_person_entered_twice(tmp_path):
    sought, held, truth = generate(150, seed=9)
    by_id = {r["record_id"]: r for r in held}
    twice = [by_id[h] for _, h in sorted(truth)[:20]]
    _write_csv(tmp_path / "one.csv", sought + twice, UK_HEADERS)
    code = main(
        ["match", "--dedupe", str(tmp_path / "one.csv"), "-o", str(tmp_path / "d.csv")]
    )
    assert code == 0
    found = {
        frozenset((k["left_id"], k["right_id"])) for k in _links(tmp_path / "d.csv")
    }
    wanted = {frozenset(p) for p in sorted(truth)[:20]}
    assert len(found & wanted) >= 16


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["match", "missing.csv", "other.csv", "-o", "x.csv"], "missing.csv"),
        (["match", "-o", "x.csv"], "give two lists"),
        (["match", "a.csv", "-o", "x.csv", "--dedupe", "a.csv"], "not both"),
        (["match", "a.csv", "b.csv", "-o", "x.csv", "--map", "Колонка"], "--map"),
        (
            ["match", "a.csv", "b.csv", "-o", "x.csv", "--map", "Колонка=nonsense"],
            "nonsense",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("homecoming match: error:")
    assert message in err[-1]


def test_a_mapped_column_no_list_has_is_an_error(tmp_path, capsys):
    sought, held, _ = generate(30, seed=2)
    _write_csv(tmp_path / "a.csv", sought, UK_HEADERS)
    _write_csv(tmp_path / "b.csv", held, RU_HEADERS)
    code = main(["match", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"),
                 "-o", str(tmp_path / "l.csv"), "--map", "Жетонн=service_number"])  # fmt: skip
    assert code == 2
    assert "Жетонн" in capsys.readouterr().err.strip().splitlines()[-1]


def test_strict_stops_at_an_unreadable_date_naming_row_and_field(tmp_path, capsys):
    sought, held, _ = generate(30, seed=2)
    sought[4]["birth_date"] = "31.02.1990"
    _write_csv(tmp_path / "a.csv", sought, UK_HEADERS)
    _write_csv(tmp_path / "b.csv", held, RU_HEADERS)
    code = main(["match", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"),
                 "-o", str(tmp_path / "l.csv"), "--strict"])  # fmt: skip
    assert code == 2
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "a.csv, row 6, field birth_date" in line


def test_without_strict_an_unreadable_date_counts_as_missing(tmp_path, capsys):
    sought, held, _ = generate(30, seed=2)
    sought[4]["birth_date"] = "31.02.1990"
    _write_csv(tmp_path / "a.csv", sought, UK_HEADERS)
    _write_csv(tmp_path / "b.csv", held, RU_HEADERS)
    code = main(["match", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"),
                 "-o", str(tmp_path / "l.csv")])  # fmt: skip
    assert code == 0
    assert "row 6, field birth_date" in capsys.readouterr().err


def test_a_list_without_a_header_points_to_map(tmp_path, capsys):
    _, held, _ = generate(30, seed=2)
    (tmp_path / "a.csv").write_text("Колонка;Інша\n1;2\n", encoding="utf-8")
    _write_csv(tmp_path / "b.csv", held, RU_HEADERS)
    code = main(["match", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"),
                 "-o", str(tmp_path / "l.csv")])  # fmt: skip
    assert code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "no header recognised" in last and '--map "Column=field"' in last
