"""Background tasks of the registry (django-tasks). Tasks take ids, never objects."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def import_job_task(*, job_id: int) -> dict[str, Any]:
    """Run one queued list import (see ``homecoming.apps.registry.jobs``)."""
    from homecoming.apps.registry.jobs import import_job_run

    job = import_job_run(job_id=job_id)
    return {"job_id": job.pk, "status": job.status}
