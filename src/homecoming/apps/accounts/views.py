"""Sign-in pages: the password, then a second factor when one is due; sign-out and
password change.

Step one (``LoginView``) checks the password. A user who needs no second factor is
signed in at once; anyone else is only *pending* (their id in the session for five
minutes) and goes to step two: ``otp_verify`` (a code from the authenticator app or a
recovery code, or the security key through ``security_key_sign_in``), or, for a role
that requires a second factor and a user who has none, the set-up pages in
``views_security``. The rules live in ``two_factor``; these views parse, call, render.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from homecoming.apps.accounts import security_keys, two_factor
from homecoming.apps.accounts.forms import OTPTokenForm, SecurityKeyAnswerForm
from homecoming.apps.accounts.middleware import session_started

#: Session keys of one-use security-key challenges (bytes as hex).
SIGN_IN_CHALLENGE_KEY = "homecoming_webauthn_sign_in"
WRONG_CODE = gettext_lazy(
    "That code is not right, or it has expired. Try the next one."
)


class LoginView(auth_views.LoginView):
    """Step one: the password. Users who need a second factor are not signed in yet."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not two_factor.second_factor_needed(user):
            response = super().form_valid(form)
            session_started(self.request)
            return response
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


def pending_user(request: HttpRequest) -> Any:
    """The user who gave a correct password a moment ago, or None."""
    session = request.session
    if not two_factor.pending_is_fresh(session.get(two_factor.PENDING_SINCE_KEY)):
        return None
    user_id = session.get(two_factor.PENDING_USER_KEY)
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def complete_login(request: HttpRequest, user: Any, device: Device) -> str:
    """Sign ``user`` in with ``device`` as the second factor; the address to go on to."""
    session = request.session
    backend = session.pop(two_factor.PENDING_BACKEND_KEY, None)
    next_url = session.pop(two_factor.PENDING_NEXT_KEY, "")
    for key in (two_factor.PENDING_USER_KEY, two_factor.PENDING_SINCE_KEY):
        session.pop(key, None)
    auth_login(request, user, backend=backend)
    otp_login(request, device)
    session_started(request)
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    return str(next_url)


def _expired(request: HttpRequest) -> HttpResponse:
    messages.warning(request, _("Your login has expired. Please log in again."))
    return redirect("accounts:login")


def _after_code(request: HttpRequest, user: Any, device: Device) -> HttpResponse:
    next_url = complete_login(request, user, device)
    if isinstance(device, StaticDevice):
        left = two_factor.recovery_codes_left(user)
        messages.warning(
            request,
            _(
                "You logged in with a recovery code; %(left)d are left. If your phone "
                "is lost, set up the authenticator app again on your account page."
            )
            % {"left": left},
        )
    return HttpResponseRedirect(next_url)


def otp_verify(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the authenticator app, a recovery code, or the key."""
    user = pending_user(request)
    if user is None:
        return _expired(request)
    form = OTPTokenForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        device = two_factor.second_factor_code_check(
            user=user, token=form.cleaned_data["token"]
        )
        if device is not None:
            return _after_code(request, user, device)
        form.add_error("token", WRONG_CODE)
    context: dict[str, Any] = {
        "form": form,
        "has_app": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
    }
    if security_keys.has_security_key(user):
        options, challenge = security_keys.sign_in_options(
            user=user, party=security_keys.relying_party(request)
        )
        request.session[SIGN_IN_CHALLENGE_KEY] = challenge.hex()
        context["key_options"] = options
        context["key_form"] = SecurityKeyAnswerForm()
    return render(request, "accounts/otp_verify.html", context)


@require_POST
def security_key_sign_in(request: HttpRequest) -> HttpResponse:
    """Step two with a security key: the browser's signed answer to the challenge."""
    user = pending_user(request)
    if user is None:
        return _expired(request)
    challenge = request.session.pop(SIGN_IN_CHALLENGE_KEY, None)
    form = SecurityKeyAnswerForm(request.POST)
    key = None
    if challenge and form.is_valid():
        key = security_keys.security_key_check(
            user=user,
            answer=form.cleaned_data["credential"],
            challenge=bytes.fromhex(challenge),
            party=security_keys.relying_party(request),
        )
    if key is None:
        messages.error(request, _("The security key did not log you in. Try again."))
        return redirect("accounts:otp_verify")
    return HttpResponseRedirect(complete_login(request, user, key))


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    """A new password ends every other session and every API token of the user
    (tokens carry the password's session hash: ``api_tokens``)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
