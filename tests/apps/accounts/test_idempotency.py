"""Idempotency keys: a retried POST creates nothing new and gets the same answer."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from homecoming.apps.accounts.idempotency import idempotent_requests_purge
from homecoming.apps.accounts.models import IdempotentRequest
from homecoming.apps.registry.models import PersonList
from tests.conftest import api_as

URL = "/api/v1/lists/"


def test_repeating_a_post_with_the_same_key_replays_the_first_response(
    a_officer: Any,
) -> None:
    client = api_as(a_officer)
    body = {"kind": "held", "title": "Held list"}
    first = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert PersonList.objects.count() == 1


def test_same_key_with_a_different_request_is_refused(a_officer: Any) -> None:
    client = api_as(a_officer)
    client.post(
        URL, {"kind": "held", "title": "One"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    other = client.post(
        URL, {"kind": "held", "title": "Two"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert other.status_code == 422
    assert PersonList.objects.count() == 1


def test_keys_are_per_user(a_officer: Any, a_admin: Any) -> None:
    api_as(a_officer).post(
        URL, {"kind": "held", "title": "One"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    response = api_as(a_admin).post(
        URL, {"kind": "sought", "title": "One"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 201
    assert PersonList.objects.count() == 2


def test_without_a_key_each_post_runs(a_officer: Any) -> None:
    client = api_as(a_officer)
    client.post(URL, {"kind": "held", "title": "One"}, format="json")
    again = client.post(URL, {"kind": "held", "title": "One"}, format="json")
    assert again.status_code == 409  # the second really ran: the title is taken
    assert not IdempotentRequest.objects.exists()


def test_a_key_older_than_a_day_is_forgotten(a_officer: Any) -> None:
    client = api_as(a_officer)
    body = {"kind": "held", "title": "One"}
    client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="old")
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(days=2))
    again = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="old")
    assert "Idempotent-Replayed" not in again
    assert again.status_code == 409


def test_purge_deletes_only_expired_keys(a_officer: Any) -> None:
    client = api_as(a_officer)
    client.post(
        URL, {"kind": "held", "title": "A"}, format="json", HTTP_IDEMPOTENCY_KEY="a"
    )
    client.post(
        URL, {"kind": "held", "title": "B"}, format="json", HTTP_IDEMPOTENCY_KEY="b"
    )
    IdempotentRequest.objects.filter(key="a").update(
        created_at=timezone.now() - timedelta(days=2)
    )
    assert idempotent_requests_purge() == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["b"]


def test_a_new_api_token_is_never_stored_as_an_idempotent_answer(
    client: Any, a_officer: Any
) -> None:
    """The token's text exists in the answer only: a stored replay would keep it."""
    from tests.factories import sign_in

    sign_in(client, a_officer)
    answer = client.post(
        "/api/v1/me/tokens/",
        {"name": "script"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="t",
    )
    assert answer.status_code == 201
    assert not IdempotentRequest.objects.filter(key="t").exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_create_one_list() -> None:
    """Two requests racing with the same key: one runs, the other waits and replays."""
    import threading

    from django.db import connection

    from homecoming.apps.accounts.models import Role
    from tests.factories import OrganisationFactory, member

    user = member(OrganisationFactory(code="ua", kind="party"), Role.PARTY_OFFICER)
    responses: list[Any] = []

    def post() -> None:
        try:
            responses.append(
                api_as(user).post(
                    URL,
                    {"kind": "held", "title": "Raced"},
                    format="json",
                    HTTP_IDEMPOTENCY_KEY="race",
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(responses) == 4
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert PersonList.objects.count() == 1
