"""Page URLs of jobs (``jobs:``)."""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.jobs import views

app_name = "jobs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<id:job_id>/", views.job, name="job"),
    path("<id:job_id>/cancel/", views.job_cancel, name="cancel"),
]
