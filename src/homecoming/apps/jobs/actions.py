"""Ledger actions of jobs: a cancellation is a decision someone made."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from homecoming.apps.audit.catalogue import LedgerAction, SubjectKind

JOB_CANCEL = LedgerAction("job.cancel", _("{actor} cancelled a background job."))

SubjectKind("jobs.job", resolve=lambda by, ids: {}, generic=_("a background job"))
