"""The main navigation, by role (what each kind of member may open).

Shape::

    navigation_for(viewer, current_path="/registry/persons/")
    -> (NavItem(url="/", label="Dashboard", current=False),
        NavItem(url="/registry/persons/", label="Persons", current=True), ...)

Links to parts that are not installed yet (reconciliation, planning, the ledger) are left
out: a link only appears when its URL resolves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.selectors import Viewer


@dataclass(frozen=True, slots=True)
class NavItem:
    url: str
    label: str | Promise
    current: bool


# (url name, label) per kind of organisation; optional parts are skipped if absent.
_PARTY = (
    ("home", _("Dashboard")),
    ("registry:persons", _("Registry")),
    ("registry:lists", _("Lists")),
    ("registry:imports", _("Imports")),
    ("exchanges:index", _("Exchanges")),
    ("audit:index", _("Ledger")),
)
_MEDIATOR = (
    ("home", _("Dashboard")),
    ("registry:persons", _("Registry")),
    ("registry:lists", _("All parties' lists")),
    ("reconciliation:index", _("Reconciliation")),
    ("exchanges:index", _("Planning")),
    ("tracing:index", _("Tracing")),
    ("audit:index", _("Ledger")),
)
_OBSERVER = (("home", _("Dashboard")),)


def _resolve(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def navigation_for(viewer: Viewer, *, current_path: str = "") -> tuple[NavItem, ...]:
    """The links the viewer's role may use, in menu order; empty for non-members."""
    entries: tuple[tuple[str, Promise], ...]
    if viewer.is_party:
        entries = _PARTY
    elif viewer.is_mediator:
        entries = _MEDIATOR
    elif viewer.is_observer:
        entries = _OBSERVER
    else:
        return ()
    items: list[NavItem] = []
    for name, label in entries:
        url = _resolve(name)
        if url is None:
            continue
        current = current_path == url if url == "/" else current_path.startswith(url)
        items.append(NavItem(url=url, label=label, current=current))
    return tuple(items)
