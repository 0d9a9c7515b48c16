"""REST API of jobs: the caller's jobs, one job's progress (what the page polls), cancel."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.jobs import selectors, services
from homecoming.apps.jobs.kinds import kind_of
from homecoming.site.api import page_of, paginated


class JobOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    kind_label = serializers.SerializerMethodField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    phase = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)
    cancel_requested = serializers.BooleanField()
    submitted_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField()
    problems = serializers.ListField(child=serializers.CharField())
    result = serializers.DictField()
    result_url = serializers.CharField()

    def get_kind_label(self, job: Any) -> str:
        kind = kind_of(job.kind)
        return str(kind.label) if kind else job.kind


class JobsApi(APIView):
    """The jobs the caller may see, newest first."""

    @extend_schema(operation_id="jobs_list", responses=page_of(JobOutputSerializer))
    def get(self, request: Request) -> Response:
        jobs = selectors.jobs_visible_to(by=actor_of(request))
        return paginated(request, self, jobs, JobOutputSerializer)


class JobDetailApi(APIView):
    """One job: state, step and progress, and its outcome once finished."""

    @extend_schema(responses=JobOutputSerializer)
    def get(self, request: Request, job_id: int) -> Response:
        job = selectors.access_job(by=actor_of(request), job_id=job_id)
        return Response(JobOutputSerializer(job).data)


class JobCancelApi(APIView):
    """Cancel a job (whoever started it, or the mediator)."""

    @extend_schema(request=None, responses=JobOutputSerializer)
    def post(self, request: Request, job_id: int) -> Response:
        by = actor_of(request)
        job = selectors.access_job(by=by, job_id=job_id)
        return Response(JobOutputSerializer(services.job_cancel(job=job, by=by)).data)
