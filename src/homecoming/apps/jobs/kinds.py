"""Kinds of job: what each one does and how its outcome is shown.

An app declares its kinds in its own ``jobs.py`` (imported by its AppConfig)::

    IMPORT = JobKind(
        "registry.import",
        label=_("List import"),
        handler=_import_list,                        # (JobRun) -> result dict
        result_template="registry/_import_result.html",
    )

The handler does the work with ``run.progress(...)`` now and then, and returns a JSON
result (ids and counts); raising :class:`~homecoming.refusals.Rejected` fails the job
with that sentence and its problems. A handler must be safe to run again on the same
arguments: a job whose worker died is run again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from homecoming.apps.jobs.services import JobRun

_KINDS: dict[str, JobKind] = {}

JobHandler = Callable[["JobRun"], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class JobKind:
    code: str
    label: str | Promise
    handler: JobHandler
    result_template: str = ""

    def __post_init__(self) -> None:
        known = _KINDS.get(self.code)
        if known is not None and known != self:
            raise ValueError(f"job kind {self.code!r} is declared twice")
        _KINDS[self.code] = self


def kind_of(code: str) -> JobKind | None:
    return _KINDS.get(code)
