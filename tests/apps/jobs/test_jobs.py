"""One job pattern for all long work: claim, progress, cancel, failure, retry, purge."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import IdempotentRequest
from homecoming.apps.jobs import services
from homecoming.apps.jobs.kinds import JobKind
from homecoming.apps.jobs.models import Job, JobState
from homecoming.apps.jobs.services import JobRun
from homecoming.apps.jobs.tasks import maintenance_task
from homecoming.refusals import Conflict, Refused, Rejected
from tests.conftest import api_as
from tests.factories import sign_in

SEEN: list[tuple[int, int | None]] = []


def _count(run: JobRun) -> dict[str, Any]:
    """Counts to ``steps``; fails, cancels itself or writes inside a transaction on
    request, to drive each path of the runner."""
    steps = int(run.arguments.get("steps", 3))
    for step in range(steps):
        if run.arguments.get("cancel_at") == step:
            Job.objects.filter(pk=run.job.pk).update(cancel_requested=True)
        if run.arguments.get("reject_at") == step:
            raise Rejected("step rejected", problems=["row 2: bad", "row 3: bad"])
        if run.arguments.get("crash_at") == step:
            raise RuntimeError("a bug with Ааронович in it")
        if run.arguments.get("in_transaction"):
            with transaction.atomic():
                run.progress(step + 1, steps)
                SEEN.append(Job.objects.values_list("done", "total").get(pk=run.job.pk))
        else:
            run.progress(step + 1, steps, phase=f"step {step + 1}")
    return {"counted": steps, "upload_bytes": len(run.upload())}


COUNT = JobKind("test.count", label="Counting", handler=_count)


@pytest.fixture(autouse=True)
def _every_progress_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "PROGRESS_INTERVAL", 0.0)
    SEEN.clear()


def _submit(user: Any, **arguments: Any) -> Job:
    return services.job_submit(
        kind=COUNT, by=actor_for(user), arguments=arguments, upload=b"file bytes"
    )


def test_a_job_runs_once_and_ends_with_its_result_and_no_upload(a_officer: Any) -> None:
    job = _submit(a_officer, steps=4)
    finished = services.job_run(job_id=job.pk)
    assert finished is not None and finished.state == JobState.DONE
    assert finished.result == {"counted": 4, "upload_bytes": 10}
    assert (finished.done, finished.total, finished.phase) == (4, 4, "step 4")
    assert finished.upload is None and finished.finished_at is not None
    # a second worker given the same job finds it claimed and does nothing
    assert services.job_run(job_id=job.pk) is None
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_submitting_enqueues_the_task_only_when_the_transaction_commits(
    a_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = _submit(a_officer, steps=2)
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert len(callbacks) == 1
    assert Job.objects.get(pk=job.pk).state == JobState.DONE


def test_progress_inside_a_transaction_is_not_written(a_officer: Any) -> None:
    job = _submit(a_officer, steps=2, in_transaction=True)
    services.job_run(job_id=job.pk)
    assert SEEN == [(0, None), (0, None)]


def test_a_rejected_job_fails_with_its_sentence_and_problems(a_officer: Any) -> None:
    job = _submit(a_officer, steps=3, reject_at=1)
    finished = services.job_run(job_id=job.pk)
    assert finished is not None and finished.state == JobState.FAILED
    assert finished.error == "step rejected"
    assert finished.problems == ["row 2: bad", "row 3: bad"]
    assert finished.upload is None


def test_a_crash_fails_the_job_without_showing_its_data(
    a_officer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    job = _submit(a_officer, crash_at=0)
    finished = services.job_run(job_id=job.pk)
    assert finished is not None and finished.state == JobState.FAILED
    assert "Ааронович" not in finished.error and "logged" in finished.error
    assert f"job {job.pk} (test.count) failed" in caplog.text


def test_cancelling_a_waiting_job_stops_it_before_it_starts(
    a_officer: Any, new_ledger_entries: Any
) -> None:
    job = _submit(a_officer)
    services.job_cancel(job=job, by=actor_for(a_officer))
    assert Job.objects.get(pk=job.pk).state == JobState.CANCELLED
    assert services.job_run(job_id=job.pk) is None
    assert new_ledger_entries().filter(action="job.cancel").count() == 1
    with pytest.raises(Conflict):
        services.job_cancel(job=job, by=actor_for(a_officer))


def test_a_running_job_stops_at_its_next_progress_report(a_officer: Any) -> None:
    job = _submit(a_officer, steps=5, cancel_at=2)
    finished = services.job_run(job_id=job.pk)
    assert finished is not None and finished.state == JobState.CANCELLED
    assert finished.done == 3 and finished.result == {} and finished.upload is None


def test_a_job_past_its_time_limit_fails(a_officer: Any, settings: Any) -> None:
    settings.HOMECOMING_JOB_TIME_LIMIT = -1
    finished = services.job_run(job_id=_submit(a_officer).pk)
    assert finished is not None and finished.state == JobState.FAILED
    assert "time limit" in finished.error


def test_only_the_submitter_or_the_mediator_may_cancel(
    a_officer: Any, a_admin: Any, mediator_officer: Any
) -> None:
    job = _submit(a_officer)
    with pytest.raises(Refused):
        services.job_cancel(job=job, by=actor_for(a_admin))
    services.job_cancel(job=job, by=actor_for(mediator_officer))


def test_a_job_whose_worker_died_runs_again_then_fails_after_three_tries(
    a_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = _submit(a_officer)
    long_ago = timezone.now() - timedelta(hours=2)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, heartbeat_at=long_ago, attempts=1
    )
    assert services.jobs_requeue_stale() == (1, 0)  # queued again: the task re-runs it
    assert Job.objects.get(pk=job.pk).state == JobState.DONE
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, heartbeat_at=long_ago, attempts=3
    )
    assert services.jobs_requeue_stale() == (0, 1)
    dead = Job.objects.get(pk=job.pk)
    assert dead.state == JobState.FAILED and dead.upload is None


def test_maintenance_purges_old_jobs_and_idempotency_keys(a_officer: Any) -> None:
    old, recent = _submit(a_officer), _submit(a_officer)
    for job in (old, recent):
        services.job_run(job_id=job.pk)
    Job.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - timedelta(days=90)
    )
    key = IdempotentRequest.objects.create(user=a_officer, key="k", fingerprint="f")
    IdempotentRequest.objects.filter(pk=key.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    done = maintenance_task.call()
    assert done["jobs_purged"] == 1 and done["idempotency_keys_purged"] == 1
    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_party_sees_its_own_jobs_the_other_party_none_the_mediator_all(
    a_officer: Any, b_officer: Any, mediator_officer: Any
) -> None:
    job = _submit(a_officer)
    url = f"/api/v1/jobs/{job.pk}/"
    assert api_as(a_officer).get(url).json()["state"] == "queued"
    assert api_as(b_officer).get(url).status_code == 404
    assert api_as(mediator_officer).get(url).status_code == 200
    assert api_as(b_officer).get("/api/v1/jobs/").json()["count"] == 0


def test_the_job_page_shows_a_progress_bar_that_follows_the_api(
    a_officer: Any,
) -> None:
    job = _submit(a_officer)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, done=40, total=100)
    client = Client()
    sign_in(client, a_officer)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert '<progress data-job-progress max="100" value="40"' in html
    assert f'data-job-url="/api/v1/jobs/{job.pk}/"' in html
    assert "Cancel" in html
    response = client.post(f"/jobs/{job.pk}/cancel/")
    assert response.status_code == 302
    assert Job.objects.get(pk=job.pk).cancel_requested
