"""The registry's REST API: scoped reads, multipart import, diff and export."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry.models import Person, PersonList
from tests.apps.registry.listfiles import ROWS, csv_bytes, with_row
from tests.conftest import api_as
from tests.factories import PersonFactory, PersonListFactory


@pytest.fixture
def held_list(party_a: Organisation) -> PersonList:
    return PersonListFactory(owner=party_a, kind="held", title="Held")


def _upload(client: Any, person_list: PersonList, data: bytes, **extra: Any) -> Any:
    return client.post(
        f"/api/v1/lists/{person_list.pk}/versions/",
        {"file": SimpleUploadedFile("held.csv", data, "text/csv"), **extra},
        format="multipart",
    )


def test_import_through_the_api_then_reimport_is_unchanged(
    held_list: PersonList, a_officer: Any
) -> None:
    client = api_as(a_officer)
    first = _upload(client, held_list, csv_bytes())
    assert first.status_code == 201, first.content
    assert first.json()["version"]["number"] == 1
    again = _upload(client, held_list, csv_bytes())
    assert again.status_code == 200 and again.json()["unchanged"] is True


def test_a_rejected_upload_lists_every_problem(
    held_list: PersonList, a_officer: Any
) -> None:
    rows = with_row(ROWS, 1, birth_date="31.02.1990")
    response = _upload(api_as(a_officer), held_list, csv_bytes(rows))
    assert response.status_code == 400
    assert any("birth_date" in p for p in response.json()["problems"])
    assert not Person.objects.exists()


def test_upload_with_a_mapping(held_list: PersonList, a_officer: Any) -> None:
    data = csv_bytes([("1", "Коваль", "Пункт 7")], ("№", "Прізвище", "Табір"))
    response = _upload(
        api_as(a_officer), held_list, data, mapping=["Табір=place_of_internment"]
    )
    assert response.status_code == 201, response.content
    assert Person.objects.get().place_of_internment == "Пункт 7"


def test_mediator_upload_is_forbidden_and_other_party_upload_not_found(
    held_list: PersonList, mediator_officer: Any, b_officer: Any
) -> None:
    assert _upload(api_as(mediator_officer), held_list, csv_bytes()).status_code == 403
    assert _upload(api_as(b_officer), held_list, csv_bytes()).status_code == 404
    assert not Person.objects.exists()


def test_persons_are_searched_and_paginated_within_scope(
    party_a: Organisation, party_b: Organisation, a_officer: Any
) -> None:
    for n in range(3):
        PersonFactory(owner=party_a, surname=f"Петренко{n}", birth_year=1980 + n)
    PersonFactory(owner=party_b, surname="Петренко-чужий")
    client = api_as(a_officer)
    page = client.get("/api/v1/persons/", {"q": "Петренко", "limit": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2
    assert all(p["owner"] == "ua" for p in page["results"])
    one = client.get("/api/v1/persons/", {"birth_year": 1981}).json()
    assert [p["surname"] for p in one["results"]] == ["Петренко1"]


def test_person_detail_shows_custody_events(
    held_list: PersonList, a_officer: Any
) -> None:
    client = api_as(a_officer)
    _upload(client, held_list, csv_bytes())
    person = Person.objects.get(record_id="A-1")
    body = client.get(f"/api/v1/persons/{person.pk}/").json()
    assert body["birth_date"] == "1990-05-17"
    assert body["custody_events"][0]["kind"] == "capture"


def test_version_diff_and_export_endpoints(
    held_list: PersonList, a_officer: Any
) -> None:
    client = api_as(a_officer)
    _upload(client, held_list, csv_bytes())
    second = _upload(client, held_list, csv_bytes(with_row(ROWS, 0, rank="капрал")))
    version_id = second.json()["version"]["id"]
    diff = client.get(f"/api/v1/versions/{version_id}/diff/").json()
    assert diff["changed"][0]["fields"] == {"rank": ["солдат", "капрал"]}
    export = client.post(
        f"/api/v1/versions/{version_id}/export/", {"file_format": "xlsx"}, format="json"
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert export["Cache-Control"] == "no-store"
    bad = client.post(
        f"/api/v1/versions/{version_id}/export/", {"file_format": "pdf"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "file_format"


def test_an_export_is_a_post_that_lands_in_the_ledger(
    held_list: PersonList, a_officer: Any, new_ledger_entries: Any
) -> None:
    client = api_as(a_officer)
    version_id = _upload(client, held_list, csv_bytes()).json()["version"]["id"]
    url = f"/api/v1/versions/{version_id}/export/"
    assert client.get(url).status_code == 405  # a read never writes the ledger
    assert not new_ledger_entries().filter(action="list_version.export").exists()
    client.post(url, {"file_format": "csv"}, format="json")
    assert new_ledger_entries().filter(action="list_version.export").count() == 1


def test_lists_endpoint_opens_a_list_for_a_party_only(
    a_officer: Any, observer: Any
) -> None:
    created = api_as(a_officer).post(
        "/api/v1/lists/", {"kind": "sought", "title": "Sought 1"}, format="json"
    )
    assert created.status_code == 201 and created.json()["owner"] == "ua"
    refused = api_as(observer).post(
        "/api/v1/lists/", {"kind": "sought", "title": "X"}, format="json"
    )
    assert refused.status_code == 403


def test_token_authentication_works(a_officer: Any) -> None:
    from django.test import Client
    from rest_framework.test import APIClient

    from tests.factories import sign_in

    session = Client()
    sign_in(session, a_officer)
    token = session.post(
        "/api/v1/me/tokens/", {"name": "test"}, content_type="application/json"
    ).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/me/").json()["organisation"] == "ua"
    assert APIClient().get("/api/v1/me/").status_code in (401, 403)


def test_schema_describes_the_registry_endpoints(a_officer: Any) -> None:
    response = api_as(a_officer).get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/persons/{person_id}/" in text
    assert "/api/v1/lists/{list_id}/versions/" in text


def test_persons_page_costs_a_fixed_number_of_queries(
    party_a: Organisation, a_officer: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        PersonFactory(owner=party_a)
    client = api_as(a_officer)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/persons/", {"limit": 25})
    assert len(response.json()["results"]) == 25


def test_person_search_crosses_scripts_through_the_name_keys(
    party_a: Organisation, a_officer: Any, mediator_admin: Any
) -> None:
    # given a person written in Ukrainian, with the names engine's keys stored
    from homecoming.apps.registry import services

    PersonFactory(
        owner=party_a, surname="Шевчук", given_name="Олександр", patronymic="Іванович"
    )
    PersonFactory(owner=party_a, surname="Коваль", given_name="Микола")
    services.person_name_keys_refresh(by=actor_for(mediator_admin))
    client = api_as(a_officer)
    # when the API is searched with the Russian and the Latin spellings
    for query in ("Александр", "Shevchuk", "шевчук"):
        response = client.get("/api/v1/persons/", {"q": query})
        # then the person is found, and only that person
        assert response.status_code == 200
        assert [p["surname"] for p in response.json()["results"]] == ["Шевчук"], query


def test_the_import_answer_carries_warnings_and_the_encoding(
    held_list: PersonList, a_officer: Any
) -> None:
    rows = with_row(ROWS, 0, surname="=1+1")
    answer = _upload(api_as(a_officer), held_list, csv_bytes(rows))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert len(body["warnings"]) == 1 and "formula" in body["warnings"][0]
    assert body["encoding"] is not None
