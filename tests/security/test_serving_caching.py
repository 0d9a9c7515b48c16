"""Attacks through caches: a shared computer's browser cache, a proxy that keeps answers.

Found (issue 20): no ``Cache-Control: no-store`` on person pages, API answers and
exports, so a browser's back button or a caching proxy could show a person's record to
the next user. Every answer with personal data (all of /api/, every page for a signed-in
user, exports) must say ``no-store``; static files may be cached.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from homecoming.apps.accounts.models import Organisation
from tests.factories import (
    ListRowFactory,
    ListVersionFactory,
    PersonFactory,
    PersonListFactory,
    sign_in,
)


def _no_store(answer: Any) -> bool:
    if getattr(answer, "streaming", False):
        b"".join(answer.streaming_content)
    return "no-store" in answer.get("Cache-Control", "")


@pytest.fixture
def records(party_a: Organisation) -> dict[str, int]:
    person_list = PersonListFactory(owner=party_a)
    version = ListVersionFactory(person_list=person_list, number=1)
    person = PersonFactory(owner=party_a)
    ListRowFactory(version=version, person=person, raw={"record_id": person.record_id})
    return {"person": person.pk, "list": person_list.pk, "version": version.pk}


@pytest.mark.django_db
def test_every_page_and_export_with_personal_data_says_no_store(
    client: Client, a_officer: Any, records: dict[str, int]
) -> None:
    sign_in(client, a_officer)
    urls = [
        reverse("home"),
        reverse("registry:persons"),
        reverse("registry:person", args=[records["person"]]),
        reverse("registry:lists"),
        reverse("registry:list", args=[records["list"]]),
        reverse("registry:version", args=[records["version"]]),
    ]
    answers = {url: client.get(url) for url in urls}
    export = reverse("registry:export", args=[records["version"], "csv"])
    answers[export] = client.post(export)
    statuses = {u: a.status_code for u, a in answers.items()}
    assert set(statuses.values()) == {200}, [
        f"{u} {c}" for u, c in statuses.items() if c != 200
    ]
    cached = [url for url, answer in answers.items() if not _no_store(answer)]
    assert not cached, cached


@pytest.mark.django_db
def test_every_api_answer_says_no_store(
    client: Client, a_officer: Any, records: dict[str, int]
) -> None:
    sign_in(client, a_officer)
    urls = [
        "/api/v1/me/",
        "/api/v1/persons/",
        f"/api/v1/persons/{records['person']}/",
        f"/api/v1/lists/{records['list']}/",
        f"/api/v1/versions/{records['version']}/",
        f"/api/v1/versions/{records['version']}/export/",
        "/api/v1/ledger/entries/",
        "/api/v1/schema/",
        "/api/v1/persons/987654321/",  # a refusal too
    ]
    cached = [url for url in urls if not _no_store(client.get(url))]
    assert not cached, cached
    assert _no_store(Client().get("/api/v1/persons/"))  # 401
    assert _no_store(Client().get("/api/v1/no-such-thing/"))  # 404


@pytest.mark.django_db
def test_static_files_may_be_cached(client: Client, a_officer: Any) -> None:
    sign_in(client, a_officer)
    answer = client.get("/static/homecoming/site.css")
    assert answer.status_code == 200
    assert not _no_store(answer)
