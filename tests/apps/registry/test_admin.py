"""The admin is read-mostly: support staff search and read, never change the registry."""

from typing import Any

import pytest
from django.test import Client

from homecoming.apps.accounts.models import Organisation
from tests.factories import PersonFactory, UserFactory, sign_in


@pytest.fixture
def staff_client(db: None) -> Client:
    client = Client()
    sign_in(client, UserFactory(username="support", is_staff=True, is_superuser=True))
    return client


def test_support_staff_search_persons(
    staff_client: Client, party_a: Organisation
) -> None:
    PersonFactory(owner=party_a, record_id="FIND-ME", surname="Шукач")
    response = staff_client.get("/admin/registry/person/", {"q": "FIND-ME"})
    assert response.status_code == 200
    assert "Шукач" in response.content.decode()


@pytest.mark.parametrize(
    "model", ["registry/person", "registry/listversion", "accounts/membership"]
)
def test_nobody_adds_through_the_admin(staff_client: Client, model: str) -> None:
    assert staff_client.get(f"/admin/{model}/add/").status_code == 403


def test_nobody_changes_or_deletes_a_person(
    staff_client: Client, party_a: Organisation
) -> None:
    person: Any = PersonFactory(owner=party_a, surname="Незмінний")
    url = f"/admin/registry/person/{person.pk}/change/"
    # the change page shows the person read-only
    page = staff_client.get(url)
    assert page.status_code == 200 and 'name="surname"' not in page.content.decode()
    staff_client.post(url, {"surname": "Змінений"})
    person.refresh_from_db()
    assert person.surname == "Незмінний"
    deleted = staff_client.post(
        f"/admin/registry/person/{person.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 403
