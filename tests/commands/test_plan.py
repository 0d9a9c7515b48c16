"""``homecoming plan``: lists and an agreement in, a plan with reasons out."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from homecoming.cli import main

AGREEMENT = """
format = "homecoming-agreement/1"
title = "two for two"
reference_date = "2025-05-23"
[caps.a]
max = 2
[caps.b]
max = 2
[[mandatory]]
name = "seriously wounded"
health = ["тяжко поранений"]
[[stages]]
id = "1"
capacity = 3
"""

HEADER_UK = [
    "№",
    "Прізвище",
    "Ім'я",
    "Категорія",
    "Звання",
    "Стан здоров'я",
    "Пріоритет",
    "Згода",
    "Особу підтверджено",
    "Утримується",
    "Живий",
]


def write_list(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    agreement = tmp_path / "agreement.toml"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    held_by_a = write_list(
        tmp_path / "a.csv",
        HEADER_UK,
        [
            [
                "A1",
                "Коваль",
                "Петро",
                "військовий",
                "солдат",
                "",
                "1",
                "так",
                "так",
                "ні",
                "так",
            ],
            [
                "A2",
                "Мельник",
                "Іван",
                "військовий",
                "сержант",
                "",
                "5",
                "так",
                "так",
                "ні",
                "так",
            ],
            [
                "A3",
                "Бондар",
                "Олег",
                "військовий",
                "солдат",
                "",
                "9",
                "ні",
                "так",
                "ні",
                "так",
            ],
            [
                "A4",
                "Ткач",
                "Юрій",
                "військовий",
                "солдат",
                "тяжко поранений",
                "0",
                "так",
                "так",
                "ні",
                "так",
            ],
            [
                "A5",
                "Шевчук",
                "Іван",
                "цивільний",
                "",
                "",
                "3",
                "так",
                "так",
                "ні",
                "так",
            ],
        ],
    )
    held_by_b = write_list(
        tmp_path / "b.csv",
        [
            "record_id",
            "surname",
            "given_name",
            "category",
            "priority",
            "consent",
            "identity_verified",
            "retained",
            "status",
        ],
        [
            ["B1", "Smith", "John", "military", "2", "yes", "yes", "no", "alive"],
            ["B2", "Brown", "Paul", "military", "7", "yes", "yes", "no", "alive"],
            ["B3", "Green", "Mark", "military", "4", "yes", "yes", "no", "dead"],
        ],
    )
    return {
        "agreement": agreement,
        "a": held_by_a,
        "b": held_by_b,
        "out": tmp_path / "plan.json",
    }


def run_plan(inputs: dict[str, Path], *extra: str) -> int:
    return main(
        [
            "plan",
            str(inputs["agreement"]),
            "--held-by-a",
            str(inputs["a"]),
            "--held-by-b",
            str(inputs["b"]),
            "-o",
            str(inputs["out"]),
            *extra,
        ]
    )


def test_plan_writes_the_plan_and_prints_a_table_per_side_category_and_stage(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_plan(inputs) == 0
    out = capsys.readouterr().out
    assert "optimal, method milp, proven optimal: yes" in out
    assert "stage 1" in out and "civilian" in out
    plan = json.loads(inputs["out"].read_text(encoding="utf-8"))
    chosen = {(d["side"], d["record_id"]) for d in plan["decisions"] if d["selected"]}
    # B3 is dead and A3 did not consent; the wounded A4 goes outside the count
    assert chosen == {("a", "A4"), ("a", "A5"), ("a", "A2"), ("b", "B1"), ("b", "B2")}
    assert plan["method"] == "milp" and plan["proven_optimal"] is True


def test_explain_prints_the_reason_for_one_record(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_plan(inputs, "--explain", "A3", "--explain", "B3") == 0
    out = capsys.readouterr().out
    assert (
        "A3 (held by a): out: ineligible because consent to repatriation not given"
        in out
    )
    assert "B3 (held by b): out: ineligible because not confirmed alive" in out


def test_explain_an_unknown_record_is_an_error(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_plan(inputs, "--explain", "Z9") == 2
    assert "Z9" in capsys.readouterr().err


def test_greedy_plan_is_labelled(inputs: dict[str, Path]) -> None:
    assert run_plan(inputs, "--greedy") == 0
    plan = json.loads(inputs["out"].read_text(encoding="utf-8"))
    assert plan["method"] == "greedy" and plan["proven_optimal"] is False


def test_infeasible_agreement_exits_1_and_names_the_rules(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs["agreement"].write_text(
        AGREEMENT.replace("max = 2\n[caps.b]", "min = 4\nmax = 4\n[caps.b]"),
        encoding="utf-8",
    )
    assert run_plan(inputs) == 1
    out = capsys.readouterr().out
    assert "cannot be kept" in out and "counted persons released by a" in out
    plan = json.loads(inputs["out"].read_text(encoding="utf-8"))
    assert plan["status"] == "infeasible" and plan["conflicts"]


def test_a_gate_that_is_not_yes_or_no_names_file_row_and_column(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(
        inputs["b"], ["record_id", "surname", "consent"], [["B1", "Smith", "maybe"]]
    )
    assert run_plan(inputs) == 2
    assert "b.csv, row 2, field consent: expected yes or no" in capsys.readouterr().err


def test_a_bad_agreement_key_is_named(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs["agreement"].write_text(AGREEMENT.replace("capacity = 3", "capacity = -3"))
    assert run_plan(inputs) == 2
    assert "key stages.0.capacity" in capsys.readouterr().err


def test_sought_list_order_becomes_a_weight(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # given B's list gives A's wishes as an order (1 = first), no priorities
    write_list(
        inputs["b"],
        [
            "record_id",
            "surname",
            "sought_rank",
            "consent",
            "identity_verified",
            "retained",
            "alive",
        ],
        [
            ["B1", "Smith", "3", "yes", "yes", "no", "yes"],
            ["B2", "Brown", "1", "yes", "yes", "no", "yes"],
            ["B3", "Green", "2", "yes", "yes", "no", "yes"],
        ],
    )
    inputs["agreement"].write_text(
        AGREEMENT.replace("max = 2\n[caps.b]\nmax = 2", "max = 1\n[caps.b]\nmax = 1")
    )
    # when
    assert run_plan(inputs) == 0
    # then the first on the order goes
    plan = json.loads(inputs["out"].read_text(encoding="utf-8"))
    assert [
        d["record_id"] for d in plan["decisions"] if d["side"] == "b" and d["selected"]
    ] == ["B2"]


def test_a_record_id_twice_on_one_list_is_an_error(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(
        inputs["b"], ["record_id", "surname"], [["B1", "Smith"], ["B1", "Brown"]]
    )
    assert run_plan(inputs) == 2
    assert "B1" in capsys.readouterr().err


def test_map_names_a_planning_column_the_lists_call_otherwise(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # given B's list calls consent "Interview result"
    write_list(
        inputs["b"],
        [
            "record_id",
            "surname",
            "Interview result",
            "identity_verified",
            "retained",
            "alive",
        ],
        [
            ["B1", "Smith", "no", "yes", "no", "yes"],
            ["B2", "Brown", "yes", "yes", "no", "yes"],
        ],
    )
    # when
    assert run_plan(inputs, "--map", "Interview result=consent") == 0
    # then the gate is read from it: B1 refused, B2 goes
    plan = json.loads(inputs["out"].read_text(encoding="utf-8"))
    chosen = [
        d["record_id"] for d in plan["decisions"] if d["side"] == "b" and d["selected"]
    ]
    assert chosen == ["B2"]


def test_a_map_without_equals_sign_is_an_error_naming_it(
    inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # given a --map pair with no "=" (read as import and match read it)
    # when
    status = run_plan(inputs, "--map", "Interview result")
    # then nothing is planned and the one-line error names the pair
    assert status == 2
    assert "'Interview result' is not a mapping" in capsys.readouterr().err
    assert not inputs["out"].exists()
