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


# (candidate url names, label) per kind of organisation: the first name that resolves
# is used, and an entry none of whose names resolve (a part not installed) is left out.
# A later part gets its menu link by naming its landing page ``<app>:index``.
_Entry = tuple[tuple[str, ...], Promise]
_LEDGER: _Entry = (("audit:index", "audit:ledger"), _("Ledger"))
_PARTY: tuple[_Entry, ...] = (
    (("home",), _("Dashboard")),
    (("registry:persons",), _("Registry")),
    (("registry:lists",), _("Lists")),
    (("registry:imports",), _("Imports")),
    (("exchanges:index",), _("Exchanges")),
    _LEDGER,
)
_MEDIATOR: tuple[_Entry, ...] = (
    (("home",), _("Dashboard")),
    (("registry:persons",), _("Registry")),
    (("registry:lists",), _("All parties' lists")),
    (("reconciliation:index",), _("Reconciliation")),
    (("exchanges:index",), _("Planning")),
    (("tracing:index",), _("Tracing")),
    _LEDGER,
)
_OBSERVER: tuple[_Entry, ...] = (
    (("home",), _("Dashboard")),
    (("audit:checkpoints",), _("Ledger checkpoints")),
)


def _resolve(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def navigation_for(viewer: Viewer, *, current_path: str = "") -> tuple[NavItem, ...]:
    """The links the viewer's role may use, in menu order; empty for non-members."""
    entries: tuple[_Entry, ...]
    if viewer.is_party:
        entries = _PARTY
    elif viewer.is_mediator:
        entries = _MEDIATOR
    elif viewer.is_observer:
        entries = _OBSERVER
    else:
        return ()
    items: list[NavItem] = []
    for names, label in entries:
        url = _resolve(names)
        if url is None:
            continue
        current = current_path == url if url == "/" else current_path.startswith(url)
        items.append(NavItem(url=url, label=label, current=current))
    return tuple(items)
