"""The ledger's schedule (django-tasks): a checkpoint signed every few minutes.

``checkpoint_task`` signs a checkpoint (also when nothing was appended: a fresh signed
time is what defeats a server frozen on an old view) and, on a backend that can defer
tasks (the database queue ``homecoming worker`` drains), enqueues itself again
``HOMECOMING_CHECKPOINT_EVERY`` seconds later. ``homecoming worker`` starts the chain.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def checkpoint_task() -> dict[str, Any]:
    """Sign a checkpoint as the mediator's system; returns its id and size."""
    from homecoming.apps.accounts.actors import system_for
    from homecoming.apps.accounts.selectors import mediator_organisation
    from homecoming.apps.audit.services import SYSTEM_MEDIATOR, checkpoint_sign

    mediator = mediator_organisation()
    by = system_for(mediator) if mediator is not None else SYSTEM_MEDIATOR
    checkpoint = checkpoint_sign(by=by, reason="schedule")
    schedule_checkpoints()
    return {"checkpoint_id": checkpoint.pk, "size": checkpoint.size}


def schedule_checkpoints() -> bool:
    """Enqueue the next scheduled checkpoint, when the backend can defer tasks."""
    if not checkpoint_task.get_backend().supports_defer:
        return False
    every = int(getattr(settings, "HOMECOMING_CHECKPOINT_EVERY", 300))
    checkpoint_task.using(run_after=timezone.now() + timedelta(seconds=every)).enqueue()
    return True
