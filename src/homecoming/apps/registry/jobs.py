"""Background list imports: submit now, import in the task worker, read the outcome later.

``import_job_submit`` stores the file and enqueues ``tasks.import_job_task`` once the
transaction commits; the task calls ``import_job_run``, which runs the ordinary
``list_version_import`` and records the status (queued, running, done, rejected, failed)
and the result. The status is written outside the import's transaction so that a page
can show it while the import runs; row-by-row progress cannot be (the rows are written
in one transaction, which SQLite would not let a second connection report on). With the default immediate backend (embedded mode) the task runs at
once; production runs ``homecoming manage db_worker`` (see docs/operators.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from homecoming.apps.accounts.actors import Actor, actor_for
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.registry import actions
from homecoming.apps.registry.imports import ImportRejected, list_version_import
from homecoming.apps.registry.models import ImportJob, ImportJobStatus, PersonList


def import_job_submit(
    *,
    person_list: PersonList,
    file_bytes: bytes,
    filename: str,
    by: Actor,
    mapping: Mapping[str, str] | None = None,
    only_good_rows: bool = False,
) -> ImportJob:
    """Queue an import of ``file_bytes`` into ``person_list`` (its party's members only)."""
    from homecoming.apps.registry.tasks import import_job_task

    require(by, Permission.LIST_WRITE, person_list)
    with transaction.atomic():
        job = ImportJob.objects.create(
            person_list=person_list,
            submitted_by_id=by.acting_user_id,
            filename=filename[:255],
            upload=file_bytes,
            mapping=dict(mapping or {}),
            only_good_rows=only_good_rows,
        )
        ledger_append(
            by=by,
            action=actions.IMPORT_SUBMIT,
            subject=job,
            data={"list_id": person_list.pk, "bytes": len(file_bytes)},
        )
        transaction.on_commit(lambda: import_job_task.enqueue(job_id=job.pk))
    return job


def _set_phase(job: ImportJob, status: str, phase: str) -> None:
    job.status, job.phase = status, phase
    ImportJob.objects.filter(pk=job.pk).update(status=status, phase=phase)


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued import job (idempotent: a finished job is returned unchanged)."""
    job = ImportJob.objects.select_related("person_list", "submitted_by").get(pk=job_id)
    if job.status in (ImportJobStatus.DONE, ImportJobStatus.REJECTED):
        return job
    _set_phase(job, ImportJobStatus.RUNNING, "importing")

    try:
        result = list_version_import(
            person_list=job.person_list,
            file_bytes=bytes(job.upload),
            filename=job.filename,
            by=actor_for(job.submitted_by),
            mapping=job.mapping,
            only_good_rows=job.only_good_rows,
        )
    except ImportRejected as exc:
        job.status, job.phase = ImportJobStatus.REJECTED, "rejected"
        job.result = {"problems": list(exc.problems[:1000]), "count": len(exc.problems)}
    except Exception:
        job.status, job.phase = ImportJobStatus.FAILED, "failed"
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "phase", "finished_at"])
        raise
    else:
        job.status, job.phase = ImportJobStatus.DONE, "done"
        job.version = result.version
        job.result = {
            "message": result.message,
            "unchanged": result.unchanged,
            "rows_read": result.rows_read,
            "rows_imported": result.rows_imported,
            "rows_skipped": result.rows_skipped,
            "problems": list(result.problems[:1000]),
        }
    job.finished_at = timezone.now()
    job.upload = b""  # the version keeps the rows and the file's hash
    job.save(
        update_fields=["status", "phase", "result", "version", "finished_at", "upload"]
    )
    return job
