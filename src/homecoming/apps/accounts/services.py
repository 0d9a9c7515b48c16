"""Writes about organisations, users and roles; each appends one ledger entry.

Callers pass ``by``, the user acting; ``by=None`` means the system itself (the ``demo``
command, a bootstrap script) and is only accepted from code, never from a request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from homecoming.apps.accounts.models import (
    ROLES_BY_KIND,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from homecoming.apps.accounts.selectors import viewer_for
from homecoming.apps.audit.services import ledger_append


def _require_admin_of(by: Any, organisation: Organisation) -> None:
    """The system, a mediator admin, or an admin of ``organisation`` may manage it."""
    if by is None:
        return
    viewer = viewer_for(by)
    if viewer.role == Role.MEDIATOR_ADMIN:
        return
    if viewer.is_admin and viewer.organisation_id == organisation.pk:
        return
    raise PermissionDenied("Only an administrator of this organisation may do that.")


def organisation_create(
    *,
    code: str,
    kind: str,
    name_en: str,
    name_uk: str = "",
    name_ru: str = "",
    by: Any = None,
) -> Organisation:
    """Create a party, mediator or observer organisation (system or mediator admin)."""
    if by is not None and viewer_for(by).role != Role.MEDIATOR_ADMIN:
        raise PermissionDenied("Only a mediator administrator may add organisations.")
    if kind not in OrganisationKind.values:
        raise ValidationError(f"unknown kind of organisation {kind!r}")
    with transaction.atomic():
        organisation = Organisation(
            code=code, kind=kind, name_en=name_en, name_uk=name_uk, name_ru=name_ru
        )
        organisation.full_clean()
        organisation.save()
        ledger_append(
            actor=by,
            action="organisation.create",
            organisation=viewer_for(by).organisation_code,
            subject=organisation,
            data={"code": code, "kind": kind},
        )
    return organisation


def user_invite(
    *,
    organisation: Organisation,
    username: str,
    role: str,
    email: str = "",
    password: str | None = None,
    by: Any = None,
) -> AbstractBaseUser:
    """Create a user who is a member of ``organisation`` with ``role``.

    Without a password the account cannot log in until a password is set (for example
    through a password-reset e-mail). The role must fit the kind of organisation.
    """
    _require_admin_of(by, organisation)
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise ValidationError(
            f"role {role!r} does not fit a {organisation.kind} organisation"
        )
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model(username=username, email=email)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        Membership.objects.create(
            user=user,
            organisation=organisation,
            organisation_kind=organisation.kind,
            role=role,
        )
        ledger_append(
            actor=by,
            action="user.invite",
            organisation=organisation.code,
            subject=user,
            data={"user_id": user.pk, "organisation": organisation.code, "role": role},
        )
    return user


def membership_set_role(*, membership: Membership, role: str, by: Any) -> Membership:
    """Change a member's role within their organisation (an admin of it may)."""
    organisation = membership.organisation
    _require_admin_of(by, organisation)
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise ValidationError(
            f"role {role!r} does not fit a {organisation.kind} organisation"
        )
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        old_role = locked.role
        locked.role = role
        locked.save(update_fields=["role", "updated_at"])
        ledger_append(
            actor=by,
            action="membership.set_role",
            organisation=organisation.code,
            subject=locked,
            data={"user_id": locked.user_id, "from": old_role, "to": role},
        )
    membership.refresh_from_db()
    if hasattr(membership.user, "_homecoming_viewer"):
        del membership.user._homecoming_viewer
    return membership


def api_token_issue(*, user: Any) -> Token:
    """Issue (or replace) the caller's own API token; the old one stops working."""
    if viewer_for(user).organisation_id is None:
        raise PermissionDenied("Only members of an organisation may use the API.")
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        ledger_append(
            actor=user,
            action="api_token.issue",
            organisation=viewer_for(user).organisation_code,
            subject=user,
            data={"user_id": user.pk},
        )
    return token
