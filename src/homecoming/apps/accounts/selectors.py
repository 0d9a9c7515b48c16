"""Reads about organisations and users, and the caller's scope (DESIGN.md section 4).

``viewer_for(user)`` is where every other selector starts: it says which organisation the
caller speaks for and what its role allows. A user without a membership (or anonymous)
gets a viewer that may see nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from homecoming.apps.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: their organisation (code and kind) and role, or nobody."""

    user_id: int | None
    organisation_id: int | None
    organisation_code: str | None
    organisation_kind: str | None
    role: str | None

    @property
    def is_member(self) -> bool:
        return self.organisation_id is not None

    @property
    def is_party(self) -> bool:
        return self.organisation_kind == OrganisationKind.PARTY

    @property
    def is_mediator(self) -> bool:
        return self.organisation_kind == OrganisationKind.MEDIATOR

    @property
    def is_observer(self) -> bool:
        return self.organisation_kind == OrganisationKind.OBSERVER

    @property
    def is_admin(self) -> bool:
        """A party or mediator administrator (manages users of their organisation)."""
        return self.role in (Role.PARTY_ADMIN, Role.MEDIATOR_ADMIN)

    @property
    def may_read_all_registries(self) -> bool:
        """The mediator reads every party's lists and persons."""
        return self.is_mediator

    @property
    def may_write_own_registry(self) -> bool:
        """Party officers and admins submit their own party's lists."""
        return self.is_party


NOBODY = Viewer(None, None, None, None, None)


def viewer_for(user: Any) -> Viewer:
    """The scope of ``user`` (a User, AnonymousUser or None); cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_homecoming_viewer", None)
    if isinstance(cached, Viewer):
        return cached
    membership = (
        Membership.objects.select_related("organisation").filter(user=user).first()
    )
    if membership is None or not user.is_active:
        viewer = Viewer(user.pk, None, None, None, None)
    else:
        viewer = Viewer(
            user_id=user.pk,
            organisation_id=membership.organisation_id,
            organisation_code=membership.organisation.code,
            organisation_kind=membership.organisation.kind,
            role=membership.role,
        )
    user._homecoming_viewer = viewer
    return viewer


def membership_for(*, user: Any) -> Membership | None:
    """The user's membership with its organisation, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("organisation").filter(user=user).first()


def organisation_code_for(user: Any) -> str | None:
    """The code of the organisation ``user`` speaks for (for ledger entries), or None."""
    return viewer_for(user).organisation_code


def organisations_visible_to(*, user: Any) -> QuerySet[Organisation]:
    """Organisations are public within the system: any member sees the list of them."""
    if not viewer_for(user).is_member:
        return Organisation.objects.none()
    return Organisation.objects.all()


def parties() -> QuerySet[Organisation]:
    """The organisations that are parties (no personal data: safe for any member)."""
    return Organisation.objects.filter(kind=OrganisationKind.PARTY)


def memberships_visible_to(*, user: Any) -> QuerySet[Membership]:
    """Admins see their own organisation's members; mediator admins see everyone's."""
    viewer = viewer_for(user)
    qs = Membership.objects.select_related("user", "organisation")
    if viewer.role == Role.MEDIATOR_ADMIN:
        return qs.all()
    if viewer.is_admin and viewer.organisation_id is not None:
        return qs.filter(organisation_id=viewer.organisation_id)
    return qs.none()


def access_membership(*, user: Any, membership_id: int) -> Membership:
    """A membership the caller administers (see ``memberships_visible_to``), else 404."""
    from django.http import Http404

    membership = memberships_visible_to(user=user).filter(pk=membership_id).first()
    if membership is None:
        raise Http404("No such member.")
    return membership
