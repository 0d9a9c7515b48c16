"""Canaries through the real ways in: what one party imports never reaches the other.

``tests/apps/test_scoping.py`` plants canaries with factories and walks every URL with
every object. Here each party's canaries go in the way real data does, through the
import job: in surnames, given names, units, the list title and the uploaded file's
name, so they also sit in job records, list versions and ledger entries. Then every
page and API listing without parameters, and a missing page, is fetched by every role,
and every log record written meanwhile is kept: no answer to a role, and no log line,
may carry a canary it must not see. An import that fails writes its file name nowhere
in the logs either.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation, Role
from homecoming.apps.jobs.models import Job, JobState
from homecoming.apps.registry.jobs import list_version_import_submit
from tests.apps.registry.listfiles import ROWS, csv_bytes
from tests.apps.test_scoping import ROUTES, _body
from tests.factories import PersonListFactory, member, sign_in

pytestmark = pytest.mark.django_db

CANARIES = {
    "a": ("Канарейкоа", "Kanareika-A-given", "v/ch KANARY-A-UNIT", "List KANARY-A"),
    "b": ("Канарейкоб", "Kanareika-B-given", "v/ch KANARY-B-UNIT", "List KANARY-B"),
}
FILE_CANARY = {"a": "intake-KANARYFILE-A", "b": "intake-KANARYFILE-B"}


def _leaks_for(role: str) -> tuple[str, ...]:
    a = (*CANARIES["a"], FILE_CANARY["a"])
    b = (*CANARIES["b"], FILE_CANARY["b"])
    return {
        "anonymous": a + b,
        "observer": a + b,
        "a_officer": b,
        "a_admin": b,
        "b_officer": a,
        "b_admin": a,
        "mediator_officer": (),
        "mediator_admin": (),
    }[role]


def _import(side: str, owner: Organisation, officer: Any, capture: Any) -> None:
    surname, given, unit, title = CANARIES[side]
    held = PersonListFactory(owner=owner, kind="held", title=title)
    rows = [list(row) for row in ROWS]
    rows[0][1], rows[0][2], rows[0][7] = surname, given, unit
    with capture(execute=True):
        job = list_version_import_submit(
            person_list=held,
            file_bytes=csv_bytes([tuple(row) for row in rows]),
            filename=f"{FILE_CANARY[side]}.csv",
            by=actor_for(officer),
        )
    assert Job.objects.get(pk=job.pk).state == JobState.DONE


def _parameterless_get_routes() -> list[str]:
    return sorted(
        {"/" + r.route for r in ROUTES if not r.parameters and "logout" not in r.route}
    )


def test_no_role_and_no_log_line_carries_a_canary_it_must_not_see(
    party_a: Organisation,
    party_b: Organisation,
    mediator: Organisation,
    observer_org: Organisation,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    users = {
        "anonymous": None,
        "a_officer": member(party_a, Role.PARTY_OFFICER, username="cn_a_officer"),
        "a_admin": member(party_a, Role.PARTY_ADMIN, username="cn_a_admin"),
        "b_officer": member(party_b, Role.PARTY_OFFICER, username="cn_b_officer"),
        "b_admin": member(party_b, Role.PARTY_ADMIN, username="cn_b_admin"),
        "mediator_officer": member(mediator, Role.MEDIATOR_OFFICER, username="cn_mo"),
        "mediator_admin": member(mediator, Role.MEDIATOR_ADMIN, username="cn_ma"),
        "observer": member(observer_org, Role.OBSERVER, username="cn_observer"),
    }
    # given both parties' lists imported through the job, canaries and all
    _import("a", party_a, users["a_officer"], django_capture_on_commit_callbacks)
    _import("b", party_b, users["b_officer"], django_capture_on_commit_callbacks)
    urls = [*_parameterless_get_routes(), "/no-such-page/", "/api/v1/no-such-thing/"]
    leaks = []
    client = Client(raise_request_exception=False)
    # when every role fetches every page and listing without parameters, and two
    # missing ones
    for role, user in users.items():
        client.logout()
        if user is not None:
            sign_in(client, user)
        for url in urls:
            response = client.get(url, HTTP_ACCEPT="text/html,application/json")
            body = _body(response)
            leaks += [(role, url, c) for c in _leaks_for(role) if c in body]
    # then no answer carries another party's canary
    assert not leaks
    # and the mediator, who may see both, really got them: the walk reached the data
    client.logout()
    sign_in(client, users["mediator_officer"])
    seen = "".join(_body(client.get(url)) for url in urls)
    assert CANARIES["a"][0] in seen and CANARIES["b"][0] in seen
    # and no log line names a person, a unit, a list or an uploaded file
    logged = "\n".join(record.getMessage() for record in caplog.records)
    everything = [c for side in "ab" for c in (*CANARIES[side], FILE_CANARY[side])]
    assert not [c for c in everything if c in logged or c in caplog.text]


def test_a_failed_import_logs_no_name_and_keeps_no_upload(
    party_a: Organisation,
    a_officer: Any,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    # given an import whose handler crashes half-way (a bug, say)
    from homecoming.apps.registry import imports

    def crash(**kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(imports, "persons_upsert", crash)
    held = PersonListFactory(owner=party_a, kind="held", title=CANARIES["a"][3])
    rows = [list(row) for row in ROWS]
    rows[0][1] = CANARIES["a"][0]
    # when it runs
    with django_capture_on_commit_callbacks(execute=True):
        job = list_version_import_submit(
            person_list=held,
            file_bytes=csv_bytes([tuple(row) for row in rows]),
            filename=f"{FILE_CANARY['a']}.csv",
            by=actor_for(a_officer),
        )
    # then it failed, logged its trace, but no name, title or file name, and its
    # upload is gone
    failed = Job.objects.get(pk=job.pk)
    assert failed.state == JobState.FAILED and failed.upload is None
    assert "boom" in caplog.text
    for canary in (CANARIES["a"][0], CANARIES["a"][3], FILE_CANARY["a"]):
        assert canary not in caplog.text
        assert canary not in failed.error
