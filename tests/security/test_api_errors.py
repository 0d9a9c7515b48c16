"""Attacks on the API's error answers: a caller without credentials, a URL or method
that does not exist, and what the schema promises about them.

Found (issue 20): 403 where 401 is due, HTML 404 pages under /api/, error answers
missing from the schema (so schemathesis's status-code check had to stay off).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from tests.apps.test_scoping import ROUTES
from tests.factories import sign_in

ERROR_KEYS = {"detail", "code", "field"}
API_ROUTES = [r for r in ROUTES if r.route.startswith("api/")]


def _error(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, (answer.status_code, answer.content[:200])
    assert answer["Content-Type"].startswith("application/json"), answer["Content-Type"]
    body = answer.json()
    assert set(body) >= ERROR_KEYS, body
    return dict(body)


@pytest.mark.django_db
def test_every_api_url_answers_401_with_a_challenge_to_a_caller_not_signed_in() -> None:
    client = Client()
    wrong = {}
    for route in API_ROUTES:
        url = route.url(dict.fromkeys(route.parameters, 1))
        for method in ("get", "post"):
            answer = getattr(client, method)(url, HTTP_ACCEPT="application/json")
            if answer.status_code != 401 or not answer.has_header("WWW-Authenticate"):
                wrong[f"{method.upper()} {url}"] = answer.status_code
    assert not wrong, wrong
    _error(Client().get("/api/v1/persons/"), 401)


@pytest.mark.django_db
def test_a_bad_token_is_401_too() -> None:
    answer = Client().get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer not-a-token")
    _error(answer, 401)
    assert answer["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/no-such-thing/",
        "/api/v1/persons/99999999999999999999999/",
        "/api/v1/persons/abc/",
        "/api/v2/",
        "/api/",
    ],
)
def test_a_missing_api_url_is_a_json_404(
    client: Client, a_officer: Any, url: str
) -> None:
    sign_in(client, a_officer)
    body = _error(client.get(url, HTTP_ACCEPT="text/html"), 404)
    assert body["code"] == "not_found"


@pytest.mark.django_db
def test_a_missing_api_url_is_a_json_404_for_anonymous_callers_too() -> None:
    _error(Client().get("/api/v1/no-such-thing/"), 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url"),
    [("delete", "/api/v1/persons/"), ("put", "/api/v1/me/"), ("post", "/api/v1/me/")],
)
def test_a_method_the_url_does_not_take_is_a_json_405(
    client: Client, a_officer: Any, method: str, url: str
) -> None:
    sign_in(client, a_officer)
    answer = getattr(client, method)(url, HTTP_ACCEPT="text/html")
    body = _error(answer, 405)
    assert body["code"] == "method_not_allowed"
    assert answer.has_header("Allow")


def test_the_schema_documents_the_error_answers_of_every_operation() -> None:
    document = SchemaGenerator().get_schema(request=None, public=True)
    missing = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            statuses = set(operation["responses"])
            need = {"401", "403", "404"}
            if method != "get" or any(
                p["in"] == "query" for p in operation.get("parameters", [])
            ):
                need.add("400")
            if not need <= statuses:
                missing[f"{method.upper()} {path}"] = sorted(need - statuses)
    assert not missing, missing
    error = document["components"]["schemas"]["Error"]
    assert set(error["properties"]) >= ERROR_KEYS, error
