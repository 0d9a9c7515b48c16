"""``homecoming serve`` and ``homecoming manage``."""

from __future__ import annotations

from typing import Any

import pytest

from homecoming.cli import main


def test_serve_refuses_a_port_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port 70000" in capsys.readouterr().err


@pytest.mark.django_db
def test_serve_prints_the_address_and_hands_the_app_to_waitress(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_serve(app: Any, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr("waitress.serve", fake_serve)
    assert main(["serve", "--host", "127.0.0.1", "--port", "8123"]) == 0
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    assert calls and calls[0]["port"] == 8123 and callable(calls[0]["app"])


@pytest.mark.django_db
def test_migrate_if_needed_does_nothing_on_a_migrated_database() -> None:
    from homecoming.commands.serve import migrate_if_needed

    assert migrate_if_needed(verbose=False) is False


def test_manage_passes_everything_to_django(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manage", "help", "--commands"]) == 0
    assert "migrate" in capsys.readouterr().out


def test_demo_refuses_no_threads_as_serve_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # given / when demo is asked to serve with no worker threads
    status = main(["demo", "--serve", "--threads", "0"])
    # then it stops before touching the database, naming the option
    assert status == 2
    assert "--threads 0" in capsys.readouterr().err
