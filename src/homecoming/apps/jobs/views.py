"""The page of one job: its state and a progress bar that follows it, cancel, outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.permissions import Permission, may
from homecoming.apps.jobs import selectors, services
from homecoming.apps.jobs.kinds import kind_of


@login_required
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    by = actor_of(request)
    found = selectors.access_job(by=by, job_id=job_id)
    kind = kind_of(found.kind)
    return render(
        request,
        "jobs/job.html",
        {
            "job": found,
            "kind": kind,
            "may_cancel": not found.is_finished
            and may(by, Permission.JOB_CANCEL, found),
        },
    )


@login_required
@require_POST
def job_cancel(request: HttpRequest, job_id: int) -> HttpResponse:
    by = actor_of(request)
    found = selectors.access_job(by=by, job_id=job_id)
    services.job_cancel(job=found, by=by)
    messages.info(request, _("The job will stop as soon as it can."))
    return redirect("jobs:job", job_id=found.pk)
