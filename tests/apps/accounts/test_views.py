"""Account pages: login in two steps, lockout, two-factor enrolment, the shell by role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import sign_in

PASSWORD = "a long test password"


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _log_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}
    )


def test_login_without_a_device_lands_on_the_dashboard_when_none_is_required(
    client: Client, a_officer: Any, settings: Any
) -> None:
    settings.HOMECOMING_OTP_REQUIRED_ROLES = "none"
    response = _log_in(client, "a_officer")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_is_refused_with_a_message(
    client: Client, a_officer: Any
) -> None:
    response = _log_in(client, "a_officer", "not the password")
    assert response.status_code == 200
    assert b"correct username and password" in response.content
    assert client.get(reverse("home")).status_code == 302


def test_repeated_wrong_passwords_make_this_address_wait(
    client: Client, a_officer: Any, settings: Any
) -> None:
    for _ in range(settings.HOMECOMING_LOCKOUT["account_and_address"]):
        _log_in(client, "a_officer", "not the password")
    response = _log_in(client, "a_officer")
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert client.get(reverse("home")).status_code == 302


def test_user_with_a_device_is_not_logged_in_before_the_code(
    client: Client, a_officer: Any
) -> None:
    device = TOTPDevice.objects.create(user=a_officer, name="phone", confirmed=True)
    response = _log_in(client, "a_officer")
    assert response["Location"] == reverse("accounts:otp_verify")
    assert client.get(reverse("home")).status_code == 302  # not yet logged in

    wrong = client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert wrong.status_code == 200
    assert b"not right" in wrong.content

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(reverse("accounts:otp_verify"), {"token": _code(device)})
    assert right.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.wsgi_request.user.is_verified()


def test_code_step_without_a_password_step_goes_back_to_login(client: Client) -> None:
    response = client.get(reverse("accounts:otp_verify"))
    assert response["Location"] == reverse("accounts:login")


def test_mediator_admin_must_enrol_when_the_role_requires_it(
    client: Client, mediator_admin: Any, settings: Any
) -> None:
    settings.HOMECOMING_OTP_REQUIRED_ROLES = ("mediator_admin",)
    response = _log_in(client, "m_admin")
    assert response["Location"] == reverse("accounts:otp_enrol")
    assert client.get(reverse("home")).status_code == 302

    page = client.get(reverse("accounts:otp_enrol"))
    assert page.status_code == 200
    assert b"otpauth://totp/Homecoming%3Am_admin?secret=" in page.content
    device = TOTPDevice.objects.get(user=mediator_admin, confirmed=False)

    confirmed = client.post(reverse("accounts:otp_enrol"), {"token": _code(device)})
    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


def test_mediator_admin_needs_no_device_when_no_role_requires_one(
    client: Client, mediator_admin: Any, settings: Any
) -> None:
    settings.HOMECOMING_OTP_REQUIRED_ROLES = "none"
    assert _log_in(client, "m_admin")["Location"] == reverse("home")


def test_logged_in_user_can_enrol_from_the_account_page(
    client: Client, a_officer: Any, settings: Any
) -> None:
    settings.HOMECOMING_OTP_REQUIRED_ROLES = "none"
    client.force_login(a_officer)
    assert (
        b"Set up an authenticator app"
        in client.get(reverse("accounts:security")).content
    )
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=a_officer)
    response = client.post(reverse("accounts:otp_enrol"), {"token": _code(device)})
    assert response["Location"] == reverse("accounts:recovery_codes")
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.parametrize(
    ("user_fixture", "present", "absent"),
    [
        ("a_officer", ["Registry", "Lists", "Imports"], ["All parties"]),
        ("mediator_officer", ["Registry", "All parties&#x27; lists"], ["Imports"]),
        ("observer", ["Dashboard"], ["Registry", "Imports"]),
    ],
)
def test_navigation_follows_the_role(
    client: Client,
    request: pytest.FixtureRequest,
    user_fixture: str,
    present: list[str],
    absent: list[str],
) -> None:
    sign_in(client, request.getfixturevalue(user_fixture))
    html = client.get(reverse("home")).content.decode()
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    for label in present:
        assert label in nav
    for label in absent:
        assert label not in nav


def test_header_names_the_organisation_and_role(client: Client, a_officer: Any) -> None:
    sign_in(client, a_officer)
    html = client.get(reverse("home")).content.decode()
    assert "Party A" in html and "Party officer" in html


def test_language_switch_shows_ukrainian_then_russian(
    client: Client, a_officer: Any
) -> None:
    sign_in(client, a_officer)
    client.post(reverse("set_language"), {"language": "uk", "next": "/"})
    assert "Реєстр" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert "Реестр" in client.get(reverse("home")).content.decode()


def test_pages_carry_no_inline_script_or_style(client: Client, a_officer: Any) -> None:
    sign_in(client, a_officer)
    for name in ("home", "accounts:security", "accounts:password_change"):
        response = client.get(reverse(name))
        html = response.content.decode()
        assert "<script" not in html and "style=" not in html and "<style" not in html
        assert "default-src 'self'" in response["Content-Security-Policy"]


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_change_page_changes_the_password(
    client: Client, a_officer: Any
) -> None:
    sign_in(client, a_officer)
    new = "another long password 42"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    a_officer.refresh_from_db()
    assert a_officer.check_password(new)


def test_logout_ends_the_session(client: Client, a_officer: Any) -> None:
    sign_in(client, a_officer)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_500_page_renders_without_a_request() -> None:
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


def test_production_and_embedded_modes_require_the_same_roles(settings: Any) -> None:
    from homecoming.apps.accounts.two_factor import otp_required_roles

    settings.PRODUCTION = True
    in_production = otp_required_roles()
    settings.PRODUCTION = False
    assert otp_required_roles() == in_production and "observer" in in_production


def test_password_alone_cannot_enrol_a_new_device_to_skip_the_code(
    client: Client, a_officer: Any
) -> None:
    TOTPDevice.objects.create(user=a_officer, name="phone", confirmed=True)
    _log_in(client, "a_officer")
    response = client.get(reverse("accounts:otp_enrol"))
    assert response["Location"] == reverse("accounts:otp_verify")
    assert not TOTPDevice.objects.filter(user=a_officer, confirmed=False).exists()
    assert client.get(reverse("home")).status_code == 302


def test_admin_login_goes_through_the_two_step_login(
    client: Client, django_user_model: Any
) -> None:
    staff = django_user_model.objects.create_user(
        "support", password=PASSWORD, is_staff=True
    )
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    page = client.get("/admin/login/?next=/admin/")
    assert page["Location"] == reverse("accounts:login") + "?next=/admin/"
    client.post("/admin/login/", {"username": "support", "password": PASSWORD})
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
