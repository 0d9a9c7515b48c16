"""Registry reads are scoped to the caller (DESIGN.md section 4)."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from homecoming.apps.accounts.actors import NOBODY, actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry import selectors
from tests.factories import (
    ListRowFactory,
    ListVersionFactory,
    PersonFactory,
    PersonListFactory,
)


@pytest.fixture
def persons(party_a: Organisation, party_b: Organisation) -> dict[str, Any]:
    return {
        "a": PersonFactory(owner=party_a, surname="Коваленко", birth_year=1985),
        "a2": PersonFactory(owner=party_a, register="sought", surname="Бондар"),
        "b": PersonFactory(owner=party_b, surname="Смирнов"),
    }


def test_party_sees_only_its_own_persons(
    a_officer: Any, persons: dict[str, Any]
) -> None:
    visible = set(selectors.persons_visible_to(by=actor_for(a_officer)))
    assert visible == {persons["a"], persons["a2"]}


def test_mediator_sees_every_party_persons(
    mediator_officer: Any, persons: dict[str, Any]
) -> None:
    assert set(selectors.persons_visible_to(by=actor_for(mediator_officer))) == set(
        persons.values()
    )


def test_observer_and_anonymous_see_no_person(
    observer: Any, persons: dict[str, Any]
) -> None:

    assert not selectors.persons_visible_to(by=actor_for(observer)).exists()
    assert not selectors.persons_visible_to(by=NOBODY).exists()


def test_other_party_person_is_not_found_rather_than_forbidden(
    b_officer: Any, persons: dict[str, Any]
) -> None:
    with pytest.raises(Http404):
        selectors.access_person(by=actor_for(b_officer), person_id=persons["a"].pk)


def test_missing_person_is_not_found(a_officer: Any, persons: dict[str, Any]) -> None:
    with pytest.raises(Http404):
        selectors.access_person(by=actor_for(a_officer), person_id=10**9)


def test_search_by_surname_prefix_birth_year_and_register(
    a_officer: Any, persons: dict[str, Any]
) -> None:
    assert list(selectors.person_search(by=actor_for(a_officer), query="Ковал")) == [
        persons["a"]
    ]
    assert list(selectors.person_search(by=actor_for(a_officer), birth_year=1985)) == [
        persons["a"]
    ]
    assert list(
        selectors.person_search(by=actor_for(a_officer), register="sought")
    ) == [persons["a2"]]
    # the other party's surname finds nothing
    assert not selectors.person_search(
        by=actor_for(a_officer), query="Смирнов"
    ).exists()


def test_search_by_list_keeps_persons_on_its_latest_version(
    a_officer: Any, party_a: Organisation, persons: dict[str, Any]
) -> None:
    person_list = PersonListFactory(owner=party_a)
    old = ListVersionFactory(person_list=person_list, number=1)
    new = ListVersionFactory(person_list=person_list, number=2)
    ListRowFactory(version=old, person=persons["a2"])
    ListRowFactory(version=new, person=persons["a"])
    found = selectors.person_search(
        by=actor_for(a_officer), person_list_id=person_list.pk
    )
    assert list(found) == [persons["a"]]


def test_mediator_may_read_but_not_write_a_party_list(
    mediator_officer: Any, party_a: Organisation
) -> None:
    person_list = PersonListFactory(owner=party_a)
    assert selectors.access_person_list(
        by=actor_for(mediator_officer), list_id=person_list.pk
    )
    with pytest.raises(PermissionDenied):
        selectors.access_person_list_for_write(
            by=actor_for(mediator_officer), list_id=person_list.pk
        )


def test_other_party_cannot_even_find_a_list_to_write(
    b_officer: Any, party_a: Organisation
) -> None:
    person_list = PersonListFactory(owner=party_a)
    with pytest.raises(Http404):
        selectors.access_person_list_for_write(
            by=actor_for(b_officer), list_id=person_list.pk
        )


def test_other_party_version_is_not_found(
    b_officer: Any, party_a: Organisation
) -> None:
    version = ListVersionFactory(person_list=PersonListFactory(owner=party_a))
    with pytest.raises(Http404):
        selectors.access_list_version(by=actor_for(b_officer), version_id=version.pk)


def test_observer_sees_counts_of_both_parties_and_parties_only_their_own(
    observer: Any, a_officer: Any, mediator_officer: Any, persons: dict[str, Any]
) -> None:
    def counts(user: Any) -> dict[tuple[str, str], int | None]:
        return {
            (c.organisation, c.register): c.persons
            for c in selectors.registry_counts(by=actor_for(user))
        }

    # the mediator reads exact counts; an observer reads "fewer than 5" (None) for 1-4
    assert counts(mediator_officer) == {
        ("ru", "held"): 1,
        ("ua", "held"): 1,
        ("ua", "sought"): 1,
    }
    assert counts(observer) == {
        ("ru", "held"): None,
        ("ua", "held"): None,
        ("ua", "sought"): None,
    }
    assert set(counts(a_officer)) == {("ua", "held"), ("ua", "sought")}


def test_an_observer_reads_a_count_of_five_or_more_as_it_is(
    observer: Any, party_b: Organisation
) -> None:
    PersonFactory.create_batch(6, owner=party_b)
    (count,) = selectors.registry_counts(by=actor_for(observer))
    assert count.persons == 6 and count.by_status == {"removed": 6}


def test_version_diff_names_added_removed_and_changed_records(
    party_a: Organisation,
) -> None:
    # given two versions of a list: r1 unchanged, r2 changed, r3 removed, r4 added
    person_list = PersonListFactory(owner=party_a)
    v1 = ListVersionFactory(person_list=person_list, number=1)
    v2 = ListVersionFactory(person_list=person_list, number=2)
    people = {rid: PersonFactory(owner=party_a, record_id=rid) for rid in "1234"}

    def row(version: Any, rid: str, **raw: str) -> None:
        ListRowFactory(
            version=version,
            person=people[rid],
            record_id=rid,
            raw={"record_id": rid, **raw},
        )

    row(v1, "1", surname="A")
    row(v1, "2", surname="B", rank="private")
    row(v1, "3", surname="C")
    row(v2, "1", surname="A")
    row(v2, "2", surname="B", rank="sergeant")
    row(v2, "4", surname="D")
    # when the second version is compared with the first
    diff = selectors.list_version_diff(version=v2)
    # then
    assert diff.previous_number == 1
    assert diff.added == ("4",)
    assert diff.removed == ("3",)
    assert [(c.record_id, dict(c.fields)) for c in diff.changed] == [
        ("2", {"rank": ("private", "sergeant")})
    ]
    assert selectors.list_version_diff(version=v1).added == ("1", "2", "3")
