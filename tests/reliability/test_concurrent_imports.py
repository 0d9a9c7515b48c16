"""Two officers import the same list file at the same moment: one version, not two.

Each officer runs in its own thread with its own database connection. Both are held at
a barrier after the import's cheap early check (no version yet), so both really race
for the list's row lock; the second to get it must find the first's version and write
nothing.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation, Role
from homecoming.apps.audit.models import LedgerEntry
from homecoming.apps.registry import actions
from homecoming.apps.registry import imports as registry_imports
from homecoming.apps.registry.models import ListVersion, Person, PersonList
from tests.factories import PersonListFactory, member
from tests.reliability.lists import large_list_csv

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls: list[Any]) -> list[Any]:
    """Run each call in its own thread and connection; their results or exceptions."""
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            outcomes[index] = calls[index]()
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an import hung"
    return outcomes


def test_two_officers_importing_the_same_list_at_once_end_with_one_version(
    party_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a held list of party A and two of its officers
    held = PersonListFactory(owner=party_a, kind="held", title="Held")
    officers = [
        member(party_a, Role.PARTY_OFFICER, username=f"a_officer_{i}") for i in (1, 2)
    ]
    data = large_list_csv(400)
    # and both imports held after their early check until both have made it
    both_checked = threading.Barrier(2, timeout=30)
    read_rows = registry_imports.read_import_rows

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        parsed = read_rows(*args, **kwargs)
        both_checked.wait()
        return parsed

    monkeypatch.setattr(registry_imports, "read_import_rows", read_then_wait)

    def importing(user: Any) -> Any:
        return lambda: registry_imports.list_version_import(
            person_list=PersonList.objects.get(pk=held.pk),
            file_bytes=data,
            filename="held.csv",
            by=actor_for(user),
        )

    # when both import the same file at once
    outcomes = _race([importing(user) for user in officers])
    # then neither failed, one wrote version 1 and the other found it unchanged
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(o.version is not None for o in outcomes) == [False, True]
    assert list(held.versions.values_list("number", flat=True)) == [1]
    assert Person.objects.filter(owner=party_a).count() == 400
    assert ListVersion.objects.get(person_list=held).row_count == 400
    imports = LedgerEntry.objects.filter(
        action=actions.VERSION_IMPORT.code, data__list_id=held.pk
    )
    assert imports.count() == 1


def test_two_different_files_imported_at_once_become_versions_one_and_two(
    party_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two officers with different files for the same list, racing as above
    held = PersonListFactory(owner=party_a, kind="held", title="Held")
    officers = [
        member(party_a, Role.PARTY_OFFICER, username=f"a_officer_{i}") for i in (1, 2)
    ]
    files = [large_list_csv(200, seed=1), large_list_csv(200, seed=2)]
    both_checked = threading.Barrier(2, timeout=30)
    read_rows = registry_imports.read_import_rows

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        parsed = read_rows(*args, **kwargs)
        both_checked.wait()
        return parsed

    monkeypatch.setattr(registry_imports, "read_import_rows", read_then_wait)
    calls = [
        (
            lambda user=user, data=data: registry_imports.list_version_import(
                person_list=PersonList.objects.get(pk=held.pk),
                file_bytes=data,
                filename="held.csv",
                by=actor_for(user),
            )
        )
        for user, data in zip(officers, files, strict=True)
    ]
    # when both import at once
    outcomes = _race(calls)
    # then the versions are numbered one after the other and the second is a diff of
    # the first (all 200 rows removed, 200 added), not of an empty list
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    versions = list(held.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert (versions[1].added_count, versions[1].removed_count) == (200, 200)
