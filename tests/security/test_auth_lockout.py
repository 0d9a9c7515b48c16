"""Attacks on the password step: guessing from one machine, from many, spraying one
password over many accounts, and locking the owner out on purpose.

Found (issue 20): lockout was by user name and address together, so behind a proxy
(one address for everyone) anyone could lock any account, and a guesser with many
addresses was not slowed at all.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homecoming.apps.accounts.lockout import backoff, wait_before_next_try
from tests.factories import member
from tests.security.auth_steps import log_in_with_app, password_step

OWNER = "10.1.1.1"


def _fail(username: str, address: str, times: int = 1) -> None:
    for _ in range(times):
        answer = password_step(Client(), username, "a wrong guess", address=address)
        assert answer.status_code in (200, 429)


def test_one_machine_guessing_one_account_waits_after_five(
    a_officer: Any, settings: Any
) -> None:
    _fail("a_officer", "10.9.9.9", settings.HOMECOMING_LOCKOUT["account_and_address"])
    # even the right password from that machine is not checked now
    refused = password_step(Client(), "a_officer", address="10.9.9.9")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert b"Try again in 15 minutes" in refused.content


def test_an_attacker_elsewhere_does_not_lock_the_owner_out(a_officer: Any) -> None:
    # given the owner logged in from their office before
    log_in_with_app(Client(), a_officer, address=OWNER)
    # when an attacker guesses from forty addresses, under each address's limit
    for n in range(40):
        _fail("a_officer", f"10.2.0.{n}", 4)
    # then the attacker's next guess must wait, from any new address ...
    assert password_step(Client(), "a_officer", address="10.3.0.1").status_code == 429
    # ... while the owner, from their office, goes straight on to the second factor
    owner = password_step(Client(), "a_officer", address=OWNER)
    assert owner.status_code == 302
    assert owner["Location"] == reverse("accounts:otp_verify")


def test_behind_one_address_one_user_cannot_lock_another(
    a_officer: Any, a_admin: Any, settings: Any
) -> None:
    """Everyone behind one proxy address: a colleague's wrong passwords for their own
    account leave this account alone."""
    _fail("a_admin", OWNER, settings.HOMECOMING_LOCKOUT["account_and_address"] + 3)
    assert password_step(Client(), "a_officer", address=OWNER).status_code == 302


def test_one_address_spraying_many_accounts_waits(
    party_a: Any, a_officer: Any, settings: Any
) -> None:
    limit = settings.HOMECOMING_LOCKOUT["address"]
    for n in range(limit):
        _fail(f"guess{n}", "10.4.4.4")
    assert password_step(Client(), "a_officer", address="10.4.4.4").status_code == 429
    assert password_step(Client(), "a_officer", address="10.4.4.5").status_code == 302


def test_the_wait_of_many_machines_doubles_and_stops_at_the_window() -> None:
    window = timedelta(minutes=15)
    waits = [backoff(n, 10, window).total_seconds() for n in (9, 10, 11, 12, 13)]
    assert waits == [0, 1, 2, 4, 8]
    assert backoff(40, 10, window) == window
    assert backoff(10**6, 10, window) == window


def test_the_backoff_counts_failures_from_every_unknown_address(
    a_officer: Any, settings: Any
) -> None:
    free = settings.HOMECOMING_LOCKOUT["account"]
    now = timezone.now()
    for n in range(free + 3):
        AccessAttempt.objects.create(
            username="a_officer",
            ip_address=f"10.5.0.{n}",
            user_agent="x",
            failures_since_start=1,
            get_data="",
            post_data="",
            http_accept="",
            path_info="/accounts/login/",
        )
    AccessAttempt.objects.update(attempt_time=now)
    wait = wait_before_next_try("a_officer", "10.6.0.1", now)
    assert wait == timedelta(seconds=8)


def test_a_forged_forwarded_for_header_does_not_change_the_address(
    a_officer: Any, settings: Any
) -> None:
    limit = settings.HOMECOMING_LOCKOUT["account_and_address"]
    for n in range(limit):
        Client().post(
            reverse("accounts:login"),
            {"username": "a_officer", "password": "wrong"},
            REMOTE_ADDR="10.7.7.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert AccessAttempt.objects.filter(ip_address="10.7.7.7").count() == 1
    assert password_step(Client(), "a_officer", address="10.7.7.7").status_code == 429


def test_tries_during_a_wait_are_not_counted_and_do_not_extend_it(
    a_officer: Any, settings: Any
) -> None:
    limit = settings.HOMECOMING_LOCKOUT["account_and_address"]
    _fail("a_officer", "10.8.8.8", limit)
    last = AccessAttempt.objects.get(ip_address="10.8.8.8").attempt_time
    _fail("a_officer", "10.8.8.8", 10)
    attempt = AccessAttempt.objects.get(ip_address="10.8.8.8")
    assert attempt.failures_since_start == limit and attempt.attempt_time == last


def test_the_owners_own_mistakes_are_forgotten_when_they_log_in(
    a_officer: Any,
) -> None:
    _fail("a_officer", OWNER, 3)
    log_in_with_app(Client(), a_officer, address=OWNER)
    assert not AccessAttempt.objects.filter(ip_address=OWNER).exists()


def test_the_wait_says_nothing_about_whether_the_account_exists(
    party_a: Any, settings: Any
) -> None:
    member(party_a, "party_officer", username="real_one")
    limit = settings.HOMECOMING_LOCKOUT["account_and_address"]
    _fail("real_one", "10.9.0.1", limit)
    _fail("nobody_here", "10.9.0.2", limit)
    real = password_step(Client(), "real_one", "x", address="10.9.0.1")
    fake = password_step(Client(), "nobody_here", "x", address="10.9.0.2")
    assert real.status_code == fake.status_code == 429

    def page(answer: Any) -> str:  # the same page, but for its one-use CSRF token
        return re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", answer.content.decode()
        )

    assert page(real) == page(fake)
