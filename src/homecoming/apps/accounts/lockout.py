"""Failed sign-ins: slow an attacker down without locking the owner out.

django-axes records each failed password (``AccessAttempt``: user name, address, user
agent, count, last time) and each successful sign-in (``AccessLog``); this handler
decides from those records. Limits (``HOMECOMING_LOCKOUT`` in settings, each from the
environment) and what they stop:

| rule | default | stops |
|---|---|---|
| one account from one address: after N failures, one try per window | 5, 15 min | guessing one password from one machine |
| one address, any accounts: after N failures, one try per window | 30, 15 min | trying one password on many accounts |
| one account from addresses it never signed in from: after N failures a wait that doubles with each failure (1 s, 2 s, 4 s ... up to the window) | 10 | guessing from many machines |

The owner is not locked out by someone else's failures: the third rule spares an
address from which the account completed a sign-in in the last 90 days, and the first
two count only the attacker's own address. A try refused during a wait is not counted
and does not extend it (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``).
Failures are forgotten after a day; the owner's own failures from an address are
forgotten when they sign in from it.

The address is ``REMOTE_ADDR``: behind a proxy, only a trusted proxy's forwarded
address may set it (docs/operators.md), never a header the client wrote.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

#: How long a successful sign-in makes an address known for its account.
KNOWN_ADDRESS_DAYS = 90
#: The first wait of the per-account backoff; it doubles with each further failure.
BACKOFF_START = timedelta(seconds=1)


def _limits() -> dict[str, int]:
    return dict(settings.HOMECOMING_LOCKOUT)


def _failures(attempts: QuerySet[AccessAttempt]) -> tuple[int, datetime | None]:
    summary = attempts.aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return int(summary["failures"] or 0), summary["last"]


def address_is_known(username: str, address: str | None, now: datetime) -> bool:
    """True when ``username`` completed a sign-in from ``address`` recently."""
    return bool(
        AccessLog.objects.filter(
            username=username,
            ip_address=address,
            attempt_time__gte=now - timedelta(days=KNOWN_ADDRESS_DAYS),
        ).exists()
    )


def backoff(failures: int, free: int, window: timedelta) -> timedelta:
    """The per-account wait after ``failures``: none up to ``free``, then 1 s, 2 s,
    4 s ... never longer than ``window``."""
    if failures < free:
        return timedelta(0)
    doublings = failures - free
    if doublings > math.log2(window / BACKOFF_START):
        return window
    wait: timedelta = BACKOFF_START * (2**doublings)
    return min(wait, window)


def wait_before_next_try(
    username: str | None, address: str | None, now: datetime
) -> timedelta:
    """How long this account and address must wait before the next password is even
    checked (zero: go ahead)."""
    limits = _limits()
    window = timedelta(minutes=limits["minutes"])
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - timedelta(days=1))
    waits = [timedelta(0)]

    failures, last = _failures(recent.filter(username=username, ip_address=address))
    if last is not None and failures >= limits["account_and_address"]:
        waits.append(last + window - now)

    failures, last = _failures(recent.filter(ip_address=address))
    if last is not None and failures >= limits["address"]:
        waits.append(last + window - now)

    if username and not address_is_known(username, address, now):
        failures, last = _failures(recent.filter(username=username))
        if last is not None:
            waits.append(last + backoff(failures, limits["account"], window) - now)
    return max(waits)


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """django-axes' database handler with the rules of this module."""

    def _wait(self, request: Any, credentials: dict[str, Any] | None) -> timedelta:
        # Now, not the request's start: axes stamps a failure when it saves it.
        return wait_before_next_try(
            get_client_username(request, credentials),
            getattr(request, "axes_ip_address", None),
            timezone.now(),
        )

    def is_locked(
        self, request: Any, credentials: dict[str, Any] | None = None
    ) -> bool:
        wait = self._wait(request, credentials)
        request.homecoming_wait = wait
        return wait > timedelta(0)

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: Any = None,
        **kwargs: Any,
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # This failure may be the one that starts a wait: say so at once.
        if (
            request is not None
            and not getattr(request, "axes_locked_out", False)
            and self.is_locked(request, credentials)
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def user_logged_in(
        self, sender: Any, request: Any, user: Any, **kwargs: Any
    ) -> None:
        super().user_logged_in(sender, request, user, **kwargs)
        # The owner's own mistakes from this address are forgotten; failures from
        # elsewhere stay (they may be an attacker's).
        AccessAttempt.objects.filter(
            username=user.get_username(), ip_address=request.axes_ip_address
        ).delete()


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page for a refused try: how long to wait, with ``Retry-After``."""
    wait = getattr(request, "homecoming_wait", None)
    if not isinstance(wait, timedelta):
        wait = timedelta(minutes=_limits()["minutes"])
    seconds = max(1, math.ceil(wait.total_seconds()))
    response = render(
        request,
        "accounts/lockout.html",
        {"minutes": max(1, math.ceil(seconds / 60)), "seconds": seconds},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
