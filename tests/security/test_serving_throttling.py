"""Attacks by volume on the API: one account's script, one address guessing tokens.

Found (issue 20): throttle rates were set but nothing was throttled. DRF checks
throttles after authentication and permissions, so every request without a valid
credential (a guessed token, an anonymous flood) was refused with 401 before it was
counted; and DRF took the whole ``X-Forwarded-For`` as the address, so a client could
give every request a new one. The N+1th request in the window must get 429.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.services import api_token_issue

N = 5


@pytest.fixture
def rates(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    # DRF's throttles read their rates once, at import: patch the class's copy.
    rates = {"user": f"{N}/min", "anon": "1000/min", "address": f"{N}/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    return rates


def _bearer(user: Any) -> dict[str, str]:
    issued = api_token_issue(
        by=dataclasses.replace(actor_for(user), second_factor=True),
        name="load",
        scope="read",
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.token}"}


@pytest.mark.django_db
def test_the_n_plus_first_request_of_one_user_is_429(
    rates: dict[str, str], a_officer: Any, b_officer: Any
) -> None:
    rates["address"] = "1000/min"
    token = _bearer(a_officer)
    client = Client()
    # from different addresses: it is the user that is counted
    codes = [
        client.get("/api/v1/me/", REMOTE_ADDR=f"10.0.0.{n}", **token).status_code
        for n in range(N + 1)
    ]
    assert codes == [200] * N + [429]
    refused = client.get("/api/v1/me/", **token)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "throttled"
    assert client.get("/api/v1/me/", **_bearer(b_officer)).status_code == 200


@pytest.mark.django_db
def test_one_address_guessing_tokens_gets_429_after_n(rates: dict[str, str]) -> None:
    client = Client()
    codes = [
        client.get(
            "/api/v1/persons/",
            REMOTE_ADDR="10.5.5.5",
            HTTP_AUTHORIZATION=f"Bearer hc_guess{n}",
        ).status_code
        for n in range(N + 1)
    ]
    assert codes == [401] * N + [429]
    # another address is not held back
    assert client.get("/api/v1/persons/", REMOTE_ADDR="10.5.5.6").status_code == 401


@pytest.mark.django_db
def test_an_anonymous_flood_gets_429_whatever_forwarded_for_it_claims(
    rates: dict[str, str],
) -> None:
    client = Client()
    codes = [
        client.get(
            "/api/v1/persons/",
            REMOTE_ADDR="10.6.6.6",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(N + 1)
    ]
    assert codes == [401] * N + [429]


@pytest.mark.django_db
def test_behind_the_trusted_proxy_each_client_is_counted_apart(
    rates: dict[str, str], settings: Any
) -> None:
    settings.HOMECOMING_TRUSTED_PROXY = "10.1.1.1"
    client = Client()

    def from_client(address: str) -> int:
        return int(
            client.get(
                "/api/v1/persons/",
                REMOTE_ADDR="10.1.1.1",
                HTTP_X_FORWARDED_FOR=f"198.51.100.1, {address}",
            ).status_code
        )

    assert [from_client("203.0.113.1") for _ in range(N + 1)] == [401] * N + [429]
    assert from_client("203.0.113.2") == 401
