"""Jobs for the access matrix: a finished import job of each party."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homecoming.apps.jobs.models import Job
from tests.apps.access import PARTY_SCOPED, Side, register


def _objects(side: Side) -> Mapping[str, Any]:
    job = Job.objects.create(
        kind="registry.import",
        state="done",
        organisation=side.owner,
        submitted_by=side.officer,
        upload_name=f"{side.canaries[2]}.csv",
    )
    return {"job_id": job.pk}


register(make=_objects, parameters={"job_id": PARTY_SCOPED})
