"""Attacks on sessions and the surface around them: a session left open on a shared
computer, a language cookie sent over plain HTTP, the API's map given to anyone.

Found (issue 20): no idle timeout (a fixed 8 h session); the language cookie had
neither SameSite nor Secure; the API schema was public.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from homecoming.apps.accounts.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY
from tests.factories import sign_in


def _age(client: Client, **seconds_ago: float) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"signed_in": SIGNED_IN_AT_KEY, "last_seen": LAST_SEEN_KEY}[key]] = (
            now - ago
        )
    session.save()


def test_a_session_unused_for_the_idle_limit_ends(
    client: Client, a_officer: Any, settings: Any
) -> None:
    sign_in(client, a_officer)
    _age(client, last_seen=settings.HOMECOMING_SESSION_IDLE_MINUTES * 60 + 5)
    answer = client.get(reverse("home"))
    assert answer.status_code == 302 and reverse("accounts:login") in answer["Location"]
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_a_session_in_use_stays(client: Client, a_officer: Any, settings: Any) -> None:
    sign_in(client, a_officer)
    _age(client, last_seen=settings.HOMECOMING_SESSION_IDLE_MINUTES * 60 - 120)
    assert client.get(reverse("home")).status_code == 200
    # and that use moved the last-seen time on
    assert time.time() - client.session[LAST_SEEN_KEY] < 5


def test_a_busy_session_still_ends_at_the_absolute_limit(
    client: Client, a_officer: Any, settings: Any
) -> None:
    sign_in(client, a_officer)
    _age(client, signed_in=settings.SESSION_COOKIE_AGE + 5, last_seen=10)
    assert client.get(reverse("home")).status_code == 302


def test_the_schema_is_for_signed_in_callers_only(
    client: Client, a_officer: Any
) -> None:
    assert Client().get("/api/v1/schema/").status_code in (401, 403)
    sign_in(client, a_officer)
    assert client.get("/api/v1/schema/").status_code == 200


def test_the_language_cookie_is_same_site_and_not_for_scripts(client: Client) -> None:
    answer = client.post(reverse("set_language"), {"language": "uk", "next": "/"})
    cookie = answer.cookies["django_language"]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


def test_the_language_cookie_is_secure_in_production(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "HOMECOMING_PRODUCTION": "1",
        "SECRET_KEY": "x" * 60,
        "HOMECOMING_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "homecoming.site.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LANGUAGE_COOKIE_SECURE, settings.SESSION_COOKIE_SECURE)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split()[-2:] == ["True", "True"], done.stderr
