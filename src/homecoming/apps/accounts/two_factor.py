"""The second factor: who must give one, the authenticator app, recovery codes, resets.

The rule (docs/user-guide.md, "Signing in"):

- a user who has a confirmed second factor (an authenticator app, a security key, or
  recovery codes) gives it at every sign-in;
- users whose role is in ``HOMECOMING_OTP_REQUIRED_ROLES`` (and the admin site's
  support staff) must set one up before their first sign-in completes. The default is every staff role, in every mode; the variable
  takes a comma-separated list of role codes, ``all``, or ``none`` (for a demo on one's
  own machine only: ``homecoming demo`` sets up an authenticator for its accounts).

Until the second factor is given the user is not signed in at all: the password step
only leaves the user's id in the session (``PENDING_USER_KEY``) for a few minutes.
``homecoming.apps.accounts.middleware`` ends any session that should have a second
factor and has none (one from before the rule changed, say).

Devices are django-otp's: ``TOTPDevice`` (the app, one step of clock tolerance),
``StaticDevice`` (ten single-use recovery codes) and ``SecurityKey`` (WebAuthn, in
``homecoming.apps.accounts.security_keys``).
"""

from __future__ import annotations

import re
import time
from base64 import b32encode
from collections.abc import Iterable
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homecoming.apps.accounts import actions
from homecoming.apps.accounts.actors import Actor, actor_for
from homecoming.apps.accounts.models import ApiToken, Role
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.refusals import Hidden

PENDING_USER_KEY = "homecoming_pending_user"
PENDING_BACKEND_KEY = "homecoming_pending_backend"
PENDING_SINCE_KEY = "homecoming_pending_since"
PENDING_NEXT_KEY = "homecoming_pending_next"
#: How long the password step stays good while the user finds their phone or key.
PENDING_SECONDS = 300
ISSUER = "Homecoming"
DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
#: One step (30 s) either side: a phone's clock a little off still works.
TOTP_TOLERANCE = 1
STAFF_ROLES: tuple[str, ...] = tuple(Role.values)

_TOTP_CODE = re.compile(r"^\d{6}$")
_RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")


def parse_required_roles(value: str | Iterable[str]) -> tuple[str, ...]:
    """``all``, ``none`` (or empty), or role codes separated by commas; a tuple of role
    codes as given in settings is taken as it is. Unknown roles are a configuration
    error, never silently ignored (a typo would switch the second factor off)."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "all":
            return STAFF_ROLES
        if word in ("", "none"):
            return ()
        roles = tuple(r.strip() for r in word.split(",") if r.strip())
    else:
        roles = tuple(value)
    unknown = sorted(set(roles) - set(STAFF_ROLES))
    if unknown:
        raise ImproperlyConfigured(
            f"HOMECOMING_OTP_REQUIRED_ROLES: unknown role {', '.join(unknown)} "
            f"(expected all, none, or some of {', '.join(STAFF_ROLES)})"
        )
    return roles


def otp_required_roles() -> tuple[str, ...]:
    return parse_required_roles(
        getattr(settings, "HOMECOMING_OTP_REQUIRED_ROLES", "all")
    )


def role_requires_second_factor(role: str) -> bool:
    return bool(role) and role in otp_required_roles()


def second_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True when the user must have a second factor: their role requires one, or they
    are support staff of the admin site (whenever any role requires one: the admin
    reads every party's data)."""
    roles = otp_required_roles()
    if not roles or not user.is_authenticated:
        return False
    return actor_for(user).role in roles or bool(getattr(user, "is_staff", False))


def has_confirmed_device(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user_has_device(user, confirmed=True))


def must_enrol(user: AbstractBaseUser) -> bool:
    """True when the user must have a second factor and has none yet."""
    return second_factor_required(user) and not has_confirmed_device(user)


def second_factor_needed(user: AbstractBaseUser) -> bool:
    """True when a password alone does not sign this user in."""
    return has_confirmed_device(user) or must_enrol(user)


# The authenticator app --------------------------------------------------------------


def totp_device_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created when there is none.

    Calling it again shows the same secret until it is confirmed, so reloading the
    set-up page does not invalidate a code the user has already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, confirmed=False, tolerance=TOTP_TOLERANCE
        )
    return device


