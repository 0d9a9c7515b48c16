"""Production settings pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path


def test_check_deploy_is_clean_under_production_settings(tmp_path: Path) -> None:
    # given the environment a production install sets
    # (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is theirs alone: production never sets it)
    inherited = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env = {
        **inherited,
        "HOMECOMING_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "homecoming.example.org",
        "HOMECOMING_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    # when Django's deployment checks run, failing on any warning
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "homecoming.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # then they report no issue
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


def test_passwords_hash_with_argon2_outside_tests() -> None:
    from homecoming.site import settings as site_settings

    assert site_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
