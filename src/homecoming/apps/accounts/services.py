"""Writes about organisations, users and roles; each appends one ledger entry.

Callers pass ``by``, the actor; ``SYSTEM`` is the system itself (the ``demo`` command, a
bootstrap script) and is only used from code, never from a request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from rest_framework.authtoken.models import Token

from homecoming.apps.accounts import actions
from homecoming.apps.accounts.actors import Actor, forget_actor
from homecoming.apps.accounts.models import (
    ROLES_BY_KIND,
    Membership,
    Organisation,
    OrganisationKind,
)
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.refusals import Conflict, Rejected


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


def api_token_issue(*, by: Actor) -> Token:
    """Issue (or replace) the caller's own API token; the old one stops working."""
    require(by, Permission.API_TOKEN_ISSUE)
    with transaction.atomic():
        Token.objects.filter(user_id=by.acting_user_id).delete()
        token = Token.objects.create(user_id=by.acting_user_id)
        ledger_append(
            by=by,
            action=actions.API_TOKEN_ISSUE,
            subject=token.user,
            data={"user_id": by.user_id},
        )
    return token
