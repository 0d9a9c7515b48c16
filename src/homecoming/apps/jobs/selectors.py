"""Reads of jobs, scoped to the caller: an organisation's own jobs; the mediator's all."""

from __future__ import annotations

from django.db.models import QuerySet

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.permissions import owner_scope
from homecoming.apps.jobs.models import Job
from homecoming.refusals import Hidden


def jobs_visible_to(*, by: Actor, kind: str | None = None) -> QuerySet[Job]:
    """Jobs the caller may read, newest first (their uploads left unread)."""
    jobs = Job.objects.filter(owner_scope(by, "organisation_id")).defer("upload")
    if kind is not None:
        jobs = jobs.filter(kind=kind)
    return jobs.select_related("submitted_by").order_by("-submitted_at", "-pk")


def access_job(*, by: Actor, job_id: int) -> Job:
    job = jobs_visible_to(by=by).filter(pk=job_id).first()
    if job is None:
        raise Hidden("No such job.")
    return job
