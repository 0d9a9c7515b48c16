"""Schemathesis against every operation of the API schema, as each role.

The schema is drf-spectacular's own document; each operation gets a handful of
generated requests (a fixed budget, so the run stays under two minutes) as every role,
by ``Authorization: Bearer`` token, over the WSGI app. Every answer must be no 5xx, its
status must be one the schema documents (the 400/401/403/404 error answers are, on
every operation: homecoming.site.schema), and it must match the schema (content type,
body shape).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation, Role
from homecoming.apps.accounts.services import api_token_issue
from tests.factories import member

EXAMPLES_PER_OPERATION = 3
ROLES = {
    "a_officer": ("party_a", Role.PARTY_OFFICER),
    "a_admin": ("party_a", Role.PARTY_ADMIN),
    "b_officer": ("party_b", Role.PARTY_OFFICER),
    "mediator_officer": ("mediator", Role.MEDIATOR_OFFICER),
    "mediator_admin": ("mediator", Role.MEDIATOR_ADMIN),
    "observer": ("observer_org", Role.OBSERVER),
}


def _api_schema() -> Any:
    """drf-spectacular's document, served by the WSGI app (no network)."""
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _api_schema()


@pytest.fixture
def role_headers(request: pytest.FixtureRequest) -> dict[str, dict[str, str]]:
    """Each role's ``Authorization`` header (a write token), and none for anonymous."""
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for name, (organisation_fixture, role) in ROLES.items():
        organisation: Organisation = request.getfixturevalue(organisation_fixture)
        user = member(organisation, role, username=f"fz_{name}")
        issued = api_token_issue(
            by=dataclasses.replace(actor_for(user), second_factor=True),
            name="fuzz",
            scope="write",
        )
        headers[name] = {"Authorization": f"Bearer {issued.token}"}
    return headers


@schema.parametrize()
@pytest.mark.django_db
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_without_5xx_and_as_documented(
    case: Any, role_headers: dict[str, dict[str, str]]
) -> None:
    # each generated request is sent as every role
    generated = {
        k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"
    }
    for headers in role_headers.values():
        case.headers = {**generated, **headers}
        case.call_and_validate(
            checks=[
                checks.not_a_server_error,
                checks.status_code_conformance,
                checks.response_schema_conformance,
                checks.content_type_conformance,
            ]
        )
