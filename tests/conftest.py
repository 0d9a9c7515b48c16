"""Shared fixtures: the cast of organisations and users every service test needs.

The same tests run on SQLite (default) and PostgreSQL (``DATABASE_URL=postgres://...``,
see ``make test-postgres``). Passwords hash with MD5 in tests (Argon2 costs 0.24 s each).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from homecoming.apps.accounts.models import Organisation, Role
from tests.factories import OrganisationFactory, member

# CI runs the properties with a fixed seed, so a run is reproducible and a merge is not
# refused by a counterexample first met there; developers' runs keep exploring
# (HYPOTHESIS_PROFILE=ci to reproduce CI). A counterexample found anywhere is pinned
# with @example beside the property.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip tests marked ``postgres_only`` when the suite runs on SQLite."""
    if item.get_closest_marker("postgres_only"):
        from django.conf import settings

        if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
            pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture(autouse=True)
def _no_checkpoints_left_by_committing_tests(
    request: pytest.FixtureRequest, django_db_blocker: Any
) -> Any:
    """After a test that commits, its checkpoints go (see ledger_notes.forget_checkpoints)."""
    yield
    marker = request.node.get_closest_marker("django_db")
    commits = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if commits:
        from tests.ledger_notes import forget_checkpoints

        with django_db_blocker.unblock():
            forget_checkpoints()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Any:
    """Each test starts with empty request counts (the cache outlives tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def party_a(db: None) -> Organisation:
    return OrganisationFactory(
        code="ua",
        kind="party",
        name_en="Party A",
        name_uk="Сторона А",
        name_ru="Сторона А",
    )


@pytest.fixture
def party_b(db: None) -> Organisation:
    return OrganisationFactory(
        code="ru",
        kind="party",
        name_en="Party B",
        name_uk="Сторона Б",
        name_ru="Сторона Б",
    )


@pytest.fixture
def mediator(db: None) -> Organisation:
    return OrganisationFactory(code="icrc", kind="mediator", name_en="Mediator")


@pytest.fixture
def observer_org(db: None) -> Organisation:
    return OrganisationFactory(code="obs", kind="observer", name_en="Observer")


@pytest.fixture
def a_officer(party_a: Organisation) -> Any:
    return member(party_a, Role.PARTY_OFFICER, username="a_officer")


@pytest.fixture
def a_admin(party_a: Organisation) -> Any:
    return member(party_a, Role.PARTY_ADMIN, username="a_admin")


@pytest.fixture
def b_officer(party_b: Organisation) -> Any:
    return member(party_b, Role.PARTY_OFFICER, username="b_officer")


@pytest.fixture
def mediator_officer(mediator: Organisation) -> Any:
    return member(mediator, Role.MEDIATOR_OFFICER, username="m_officer")


@pytest.fixture
def mediator_admin(mediator: Organisation) -> Any:
    return member(mediator, Role.MEDIATOR_ADMIN, username="m_admin")


@pytest.fixture
def observer(observer_org: Organisation) -> Any:
    return member(observer_org, Role.OBSERVER, username="observer")


@pytest.fixture
def new_ledger_entries(db: None) -> Any:
    """A callable giving the ledger entries appended since this test began.

    The ledger is append-only (triggers refuse DELETE) and its tables are kept out of
    ``flush``, so entries written by transactional and browser tests stay for the rest
    of the run: a test never assumes the ledger starts empty.
    """
    from django.db.models import Max

    from homecoming.apps.audit.models import LedgerEntry

    start = LedgerEntry.objects.aggregate(last=Max("seq"))["last"] or 0
    return lambda: LedgerEntry.objects.filter(seq__gt=start)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


def api_as(user: Any) -> APIClient:
    """An API client authenticated as ``user`` (session auth, no CSRF in tests)."""
    client = APIClient()
    client.force_authenticate(user=user)
    return client
