"""API routes of jobs, included by ``site/api_urls.py``."""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.jobs import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("jobs/", api.JobsApi.as_view(), name="jobs"),
    path("jobs/<id:job_id>/", api.JobDetailApi.as_view(), name="job-detail"),
    path("jobs/<id:job_id>/cancel/", api.JobCancelApi.as_view(), name="job-cancel"),
]
