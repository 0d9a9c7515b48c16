"""System checks of the sign-in settings: a misspelt role is an error at start-up, and
``check --deploy`` warns when a staff role may log in without a second factor."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from homecoming.apps.accounts.two_factor import STAFF_ROLES, otp_required_roles


@register(Tags.security)
def required_roles_are_known(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    try:
        otp_required_roles()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="homecoming.E001")]
    return []


@register(Tags.security, deploy=True)
def every_staff_role_needs_a_second_factor(
    app_configs: Any, **kwargs: Any
) -> list[CheckMessage]:
    try:
        missing = sorted(set(STAFF_ROLES) - set(otp_required_roles()))
    except ImproperlyConfigured:
        return []  # reported by required_roles_are_known
    if not missing:
        return []
    return [
        Warning(
            f"these roles log in without a second factor: {', '.join(missing)}",
            hint="Unset HOMECOMING_OTP_REQUIRED_ROLES (the default is all).",
            id="homecoming.W001",
        )
    ]