def totp_device_confirm(*, user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """Confirm the pending device with a code from it; None when the code is wrong.

    The confirming code also counts as the sign-in's second factor (the caller signs
    the user in with the returned device), so nobody waits for a second code. Appends
    a ledger entry when a device is confirmed (ids only).
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


def qr_code_data_uri(text: str) -> str:
    """``text`` as a QR code, an SVG ``data:`` address for an ``<img>`` (the CSP
    allows ``data:`` images; segno draws it here, nothing is fetched)."""
    return str(segno.make(text, error="m").svg_data_uri(scale=5, border=2))


# Recovery codes ---------------------------------------------------------------------


def recovery_codes_issue(*, user: AbstractBaseUser) -> list[str]:
    """Ten new single-use recovery codes for ``user``, replacing any old ones.

    They are shown once; the caller must have just given a second factor (a set-up
    step, or a verified session). Appends a ledger entry (ids only).
    """
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
        ledger_append(
            by=actor_for(user),
            action=actions.RECOVERY_CODES_ISSUE,
            subject=user,
            data={"user_id": user.pk, "count": len(codes)},
        )
    return codes


def recovery_codes_left(user: AbstractBaseUser | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return int(StaticToken.objects.filter(device__user_id=user.pk).count())


def normalised_code(token: str) -> str:
    """A typed code without spaces or dashes, in lower case (recovery codes are
    shown in groups of four)."""
    return re.sub(r"[\s-]", "", token).lower()


def code_is_well_formed(token: str) -> bool:
    code = normalised_code(token)
    return bool(_TOTP_CODE.match(code) or _RECOVERY_CODE.match(code))


def second_factor_code_check(*, user: AbstractBaseUser, token: str) -> Device | None:
    """The confirmed device that accepts ``token`` (six digits: the authenticator app;
    eight letters: a recovery code, used up), or None. Failures are throttled per
    device by django-otp (each failure doubles the wait)."""
    code = normalised_code(token)
    if _TOTP_CODE.match(code):
        model: type[Device] = TOTPDevice
    elif _RECOVERY_CODE.match(code):
        model = StaticDevice
    else:
        return None
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(
            user=user, confirmed=True
        ):
            if device.verify_token(code):
                return device
    return None


# Removing second factors ------------------------------------------------------------


def _api_tokens_end(user_id: int) -> int:
    """Revoke every live API token of the user (a factor went away)."""
    return ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def second_factor_remove(*, by: Actor, persistent_id: str) -> None:
    """The caller removes one of their own second factors; their API tokens end.

    Rejected when the device is not theirs (ids are not secrets, but a device of
    someone else is nobody's business here).
    """
    require(by, Permission.SECOND_FACTOR_MANAGE)
    user_id = by.acting_user_id
    with transaction.atomic():
        device = Device.from_persistent_id(persistent_id, for_verify=True)
        if device is None or device.user_id != user_id:
            raise Hidden("No such second factor.")
        kind = device._meta.model_name
        device.delete()
        revoked = _api_tokens_end(user_id)
        ledger_append(
            by=by,
            action=actions.SECOND_FACTOR_REMOVE,
            subject=device.user,
            data={"user_id": user_id, "kind": kind, "tokens_revoked": revoked},
        )


def second_factor_reset(*, by: Actor, user: AbstractBaseUser) -> int:
    """Remove every second factor of ``user`` (a lost phone and lost recovery codes)
    and end their API tokens; at the next sign-in a role that requires a second factor
    sets one up again. An administrator of the user's organisation, a mediator
    administrator or the system may. Returns how many factors were removed."""
    membership = getattr(user, "membership", None)
    target = membership.organisation if membership is not None else None
    require(by, Permission.MEMBERS_MANAGE, target)
    with transaction.atomic():
        removed = 0
        for device in list(devices_for_user(user, confirmed=None, for_verify=True)):
            device.delete()
            removed += 1
        revoked = _api_tokens_end(user.pk)
        ledger_append(
            by=by,
            action=actions.SECOND_FACTOR_RESET,
            subject=user,
            data={"user_id": user.pk, "removed": removed, "tokens_revoked": revoked},
            audience=(target.code,) if target is not None else (),
        )
    return removed


def second_factors_of(user: AbstractBaseUser | AnonymousUser) -> list[Device]:
    """The user's confirmed second factors, for their account page."""
    if not user.is_authenticated:
        return []
    return list(devices_for_user(user, confirmed=True))


def pending_is_fresh(since: float | None) -> bool:
    return since is not None and time.time() - since < PENDING_SECONDS
