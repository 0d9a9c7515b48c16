"""Playwright with Debian's chromium against pytest-django's live server.

The live server runs in a thread of this process with a transactional database; the
sync Playwright API is not inside an event loop, but Django's async-safety check sees
Playwright's loop thread, hence ``DJANGO_ALLOW_ASYNC_UNSAFE``. Tests are marked
``browser`` and skipped when /usr/bin/chromium is missing (``make browser`` installs it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a long test password"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _live_database(transactional_db: None) -> None:
    """The live server's thread sees only committed data."""


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url,
        accept_downloads=True,
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page: Any, username: str, password: str = PASSWORD) -> None:
    """Log in through the pages: the password, then (staff need a second factor) a
    code from the user's authenticator, which is made for them when they have none."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.filter(username=username).first()
    if user is not None and not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/code/" in page.url:
        page.fill("#id_token", current_code(username))
        page.locator("main form:not([data-webauthn]) button[type=submit]").click()
        page.wait_for_load_state()


def current_code(username: str) -> str:
    """A code of the user's authenticator that it has not used yet (one step ahead
    when this step's was used: the server allows one step of clock difference)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():06d}"
