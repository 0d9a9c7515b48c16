"""Attacks with API tokens: stolen from the database, reused after a password change or
a factor reset, used to write with a read-only token, or to make more tokens.

Found (issue 20): tokens were stored in plain text, never expired, survived a second
factor being set up and the password changing, and could mint more tokens.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from homecoming.apps.accounts import services, two_factor
from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import ApiToken
from tests.factories import sign_in
from tests.security.auth_steps import confirmed_app

ME = "/api/v1/me/"
TOKENS = "/api/v1/me/tokens/"


def _with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def _made_on_the_page(client: Client, scope: str = "read", days: int = 30) -> str:
    page = client.post(
        reverse("accounts:api_token_create"),
        {"name": "nightly export", "scope": scope, "days": days},
    )
    assert page.status_code == 200, page.content.decode()[:300]
    html = page.content.decode()
    return html.split('id="new-api-token">', 1)[1].split("<", 1)[0]


@pytest.fixture
def officer_session(client: Client, a_officer: Any) -> Client:
    sign_in(client, a_officer)
    return client


def test_a_token_from_the_account_page_reads_the_api(officer_session: Client) -> None:
    token = _made_on_the_page(officer_session)
    assert token.startswith("hc_") and len(token) > 40
    assert _with(token).get(ME).json()["organisation"] == "ua"
    assert APIClient().get(ME).status_code == 401


def test_the_database_holds_no_token_only_its_digest(
    officer_session: Client, a_officer: Any
) -> None:
    token = _made_on_the_page(officer_session)
    record = ApiToken.objects.get(user=a_officer)
    assert token not in {record.digest, record.prefix, record.name}
    # nowhere in any table of the database either (sessions, idempotency, ledger)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from the schema)
            for row in cursor.fetchall():
                assert not any(token in str(value) for value in row), table


def test_a_read_only_token_cannot_write(officer_session: Client) -> None:
    reader = _with(_made_on_the_page(officer_session, scope="read"))
    refused = reader.post(
        "/api/v1/lists/", {"kind": "held", "title": "X"}, format="json"
    )
    assert refused.status_code == 403
    writer = _with(_made_on_the_page(officer_session, scope="write"))
    made = writer.post("/api/v1/lists/", {"kind": "held", "title": "X"}, format="json")
    assert made.status_code == 201


def test_a_token_expires(officer_session: Client, a_officer: Any) -> None:
    token = _made_on_the_page(officer_session, days=1)
    ApiToken.objects.filter(user=a_officer).update(
        created_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    answer = _with(token).get(ME)
    assert answer.status_code == 401 and "expired" in answer.json()["detail"]


def test_a_token_lasts_no_longer_than_the_longest_life(
    a_officer: Any, settings: Any
) -> None:
    from homecoming.refusals import Rejected

    by = actor_for(a_officer)
    by = type(by)(
        **{**{f: getattr(by, f) for f in by.__slots__}, "second_factor": True}
    )
    with pytest.raises(Rejected, match="days"):
        services.api_token_issue(
            by=by, name="x", days=settings.HOMECOMING_API_TOKEN_MAX_DAYS + 1
        )


def test_tokens_are_listed_and_revoked_on_the_account_page(
    officer_session: Client, a_officer: Any
) -> None:
    token = _made_on_the_page(officer_session)
    record = ApiToken.objects.get(user=a_officer)
    page = officer_session.get(reverse("accounts:security")).content.decode()
    assert "nightly export" in page and record.prefix in page and token not in page
    officer_session.post(
        reverse("accounts:api_token_revoke", kwargs={"token_id": record.pk})
    )
    assert _with(token).get(ME).status_code == 401


def test_nobody_revokes_someone_elses_token(
    officer_session: Client, a_admin: Any
) -> None:
    _made_on_the_page(officer_session)
    record = ApiToken.objects.get()
    other = Client()
    sign_in(other, a_admin)
    answer = other.post(
        reverse("accounts:api_token_revoke", kwargs={"token_id": record.pk})
    )
    assert answer.status_code == 404
    record.refresh_from_db()
    assert record.revoked_at is None


def test_a_password_change_ends_every_token(
    officer_session: Client, a_officer: Any
) -> None:
    token = _made_on_the_page(officer_session)
    a_officer.set_password("quite another long password 1984 river")
    a_officer.save()
    answer = _with(token).get(ME)
    assert answer.status_code == 401 and "password" in answer.json()["detail"]


def test_removing_a_second_factor_ends_every_token(
    officer_session: Client, a_officer: Any
) -> None:
    token = _made_on_the_page(officer_session)
    extra = confirmed_app(a_officer)
    officer_session.post(
        reverse("accounts:second_factor_remove"), {"device": extra.persistent_id}
    )
    assert _with(token).get(ME).status_code == 401


def test_a_second_factor_reset_ends_every_token(
    officer_session: Client, a_officer: Any, a_admin: Any
) -> None:
    token = _made_on_the_page(officer_session)
    two_factor.second_factor_reset(by=actor_for(a_admin), user=a_officer)
    assert _with(token).get(ME).status_code == 401


def test_a_token_cannot_make_tokens(officer_session: Client) -> None:
    writer = _with(_made_on_the_page(officer_session, scope="write"))
    answer = writer.post(TOKENS, {"name": "more"}, format="json")
    assert answer.status_code == 403
    assert ApiToken.objects.count() == 1


def test_making_a_token_needs_the_second_factor(
    client: Client, a_officer: Any, settings: Any
) -> None:
    # a user who has an authenticator, in a session that did not give it (roles not
    # required, so the session survives): the API refuses to make a token
    settings.HOMECOMING_OTP_REQUIRED_ROLES = "none"
    confirmed_app(a_officer)
    client.force_login(a_officer)
    answer = client.post(TOKENS, {"name": "x"}, content_type="application/json")
    assert answer.status_code == 403 and "second factor" in answer.json()["detail"]


def test_the_api_makes_a_token_for_a_verified_session(officer_session: Client) -> None:
    answer = officer_session.post(
        TOKENS, {"name": "script", "scope": "write"}, content_type="application/json"
    )
    assert answer.status_code == 201
    body = answer.json()
    assert body["scope"] == "write" and body["token"].startswith(body["prefix"])
    listed = officer_session.get(TOKENS).json()
    assert listed["count"] == 1 and "token" not in listed["results"][0]


def test_the_old_plain_text_tokens_are_dropped_by_the_migration(db: None) -> None:
    import importlib

    migration = importlib.import_module(
        "homecoming.apps.accounts.migrations.0003_drop_plain_text_tokens"
    )
    with connection.cursor() as cursor:
        cursor.execute('CREATE TABLE "authtoken_token" ("key" varchar(40) PRIMARY KEY)')
        cursor.execute("INSERT INTO authtoken_token VALUES ('plain-text-key')")
    # the function needs only the editor's connection (SQLite's schema editor cannot
    # open inside a test's transaction)
    migration.drop_plain_text_tokens(None, SimpleNamespace(connection=connection))
    assert "authtoken_token" not in connection.introspection.table_names()
