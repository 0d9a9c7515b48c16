"""``homecoming demo [--seed N --persons N] [--serve]``: a ready-to-try installation.

Creates (or migrates) the SQLite database, loads the generated demo scenario once (two
parties, the mediator, an observer, their users, held and sought lists with custody
events; no real data), prints the demo logins, and with ``--serve`` serves the site. Run
again, it loads nothing twice and prints the same logins.

The demo password is generated per installation and kept in ``var/demo_password``
(readable by the owner only); it is printed on every run.

Every staff role needs a second factor, in the demo too: the demo accounts share one
authenticator key, generated per installation into ``var/demo_authenticator_key``
(owner only) and printed with the logins, to add once to an authenticator app;
``homecoming demo --code`` prints the current code for anyone without an app. With
``HOMECOMING_OTP_REQUIRED_ROLES=none`` the demo gives its accounts no authenticator
and the password alone logs in.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from base64 import b32encode
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, setup_django
from homecoming.commands.serve import (
    add_server_arguments,
    check_server_arguments,
    migrate_if_needed,
    serve,
)
from homecoming.commands.worker import use_database_queue


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="load the demo scenario (once) and optionally serve the site",
        description=(
            "Migrate the database, load a generated demo scenario of two parties, the "
            "mediator and an observer with users for every role, print the logins, "
            "and serve with --serve."
        ),
    )
    parser.add_argument("--seed", type=int, default=2025, help="scenario seed")
    parser.add_argument(
        "--persons",
        type=int,
        default=2000,
        metavar="N",
        help="persons held by each party (default 2000)",
    )
    parser.add_argument("--serve", action="store_true", help="serve after loading")
    parser.add_argument(
        "--code",
        action="store_true",
        help="print the current login code of the demo accounts and exit",
    )
    add_server_arguments(parser)
    parser.set_defaults(func=run)


def demo_password(var_dir: Path) -> tuple[str, bool]:
    """This installation's demo password, and whether it was generated just now."""
    path = var_dir / "demo_password"
    if path.exists():
        return path.read_text().strip(), False
    var_dir.mkdir(parents=True, exist_ok=True)
    password = "demo-" + secrets.token_urlsafe(9)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, True


def demo_authenticator_key(var_dir: Path) -> str:
    """This installation's demo authenticator key (hex), made on first use."""
    path = var_dir / "demo_authenticator_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(20)
    path.write_text(key + "\n")
    path.chmod(0o600)
    return key


def demo_code(key_hex: str) -> str:
    """The six digits an authenticator app with the demo key shows now."""
    from django_otp.oath import TOTP

    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


def _key_base32(key_hex: str) -> str:
    secret = b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def logins_banner(
    usernames: list[tuple[str, str]], password: str, authenticator_key: str = ""
) -> str:
    width = max(len(name) for name, _ in usernames)
    lines = ["Demo logins (one password for all):"]
    lines += [f"  {name.ljust(width)}  {role}" for name, role in usernames]
    lines.append(f"  password: {password}")
    if not authenticator_key:
        lines.append(
            "Second factor: off (HOMECOMING_OTP_REQUIRED_ROLES=none); "
            "the password alone logs in."
        )
        return "\n".join(lines)
    secret = _key_base32(authenticator_key).replace(" ", "")
    command = Path(sys.executable).parent / "homecoming"
    lines += [
        "Second factor: after the password, every login asks for a six-digit code.",
        "  The demo accounts share one authenticator key: add it once to an app",
        "  (FreeOTP, Aegis, Google Authenticator; time-based, 6 digits, 30 s):",
        f"  key:  {_key_base32(authenticator_key)}",
        f"  or:   otpauth://totp/Homecoming%20demo?secret={secret}&issuer=Homecoming",
        "  Without an app, print the current code (another terminal, this folder):",
        f"        {command} demo --code",
        "  To try it without codes: HOMECOMING_OTP_REQUIRED_ROLES=none make run",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.code:
        setup_django()
        from django.conf import settings as django_settings

        print(demo_code(demo_authenticator_key(Path(django_settings.VAR_DIR))))
        return 0
    if args.persons < 1 or args.persons > 200_000:
        raise CommandError(f"--persons {args.persons}: expected 1 to 200000")
    check_server_arguments(args)
    if args.serve and args.worker:
        use_database_queue()
    setup_django()
    from django.conf import settings

    from homecoming.apps.accounts.two_factor import otp_required_roles
    from homecoming.apps.registry.demo import (
        DEMO_USERS,
        demo_authenticators_set,
        demo_scenario_load,
    )

    migrate_if_needed()
    password, generated = demo_password(Path(settings.VAR_DIR))
    from tqdm import tqdm

    with tqdm(
        total=4, desc="demo lists", unit="list", file=sys.stderr, leave=False
    ) as bar:
        loaded = demo_scenario_load(
            seed=args.seed,
            persons_per_side=args.persons,
            password=password,
            reset_passwords=generated,
            progress=lambda _name: bar.update(),
        )
    if loaded:
        print(f"Demo scenario loaded: {loaded}.", file=sys.stderr)
    else:
        print("Demo scenario already loaded.", file=sys.stderr)
    key = demo_authenticator_key(Path(settings.VAR_DIR))
    demo_authenticators_set(key_hex=key)
    banner = logins_banner(DEMO_USERS, password, key if otp_required_roles() else "")
    if args.serve:
        serve(
            host=args.host,
            port=args.port,
            threads=args.threads,
            banner=banner,
            worker=args.worker,
        )
    else:
        print(banner)
    return 0
