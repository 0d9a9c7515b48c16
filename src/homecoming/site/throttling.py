"""Throttles beside DRF's per-user and per-anonymous-address ones (settings name them).

DRF checks throttles after authentication and permissions, so a caller without a valid
credential (401) was never counted: a flood of guessed tokens went unthrottled. The
per-address throttle is therefore checked by :func:`throttle_address_first`, which the
first authentication class (``ApiTokenAuthentication``) calls before it looks at any
credential; the per-user one (and the
per-anonymous-address one, for the few operations open to anonymous callers) where DRF
checks them. The address is ``REMOTE_ADDR`` alone (``NUM_PROXIES = 0``): behind a
proxy ``homecoming.site.proxy`` has already put the client's address there, and an
``X-Forwarded-For`` the client wrote is never an identity.

Kept apart from ``homecoming.site.api``: DRF imports throttle classes while it is still
importing its own views.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class AddressRateThrottle(SimpleRateThrottle):
    """Requests per client address, authenticated or not (scope ``address``): one
    address cannot spread a flood over many accounts."""

    scope = "address"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


def throttle_address_first(request: Request) -> None:
    """The per-address throttle, run before any credential is checked (module doc):
    Throttled (429 with ``Retry-After``) once the address's requests in the window are
    used up. The first authentication class calls it."""
    throttle = AddressRateThrottle()
    view: Any = (request.parser_context or {}).get("view")
    if not throttle.allow_request(request, view):
        raise Throttled(wait=throttle.wait())
