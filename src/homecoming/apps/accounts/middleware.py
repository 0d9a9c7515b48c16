"""Session rules checked on every request: idle timeout, absolute age, second factor.

A signed-in session ends (the user is signed out and continues as anonymous, so a
page sends them to sign in and the API answers 401) when:

- it was not used for ``HOMECOMING_SESSION_IDLE_MINUTES`` (default 30);
- it is older than ``SESSION_COOKIE_AGE`` (8 hours) since sign-in, however busy;
- the user must have a second factor and the session did not give one (a
  session from before the rule changed, or made some other way).

Times are kept in the session: the sign-in time once, the last use at most once a
minute (a session write on every request would cost a database write per page).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from homecoming.apps.accounts import two_factor

SIGNED_IN_AT_KEY = "homecoming_signed_in_at"
LAST_SEEN_KEY = "homecoming_last_seen"
#: The last use is written at most this often (seconds).
LAST_SEEN_PRECISION = 60


def idle_limit_seconds() -> int:
    return int(settings.HOMECOMING_SESSION_IDLE_MINUTES) * 60


def session_started(request: HttpRequest) -> None:
    """Mark the session as signed in now (the sign-in views call it)."""
    now = time.time()
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now


class SessionRulesMiddleware:
    """Ends sessions that ran idle, ran too long, or lack a required second factor.

    Place after django-otp's ``OTPMiddleware`` (it tells whether the session gave a
    second factor) and the messages middleware (it says why the user was signed out).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            reason = self._reason_to_end(request)
            if reason:
                logout(request)
                messages.warning(request, reason)
        return self.get_response(request)

    def _reason_to_end(self, request: HttpRequest) -> str:
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT_KEY)
        last_seen = session.get(LAST_SEEN_KEY)
        if signed_in_at is None or last_seen is None:
            # A session from before these rules: it starts counting now.
            session_started(request)
            signed_in_at = last_seen = now
        if now - float(last_seen) > idle_limit_seconds():
            return _(
                "You were logged out after %(minutes)d minutes without activity."
            ) % {"minutes": settings.HOMECOMING_SESSION_IDLE_MINUTES}
        if now - float(signed_in_at) > settings.SESSION_COOKIE_AGE:
            return _("Your session reached its time limit. Please log in again.")
        if two_factor.second_factor_required(request.user):
            is_verified = getattr(request.user, "is_verified", None)
            if not (callable(is_verified) and is_verified()):
                return _("Your role needs a second factor. Please log in again.")
        if now - float(last_seen) > LAST_SEEN_PRECISION:
            session[LAST_SEEN_KEY] = now
        return ""
