"""Throttles beside DRF's per-user and per-anonymous-address ones (settings name them).

Kept apart from ``homecoming.site.api``: DRF imports throttle classes while it is still
importing its own views.
"""

from __future__ import annotations

from typing import Any

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
