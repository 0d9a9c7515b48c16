"""Attacks on the second factor: a password alone must not log any staff role in.

Found (issue 20): only the mediator's administrators needed a second factor; party
officers and administrators, mediator officers and observers logged in with a password
alone, and the roles could not be set from the environment.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homecoming.apps.accounts import two_factor
from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.accounts.models import Role
from tests.factories import UserFactory
from tests.security.auth_steps import (
    confirmed_app,
    log_in_with_app,
    password_step,
    totp_code,
)

STAFF = ["a_officer", "a_admin", "mediator_officer", "mediator_admin", "observer"]
USERNAMES = {
    "a_officer": "a_officer",
    "a_admin": "a_admin",
    "mediator_officer": "m_officer",
    "mediator_admin": "m_admin",
    "observer": "observer",
}


@pytest.mark.parametrize("role_fixture", STAFF)
def test_a_password_alone_logs_no_staff_role_in_by_default(
    client: Client, request: pytest.FixtureRequest, role_fixture: str
) -> None:
    # given a member of any staff role with no second factor yet, default settings
    request.getfixturevalue(role_fixture)
    # when they give the right password
    answer = password_step(client, USERNAMES[role_fixture])
    # then they must set up a second factor, and are not logged in meanwhile
    assert answer["Location"] == reverse("accounts:otp_enrol")
    assert client.get(reverse("home")).status_code == 302
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_every_staff_role_is_required_by_default(settings: Any) -> None:
    del settings.HOMECOMING_OTP_REQUIRED_ROLES
    assert set(two_factor.otp_required_roles()) == set(Role.values)


@pytest.mark.parametrize(
    ("value", "roles"),
    [
        ("all", tuple(Role.values)),
        ("none", ()),
        ("", ()),
        ("mediator_admin, party_admin", ("mediator_admin", "party_admin")),
    ],
)
def test_the_required_roles_come_from_the_environment(
    value: str, roles: tuple[str, ...]
) -> None:
    assert two_factor.parse_required_roles(value) == roles


def test_a_misspelt_role_is_a_configuration_error_not_a_switch_off() -> None:
    with pytest.raises(ImproperlyConfigured, match="party_oficer"):
        two_factor.parse_required_roles("party_oficer")


def test_none_lets_a_demo_log_in_with_a_password(
    client: Client, a_officer: Any, settings: Any
) -> None:
    settings.HOMECOMING_OTP_REQUIRED_ROLES = "none"
    assert password_step(client, "a_officer")["Location"] == reverse("home")


def test_support_staff_of_the_admin_need_a_second_factor_too(
    client: Client, db: None
) -> None:
    UserFactory(username="support", is_staff=True, is_superuser=True)
    assert password_step(client, "support")["Location"] == reverse("accounts:otp_enrol")


def test_a_session_without_the_second_factor_is_ended(
    client: Client, a_officer: Any
) -> None:
    """A session from before the rule (or made any other way) does not survive it."""
    client.force_login(a_officer)  # a password-only session
    assert client.get(reverse("home")).status_code == 302
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_enrolment_shows_a_qr_code_drawn_here(client: Client, a_officer: Any) -> None:
    password_step(client, "a_officer")
    page = client.get(reverse("accounts:otp_enrol")).content.decode()
    assert 'src="data:image/svg+xml' in page
    assert "otpauth://totp/Homecoming%3Aa_officer?secret=" in page


def test_the_confirming_code_finishes_the_login_without_a_second_code(
    client: Client, a_officer: Any
) -> None:
    password_step(client, "a_officer")
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=a_officer, confirmed=False)
    answer = client.post(reverse("accounts:otp_enrol"), {"token": totp_code(device)})
    # the first factor comes with recovery codes, shown once, then the dashboard
    assert answer["Location"] == reverse("accounts:recovery_codes")
    codes_page = client.get(reverse("accounts:recovery_codes")).content.decode()
    assert codes_page.count("<code>") == 10
    assert client.get(reverse("accounts:recovery_codes")).status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200 and home.wsgi_request.user.is_verified()


@pytest.mark.parametrize(("steps", "accepted"), [(-1, True), (1, True), (-2, False)])
def test_the_clock_may_be_one_step_off_and_no_more(
    a_officer: Any, steps: int, accepted: bool
) -> None:
    device = two_factor.totp_device_start(user=a_officer)
    code = totp_code(device, steps)
    confirmed = two_factor.totp_device_confirm(user=a_officer, token=code)
    assert (confirmed is not None) is accepted


def test_a_code_is_good_for_one_login_only(client: Client, a_officer: Any) -> None:
    device = confirmed_app(a_officer)
    code = totp_code(device)
    password_step(client, "a_officer")
    assert (
        client.post(reverse("accounts:otp_verify"), {"token": code}).status_code == 302
    )
    other = Client()
    password_step(other, "a_officer")
    replay = other.post(reverse("accounts:otp_verify"), {"token": code})
    assert replay.status_code == 200 and b"not right" in replay.content


def test_a_recovery_code_logs_in_once(client: Client, a_officer: Any) -> None:
    confirmed_app(a_officer)
    code = two_factor.recovery_codes_issue(user=a_officer)[0]
    password_step(client, "a_officer")
    typed = f"{code[:4]}-{code[4:].upper()}"
    assert (
        client.post(reverse("accounts:otp_verify"), {"token": typed}).status_code == 302
    )
    assert StaticToken.objects.filter(device__user=a_officer).count() == 9
    again = Client()
    password_step(again, "a_officer")
    assert (
        again.post(reverse("accounts:otp_verify"), {"token": code}).status_code == 200
    )


def test_wrong_codes_are_throttled_even_when_the_next_is_right(
    client: Client, a_officer: Any
) -> None:
    device = confirmed_app(a_officer)
    password_step(client, "a_officer")
    client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    right = client.post(reverse("accounts:otp_verify"), {"token": totp_code(device)})
    assert right.status_code == 200  # django-otp makes the next try wait


def test_a_password_alone_cannot_add_a_device_to_skip_the_code(
    client: Client, a_officer: Any
) -> None:
    confirmed_app(a_officer)
    password_step(client, "a_officer")
    for page in ("accounts:otp_enrol", "accounts:security_key_add"):
        assert client.get(reverse(page))["Location"] == reverse("accounts:otp_verify")
    assert not TOTPDevice.objects.filter(user=a_officer, confirmed=False).exists()


def test_an_administrator_resets_a_lost_second_factor(
    client: Client, a_officer: Any, a_admin: Any, b_officer: Any
) -> None:
    confirmed_app(a_officer)
    two_factor.recovery_codes_issue(user=a_officer)
    with pytest.raises(Exception, match="administrator"):
        two_factor.second_factor_reset(by=actor_for(b_officer), user=a_officer)
    removed = two_factor.second_factor_reset(by=actor_for(a_admin), user=a_officer)
    assert removed == 2
    assert not two_factor.has_confirmed_device(a_officer)
    assert password_step(client, "a_officer")["Location"] == reverse(
        "accounts:otp_enrol"
    )


def test_the_reset_command_runs_as_the_system(a_officer: Any) -> None:
    from django.core.management import call_command

    confirmed_app(a_officer)
    call_command("second_factor_reset", "a_officer")
    assert not two_factor.has_confirmed_device(a_officer)
    assert two_factor.second_factor_reset(by=SYSTEM, user=a_officer) == 0


def test_the_whole_login_with_the_app_reaches_the_dashboard(
    client: Client, a_officer: Any
) -> None:
    log_in_with_app(client, a_officer)
    assert client.get(reverse("home")).status_code == 200
