"""The main navigation: the pages each caller may open, in menu order.

Shape::

    navigation_for(actor, current_path="/registry/persons/")
    -> (NavItem(url="/", label="Dashboard", current=False),
        NavItem(url="/registry/persons/", label="Registry", current=True), ...)

Each entry names a page that exists and the permission that opens it
(``homecoming.apps.accounts.permissions``), so the menu offers exactly what the caller
may use. An app adds its landing page here when it has one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.permissions import Permission, may


@dataclass(frozen=True, slots=True)
class NavItem:
    url: str
    label: str | Promise
    current: bool


def _may(permission: Permission) -> Callable[[Actor], bool]:
    return lambda actor: may(actor, permission)


def _checkpoints_only(actor: Actor) -> bool:
    """Observers read checkpoints but no entries: their menu says so."""
    return may(actor, Permission.CHECKPOINTS_READ) and not may(
        actor, Permission.LEDGER_ENTRIES_READ
    )


def _any_member(actor: Actor) -> bool:
    return True


#: (URL name, label, who sees the entry), in menu order.
MENU: tuple[tuple[str, Promise, Callable[[Actor], bool]], ...] = (
    ("home", _("Dashboard"), _any_member),
    ("registry:persons", _("Registry"), _may(Permission.REGISTRY_READ)),
    ("registry:lists", _("Lists"), _may(Permission.LIST_OPEN)),
    (
        "registry:lists",
        _("All parties' lists"),
        _may(Permission.REGISTRY_READ_ALL_PARTIES),
    ),
    ("registry:imports", _("Imports"), _may(Permission.LIST_OPEN)),
    ("audit:ledger", _("Ledger"), _may(Permission.LEDGER_ENTRIES_READ)),
    ("audit:checkpoints", _("Ledger checkpoints"), _checkpoints_only),
)


def navigation_for(actor: Actor, *, current_path: str = "") -> tuple[NavItem, ...]:
    """The links the actor may use, in menu order; empty for non-members."""
    if not actor.is_member:
        return ()
    items: list[NavItem] = []
    for url_name, label, shown_to in MENU:
        if not shown_to(actor):
            continue
        url = reverse(url_name)
        current = current_path == url if url == "/" else current_path.startswith(url)
        items.append(NavItem(url=url, label=label, current=current))
    return tuple(items)
