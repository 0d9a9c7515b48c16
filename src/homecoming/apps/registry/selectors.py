"""Reads of the registry, always scoped to the caller (DESIGN.md section 4).

- a party member sees its own party's persons, lists and versions, nothing of the other's;
- a mediator member sees everything;
- an observer sees counts only (``registry_counts``);
- anyone else sees nothing.

``access_*`` helpers fetch one object the caller may see or raise ``Http404`` (never a 403
that would confirm the object exists). ``access_*_for_write`` additionally require the
right to change it and raise ``PermissionDenied`` when the caller may see but not write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.models import OrganisationKind
from homecoming.apps.accounts.permissions import (
    Permission,
    counted_owner_scope,
    owner_scope,
    require,
)
from homecoming.apps.registry.models import (
    CustodyEvent,
    ListRow,
    ListVersion,
    Person,
    PersonChange,
    PersonList,
)
from homecoming.apps.registry.search import person_search_filter
from homecoming.apps.registry.status import with_status
from homecoming.refusals import Hidden

# Persons --------------------------------------------------------------------------


def persons_visible_to(*, by: Actor) -> QuerySet[Person]:
    """Every person the caller may read (owner and register preloaded)."""
    return Person.objects.filter(owner_scope(by, "owner_id")).select_related("owner")


def person_search(
    *,
    by: Actor,
    query: str = "",
    owner: str | None = None,
    register: str | None = None,
    category: str | None = None,
    birth_year: int | None = None,
    person_list_id: int | None = None,
) -> QuerySet[Person]:
    """Persons the caller may read, filtered.

    ``query`` is read by ``registry.search``: an exact record id or service number
    first, then every word matching a name as written (its start, in any letter case,
    ё as е) or through the names engine's keys in any script, best first. ``owner``
    is an organisation code; ``person_list_id`` keeps persons on the latest version of
    that list.
    """
    persons = persons_visible_to(by=by)
    if owner:
        persons = persons.filter(owner__code=owner)
    if register:
        persons = persons.filter(register=register)
    if category:
        persons = persons.filter(category=category)
    if birth_year is not None:
        persons = persons.filter(birth_year=birth_year)
    if person_list_id is not None:
        latest = (
            ListVersion.objects.filter(person_list_id=person_list_id)
            .order_by("-number")
            .values("pk")[:1]
        )
        persons = persons.filter(list_rows__version__in=latest)
    if query.strip():
        return person_search_filter(persons, query)
    return persons.order_by("owner_id", "register", "surname", "given_name", "pk")


def access_person(*, by: Actor, person_id: int) -> Person:
    """The person with ``person_id`` if the caller may read it, else ``Http404``."""
    person = persons_visible_to(by=by).filter(pk=person_id).first()
    if person is None:
        raise Hidden("No such person.")
    return person


def custody_events_for(*, person: Person) -> QuerySet[CustodyEvent]:
    """Custody events of a person already fetched with ``access_person``."""
    return person.custody_events.order_by("year", "month", "day", "pk")


def person_changes_for(*, person: Person) -> QuerySet[PersonChange]:
    """History of a person's particulars (a person fetched with ``access_person``)."""
    return person.changes.select_related("version__person_list").order_by(
        "version__submitted_at", "field"
    )


def person_list_rows_for(*, person: Person) -> QuerySet[ListRow]:
    """The list rows (across versions) that describe this person, newest first."""
    return person.list_rows.select_related("version__person_list").order_by(
        "-version__submitted_at"
    )


# Lists and versions ------------------------------------------------------------------


def person_lists_visible_to(*, by: Actor) -> QuerySet[PersonList]:
    """Lists the caller may read, each annotated with ``version_count``."""
    return (
        PersonList.objects.filter(owner_scope(by, "owner_id"))
        .select_related("owner")
        .annotate(version_count=Count("versions"))
        .order_by("owner__code", "kind", "title")
    )


def access_person_list(*, by: Actor, list_id: int) -> PersonList:
    """The list with ``list_id`` if the caller may read it, else ``Http404``."""
    person_list = person_lists_visible_to(by=by).filter(pk=list_id).first()
    if person_list is None:
        raise Hidden("No such list.")
    return person_list


def access_person_list_for_write(*, by: Actor, list_id: int) -> PersonList:
    """The list if the caller may submit versions of it (its own party's officers)."""
    person_list = access_person_list(by=by, list_id=list_id)
    require(by, Permission.LIST_WRITE, person_list)
    return person_list


def list_versions_for(*, person_list: PersonList) -> QuerySet[ListVersion]:
    """Versions of a list already fetched with ``access_person_list``, newest first."""
    return person_list.versions.select_related("submitted_by").order_by("-number")


def list_versions_visible_to(*, by: Actor) -> QuerySet[ListVersion]:
    return ListVersion.objects.filter(
        owner_scope(by, "person_list__owner_id")
    ).select_related("person_list__owner", "submitted_by")


def access_list_version(*, by: Actor, version_id: int) -> ListVersion:
    """The version with ``version_id`` if the caller may read its list, else 404."""
    version = list_versions_visible_to(by=by).filter(pk=version_id).first()
    if version is None:
        raise Hidden("No such list version.")
    return version


def list_rows_for(*, version: ListVersion) -> QuerySet[ListRow]:
    """Rows of a version (fetched with ``access_list_version``) in file order."""
    return version.rows.select_related("person").order_by("line")


