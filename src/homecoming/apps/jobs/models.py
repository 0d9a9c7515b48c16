"""A job: one piece of long work (an import, a reconciliation run, a plan, notices).

Shape::

    Job(kind="registry.import", state="running", organisation=<ua>, submitted_by=<user>,
        phase="writing", done=40000, total=100000, arguments={"list_id": 7, ...},
        upload=b"...", result={"version_id": 12, ...}, error="", problems=[...],
        subject_type="registry.personlist", subject_id="7")

The row is what people see; the task that runs it (django-tasks) carries only the job's
id. ``arguments`` hold ids and options, never personal data; ``upload`` holds an uploaded
file until the job ends, however it ends. A job belongs to the organisation that
started it, which scopes who may read it (its party, and the mediator).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.models import Organisation


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


#: States a job never leaves.
FINISHED_STATES = (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=64)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=JobState.choices,
        default=JobState.QUEUED,
        db_index=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    phase = models.CharField(_("step"), max_length=64, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    arguments = models.JSONField(default=dict, blank=True)
    upload = models.BinaryField(null=True, blank=True, editable=False)
    upload_name = models.CharField(_("file name"), max_length=255, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    problems = models.JSONField(default=list, blank=True)
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-submitted_at", "-id")
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = (
            models.Index(
                fields=["organisation", "-submitted_at"], name="job_org_recent"
            ),
            models.Index(fields=["subject_type", "subject_id"], name="job_subject"),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(state__in=JobState.values), name="job_state_known"
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(done__lte=models.F("total")),
                name="job_done_within_total",
            ),
        )

    def __str__(self) -> str:
        return f"job {self.pk} ({self.kind}, {self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def percent(self) -> int | None:
        """How far along, 0-100, when the job knows its total."""
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
