"""Attacks on passwords: the guessable ones must be refused, without asking the network.

Found (issue 20): ``aaaaaaaaaaaa`` was accepted (twelve characters, not in Django's
list of common passwords).
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import sign_in
from tests.security.auth_steps import PASSWORD

GUESSABLE = [
    "aaaaaaaaaaaa",  # one letter repeated
    "abcdefghijkl",  # a sequence
    "qwertyuiop123",  # a keyboard walk
    "password12345",  # a breached classic
    "Passw0rd2024!",  # a word with a digit for a letter, a year, a symbol
    "123456789012",  # digits only
    "iloveyou1234",  # in the breach lists
]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks ship with the package: any attempt to connect fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a password check tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("password", GUESSABLE)
def test_a_guessable_password_is_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_password_like_the_user_name_is_refused(a_officer: Any) -> None:
    with pytest.raises(ValidationError):
        validate_password("a_officer1234", user=a_officer)


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "vivid-otter-94-lantern-sleet"]
)
def test_a_long_unguessable_password_is_accepted(password: str) -> None:
    validate_password(password)


def test_the_refusal_says_why_in_the_users_language() -> None:
    with translation.override("uk"), pytest.raises(ValidationError) as refusal:
        validate_password("aaaaaaaaaaaa")
    text = " ".join(refusal.value.messages)
    assert "aaa" in text and any("а" <= c <= "я" for c in text.lower())


def test_the_password_change_page_refuses_aaaaaaaaaaaa(
    client: Client, a_officer: Any
) -> None:
    sign_in(client, a_officer)
    answer = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "aaaaaaaaaaaa",
            "new_password2": "aaaaaaaaaaaa",
        },
    )
    assert answer.status_code == 200
    a_officer.refresh_from_db()
    assert a_officer.check_password(PASSWORD)
