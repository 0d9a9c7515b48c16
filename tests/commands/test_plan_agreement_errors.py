"""``homecoming plan`` with a faulty agreement: one line naming the key, exit 2 (issue 19).

Also an age counted through the CLI from a list's birth date to the reference date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homecoming.cli import main
from tests.commands.test_plan import AGREEMENT, write_list

HEADER = ["record_id", "surname", "birth_date", "consent", "identity_verified"]
GATES = ["retained", "alive"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    header = HEADER + GATES
    rows_a = [["A1", "Smith", "10.06.2007", "yes", "yes", "no", "yes"]]
    rows_b = [["B1", "Jones", "10.06.1999", "yes", "yes", "no", "yes"]]
    return {
        "agreement": tmp_path / "agreement.toml",
        "a": write_list(tmp_path / "a.csv", header, rows_a),
        "b": write_list(tmp_path / "b.csv", header, rows_b),
        "out": tmp_path / "plan.json",
    }


def _run(files: dict[str, Path], text: str) -> int:
    files["agreement"].write_text(text, encoding="utf-8")
    return main(
        [
            "plan",
            str(files["agreement"]),
            "--held-by-a",
            str(files["a"]),
            "--held-by-b",
            str(files["b"]),
            "-o",
            str(files["out"]),
        ]
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('reference_date = "2025-05-23"', 'reference_date = "2025-02-30"'),
            "key reference_date: '2025-02-30' is not a calendar day",
        ),
        (
            ('reference_date = "2025-05-23"', 'reference_date = "23.05.2025"'),
            'key reference_date: expected a date YYYY-MM-DD, got "23.05.2025"',
        ),
        (
            ('reference_date = "2025-05-23"', "reference_date = 20250523"),
            "key reference_date: expected text, got 20250523",
        ),
        (
            ("[caps.a]\nmax = 2", "[caps.a]\nmax = 2\n[balance]\ntolerence = 1"),
            "key balance.tolerence: unknown key; did you mean `tolerance`?",
        ),
        (
            ("capacity = 3", "capacity = 3\ncapacty = 4"),
            "key stages.0.capacty: unknown key; did you mean `capacity`?",
        ),
        (("max = 2", "max = 2.5"), "key caps.a.max: expected a whole number, got 2.5"),
        (("max = 2", "max = -2"), "key caps.a.max: -2 must be at least 0"),
        (
            ("[caps.a]\nmax = 2", "[caps.a]\nmax = 2\nmin = 3"),
            "key caps.a: min 3 > max 2",
        ),
        (
            ("capacity = 3", 'capacity = "three"'),
            'key stages.0.capacity: expected a whole number, got "three"',
        ),
        (
            ('health = ["тяжко поранений"]', 'health = "тяжко поранений"'),
            'key mandatory.0.health: expected a list, got "тяжко поранений"',
        ),
        (
            ('health = ["тяжко поранений"]', "age_min = 26\nage_max = 18"),
            "key mandatory.0: age_min > age_max",
        ),
        (
            ("[caps.a]", '[balance]\nmode = "scal"\n[caps.a]'),
            'key balance.mode: "scal" is not one of count, scale, none; '
            "did you mean `scale`?",
        ),
        (
            ("[caps.a]", "[balance]\nper_stage = 1\n[caps.a]"),
            "key balance.per_stage: expected true or false, got 1",
        ),
        (
            ("[caps.a]", "[balance]\ntolerance = -1\n[caps.a]"),
            "key balance.tolerance: -1 must be at least 0",
        ),
        (
            ("[caps.a]", '[parties.a]\nrefuses = "A1"\n[caps.a]'),
            'key parties.a.refuses: expected a list, got "A1"',
        ),
        (
            ("[caps.a]", '[eligibility]\nrequire = ["consnet"]\n[caps.a]'),
            'key eligibility.require.0: "consnet" is not one of identity_verified, '
            "consent, medical_fit, not_retained, alive; did you mean `consent`?",
        ),
        (
            ('title = "two for two"', 'title = ""'),
            "key title: must not be empty",
        ),
        (
            ('format = "homecoming-agreement/1"', 'format = "homecoming-agreement/2"'),
            'key format: expected "homecoming-agreement/1", got "homecoming-agreement/2"',
        ),
    ],
)
def test_a_faulty_field_is_one_line_naming_the_key_and_exits_2(
    files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    expected: str,
) -> None:
    old, new = change
    assert old in AGREEMENT
    assert _run(files, AGREEMENT.replace(old, new, 1)) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not files["out"].exists()


def test_a_toml_date_without_quotes_is_a_reference_date(
    files: dict[str, Path],
) -> None:
    text = AGREEMENT.replace(
        'reference_date = "2025-05-23"', "reference_date = 2025-06-09"
    )
    assert _run(files, text) == 0


@pytest.mark.parametrize(
    ("reference", "young"),
    [("2025-06-09", {"B1"}), ("2025-06-10", {"A1"})],
)
def test_ages_from_the_lists_birth_dates_to_the_reference_date(
    files: dict[str, Path], reference: str, young: set[str]
) -> None:
    # A1 born 10.06.2007 (18 on 10 June 2025), B1 born 10.06.1999 (26 on 10 June 2025)
    text = f"""
format = "homecoming-agreement/1"
title = "the young, all for all"
reference_date = "{reference}"
[balance]
mode = "none"
[caps.a]
max = 0
[caps.b]
max = 0
[[mandatory]]
name = "aged 18 to 25"
age_min = 18
age_max = 25
[[stages]]
id = "1"
"""
    assert _run(files, text) == 0
    plan = json.loads(files["out"].read_text(encoding="utf-8"))
    chosen = {d["record_id"] for d in plan["decisions"] if d["selected"]}
    assert chosen == young


def test_colonel_for_captains_through_the_cli_names_the_refusal_and_the_ways_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["record_id", "surname", "rank", *HEADER[3:], *GATES]
    gates = ["yes", "yes", "no", "yes"]
    files = {
        "agreement": tmp_path / "agreement.toml",
        "a": write_list(
            tmp_path / "a.csv",
            header,
            [
                ["A-COL", "Smith", "colonel", *gates],
                ["A-MAJ", "Brown", "major", *gates],
                ["A-PVT", "Green", "private", *gates],
            ],
        ),
        "b": write_list(
            tmp_path / "b.csv",
            header,
            [[f"B-{i}", "Jones", "captain", *gates] for i in range(5)],
        ),
        "out": tmp_path / "plan.json",
    }
    text = """
format = "homecoming-agreement/1"
title = "a colonel for captains, exactly"
[parties.a]
refuses = ["A-PVT"]
[parties.b]
insists_on = ["A-COL"]
[balance]
mode = "scale"
[balance.scale]
colonel = 15
major = 8
captain = 6
private = 1
[[stages]]
id = "1"
"""
    assert _run(files, text) == 1
    out = capsys.readouterr().out
    assert "names a (a) refuses to release" in out
    assert "this is the only minimal conflict" in out
    assert "if a (a) released A-PVT (parties.a.refuses)" in out
    plan = json.loads(files["out"].read_text(encoding="utf-8"))
    assert plan["conflicts"] == [
        {
            "rules": ["balance", "parties.a.refuses", "parties.b.insists_on"],
            "detail": plan["conflicts"][0]["detail"],
            "proven": True,
        }
    ]
    assert plan["conflicts_unique"] is True
    assert [w["rule"] for w in plan["ways_out"]] == [
        "balance",
        "parties.a.refuses",
        "parties.b.insists_on",
    ]
    assert plan["ways_out"][1]["record_ids"] == ["A-PVT"]
