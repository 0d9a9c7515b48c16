"""Submitting, running, cancelling and purging jobs (see ``models`` and ``kinds``).

The rules every kind of job follows:

- ``job_submit`` writes the job row and enqueues its task when the caller's transaction
  commits, so a job never runs on data that was rolled back.
- ``job_run`` claims the job atomically (``UPDATE … WHERE state = 'queued'``): of two
  workers given the same job, one runs it and the other returns.
- Progress (``JobRun.progress``) is written outside the work's transactions, at most a
  few times a second; it is also where a running job notices that it was cancelled or
  has run past its time limit (``HOMECOMING_JOB_TIME_LIMIT`` seconds).
- However a job ends (done, failed, cancelled), its upload is deleted and it gets a
  finish time; a failure's sentence is for people and names no personal data.
- A job whose worker died (no heartbeat for ``HOMECOMING_JOB_STALE_AFTER`` seconds) is
  queued again, up to ``MAX_ATTEMPTS`` times, then failed (``jobs_requeue_stale``).
- Finished jobs older than ``HOMECOMING_JOB_RETENTION_DAYS`` are deleted by
  ``jobs_purge``, which the maintenance task runs on a schedule.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from homecoming.apps.accounts.actors import SYSTEM, Actor, actor_for
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append, subject_key
from homecoming.apps.jobs import actions
from homecoming.apps.jobs.kinds import JobKind, kind_of
from homecoming.apps.jobs.models import FINISHED_STATES, Job, JobState
from homecoming.refusals import Conflict, Rejected

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
#: Seconds between two progress writes of one job.
PROGRESS_INTERVAL = 0.5


class JobStopped(Exception):
    """Raised inside a handler by ``progress`` when the job must stop now."""

    def __init__(self, state: str, reason: str) -> None:
        super().__init__(reason)
        self.state = state
        self.reason = reason


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def job_submit(
    *,
    kind: JobKind,
    by: Actor,
    arguments: Mapping[str, Any],
    upload: bytes | None = None,
    upload_name: str = "",
    subject: models.Model | None = None,
) -> Job:
    """Queue a job of ``kind`` for ``by`` (whose permission the caller has checked).

    Call inside the caller's transaction; the task is enqueued once it commits.
    """
    subject_type, subject_id = subject_key(subject) if subject is not None else ("", "")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind.code,
            organisation_id=by.organisation_id,
            submitted_by_id=by.user_id,
            arguments=dict(arguments),
            upload=upload,
            upload_name=upload_name[:255],
            subject_type=subject_type,
            subject_id=subject_id,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from homecoming.apps.jobs.tasks import job_task

    job_task.enqueue(job_id=job_id)


class JobRun:
    """What a handler gets: the job's arguments, its upload, its actor, ``progress``."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.arguments: Mapping[str, Any] = job.arguments
        self.by: Actor = (
            actor_for(job.submitted_by) if job.submitted_by_id is not None else SYSTEM
        )
        limit = _setting("HOMECOMING_JOB_TIME_LIMIT", 3600)
        self._deadline = time.monotonic() + limit
        self._written = 0.0
        # Transactions already open when the job started (a test's, say) are not the
        # work's: only those the handler opens hold progress back.
        self._depth = len(connection.atomic_blocks)

    def upload(self) -> bytes:
        return bytes(self.job.upload or b"")

    def progress(
        self, done: int, total: int | None = None, *, phase: str | None = None
    ) -> None:
        """Record how far the job is; raise :class:`JobStopped` when it must stop.

        Inside a transaction the handler opened nothing is written (another connection
        could not see it, and SQLite would block on it): the call only checks the time
        limit.
        """
        if time.monotonic() > self._deadline:
            raise JobStopped(
                JobState.FAILED, gettext("The job ran past its time limit.")
            )
        now = time.monotonic()
        if len(connection.atomic_blocks) > self._depth:
            return
        if phase is None and now - self._written < PROGRESS_INTERVAL:
            return
        self._written = now
        changes: dict[str, Any] = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            changes["total"] = max(total, done)
        if phase is not None:
            changes["phase"] = phase[:64]
        Job.objects.filter(pk=self.job.pk).update(**changes)
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobStopped(JobState.CANCELLED, gettext("Cancelled on request."))


def job_run(*, job_id: int) -> Job | None:
    """Run a queued job to its end; None when another worker has it or it has ended."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    job = Job.objects.select_related("submitted_by").get(pk=job_id)
    kind = kind_of(job.kind)
    ending: dict[str, Any] = {"error": "", "problems": [], "result": {}}
    try:
        if kind is None:
            raise Rejected(f"unknown kind of job {job.kind!r}")
        result = dict(kind.handler(JobRun(job)))
    except JobStopped as stopped:
        ending.update(state=stopped.state, error=stopped.reason)
    except Rejected as rejected:
        ending.update(
            state=JobState.FAILED,
            error=rejected.detail,
            problems=list(rejected.problems[:1000]),
        )
    except Exception:
        # Logged with ids only: the trace names code, never the job's data.
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        ending.update(
            state=JobState.FAILED,
            error=gettext(
                "An error in the system stopped the job. It has been logged."
            ),
        )
    else:
        ending.update(state=JobState.DONE, result=result)
        ending["result_url"] = str(result.get("url", ""))[:300]
        if job.total is not None or "total" in result:
            total = int(result.get("total", job.total or 0))
            ending.update(done=total, total=total)
    Job.objects.filter(pk=job.pk).update(
        **ending, upload=None, finished_at=timezone.now(), cancel_requested=False
    )
    job.refresh_from_db()
    return job


def job_cancel(*, job: Job, by: Actor) -> Job:
    """Cancel a job: at once if it waits, at its next progress report if it runs."""
    require(by, Permission.JOB_CANCEL, job)
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.state in FINISHED_STATES:
            raise Conflict(gettext("The job has already finished."))
        if locked.state == JobState.QUEUED:
            locked.state = JobState.CANCELLED
            locked.finished_at = timezone.now()
            locked.upload = None
            locked.error = gettext("Cancelled on request.")
            locked.save(update_fields=["state", "finished_at", "upload", "error"])
        else:
            locked.cancel_requested = True
            locked.save(update_fields=["cancel_requested"])
        ledger_append(
            by=by, action=actions.JOB_CANCEL, subject=locked, data={"kind": locked.kind}
        )
    return locked


def jobs_requeue_stale(*, now: Any = None) -> tuple[int, int]:
    """Queue again the running jobs whose worker stopped reporting (or fail them after
    ``MAX_ATTEMPTS``); returns (queued again, failed)."""
    now = now or timezone.now()
    stale_after = timedelta(seconds=_setting("HOMECOMING_JOB_STALE_AFTER", 900))
    stale = Job.objects.filter(
        state=JobState.RUNNING, heartbeat_at__lt=now - stale_after
    )
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=JobState.FAILED,
        error=gettext("The worker running the job stopped, too many times."),
        upload=None,
        finished_at=now,
    )
    again = list(stale.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    Job.objects.filter(pk__in=again).update(state=JobState.QUEUED, phase="")
    for job_id in again:
        _enqueue(job_id)
    return len(again), failed


def jobs_purge(*, now: Any = None) -> int:
    """Delete finished jobs older than the retention period; returns how many."""
    now = now or timezone.now()
    days = _setting("HOMECOMING_JOB_RETENTION_DAYS", 30)
    deleted, _ = Job.objects.filter(
        state__in=FINISHED_STATES, finished_at__lt=now - timedelta(days=days)
    ).delete()
    return deleted
