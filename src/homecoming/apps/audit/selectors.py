"""Reads of the ledger, always scoped to the caller (DESIGN.md section 4).

| viewer | ledger entries | checkpoints |
|---|---|---|
| a party | its own entries and those whose audience names it | all |
| the mediator | all | all |
| an observer | none | all |
| anyone else (no membership, anonymous) | none | none |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from homecoming.apps.audit.models import LedgerEntry

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

PARTY, MEDIATOR, OBSERVER = "party", "mediator", "observer"


@dataclass(frozen=True, slots=True)
class LedgerViewer:
    """Who is reading: the code and kind (party, mediator, observer) of their organisation."""

    organisation: str
    kind: str

    @property
    def sees_all_entries(self) -> bool:
        return self.kind == MEDIATOR

    @property
    def sees_checkpoints(self) -> bool:
        return self.kind in {PARTY, MEDIATOR, OBSERVER}


def ledger_viewer_of(
    user: AbstractBaseUser | AnonymousUser | None,
) -> LedgerViewer | None:
    """The caller's organisation and kind from their membership; None without one."""
    if user is None or not user.is_authenticated:
        return None
    try:
        membership: Any = getattr(user, "membership")  # noqa: B009 (a reverse one-to-one)
    except (AttributeError, ObjectDoesNotExist):
        return None
    organisation = membership.organisation
    return LedgerViewer(organisation=organisation.code, kind=organisation.kind)


def ledger_entries_visible_to(
    *, viewer: LedgerViewer | None, subject: models.Model | None = None
) -> models.QuerySet[LedgerEntry]:
    """Entries the viewer may read, oldest first, optionally only those about ``subject``."""
    entries = LedgerEntry.objects.order_by("seq")
    if subject is not None:
        meta = subject._meta
        entries = entries.filter(
            subject_type=f"{meta.app_label}.{meta.model_name}",
            subject_id=str(subject.pk),
        )
    if viewer is None or viewer.kind not in {PARTY, MEDIATOR}:
        return entries.none()
    if viewer.sees_all_entries:
        return entries
    return entries.filter(visible_to__contains=f"|{viewer.organisation}|")


def ledger_entries_for(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    subject: models.Model | None = None,
) -> models.QuerySet[LedgerEntry]:
    """Entries ``user`` may read (own organisation's and shared ones; all for the mediator)."""
    return ledger_entries_visible_to(viewer=ledger_viewer_of(user), subject=subject)
