"""Steps the authentication attacks share: codes from a device, the login pages."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long test password"


def totp_code(device: TOTPDevice, steps: int = 0) -> str:
    """The code ``device`` shows now, or ``steps`` steps of 30 s away."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps * device.step
    return f"{totp.token():06d}"


def password_step(
    client: Client, username: str, password: str = PASSWORD, address: str = "10.0.0.1"
) -> Any:
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def confirmed_app(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def log_in_with_app(client: Client, user: Any, address: str = "10.0.0.1") -> None:
    """The whole login through the pages: password, then a code from the app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or confirmed_app(user)
    assert password_step(client, user.username, address=address).status_code == 302
    answer = client.post(
        reverse("accounts:otp_verify"),
        {"token": totp_code(device)},
        REMOTE_ADDR=address,
    )
    assert answer.status_code == 302, answer.content.decode()[:500]