@dataclass(frozen=True, slots=True)
class ChangedRow:
    """A record present in both versions whose fields differ: field -> (old, new)."""

    record_id: str
    person_id: int
    fields: Mapping[str, tuple[str, str]]


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What a version added, removed and changed since the previous version.

    ``added`` and ``removed`` hold record ids in file order; the first version of a list
    adds every row.
    """

    version_number: int
    previous_number: int | None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[ChangedRow, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def raw_rows_diff(
    previous: Mapping[str, Mapping[str, Any]],
    current: Mapping[str, Mapping[str, Any]],
) -> tuple[list[str], list[str], list[tuple[str, dict[str, tuple[str, str]]]]]:
    """Compare two versions' rows keyed by record id (dicts keep file order).

    Fields compare as text; a field missing on one side counts as empty.
    """
    added = [rid for rid in current if rid not in previous]
    removed = [rid for rid in previous if rid not in current]
    changed: list[tuple[str, dict[str, tuple[str, str]]]] = []
    for rid, row in current.items():
        old = previous.get(rid)
        if old is None or old == row:
            continue
        fields: dict[str, tuple[str, str]] = {}
        for name in dict.fromkeys([*old, *row]):
            before, after = old.get(name, ""), row.get(name, "")
            if before != after:
                fields[name] = (_as_text(before), _as_text(after))
        if fields:
            changed.append((rid, fields))
    return added, removed, changed


def _as_text(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return "" if value is None else str(value)


def list_version_diff(*, version: ListVersion) -> VersionDiff:
    """What ``version`` (fetched with ``access_list_version``) changed since the last."""
    previous = (
        ListVersion.objects.filter(
            person_list_id=version.person_list_id, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )
    current_rows = dict(version.rows.order_by("line").values_list("record_id", "raw"))
    previous_rows = (
        dict(previous.rows.order_by("line").values_list("record_id", "raw"))
        if previous
        else {}
    )
    added, removed, changed = raw_rows_diff(previous_rows, current_rows)
    person_ids = dict(version.rows.values_list("record_id", "person_id"))
    return VersionDiff(
        version_number=version.number,
        previous_number=previous.number if previous else None,
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(
            ChangedRow(record_id=rid, person_id=person_ids[rid], fields=fields)
            for rid, fields in changed
        ),
    )


# Counts (observers, dashboards) -----------------------------------------------------


#: Below this, a count shown to an observer reads "fewer than 5" (DESIGN.md section 4).
SMALLEST_SHOWN_COUNT = 5


@dataclass(frozen=True, slots=True)
class RegistryCount:
    """How many lists and persons one party has in one register (no personal data).

    ``by_status`` counts the persons by where they stand now (``status.PersonStatus``).
    For an observer every count from 1 to 4 is None: "fewer than 5", so that no
    aggregate singles a person out.
    """

    organisation: str
    register: str
    lists: int | None
    persons: int | None
    by_status: Mapping[str, int | None] = field(default_factory=dict)


def registry_counts(*, by: Actor) -> tuple[RegistryCount, ...]:
    """Counts per party and register: parties see their own, mediator and observers all."""
    owners = counted_owner_scope(by, "owner_id") & Q(owner__kind=OrganisationKind.PARTY)
    by_status: dict[tuple[str, str], dict[str, int]] = {}
    for row in (
        with_status(Person.objects.filter(owners))
        .values("owner__code", "register", "status")
        .annotate(n=Count("pk"))
    ):
        key = (row["owner__code"], row["register"])
        by_status.setdefault(key, {})[row["status"]] = row["n"]
    lists = {
        (row["owner__code"], row["kind"]): row["n"]
        for row in PersonList.objects.filter(owners)
        .values("owner__code", "kind")
        .annotate(n=Count("pk"))
    }
    shown = _suppressed if by.is_observer else _as_is
    return tuple(
        RegistryCount(
            organisation=code,
            register=register,
            lists=shown(lists.get((code, register), 0)),
            persons=shown(sum(by_status.get((code, register), {}).values())),
            by_status={
                status: shown(count)
                for status, count in sorted(by_status.get((code, register), {}).items())
            },
        )
        for code, register in sorted(set(by_status) | set(lists))
    )


def _as_is(count: int) -> int | None:
    return count


def _suppressed(count: int) -> int | None:
    return None if 0 < count < SMALLEST_SHOWN_COUNT else count


# Persons page ----------------------------------------------------------------------
# The filters of the persons page on top of ``person_search``.


def person_search_for_page(
    *,
    by: Actor,
    query: str = "",
    owner: str | None = None,
    register: str | None = None,
    category: str | None = None,
    health: str = "",
    status: str | None = None,
    latest_event: str | None = None,
    person_list_id: int | None = None,
) -> QuerySet[Person]:
    """``person_search`` for the persons page, annotated by ``status.with_status``.

    ``health`` matches part of the health status as written; ``status`` keeps persons
    who stand there now (held, removed, repatriated...); ``latest_event`` those whose
    latest custody event is of that kind.
    """
    persons = person_search(
        by=by,
        query=query,
        owner=owner,
        register=register,
        category=category,
        person_list_id=person_list_id,
    )
    if health := health.strip():
        persons = persons.filter(health__icontains=health)
    persons = with_status(persons)
    if status:
        persons = persons.filter(status=status)
    if latest_event:
        persons = persons.filter(latest_event=latest_event)
    return persons
