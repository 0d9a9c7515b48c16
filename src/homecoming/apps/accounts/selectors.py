"""Reads about organisations and members, scoped to the caller (DESIGN.md section 4).

Who the caller is comes from ``homecoming.apps.accounts.actors``; what they may read from
``homecoming.apps.accounts.permissions``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
)
from homecoming.refusals import Hidden


def membership_for(*, by: Actor) -> Membership | None:
    """The actor's membership with its organisation and user, or None."""
    if by.user_id is None:
        return None
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(user_id=by.user_id)
        .first()
    )


def organisations_visible_to(*, by: Actor) -> QuerySet[Organisation]:
    """Organisations are public within the system: any member sees the list of them."""
    if not by.is_member:
        return Organisation.objects.none()
    return Organisation.objects.all()


def parties() -> QuerySet[Organisation]:
    """The organisations that are parties (no personal data: safe for any member)."""
    return Organisation.objects.filter(kind=OrganisationKind.PARTY)


def mediator_organisation() -> Organisation | None:
    """The mediator (the first one, should a deployment ever have two)."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.MEDIATOR)
        .order_by("pk")
        .first()
    )


def memberships_visible_to(*, by: Actor) -> QuerySet[Membership]:
    """Admins see their own organisation's members; mediator admins see everyone's."""
    memberships = Membership.objects.select_related("user", "organisation")
    if by.is_mediator_admin:
        return memberships.all()
    if by.is_admin:
        return memberships.filter(organisation_id=by.acting_organisation_id)
    return memberships.none()


def access_membership(*, by: Actor, membership_id: int) -> Membership:
    """A membership the caller administers (see ``memberships_visible_to``), else 404."""
    membership = memberships_visible_to(by=by).filter(pk=membership_id).first()
    if membership is None:
        raise Hidden("No such member.")
    return membership


def api_tokens_of(*, by: Actor) -> QuerySet[ApiToken]:
    """The caller's own API tokens, newest first (live, expired and revoked)."""
    if by.user_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=by.user_id)
