"""Page URLs of jobs (``jobs:``)."""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.jobs import views

app_name = "jobs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:job_id>/", views.job, name="job"),
    path("<int:job_id>/cancel/", views.job_cancel, name="cancel"),
]
