"""Attacks with numbers no database column holds: ``?offset=10**30``, a path id of
thirty digits, ``?page=1e5``.

Found (issue 20): very large integers in query parameters gave 500 (SQLite's "Python int
too large to convert", PostgreSQL's "bigint out of range"). Every page and API list
must answer a number it cannot use as a refusal (400), or, for an object id in the
path, as a missing object (404), never 5xx. The URLs come from Django's resolver
(tests/apps/test_scoping.py's walk), so a page added later is covered too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.apps import access
from tests.apps.test_scoping import ROUTES, Route
from tests.factories import (
    ListRowFactory,
    ListVersionFactory,
    PersonFactory,
    PersonListFactory,
    sign_in,
)

HUGE = str(10**30)
# One more than the largest value of a bigint column (PostgreSQL, SQLite).
JUST_TOO_BIG = str(2**63)
NOT_NUMBERS = ("1e5", "12abc", "-0x1", "١٢")
# Every number a page or API list reads from its query (filters, pagination, proofs).
QUERY_NUMBERS = (
    "page",
    "limit",
    "offset",
    "birth_year",
    "list",
    "after",
    "size",
    "old_size",
    "new_size",
    "days",
)


def _ids(route: Route) -> set[str]:
    return set(re.findall(r"<id:([^>]+)>", route.route))


def _gettable(route: Route) -> bool:
    return not any(
        part in route.route for part in ("logout", "i18n/setlang", "jsi18n")
    ) and all(p in _ids(route) or p in access.VALUES for p in route.parameters)


def _url(route: Route, number: str) -> str:
    ids = _ids(route)
    return route.url(
        {p: number if p in ids else access.VALUES[p] for p in route.parameters}
    )


def _status(client: Client, url: str) -> int:
    answer = client.get(url, HTTP_ACCEPT="text/html,application/json")
    if getattr(answer, "streaming", False):
        b"".join(answer.streaming_content)
    return int(answer.status_code)


@pytest.fixture
def officer_client(a_officer: Any, party_a: Any) -> Client:
    # something on every list, so that an offset reaches the database
    person_list = PersonListFactory(owner=party_a)
    version = ListVersionFactory(person_list=person_list, number=1)
    person = PersonFactory(owner=party_a)
    ListRowFactory(version=version, person=person, raw={"record_id": person.record_id})
    # a crash answers 500 instead of raising, so one test lists every URL that crashes
    client = Client(raise_request_exception=False)
    sign_in(client, a_officer)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_TOO_BIG, "-" + HUGE])
def test_a_huge_object_id_in_the_path_is_a_missing_object(
    officer_client: Client, number: str
) -> None:
    routes = [r for r in ROUTES if _gettable(r) and r.parameters]
    assert any(r.route.startswith("api/") for r in routes)
    answers = {r.route: _status(officer_client, _url(r, number)) for r in routes}
    wrong = {route: code for route, code in answers.items() if code != 404}
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_TOO_BIG, "-" + HUGE, *NOT_NUMBERS])
def test_a_number_no_column_holds_in_the_query_is_refused_not_a_crash(
    officer_client: Client, number: str
) -> None:
    routes = [r for r in ROUTES if _gettable(r) and not r.parameters]
    assert any(r.route == "api/v1/persons/" for r in routes)
    crashed = {}
    for route in routes:
        for name in QUERY_NUMBERS:
            url = f"{_url(route, '1')}?{name}={number}"
            code = _status(officer_client, url)
            if code >= 500:
                crashed[url] = code
    assert not crashed, crashed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/persons/", "offset"),
        ("/api/v1/persons/", "birth_year"),
        ("/api/v1/persons/", "list"),
        ("/api/v1/ledger/entries/", "after"),
    ],
)
def test_the_api_says_which_parameter_it_could_not_use(
    officer_client: Client, url: str, name: str
) -> None:
    answer = officer_client.get(url, {name: HUGE})
    assert answer.status_code == 400, answer.content
    assert answer.json()["field"] == name
