"""A worker process killed with SIGKILL in the middle of an import writes nothing half.

A real ``homecoming worker`` runs against the test database; once its import holds
rows it has not committed (a row lock on the list versions), it is killed. Nothing of
the import may remain; the job, stale, is queued again and runs to one whole version.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.audit.models import LedgerEntry
from homecoming.apps.audit.selectors import ledger_verification
from homecoming.apps.jobs.models import Job, JobState
from homecoming.apps.jobs.services import job_run, jobs_requeue_stale
from homecoming.apps.registry import actions
from homecoming.apps.registry.jobs import list_version_import_submit
from homecoming.apps.registry.models import ListVersion, Person
from tests.factories import PersonListFactory
from tests.reliability.lists import large_list_csv

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 6000


def _uncommitted_import_elsewhere() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'registry_listversion' AND l.mode = 'RowExclusiveLock' "
            "AND l.pid <> pg_backend_pid()"
        )
        return bool(cursor.fetchone()[0])


def _wait(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_worker_killed_during_an_import_leaves_nothing_and_the_job_reruns(
    party_a: Organisation, a_officer: Any, settings: Any
) -> None:
    # given an import queued in the database queue
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    held = PersonListFactory(owner=party_a, kind="held", title="Held")
    job = list_version_import_submit(
        person_list=held,
        file_bytes=large_list_csv(ROWS),
        filename="held.csv",
        by=actor_for(a_officer),
    )
    # (the ledger is append-only: entries of earlier tests may remain)
    entries_before = LedgerEntry.objects.count()
    imports = LedgerEntry.objects.filter(
        action=actions.VERSION_IMPORT.code, data__list_id=held.pk
    )
    # and a worker process on the same (test) database
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace("@", f":{db['PASSWORD']}@", 1)
    worker = subprocess.Popen(
        [sys.executable, "-m", "homecoming", "worker", "--interval", "0.1"],
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # when it is killed while its import's rows are written but not committed
        _wait(_uncommitted_import_elsewhere, 60, "the import to start writing")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
    _wait(lambda: not _uncommitted_import_elsewhere(), 30, "the server to roll back")
    # then nothing of the import is there: no version, no person, no import entry
    assert not ListVersion.objects.filter(person_list=held).exists()
    assert not Person.objects.filter(owner=party_a).exists()
    assert not imports.exists()
    assert LedgerEntry.objects.count() == entries_before
    stuck = Job.objects.get(pk=job.pk)
    assert stuck.state == JobState.RUNNING and stuck.upload
    # when the maintenance task finds it stale, and the job runs again
    later = timezone.now() + timedelta(seconds=settings.HOMECOMING_JOB_STALE_AFTER + 1)
    assert jobs_requeue_stale(now=later) == (1, 0)
    rerun = job_run(job_id=job.pk)
    # then it ends with one whole version, its upload gone, and the ledger holds
    assert rerun is not None and rerun.state == JobState.DONE, rerun and rerun.error
    assert rerun.upload is None and rerun.attempts == 2
    version = ListVersion.objects.get(person_list=held)
    assert (version.number, version.row_count) == (1, ROWS)
    assert Person.objects.filter(owner=party_a).count() == ROWS
    assert imports.count() == 1
    assert ledger_verification().ok
