"""``homecoming demo``: organisations, logins and generated lists, loaded once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from homecoming.apps.accounts.models import Membership, Organisation
from homecoming.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    Person,
    PersonList,
)
from homecoming.cli import main


@pytest.fixture
def var_dir(tmp_path: Path, settings: Any) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_demo_loads_once_and_prints_the_logins(
    var_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # when the demo runs on an empty database
    assert main(["demo", "--persons", "30", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    # then both parties, the mediator and an observer exist, with a user per role
    assert set(Organisation.objects.values_list("code", "kind")) == {
        ("ua", "party"),
        ("ru", "party"),
        ("mediator", "mediator"),
        ("observer", "observer"),
    }
    assert Membership.objects.count() >= 7
    password = (var_dir / "demo_password").read_text().strip()
    assert password in out and "ua-officer" in out and "observer" in out
    # each party has lists with persons
    assert PersonList.objects.filter(owner__code="ua", kind="held").exists()
    assert Person.objects.filter(owner__code="ru").exists()
    # with the custody histories beyond capture (transfers, hospital, release ...)
    later_events = CustodyEvent.objects.exclude(kind="capture")
    assert later_events.exists()
    assert set(later_events.values_list("kind", flat=True)) <= set(
        CustodyEventKind.values
    ) - {"capture"}
    persons = Person.objects.count()
    # and a second run loads nothing more and prints the same password
    assert main(["demo", "--persons", "30", "--seed", "3"]) == 0
    assert Person.objects.count() == persons
    assert password in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_users_log_in_with_the_printed_password(var_dir: Path) -> None:
    from django.contrib.auth import get_user_model

    main(["demo", "--persons", "5"])
    password = (var_dir / "demo_password").read_text().strip()
    user = get_user_model().objects.get(username="mediator-admin")
    assert user.check_password(password)


@pytest.mark.django_db
def test_demo_serve_prints_address_and_logins(
    var_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("waitress.serve", lambda app, **kw: None)
    assert main(["demo", "--persons", "5", "--serve", "--port", "8765"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8765/" in out and "ua-officer" in out


def test_demo_refuses_a_silly_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--persons", "0"]) == 2


@pytest.mark.django_db
def test_demo_logins_give_the_printed_code_and_reach_the_dashboard(
    var_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newcomer follows the banner: the password, then the code it says how to get."""
    from django.test import Client

    main(["demo", "--persons", "5"])
    banner = capsys.readouterr().out
    password = (var_dir / "demo_password").read_text().strip()
    assert "six-digit code" in banner and "demo --code" in banner
    assert main(["demo", "--code"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    client = Client()
    step = client.post(
        "/accounts/login/", {"username": "ua-officer", "password": password}
    )
    assert step["Location"] == "/accounts/login/code/"
    assert client.post("/accounts/login/code/", {"token": code})["Location"] == "/"
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_demo_without_a_required_factor_logs_in_with_the_password(
    var_dir: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.test import Client

    settings.HOMECOMING_OTP_REQUIRED_ROLES = "none"
    main(["demo", "--persons", "5"])
    assert "Second factor: off" in capsys.readouterr().out
    password = (var_dir / "demo_password").read_text().strip()
    step = Client().post(
        "/accounts/login/", {"username": "observer", "password": password}
    )
    assert step["Location"] == "/"
