"""Account pages: login in two steps (password, then a code when required), logout,
password change, and enrolment of an authenticator app.

The rules about who needs a code live in ``homecoming.apps.accounts.two_factor``; these views
only parse the form, call it, and render.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from homecoming.apps.accounts import two_factor
from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.forms import OTPTokenForm
from homecoming.apps.accounts.selectors import membership_for


class LoginView(auth_views.LoginView):
    """Step one: the password. Users who need a second factor are not logged in yet."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not two_factor.second_factor_needed(user):
            return super().form_valid(form)
        session = self.request.session
        session.cycle_key()
        session[two_factor.PENDING_USER_KEY] = user.pk
        session[two_factor.PENDING_BACKEND_KEY] = getattr(
            user, "backend", "django.contrib.auth.backends.ModelBackend"
        )
        session[two_factor.PENDING_SINCE_KEY] = time.time()
        session[two_factor.PENDING_NEXT_KEY] = self.get_success_url()
        if two_factor.has_confirmed_device(user):
            return redirect("accounts:otp_verify")
        return redirect("accounts:otp_enrol")


def _pending_user(request: HttpRequest) -> Any:
    """The user who gave a correct password a moment ago, or None."""
    session = request.session
    if not two_factor.pending_is_fresh(session.get(two_factor.PENDING_SINCE_KEY)):
        return None
    user_id = session.get(two_factor.PENDING_USER_KEY)
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _complete_login(
    request: HttpRequest, user: User, device: TOTPDevice
) -> HttpResponse:
    session = request.session
    backend = session.pop(two_factor.PENDING_BACKEND_KEY, None)
    next_url = session.pop(two_factor.PENDING_NEXT_KEY, "")
    for key in (two_factor.PENDING_USER_KEY, two_factor.PENDING_SINCE_KEY):
        session.pop(key, None)
    auth_login(request, user, backend=backend)
    otp_login(request, device)
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    return HttpResponseRedirect(next_url)


def otp_verify(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the user's authenticator app."""
    user = _pending_user(request)
    if user is None:
        messages.warning(request, _("Your login has expired. Please log in again."))
        return redirect("accounts:login")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.totp_token_check(
            user=user, token=form.cleaned_data["token"]
        )
        if device is not None:
            return _complete_login(request, user, device)
        form.add_error(
            "token", _("That code is not right, or it has expired. Try the next one.")
        )
    return render(request, "accounts/otp_verify.html", {"form": form})


def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show the secret, then confirm it with a code.

    Open to logged-in users (from their account page) and to users whose role requires
    a device and who are between the two login steps.
    """
    pending = None if request.user.is_authenticated else _pending_user(request)
    user = request.user if request.user.is_authenticated else pending
    if user is None:
        return redirect("accounts:login")
    if pending is not None and not two_factor.must_enrol(pending):
        # Between the two steps, only a user who must enrol and has no device may
        # enrol: anyone else would skip their own device's code by adding a new one.
        return redirect("accounts:otp_verify")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.totp_device_confirm(
            user=user, token=form.cleaned_data["token"]
        )
        if device is not None:
            if pending is not None:
                return _complete_login(request, user, device)
            otp_login(request, device)
            messages.success(request, _("Two-factor login is now on for your account."))
            return redirect("accounts:security")
        form.add_error(
            "token", _("That code is not right, or it has expired. Try the next one.")
        )
    device = two_factor.totp_device_start(user=user)
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "secret": two_factor.secret_base32(device),
            "otpauth_uri": two_factor.otpauth_uri(device),
            "required": pending is not None,
        },
    )


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The account page: organisation, role, two-factor status, password change."""
    return render(
        request,
        "accounts/security.html",
        {
            "membership": membership_for(by=actor_of(request)),
            "has_device": two_factor.has_confirmed_device(request.user),
            "verified": bool(getattr(request.user, "is_verified", lambda: False)()),
        },
    )


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
