"""``homecoming import``: a list file from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry.models import ListVersion, Person
from homecoming.cli import main
from tests.apps.registry.listfiles import ROWS, csv_bytes, with_row


@pytest.fixture
def list_file(tmp_path: Path) -> Path:
    path = tmp_path / "held.csv"
    path.write_bytes(csv_bytes())
    return path


def test_import_creates_a_version_as_the_party_import_account(
    party_a: Organisation, list_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", str(list_file), "--party", "ua", "--list-kind", "held"])
    assert code == 0
    assert "Version 1: 3 rows" in capsys.readouterr().out
    version = ListVersion.objects.get()
    assert version.submitted_by.username == "ua-import"
    assert version.person_list.title == "Held list"


def test_importing_again_says_nothing_changed(
    party_a: Organisation, list_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["import", str(list_file), "--party", "ua", "--list-kind", "held"]
    main(argv)
    assert main(argv) == 0
    assert "Nothing changed" in capsys.readouterr().out
    assert ListVersion.objects.count() == 1


def test_bad_rows_exit_2_listing_each_problem_and_write_nothing(
    party_a: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(with_row(ROWS, 1, birth_date="31.02.1990")))
    code = main(["import", str(path), "--party", "ua", "--list-kind", "held"])
    err = capsys.readouterr().err
    assert code == 2
    assert "bad.csv" in err and "birth_date" in err and "3" in err
    assert "nothing was imported" in err
    assert not Person.objects.exists()


def test_only_good_rows_imports_the_rest(
    party_a: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(with_row(ROWS, 1, birth_date="31.02.1990")))
    argv = ["import", str(path), "--party", "ua", "--list-kind", "sought"]
    assert main([*argv, "--only-good-rows", "--list", "Sought 2025"]) == 0
    assert Person.objects.filter(register="sought").count() == 2
    assert "skipped" in capsys.readouterr().err


def test_map_option_maps_a_column(party_a: Organisation, tmp_path: Path) -> None:
    path = tmp_path / "camp.csv"
    path.write_bytes(
        csv_bytes([("1", "Коваль", "Пункт 7")], ("№", "Прізвище", "Табір"))
    )
    argv = ["import", str(path), "--party", "ua", "--list-kind", "held"]
    assert main([*argv, "--map", "Табір=place_of_internment"]) == 0
    assert Person.objects.get().place_of_internment == "Пункт 7"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--party", "xx", "--list-kind", "held"], "--party xx"),
        (["--party", "ua", "--list-kind", "held", "--map", "nonsense"], "--map"),
        (["--party", "ua", "--list-kind", "held", "--user", "ghost"], "--user ghost"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    party_a: Organisation,
    list_file: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(["import", str(list_file), *argv]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["import", "/nonexistent.csv", "--party", "ua", "--list-kind", "held"])
        == 2
    )
    assert "/nonexistent.csv" in capsys.readouterr().err


def test_the_installed_command_runs_outside_the_test_process(
    list_file: Path, tmp_path: Path
) -> None:
    """A real process: Django is not set up before the command parses its options."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "HOMECOMING_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    argv = ["import", str(list_file), "--party", "ua", "--list-kind", "held"]
    completed = subprocess.run(
        [sys.executable, "-m", "homecoming.cli", *argv, "--map", "Табір=unit"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # the fresh database has no party "ua": a one-line error, exit status 2
    assert completed.returncode == 2, completed.stderr
    assert "--party ua: no such party" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize(
    "content",
    [
        csv_bytes(with_row(ROWS, 1, birth_date="31.02.1990")),  # a bad row
        "Колонка;Інша\n1;2\n".encode(),  # no header at all
    ],
    ids=["bad-row", "no-header"],
)
def test_a_refused_import_opens_no_list_and_writes_no_ledger_entry(
    party_a: Organisation, tmp_path: Path, content: bytes
) -> None:
    from homecoming.apps.audit.models import LedgerEntry
    from homecoming.apps.registry.models import PersonList

    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    entries = LedgerEntry.objects.count()
    code = main(["import", str(path), "--party", "ua", "--list-kind", "held"])
    assert code == 2
    assert not PersonList.objects.exists()
    assert LedgerEntry.objects.count() == entries


def test_a_file_refused_as_a_whole_does_not_advise_only_good_rows(
    party_a: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes("Колонка;Інша\n1;2\n".encode())
    assert main(["import", str(path), "--party", "ua", "--list-kind", "held"]) == 2
    err = capsys.readouterr().err
    assert "no header recognised" in err
    assert "--only-good-rows" not in err
    assert '--map "Column=field"' in err


def test_warnings_are_printed_and_the_rows_imported(
    party_a: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "held.csv"
    mojibake = "Коваленко".encode("koi8-u").decode("cp1251")
    path.write_bytes(csv_bytes(with_row(ROWS, 1, surname=mojibake)))
    assert main(["import", str(path), "--party", "ua", "--list-kind", "held"]) == 0
    err = capsys.readouterr().err
    assert "warning: held.csv, row 3, field surname:" in err and "encoding" in err
    assert Person.objects.count() == 3


def test_the_report_names_the_encoding_detected(
    party_a: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "held.csv"
    path.write_bytes(csv_bytes().decode().encode("utf-16-le"))
    assert main(["import", str(path), "--party", "ua", "--list-kind", "held"]) == 0
    out = capsys.readouterr().out
    assert "Version 1: 3 rows" in out and "Read as UTF-16 LE without BOM." in out


def test_an_ods_file_is_refused_naming_it(
    party_a: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "held.ods"
    path.write_bytes(
        b"PK\x03\x04"
        + b"\x00" * 26
        + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    )
    assert main(["import", str(path), "--party", "ua", "--list-kind", "held"]) == 2
    err = capsys.readouterr().err
    assert "held.ods: this is an OpenDocument spreadsheet" in err
    assert "KeyError" not in err and "--only-good-rows" not in err
