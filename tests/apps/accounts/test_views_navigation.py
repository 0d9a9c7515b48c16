"""The menu by role: links to later parts appear once those parts are installed."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from django.urls import include, path

from homecoming.apps.accounts.selectors import viewer_for
from homecoming.apps.web.navigation import navigation_for


def _urlconf(monkeypatch: pytest.MonkeyPatch, name: str, patterns: list[Any]) -> str:
    module = types.ModuleType(name)
    module.urlpatterns = patterns  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, name, module)
    return name


_WITHOUT_LEDGER = [
    path("accounts/", include("homecoming.apps.accounts.urls")),
    path("registry/", include("homecoming.apps.registry.urls")),
    path("", include("homecoming.apps.web.urls")),
]


@pytest.fixture
def ledger_installed(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.ROOT_URLCONF = _urlconf(
        monkeypatch,
        "homecoming_test_urls_with_ledger",
        [*_WITHOUT_LEDGER, path("ledger/", include("homecoming.apps.audit.urls"))],
    )


@pytest.fixture
def ledger_absent(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.ROOT_URLCONF = _urlconf(
        monkeypatch, "homecoming_test_urls_without_ledger", list(_WITHOUT_LEDGER)
    )


def _labels(user: Any) -> list[str]:
    return [str(item.label) for item in navigation_for(viewer_for(user))]


@pytest.mark.usefixtures("ledger_absent")
def test_ledger_link_is_absent_until_the_ledger_is_installed(
    a_officer: Any, observer: Any
) -> None:
    assert _labels(a_officer) == ["Dashboard", "Registry", "Lists", "Imports"]
    assert _labels(observer) == ["Dashboard"]


@pytest.mark.usefixtures("ledger_installed")
def test_ledger_links_follow_the_role(
    a_officer: Any, mediator_officer: Any, observer: Any
) -> None:
    assert "Ledger" in _labels(a_officer)
    assert "Ledger" in _labels(mediator_officer)
    assert _labels(observer) == ["Dashboard", "Ledger checkpoints"]


def test_member_without_organisation_gets_no_menu(django_user_model: Any) -> None:
    loner = django_user_model.objects.create_user("loner", password="x" * 12)
    assert navigation_for(viewer_for(loner)) == ()


def test_current_page_is_marked(a_officer: Any) -> None:
    items = navigation_for(viewer_for(a_officer), current_path="/registry/persons/7/")
    current = [str(item.label) for item in items if item.current]
    assert current == ["Registry"]
