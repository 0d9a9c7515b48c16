"""Ledger actions of the registry, and how entries name its lists, versions and persons."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.audit.catalogue import LedgerAction, SubjectKind

LIST_KINDS = {
    "held": pgettext_lazy("the kind of a list, in a ledger sentence", "persons held"),
    "sought": pgettext_lazy(
        "the kind of a list, in a ledger sentence", "persons sought"
    ),
}

LIST_OPEN = LedgerAction(
    "person_list.create",
    _("{actor} opened the list {subject} ({kind})."),
    labels={"kind": LIST_KINDS},
)
VERSION_IMPORT = LedgerAction(
    "list_version.import",
    _(
        "{actor} imported {subject} from {file_name}: {rows} rows ({added} added, "
        "{removed} removed, {changed} changed; {skipped} skipped)."
    ),
)
VERSION_EXPORT = LedgerAction(
    "list_version.export", _("{actor} exported {subject} as {format}.")
)
IMPORT_SUBMIT = LedgerAction(
    "import_job.submit",
    _("{actor} sent a file of {bytes} bytes to be imported into {subject}."),
)
CUSTODY_EVENTS_RECORD = LedgerAction(
    "custody_event.bulk_record",
    _("{actor} recorded {events} custody events (source: {source})."),
)
NAME_KEYS_REFRESH = LedgerAction(
    "person.name_keys_refresh",
    _(
        "{actor} recomputed the name keys of the registry: {persons_changed} persons changed."
    ),
)


def _lists(by: Actor, ids: list[str]) -> Mapping[str, tuple[str, str]]:
    from homecoming.apps.registry.selectors import person_lists_visible_to

    return {
        str(person_list.pk): (
            gettext("“%(title)s”") % {"title": person_list.title},
            reverse("registry:list", kwargs={"list_id": person_list.pk}),
        )
        for person_list in person_lists_visible_to(by=by).filter(pk__in=ids)
    }


def _versions(by: Actor, ids: list[str]) -> Mapping[str, tuple[str, str]]:
    from homecoming.apps.registry.selectors import list_versions_visible_to

    return {
        str(version.pk): (
            gettext("version %(number)s of “%(title)s”")
            % {"number": version.number, "title": version.person_list.title},
            reverse("registry:version", kwargs={"version_id": version.pk}),
        )
        for version in list_versions_visible_to(by=by).filter(pk__in=ids)
    }


def _persons(by: Actor, ids: list[str]) -> Mapping[str, tuple[str, str]]:
    from homecoming.apps.registry.selectors import persons_visible_to

    return {
        str(person.pk): (
            gettext("person %(record)s") % {"record": person.record_id},
            reverse("registry:person", kwargs={"person_id": person.pk}),
        )
        for person in persons_visible_to(by=by).filter(pk__in=ids)
    }


SubjectKind("registry.personlist", resolve=_lists, generic=_("a list"))
SubjectKind("registry.listversion", resolve=_versions, generic=_("a list version"))
SubjectKind("registry.person", resolve=_persons, generic=_("a person"))
SubjectKind("registry.custodyevent", resolve=lambda by, ids: {}, generic=_("a person"))
