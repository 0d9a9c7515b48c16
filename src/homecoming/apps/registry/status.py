"""Where a person stands now, from the party's latest list versions and custody events.

One rule, used by the persons page (column and filter), the person page, the dashboard
counts and, later, reconciliation's outcomes (DESIGN.md section 3)::

    dead         a death was recorded (whatever was recorded after it)
    repatriated  the latest custody event is a repatriation
    released     ... a release        escaped   ... an escape
    held/sought  on the latest version of one of the party's lists of that register
    removed      in the register, but on no latest version (taken off every list)

Events are ordered by their date (a missing day or month counts as the earliest in its
period) and then by when they were recorded. ``with_status(persons)`` annotates a
queryset with ``status`` in one query (subqueries, no per-row work), so it can be
filtered and counted in the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.db import models
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from homecoming.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    ListKind,
    ListRow,
    ListVersion,
    Person,
)


class StatusAnnotations(TypedDict):
    status: str
    latest_event: str | None
    recorded_dead: bool
    on_latest_list: bool


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    PersonWithStatus = WithAnnotations[Person, StatusAnnotations]
else:
    PersonWithStatus = Person


class PersonStatus(models.TextChoices):
    HELD = "held", _("Held")
    SOUGHT = "sought", _("Sought")
    REMOVED = "removed", _("Removed from the lists")
    RELEASED = "released", _("Released")
    ESCAPED = "escaped", _("Escaped")
    REPATRIATED = "repatriated", _("Repatriated")
    DEAD = "dead", _("Reported dead")


#: Custody events after which the person is no longer in the holder's custody.
_ENDING_EVENTS = {
    CustodyEventKind.REPATRIATION: PersonStatus.REPATRIATED,
    CustodyEventKind.RELEASE: PersonStatus.RELEASED,
    CustodyEventKind.ESCAPE: PersonStatus.ESCAPED,
}


def latest_version_ids() -> QuerySet[ListVersion, Any]:
    """The ids of the newest version of every list (a subquery)."""
    newest = (
        ListVersion.objects.filter(person_list_id=OuterRef("person_list_id"))
        .order_by("-number")
        .values("pk")[:1]
    )
    return ListVersion.objects.filter(pk=Subquery(newest)).values("pk")


def with_status(persons: QuerySet[Person]) -> QuerySet[PersonWithStatus]:
    """``persons`` annotated with ``status`` (a :class:`PersonStatus` value) and
    ``latest_event`` (the kind of the latest custody event, or None).
    """
    events = CustodyEvent.objects.filter(person=OuterRef("pk"))
    latest_event = events.order_by(
        Coalesce(F("year"), Value(0)).desc(),
        Coalesce(F("month"), Value(0)).desc(),
        Coalesce(F("day"), Value(0)).desc(),
        "-recorded_at",
        "-pk",
    ).values("kind")[:1]
    on_latest = ListRow.objects.filter(
        person=OuterRef("pk"), version_id__in=latest_version_ids()
    )
    return persons.annotate(
        latest_event=Subquery(latest_event),
        recorded_dead=Exists(events.filter(kind=CustodyEventKind.DEATH)),
        on_latest_list=Exists(on_latest),
    ).annotate(
        status=Case(
            When(recorded_dead=True, then=Value(PersonStatus.DEAD.value)),
            *(
                When(latest_event=kind.value, then=Value(status.value))
                for kind, status in _ENDING_EVENTS.items()
            ),
            When(
                on_latest_list=True,
                register=ListKind.SOUGHT,
                then=Value(PersonStatus.SOUGHT.value),
            ),
            When(on_latest_list=True, then=Value(PersonStatus.HELD.value)),
            default=Value(PersonStatus.REMOVED.value),
            output_field=CharField(),
        )
    )


def status_of(person: Person) -> PersonStatus:
    """One person's status (a person page); the same rule as :func:`with_status`."""
    annotated = with_status(Person.objects.filter(pk=person.pk))
    return PersonStatus(annotated.values_list("status", flat=True).get())
