"""Who acts: one :class:`Actor`, resolved once per request or command, passed to every
service and selector as ``by``.

Shape::

    Actor(user_id=7, username="officer.ua", organisation_id=1, organisation_code="ua",
          organisation_kind="party", role="party_officer")
    Actor(..., via_token=True)        # calling the API with a token, not a session
    Actor(..., second_factor=True)    # a session signed in with a second factor
    SYSTEM            # the system itself (the demo loader, scheduled work): no user
    NOBODY            # an anonymous caller or a user without a membership

An actor carries plain values, not model instances, so it can be compared, cached and
handed to a background job by id. What an actor may do is decided in one place,
``homecoming.apps.accounts.permissions``; the properties here only say who it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from homecoming.apps.accounts.models import (
    ApiToken,
    Membership,
    OrganisationKind,
    Role,
    TokenScope,
)
from homecoming.refusals import Refused

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from rest_framework.request import Request

    from homecoming.apps.accounts.models import Organisation

_CACHE_ATTRIBUTE = "_homecoming_actor"


@dataclass(frozen=True, slots=True)
class Actor:
    """A user speaking for one organisation in one role, the system, or nobody."""

    user_id: int | None = None
    username: str = ""
    organisation_id: int | None = None
    organisation_code: str = ""
    organisation_kind: str = ""
    role: str = ""
    is_system: bool = False
    #: How this request was signed in: with an API token (and whether it may only
    #: read), or a session that gave a second factor. ``actor_for`` leaves them off.
    via_token: bool = False
    token_read_only: bool = False
    second_factor: bool = False

    def __str__(self) -> str:
        # Ids and codes only: an actor ends up in logs.
        if self.is_system:
            return f"system@{self.organisation_code or '-'}"
        return f"user {self.user_id}@{self.organisation_code or '-'}:{self.role or '-'}"

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_member(self) -> bool:
        return self.organisation_id is not None and not self.is_system

    @property
    def is_party(self) -> bool:
        return self.is_member and self.organisation_kind == OrganisationKind.PARTY

    @property
    def is_mediator(self) -> bool:
        return self.is_member and self.organisation_kind == OrganisationKind.MEDIATOR

    @property
    def is_observer(self) -> bool:
        return self.is_member and self.organisation_kind == OrganisationKind.OBSERVER

    @property
    def is_admin(self) -> bool:
        """An administrator of a party or of the mediator."""
        return self.is_member and self.role in (Role.PARTY_ADMIN, Role.MEDIATOR_ADMIN)

    @property
    def is_mediator_admin(self) -> bool:
        return self.is_mediator and self.role == Role.MEDIATOR_ADMIN

    @property
    def acting_user_id(self) -> int:
        """The user's id, for rows that must name who acted; a refusal without one
        (the system or nobody cannot submit a list version)."""
        if self.user_id is None:
            raise Refused("This needs a signed-in user.")
        return self.user_id

    @property
    def acting_organisation_id(self) -> int:
        """The organisation's id, for rows the actor's organisation owns."""
        if self.organisation_id is None:
            raise Refused("This needs a member of an organisation.")
        return self.organisation_id

    def speaks_for(self, organisation_id: int | None) -> bool:
        """True when the actor is a member of the organisation with this id."""
        return self.is_member and organisation_id == self.organisation_id


SYSTEM = Actor(is_system=True)
NOBODY = Actor()


def system_for(organisation: Organisation) -> Actor:
    """The system acting on behalf of ``organisation`` (its ledger entries name it)."""
    return replace(
        SYSTEM,
        organisation_id=organisation.pk,
        organisation_code=organisation.code,
        organisation_kind=organisation.kind,
    )


def actor_for(user: AbstractBaseUser | AnonymousUser | None) -> Actor:
    """The actor a user is: their membership's organisation and role (cached on the
    user object); NOBODY for anonymous callers, an inactive user or no user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if isinstance(cached, Actor):
        return cached
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user_id=user.pk)
        .first()
    )
    if membership is None:
        actor = Actor(user_id=user.pk, username=user.get_username())
    else:
        organisation = membership.organisation
        actor = Actor(
            user_id=user.pk,
            username=user.get_username(),
            organisation_id=organisation.pk,
            organisation_code=organisation.code,
            organisation_kind=organisation.kind,
            role=membership.role,
        )
    setattr(user, _CACHE_ATTRIBUTE, actor)
    return actor


def actor_of(request: HttpRequest | Request) -> Actor:
    """The actor behind a page or API request (DRF authenticates ``request.user``),
    with how it signed in: an API token, or a session verified with a second factor."""
    actor = actor_for(request.user)
    if not actor.is_authenticated:
        return actor
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        return replace(
            actor,
            via_token=True,
            token_read_only=token.scope != TokenScope.WRITE,
        )
    is_verified = getattr(request.user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return replace(actor, second_factor=True)
    return actor


def forget_actor(user: object) -> None:
    """Drop the cached actor of ``user`` after its membership changed."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
