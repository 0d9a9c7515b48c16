"""The menu by role: it offers exactly the pages the role may open, each of which opens."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.web.navigation import navigation_for
from tests.factories import sign_in


def _labels(user: Any) -> list[str]:
    return [str(item.label) for item in navigation_for(actor_for(user))]


def test_each_role_gets_its_own_menu(
    a_officer: Any, mediator_officer: Any, observer: Any
) -> None:
    assert _labels(a_officer) == ["Dashboard", "Registry", "Lists", "Imports", "Ledger"]
    assert _labels(mediator_officer) == [
        "Dashboard",
        "Registry",
        "All parties' lists",
        "Ledger",
    ]
    assert _labels(observer) == ["Dashboard", "Ledger checkpoints"]


@pytest.mark.parametrize("role", ["a_officer", "mediator_admin", "observer"])
def test_every_menu_link_opens_for_its_role(
    role: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    client = Client()
    sign_in(client, user)
    for item in navigation_for(actor_for(user)):
        assert client.get(item.url).status_code == 200, (role, item.url)


def test_member_without_organisation_gets_no_menu(django_user_model: Any) -> None:
    loner = django_user_model.objects.create_user("loner", password="x" * 12)
    assert navigation_for(actor_for(loner)) == ()


def test_current_page_is_marked(a_officer: Any) -> None:
    items = navigation_for(actor_for(a_officer), current_path="/registry/persons/7/")
    current = [str(item.label) for item in items if item.current]
    assert current == ["Registry"]
