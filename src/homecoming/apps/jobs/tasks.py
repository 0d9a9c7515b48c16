"""The tasks behind jobs (django-tasks). Tasks take ids, never objects.

``job_task`` runs one job. ``maintenance_task`` is the schedule: it queues again jobs
whose worker died, purges old jobs and idempotency keys, and, on a backend that can
defer tasks (the database backend the worker runs), enqueues itself again for
``HOMECOMING_MAINTENANCE_EVERY`` seconds later. ``homecoming worker`` starts the chain.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def job_task(*, job_id: int) -> dict[str, Any]:
    """Run one queued job (see ``homecoming.apps.jobs.services.job_run``)."""
    from homecoming.apps.jobs.services import job_run

    job = job_run(job_id=job_id)
    return {"job_id": job_id, "state": job.state if job is not None else "skipped"}


@task()
def maintenance_task() -> dict[str, int]:
    """Housekeeping on a schedule; returns what it did (counts)."""
    from homecoming.apps.accounts.idempotency import idempotent_requests_purge
    from homecoming.apps.jobs.services import jobs_purge, jobs_requeue_stale

    requeued, failed = jobs_requeue_stale()
    done = {
        "jobs_requeued": requeued,
        "jobs_failed": failed,
        "jobs_purged": jobs_purge(),
        "idempotency_keys_purged": idempotent_requests_purge(),
    }
    schedule_maintenance()
    return done


def schedule_maintenance() -> bool:
    """Enqueue the next maintenance run, when the backend can defer tasks."""
    if not maintenance_task.get_backend().supports_defer:
        return False
    every = int(getattr(settings, "HOMECOMING_MAINTENANCE_EVERY", 900))
    maintenance_task.using(
        run_after=timezone.now() + timedelta(seconds=every)
    ).enqueue()
    return True
