"""Two-factor login with TOTP (django-otp): who must give a code, enrolment, checking.

The rule (docs/user-guide.md, "Logging in"):

- a user who has a confirmed authenticator device must give a code at every login;
- users whose role is in ``HOMECOMING_OTP_REQUIRED_ROLES`` must enrol a device before
  their first login completes. The default is ``("mediator_admin",)`` in production
  (``HOMECOMING_PRODUCTION=1``) and nobody in the embedded demo mode.

Until the second factor is given, the user is not logged in at all: the password step
only leaves the user's id in the session (``PENDING_USER_KEY``), for a few minutes.
"""

from __future__ import annotations

import time
from base64 import b32encode
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from homecoming.apps.accounts import actions
from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Role
from homecoming.apps.audit.services import ledger_append

PENDING_USER_KEY = "homecoming_pending_user"
PENDING_BACKEND_KEY = "homecoming_pending_backend"
PENDING_SINCE_KEY = "homecoming_pending_since"
PENDING_NEXT_KEY = "homecoming_pending_next"
#: How long the password step stays good while the user finds their phone.
PENDING_SECONDS = 300
ISSUER = "Homecoming"
DEVICE_NAME = "Authenticator app"


def otp_required_roles() -> tuple[str, ...]:
    default: tuple[str, ...] = (
        (Role.MEDIATOR_ADMIN,) if getattr(settings, "PRODUCTION", False) else ()
    )
    return tuple(getattr(settings, "HOMECOMING_OTP_REQUIRED_ROLES", default))


def has_confirmed_device(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user_has_device(user, confirmed=True))


def must_enrol(user: AbstractBaseUser) -> bool:
    """True when the user's role requires a device and they have none yet."""
    role = actor_for(user).role
    return role in otp_required_roles() and not has_confirmed_device(user)


def second_factor_needed(user: AbstractBaseUser) -> bool:
    """True when a password alone does not log this user in."""
    return has_confirmed_device(user) or must_enrol(user)


def totp_device_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created when there is none.

    Calling it again shows the same secret until it is confirmed, so reloading the
    enrolment page does not invalidate a code the user has already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """Confirm the pending device with a code from it; None when the code is wrong.

    Appends a ledger entry when a device is confirmed (ids only).
    """
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .first()
        )
        if device is None or not device.verify_token(token.strip()):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        ledger_append(
            by=actor_for(user),
            action=actions.OTP_DEVICE_CONFIRM,
            subject=user,
            data={"user_id": user.pk},
        )
    return device


def totp_token_check(*, user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts ``token``, or None (failures are throttled)."""
    with transaction.atomic():
        for device in TOTPDevice.objects.select_for_update().filter(
            user=user, confirmed=True
        ):
            if device.verify_token(token.strip()):
                return device
    return None


def secret_base32(device: TOTPDevice) -> str:
    """The secret to type into an authenticator app, in groups of four letters."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def otpauth_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` address an authenticator app accepts (Key URI format)."""
    label = f"{ISSUER}:{device.user.get_username()}"
    params = {
        "secret": b32encode(device.bin_key).decode("ascii").rstrip("="),
        "issuer": ISSUER,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{quote(label)}?{urlencode(params, quote_via=quote)}"


def pending_is_fresh(since: float | None) -> bool:
    return since is not None and time.time() - since < PENDING_SECONDS
