"""The account page and what it offers: second factors (authenticator app, security
keys, recovery codes) and API tokens.

Setting up a second factor is open to a signed-in user, and to a *pending* user (past
the password step) whose role requires a second factor and who has none yet: that
set-up completes their sign-in. Changing second factors or making tokens needs a
session that gave its second factor whenever the user has one (``_may_change``).
A new token is shown in the answer to the form that made it and stored nowhere; new
recovery codes pass through the session to the page that shows them once.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device

from homecoming.apps.accounts import security_keys, selectors, services, two_factor
from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.forms import (
    ApiTokenForm,
    OTPTokenForm,
    SecurityKeyAddForm,
)
from homecoming.apps.accounts.views import WRONG_CODE, complete_login, pending_user
from homecoming.site.pages import submit

RECOVERY_CODES_KEY = "homecoming_new_recovery_codes"
RECOVERY_NEXT_KEY = "homecoming_recovery_next"
REGISTER_CHALLENGE_KEY = "homecoming_webauthn_register"


def _user_setting_up(request: HttpRequest) -> tuple[Any, bool]:
    """(user, pending): the signed-in user, or a pending one who must set up a
    second factor; (None, False) for anyone else."""
    if request.user.is_authenticated:
        return request.user, False
    pending = pending_user(request)
    if pending is not None and two_factor.must_enrol(pending):
        return pending, True
    return None, False


def _setup_gate(request: HttpRequest) -> tuple[Any, bool, bool] | HttpResponse:
    """(user, pending, first factor?) of who may set up a factor here, or where to
    send anyone else."""
    user, pending = _user_setting_up(request)
    if user is None:
        if pending_user(request) is not None:
            # Past the password but with a second factor already: only that factor
            # logs in (a new one would skip it).
            return redirect("accounts:otp_verify")
        return redirect("accounts:login")
    if not pending and not _may_change(request):
        messages.error(request, _("Log in again with your second factor first."))
        return redirect("accounts:security")
    return user, pending, not two_factor.has_confirmed_device(user)


def _may_change(request: HttpRequest) -> bool:
    """A signed-in session may change second factors and tokens when it gave a
    second factor, or when the user has none to give."""
    verified = getattr(request.user, "is_verified", None)
    return bool(callable(verified) and verified()) or not (
        two_factor.has_confirmed_device(request.user)
    )


def _finish_setup(
    request: HttpRequest, user: Any, device: Device, pending: bool, first: bool
) -> HttpResponse:
    """After a factor is set up: sign a pending user in, and hand out recovery codes
    with the first factor."""
    if pending:
        next_url = complete_login(request, user, device)
    else:
        otp_login(request, device)
        next_url = reverse("accounts:security")
    if first:
        request.session[RECOVERY_CODES_KEY] = two_factor.recovery_codes_issue(user=user)
        request.session[RECOVERY_NEXT_KEY] = next_url
        return redirect("accounts:recovery_codes")
    messages.success(request, _("Two-factor login is now on for your account."))
    return HttpResponseRedirect(next_url)


def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code and the secret, then one code from it."""
    gate = _setup_gate(request)
    if isinstance(gate, HttpResponse):
        return gate
    user, pending, first = gate
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.totp_device_confirm(
            user=user, token=form.cleaned_data["token"]
        )
        if device is not None:
            return _finish_setup(request, user, device, pending, first)
        form.add_error("token", WRONG_CODE)
    device = two_factor.totp_device_start(user=user)
    uri = two_factor.otpauth_uri(device)
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "secret": two_factor.secret_base32(device),
            "otpauth_uri": uri,
            "qr_code": two_factor.qr_code_data_uri(uri),
            "required": pending,
        },
    )


def security_key_add(request: HttpRequest) -> HttpResponse:
    """Register a security key: the browser answers a challenge (security-key.js)."""
    gate = _setup_gate(request)
    if isinstance(gate, HttpResponse):
        return gate
    user, pending, first = gate
    party = security_keys.relying_party(request)
    form = SecurityKeyAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        challenge = request.session.pop(REGISTER_CHALLENGE_KEY, None)
        if challenge is None:
            form.add_error(None, _("The page was open too long. Try again."))
        elif key := submit(
            form,
            lambda: security_keys.security_key_register(
                user=user,
                answer=form.cleaned_data["credential"],
                challenge=bytes.fromhex(challenge),
                party=party,
                name=form.cleaned_data["name"],
            ),
        ):
            return _finish_setup(request, user, key, pending, first)
    options, challenge_bytes = security_keys.registration_options(
        user=user, party=party
    )
    request.session[REGISTER_CHALLENGE_KEY] = challenge_bytes.hex()
    return render(
        request,
        "accounts/security_key_add.html",
        {"form": form, "key_options": options, "required": pending},
    )


def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show new recovery codes once (GET), or make a new set (POST)."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.method == "POST":
        if not _may_change(request):
            messages.error(request, _("Log in again with your second factor first."))
            return redirect("accounts:security")
        request.session[RECOVERY_CODES_KEY] = two_factor.recovery_codes_issue(
            user=request.user
        )
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    next_url = request.session.pop(RECOVERY_NEXT_KEY, reverse("accounts:security"))
    if not codes:
        return redirect("accounts:security")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": [f"{c[:4]}-{c[4:]}" for c in codes], "next_url": next_url},
    )


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The account page: organisation, role, second factors, API tokens, password."""
    by = actor_of(request)
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "membership": selectors.membership_for(by=by),
            "factors": [
                f
                for f in two_factor.second_factors_of(user)
                if f._meta.model_name != "staticdevice"
            ],
            "recovery_left": two_factor.recovery_codes_left(user),
            "required": two_factor.role_requires_second_factor(by.role),
            "verified": by.second_factor,
            "tokens": selectors.api_tokens_of(by=by)[:50],
            "token_form": ApiTokenForm(),
        },
    )


@login_required
@require_POST
def second_factor_remove(request: HttpRequest) -> HttpResponse:
    if not _may_change(request):
        messages.error(request, _("Log in again with your second factor first."))
        return redirect("accounts:security")
    two_factor.second_factor_remove(
        by=actor_of(request), persistent_id=request.POST.get("device", "")
    )
    messages.success(
        request,
        _("The second factor is removed, and your API tokens have ended."),
    )
    return redirect("accounts:security")


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid() and (
        issued := submit(
            form,
            lambda: services.api_token_issue(
                by=actor_of(request),
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            ),
        )
    ):
        # Shown in this answer only: the token is never stored, not even in the
        # session.
        return render(
            request,
            "accounts/api_token_created.html",
            {"token": issued.token, "record": issued.record},
        )
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("accounts:security")


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    services.api_token_revoke(by=actor_of(request), token_id=token_id)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:security")
