"""Template tags of the pages shell.

``{% homecoming_shell as shell %}`` gives the base layout what it shows in the header:
the caller's membership (organisation and role) and the navigation for the role. It works
without a request too (the 500 page), and then shows nothing about anyone.

``{{ value|field_label }}`` turns a canonical list column into its translated label;
``{{ partial_date }}`` objects print themselves (ISO 8601 with the missing parts left off).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.functional import Promise

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.models import Membership
from homecoming.apps.accounts.selectors import membership_for
from homecoming.apps.registry.models import CustodyEventKind
from homecoming.apps.registry.status import PersonStatus
from homecoming.apps.web.labels import field_label as _field_label
from homecoming.apps.web.navigation import NavItem, navigation_for

register = template.Library()


@dataclass(frozen=True, slots=True)
class Shell:
    membership: Membership | None
    navigation: tuple[NavItem, ...]


@register.simple_tag(takes_context=True)
def homecoming_shell(context: template.Context) -> Shell:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return Shell(membership=None, navigation=())
    by = actor_of(request)
    return Shell(
        membership=membership_for(by=by),
        navigation=navigation_for(by, current_path=request.path),
    )


@register.filter
def field_label(name: str) -> str | Promise:
    return _field_label(str(name))


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with ``changes`` applied (for pagination links)."""
    request = context.get("request")
    if request is None:
        return ""
    query = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return str(query.urlencode())


@register.filter
def person_status_label(status: str | None) -> str | Promise:
    """The translated name of where a person stands now ("" for none)."""
    if not status:
        return ""
    try:
        return PersonStatus(status).label
    except ValueError:
        return status


@register.filter
def custody_event_label(kind: str | None) -> str | Promise:
    """The translated name of a custody event kind ("" for none)."""
    if not kind:
        return ""
    try:
        return CustodyEventKind(kind).label
    except ValueError:
        return kind
