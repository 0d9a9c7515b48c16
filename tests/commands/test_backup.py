"""``homecoming backup`` and ``homecoming restore``: a demo round-trips, the ledger holds.

The tests commit their data (``transaction=True``) so that ``pg_dump``, a separate
session, sees it; they run on SQLite (online backup API) and, with ``DATABASE_URL`` set,
on PostgreSQL (``pg_dump`` / ``pg_restore``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from homecoming.apps.accounts.actors import SYSTEM
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.audit.models import LedgerEntry
from homecoming.apps.audit.services import checkpoint_sign, ledger_append
from homecoming.apps.registry.models import Person
from homecoming.cli import main
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _var_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    settings.HOMECOMING_CHECKPOINT_KEY_FILE = str(tmp_path / "checkpoint.pem")


def _demo() -> None:
    assert main(["demo", "--persons", "20", "--seed", "5"]) == 0
    checkpoint_sign(by=SYSTEM)


def test_a_demo_round_trips_and_the_restored_ledger_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a demo with a signed checkpoint, backed up
    _demo()
    persons = Person.objects.count()
    entries = list(
        LedgerEntry.objects.order_by("seq").values_list("seq", "leaf_hash", "tree_root")
    )
    assert persons > 0 and entries
    backup = tmp_path / "homecoming.backup"
    assert main(["backup", str(backup)]) == 0
    # and, after the backup, more ledger entries and a new organisation
    ledger_append(by=acting_for("ua"), action=NOTE, data={"after": "backup"})
    Organisation.objects.create(code="late", kind="observer", name_en="Late")
    # when the backup is restored
    assert main(["restore", str(backup), "--replace"]) == 0
    capsys.readouterr()
    # then the database is as it was at the backup, and the ledger verifies
    assert Person.objects.count() == persons
    assert not Organisation.objects.filter(code="late").exists()
    restored = list(
        LedgerEntry.objects.order_by("seq").values_list("seq", "leaf_hash", "tree_root")
    )
    assert restored == entries
    assert main(["ledger", "verify", "--quiet"]) == 0
    assert "OK" in capsys.readouterr().out


def test_the_restored_ledger_is_still_append_only(tmp_path: Path) -> None:
    # given a restored demo
    _demo()
    backup = tmp_path / "homecoming.backup"
    assert main(["backup", str(backup)]) == 0
    assert main(["restore", str(backup), "--replace"]) == 0
    # when someone edits an entry through the ORM, then the database refuses
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(
            seq=LedgerEntry.objects.order_by("-seq").values("seq")[:1]
        ).update(organisation="ru")


def test_restore_refuses_to_replace_a_database_without_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _demo()
    backup = tmp_path / "homecoming.backup"
    assert main(["backup", str(backup)]) == 0
    assert main(["restore", str(backup)]) == 2
    assert "--replace" in capsys.readouterr().err


def test_restore_refuses_a_file_that_is_not_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("not a database")
    assert main(["restore", str(stray), "--replace"]) == 2
    assert "not a backup" in capsys.readouterr().err


def test_backup_does_not_overwrite_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "kept.backup"
    existing.write_bytes(b"an older backup")
    assert main(["backup", str(existing)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert existing.read_bytes() == b"an older backup"
