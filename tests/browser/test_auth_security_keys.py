"""Security keys in a real browser: Chromium's virtual authenticator (CDP
``WebAuthn.addVirtualAuthenticator``) registers a key and logs in with it through
security-key.js, with the site's strict CSP (no inline script)."""

from __future__ import annotations

import re
from typing import Any

from homecoming.apps.accounts.models import SecurityKey
from tests.browser.conftest import PASSWORD, log_in

DASHBOARD = re.compile(r"^https?://[^/]+/$")


def _virtual_key(page: Any) -> Any:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": False,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def _password_step(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_a_key_is_registered_and_then_logs_in(page: Any, a_officer: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    cdp, authenticator = _virtual_key(page)
    # given an officer logged in with the authenticator app
    log_in(page, "a_officer")
    page.wait_for_url(DASHBOARD)
    # when they register a key from the account page
    page.goto("/accounts/security/key/")
    page.fill("#id_name", "blue key")
    page.click("#add-security-key")
    page.wait_for_url("**/accounts/security/")
    key = SecurityKey.objects.get(user=a_officer)
    assert key.name == "blue key" and key.confirmed
    assert "blue key" in page.inner_text("main")
    # then the next login takes the key instead of a code
    page.locator("form[action='/accounts/logout/'] button").click()
    _password_step(page, "a_officer")
    assert "/accounts/login/code/" in page.url
    page.click("#use-security-key")
    page.wait_for_url(DASHBOARD)
    assert page.locator("h1").inner_text() == "Dashboard"
    key.refresh_from_db()
    assert key.sign_count >= 1 and key.last_used_at is not None
    credentials = cdp.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator}
    )
    assert len(credentials["credentials"]) == 1
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_key_can_be_the_first_second_factor_of_a_required_role(
    page: Any, mediator_admin: Any
) -> None:
    _virtual_key(page)
    _password_step(page, "m_admin")
    assert "/accounts/security/authenticator/" in page.url
    page.click("text=Use a security key instead")
    page.wait_for_url("**/accounts/security/key/")
    page.click("#add-security-key")
    page.wait_for_url("**/accounts/security/recovery-codes/")
    assert page.locator("#recovery-codes li").count() == 10
    page.click("text=I have kept them: continue")
    page.wait_for_url(DASHBOARD)
    assert page.locator("h1").inner_text() == "Dashboard"


def test_a_key_of_another_user_does_not_log_in(
    page: Any, a_officer: Any, b_officer: Any
) -> None:
    """b's key answers b's challenge only: on a's code page it is not among a's keys,
    so the browser has no credential to offer and a stays logged out."""
    _virtual_key(page)
    log_in(page, "b_officer")
    page.goto("/accounts/security/key/")
    page.click("#add-security-key")
    page.wait_for_url("**/accounts/security/")
    page.locator("form[action='/accounts/logout/'] button").click()
    # a has an authenticator app but no key: the code page offers no key at all
    log_in(page, "a_officer")  # makes a's app; logs a in with it
    page.locator("form[action='/accounts/logout/'] button").click()
    _password_step(page, "a_officer")
    assert page.locator("#use-security-key").count() == 0
