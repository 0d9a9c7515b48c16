"""Writes about organisations, users and roles; each appends one ledger entry.

Callers pass ``by``, the actor; ``SYSTEM`` is the system itself (the ``demo`` command, a
bootstrap script) and is only used from code, never from a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from homecoming.apps.accounts import actions, two_factor
from homecoming.apps.accounts.actors import Actor, forget_actor
from homecoming.apps.accounts.api_tokens import (
    credential_stamp,
    new_token,
    token_digest,
)
from homecoming.apps.accounts.models import (
    ROLES_BY_KIND,
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
    TokenScope,
)
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.refusals import Conflict, Hidden, Refused, Rejected


def organisation_create(
    *,
    code: str,
    kind: str,
    name_en: str,
    name_uk: str = "",
    name_ru: str = "",
    by: Actor,
) -> Organisation:
    """Create a party, mediator or observer organisation (system or mediator admin)."""
    require(by, Permission.ORGANISATION_CREATE)
    if kind not in OrganisationKind.values:
        raise Rejected(f"unknown kind of organisation {kind!r}", field="kind")
    organisation = Organisation(
        code=code, kind=kind, name_en=name_en, name_uk=name_uk, name_ru=name_ru
    )
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        ledger_append(
            by=by,
            action=actions.ORGANISATION_CREATE,
            subject=organisation,
            data={"code": code, "kind": kind},
            audience=(code,),
        )
    return organisation


def _check_role(organisation: Organisation, role: str) -> None:
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise Rejected(
            f"role {role!r} does not fit a {organisation.kind} organisation",
            field="role",
        )


def user_invite(
    *,
    organisation: Organisation,
    username: str,
    role: str,
    email: str = "",
    password: str | None = None,
    by: Actor,
) -> AbstractBaseUser:
    """Create a user who is a member of ``organisation`` with ``role``.

    Without a password the account cannot log in until a password is set (for example
    through a password-reset e-mail). The role must fit the kind of organisation.
    """
    require(by, Permission.MEMBERS_MANAGE, organisation)
    _check_role(organisation, role)
    user_model = get_user_model()
    user = user_model(username=username, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
            Membership.objects.create(
                user=user,
                organisation=organisation,
                organisation_kind=organisation.kind,
                role=role,
            )
            ledger_append(
                by=by,
                action=actions.USER_INVITE,
                subject=user,
                data={"user_id": user.pk, "joined": organisation.code, "role": role},
                audience=(organisation.code,),
            )
    except IntegrityError as exc:
        raise Conflict(
            "a user with this name already exists", field="username"
        ) from exc
    return user


def membership_set_role(*, membership: Membership, role: str, by: Actor) -> Membership:
    """Change a member's role within their organisation (an admin of it may)."""
    organisation = membership.organisation
    require(by, Permission.MEMBERS_MANAGE, organisation)
    _check_role(organisation, role)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        old_role = locked.role
        locked.role = role
        locked.save(update_fields=["role", "updated_at"])
        ledger_append(
            by=by,
            action=actions.MEMBERSHIP_SET_ROLE,
            subject=locked,
            data={"user_id": locked.user_id, "from": old_role, "to": role},
            audience=(organisation.code,),
        )
    membership.refresh_from_db()
    forget_actor(membership.user)
    return membership


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A token just made: the only moment its text exists outside the caller."""

    record: ApiToken
    token: str


def api_token_issue(
    *, by: Actor, name: str, scope: str = TokenScope.READ, days: int | None = None
) -> IssuedToken:
    """Make an API token for the caller: ``scope`` read or write, expiring after
    ``days`` (default ``HOMECOMING_API_TOKEN_DAYS``, at most
    ``HOMECOMING_API_TOKEN_MAX_DAYS``).

    Only from a session (a token makes no tokens), and a session that gave its second
    factor whenever the user has or needs one. Other tokens of the user stay.
    """
    require(by, Permission.API_TOKEN_ISSUE)
    user = get_user_model().objects.get(pk=by.acting_user_id)
    if not by.second_factor and two_factor.second_factor_needed(user):
        raise Refused("Making an API token needs a sign-in with your second factor.")
    name = name.strip()
    if not name or len(name) > 80:
        raise Rejected("Give the token a name of 1 to 80 characters.", field="name")
    if scope not in TokenScope.values:
        raise Rejected(f"unknown scope {scope!r} (read or write)", field="scope")
    longest = int(settings.HOMECOMING_API_TOKEN_MAX_DAYS)
    days = int(settings.HOMECOMING_API_TOKEN_DAYS) if days is None else days
    if not 1 <= days <= longest:
        raise Rejected(f"A token lasts 1 to {longest} days.", field="days")
    token = new_token()
    now = timezone.now()
    with transaction.atomic():
        record = ApiToken.objects.create(
            user=user,
            name=name,
            scope=scope,
            prefix=token[:7],
            digest=token_digest(token),
            credential_stamp=credential_stamp(user),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        ledger_append(
            by=by,
            action=actions.API_TOKEN_ISSUE,
            subject=user,
            data={"user_id": user.pk, "token_id": record.pk, "scope": scope},
        )
    return IssuedToken(record=record, token=token)


def api_token_revoke(*, by: Actor, token_id: int) -> ApiToken:
    """Revoke one of the caller's own tokens (Rejected for anyone else's)."""
    require(by, Permission.SECOND_FACTOR_MANAGE)
    with transaction.atomic():
        record = (
            ApiToken.objects.select_for_update()
            .filter(pk=token_id, user_id=by.acting_user_id)
            .first()
        )
        if record is None:
            raise Hidden("No such token.")
        if record.revoked_at is None:
            record.revoked_at = timezone.now()
            record.save(update_fields=["revoked_at"])
            ledger_append(
                by=by,
                action=actions.API_TOKEN_REVOKE,
                subject=record.user,
                data={"user_id": record.user_id, "token_id": record.pk},
            )
    return record
