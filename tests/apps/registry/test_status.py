"""Where a person stands now: one rule from latest versions and custody events."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry import selectors
from homecoming.apps.registry.models import CustodyEvent, Person
from homecoming.apps.registry.status import PersonStatus, status_of, with_status
from tests.factories import (
    ListRowFactory,
    ListVersionFactory,
    PersonFactory,
    PersonListFactory,
    sign_in,
)


@pytest.fixture
def held_list(party_a: Organisation) -> Any:
    return PersonListFactory(owner=party_a, kind="held", title="Held")


def _versions(held_list: Any, *listed: list[Person]) -> None:
    """One version of ``held_list`` per argument, each listing those persons."""
    for number, persons in enumerate(listed, start=1):
        version = ListVersionFactory(person_list=held_list, number=number)
        for person in persons:
            ListRowFactory(version=version, person=person)


def _event(person: Person, kind: str, year: int, month: int | None = None) -> None:
    CustodyEvent.objects.create(person=person, kind=kind, year=year, month=month)


def _statuses(*persons: Person) -> dict[int, str]:
    annotated = with_status(Person.objects.filter(pk__in=[p.pk for p in persons]))
    return dict(annotated.values_list("pk", "status"))


def test_on_the_latest_version_is_held_and_taken_off_is_removed(
    held_list: Any, party_a: Organisation
) -> None:
    stays, leaves = PersonFactory(owner=party_a), PersonFactory(owner=party_a)
    _versions(held_list, [stays, leaves], [stays])
    assert _statuses(stays, leaves) == {stays.pk: "held", leaves.pk: "removed"}


def test_a_sought_person_on_the_latest_sought_list_is_sought(
    party_a: Organisation,
) -> None:
    sought_list = PersonListFactory(owner=party_a, kind="sought")
    person = PersonFactory(owner=party_a, register="sought")
    _versions(sought_list, [person])
    assert status_of(person) == PersonStatus.SOUGHT


def test_the_latest_ending_event_wins_over_the_list(
    held_list: Any, party_a: Organisation
) -> None:
    home, free, away, recaptured = (PersonFactory(owner=party_a) for _ in range(4))
    _versions(held_list, [home, free, away, recaptured])
    _event(home, "capture", 2024, 3)
    _event(home, "repatriation", 2025, 5)
    _event(free, "release", 2025)
    _event(away, "escape", 2025, 1)
    _event(recaptured, "escape", 2024, 6)
    _event(recaptured, "capture", 2024, 9)  # a later capture: in custody again
    assert _statuses(home, free, away, recaptured) == {
        home.pk: "repatriated",
        free.pk: "released",
        away.pk: "escaped",
        recaptured.pk: "held",
    }


def test_a_recorded_death_stands_whatever_is_recorded_after_it(
    held_list: Any, party_a: Organisation
) -> None:
    person = PersonFactory(owner=party_a)
    _versions(held_list, [person])
    _event(person, "death", 2024, 2)
    _event(person, "transfer", 2024, 8)
    assert status_of(person) == PersonStatus.DEAD


def test_page_list_and_dashboard_agree_on_a_removed_person(
    held_list: Any, party_a: Organisation, a_officer: Any
) -> None:
    stays, leaves = PersonFactory(owner=party_a), PersonFactory(owner=party_a)
    _versions(held_list, [stays, leaves], [stays])
    by = actor_for(a_officer)
    (count,) = selectors.registry_counts(by=by)
    assert count.by_status == {"held": 1, "removed": 1}
    held = selectors.person_search_for_page(by=by, status="held")
    assert list(held) == [stays]
    client = Client()
    sign_in(client, a_officer)
    page = client.get(f"/registry/persons/{leaves.pk}/").content.decode()
    assert "Removed from the lists" in page
    listing = client.get("/registry/persons/?status=removed").content.decode()
    assert leaves.record_id in listing and stays.record_id not in listing
