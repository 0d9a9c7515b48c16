"""Serving behind a trusted proxy (``HOMECOMING_TRUSTED_PROXY``, docs/security.md).

A TLS-terminating proxy tells the service the client's scheme (``X-Forwarded-Proto``)
and address (``X-Forwarded-For``). Those headers are believed only from the proxy's own
address: :class:`TrustedProxyMiddleware`, first of all middleware, then sets
``REMOTE_ADDR`` to the client's address (the lockout's and the throttles' per-address
counts see the client, not one shared proxy), and leaves ``X-Forwarded-Proto`` for
Django's ``SECURE_PROXY_SSL_HEADER`` (set only when a proxy is trusted), so HTTPS
redirects and HSTS see the client's scheme. From anyone else both headers are removed:
a client reaching the service directly can claim neither HTTPS nor another address.
The middleware works under any WSGI server; ``homecoming serve`` tells waitress to
pass the headers on untouched for it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_FORWARDED")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def trusted_networks(setting: str) -> tuple[Network, ...]:
    """The addresses or networks of ``HOMECOMING_TRUSTED_PROXY`` (comma-separated)."""
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in setting.split(",")
        if part.strip()
    )


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(forwarded_for: str, networks: tuple[Network, ...]) -> str | None:
    """The client's address in ``X-Forwarded-For``: the last entry that is not itself
    a trusted proxy (entries further left were written by the client, unchecked)."""
    for entry in reversed([e.strip() for e in forwarded_for.split(",")]):
        try:
            ipaddress.ip_address(entry)
        except ValueError:
            return None
        if not _is_trusted(entry, networks):
            return entry
    return None


class TrustedProxyMiddleware:
    """Believe the forwarded scheme and address from a trusted proxy only (module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        networks = trusted_networks(settings.HOMECOMING_TRUSTED_PROXY)
        meta = request.META
        if networks and _is_trusted(meta.get("REMOTE_ADDR", ""), networks):
            client = client_address(meta.get("HTTP_X_FORWARDED_FOR", ""), networks)
            if client:
                meta["REMOTE_ADDR"] = client
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        request.__dict__.pop("headers", None)  # built from META on first use
        return self.get_response(request)
