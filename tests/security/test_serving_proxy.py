"""Attacks on serving behind a proxy: a client claiming HTTPS or another address by
header, and a proxy whose forwarded scheme is lost.

Found (issue 20): behind a proxy, ``serve`` dropped ``X-Forwarded-Proto`` (waitress
clears it by default): a redirect loop, or no HSTS; and production trusted
``X-Forwarded-Proto`` from anyone. Now only ``HOMECOMING_TRUSTED_PROXY`` is believed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from homecoming.commands.serve import waitress_options
from homecoming.site.proxy import client_address, trusted_networks

PROXY = "10.1.2.3"


@pytest.fixture
def behind_proxy(settings: Any) -> Any:
    """Production's HTTPS settings, with PROXY trusted."""
    settings.HOMECOMING_TRUSTED_PROXY = f"{PROXY},fd00::/8"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    return settings


@pytest.mark.django_db
def test_https_through_the_trusted_proxy_is_https_with_hsts(behind_proxy: Any) -> None:
    answer = Client().get(
        reverse("accounts:login"),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert answer.status_code == 200  # no redirect loop
    assert answer["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_a_client_elsewhere_cannot_claim_https(behind_proxy: Any) -> None:
    answer = Client().get(
        reverse("accounts:login"),
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert answer.status_code == 301
    assert answer["Location"].startswith("https://")
    assert not answer.has_header("Strict-Transport-Security")


@pytest.mark.django_db
def test_the_address_is_the_client_behind_the_trusted_proxy_only(
    behind_proxy: Any, a_officer: Any
) -> None:
    behind_proxy.SECURE_SSL_REDIRECT = False  # the direct client speaks plain HTTP

    def fail(**headers: str) -> None:
        Client().post(
            reverse("accounts:login"),
            {"username": a_officer.username, "password": "wrong"},
            **headers,
        )

    # the client wrote the first entry itself; the proxy appended the real one
    fail(
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9",
    )
    fail(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.10")
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert addresses == {"203.0.113.9", "198.51.100.7"}


def test_forwarded_for_is_read_from_the_right() -> None:
    networks = trusted_networks("10.0.0.0/8, fd00::/8")
    assert client_address("1.1.1.1, 2.2.2.2, 10.0.0.5", networks) == "2.2.2.2"
    assert client_address("fd00::1", networks) is None
    assert client_address("2.2.2.2, not-an-address", networks) is None


def test_serve_passes_the_forwarded_headers_on() -> None:
    assert (
        waitress_options("127.0.0.1", 8000, 4)["clear_untrusted_proxy_headers"] is False
    )


def _settings_in(tmp_path: Path, **env: str) -> list[str]:
    environment = {
        **{k: v for k, v in os.environ.items() if k != "HOMECOMING_TRUSTED_PROXY"},
        "HOMECOMING_PRODUCTION": "1",
        "SECRET_KEY": "x" * 60,
        "HOMECOMING_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "homecoming.site.settings",
        **env,
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_HSTS_SECONDS)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [
        done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    ]


def test_production_believes_a_forwarded_scheme_only_with_a_trusted_proxy(
    tmp_path: Path,
) -> None:
    assert _settings_in(tmp_path) == ["None 31536000"]
    assert _settings_in(tmp_path, HOMECOMING_TRUSTED_PROXY="10.0.0.1") == [
        "('HTTP_X_FORWARDED_PROTO', 'https') 31536000"
    ]
