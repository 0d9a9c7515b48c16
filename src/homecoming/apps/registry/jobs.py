"""The registry's background job: importing a large list file (``homecoming.apps.jobs``).

``list_version_import_submit`` keeps the file in a job and queues it; the job runs the
ordinary ``list_version_import`` (all or nothing, idempotent by the file's hash, so a job
run again after its worker died changes nothing twice) and records the outcome. The file
is deleted from the job when it ends, however it ends: the version keeps the rows and
the file's hash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.jobs.kinds import JobKind
from homecoming.apps.jobs.models import Job
from homecoming.apps.jobs.services import JobRun, job_submit
from homecoming.apps.registry import actions
from homecoming.apps.registry.imports import list_version_import
from homecoming.apps.registry.models import PersonList


def _import_list(run: JobRun) -> Mapping[str, Any]:
    person_list = PersonList.objects.get(pk=run.arguments["list_id"])
    run.progress(0, phase=gettext("reading and checking the file"))
    result = list_version_import(
        person_list=person_list,
        file_bytes=run.upload(),
        filename=run.job.upload_name,
        by=run.by,
        mapping=run.arguments.get("mapping") or {},
        only_good_rows=bool(run.arguments.get("only_good_rows")),
        progress=lambda done, total: run.progress(done, total),
    )
    version = result.version
    return {
        "list_id": person_list.pk,
        "version_id": version.pk if version is not None else None,
        "message": result.message,
        "unchanged": result.unchanged,
        "rows_read": result.rows_read,
        "rows_imported": result.rows_imported,
        "rows_skipped": result.rows_skipped,
        "skipped_problems": list(result.problems[:1000]),
        "warnings": list(result.warnings[:1000]),
        "encoding": result.encoding_name,
        "url": (
            reverse("registry:version", kwargs={"version_id": version.pk})
            if version is not None
            else reverse("registry:list", kwargs={"list_id": person_list.pk})
        ),
    }


IMPORT = JobKind(
    "registry.import",
    label=_("List import"),
    handler=_import_list,
    result_template="registry/_import_result.html",
)


def list_version_import_submit(
    *,
    person_list: PersonList,
    file_bytes: bytes,
    filename: str,
    by: Actor,
    mapping: Mapping[str, str] | None = None,
    only_good_rows: bool = False,
) -> Job:
    """Queue an import of ``file_bytes`` into ``person_list`` (its party's members only)."""
    require(by, Permission.LIST_WRITE, person_list)
    with transaction.atomic():
        job = job_submit(
            kind=IMPORT,
            by=by,
            arguments={
                "list_id": person_list.pk,
                "mapping": dict(mapping or {}),
                "only_good_rows": only_good_rows,
            },
            upload=file_bytes,
            upload_name=filename,
            subject=person_list,
        )
        ledger_append(
            by=by,
            action=actions.IMPORT_SUBMIT,
            subject=person_list,
            data={"job_id": job.pk, "bytes": len(file_bytes)},
        )
    return job
