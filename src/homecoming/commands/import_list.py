"""``homecoming import LIST_FILE --party CODE --list-kind held|sought``: import a list.

The file becomes the next version of the party's list (opened if needed). A file with
problems imports nothing: the problems are printed, one a line naming file, row and
field, and the command exits with status 2. ``--only-good-rows`` imports the rest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NoReturn

from homecoming.commands import CommandError, setup_django

DEFAULT_TITLES = {"held": "Held list", "sought": "Sought list"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import a CSV or XLSX person list as a new list version",
        description=(
            "Import a held or sought list (CSV in UTF-8 or Windows-1251, or XLSX) "
            "as the next version of a party's list. Nothing is written if any row "
            "has a problem, unless --only-good-rows is given."
        ),
    )
    parser.add_argument("list_file", metavar="LIST_FILE", type=Path)
    parser.add_argument("--party", required=True, metavar="CODE", help="party code")
    parser.add_argument(
        "--list-kind", required=True, choices=("held", "sought"), dest="list_kind"
    )
    parser.add_argument(
        "--list",
        dest="list_title",
        metavar="TITLE",
        help="list title (default: 'Held list' or 'Sought list')",
    )
    parser.add_argument(
        "--map",
        dest="mappings",
        action="append",
        default=[],
        metavar="COLUMN=canonical",
        help='map a header to a canonical field, e.g. --map "Колонка=rank"',
    )
    parser.add_argument(
        "--only-good-rows",
        action="store_true",
        help="import the rows without problems and skip the others",
    )
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help="the party member submitting (default: the party's import account)",
    )
    parser.set_defaults(func=run)


def _submitter(party: Any, username: str | None) -> Any:
    from django.contrib.auth import get_user_model

    from homecoming.apps.accounts import services as account_services
    from homecoming.apps.accounts.actors import SYSTEM, actor_for
    from homecoming.apps.accounts.models import Role

    user_model = get_user_model()
    if username:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"--user {username}: no such user")
        if actor_for(user).organisation_id != party.pk:
            raise CommandError(f"--user {username}: not a member of party {party.code}")
        return actor_for(user)
    # Imports from the command line are submitted by the party's own import account
    # (no password: it cannot log in), so the ledger names who did what.
    account = f"{party.code}-import"
    existing: Any = user_model.objects.filter(username=account).first()
    if existing is None:
        existing = account_services.user_invite(
            organisation=party, username=account, role=Role.PARTY_OFFICER, by=SYSTEM
        )
    return actor_for(existing)


def _refused(path: Path, exc: Any, only_good_rows: bool) -> NoReturn:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    if exc.file_level:  # skipping rows cannot help a file refused as a whole
        advice = ' (map a column with --map "Column=field")' if exc.mapping_help else ""
    else:
        advice = "" if only_good_rows else " (fix them, or pass --only-good-rows)"
    raise CommandError(
        f"{path.name}: {len(exc.problems)} problem(s); nothing was imported{advice}"
    ) from exc


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from homecoming.apps.registry.mapping import parse_mapping

    path: Path = args.list_file
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        mapping = parse_mapping(args.mappings)
    except ValueError as exc:
        raise CommandError(f"--map {exc}") from exc
    setup_django()
    from homecoming.commands.serve import migrate_if_needed

    migrate_if_needed()

    from django.db import transaction

    from homecoming.apps.accounts.models import Organisation
    from homecoming.apps.registry import services

    party = Organisation.objects.filter(code=args.party).first()
    if party is None or not party.is_party:
        raise CommandError(f"--party {args.party}: no such party")
    # The file is read and checked before anything is written; then the import
    # account, the list and the version are written in one transaction, so a refused
    # file leaves no empty list and no ledger entry behind (issue 11).
    try:
        checked = services.list_file_check(
            file_bytes=path.read_bytes(),
            filename=path.name,
            mapping=mapping,
            only_good_rows=args.only_good_rows,
        )
    except services.ImportRejected as exc:
        _refused(path, exc, args.only_good_rows)
    title = args.list_title or DEFAULT_TITLES[args.list_kind]

    bars: list[tqdm[Any]] = []  # opened once writing starts, after the checks

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(
                tqdm(
                    total=total,
                    unit="row",
                    desc="writing",
                    file=sys.stderr,
                    leave=False,
                )
            )
        bars[0].update(done - bars[0].n)

    try:
        with transaction.atomic():
            by = _submitter(party, args.user)
            person_list, _ = services.person_list_get_or_create(
                kind=args.list_kind, title=title, by=by
            )
            if person_list.kind != args.list_kind:
                raise CommandError(
                    f"--list {title}: that list is a {person_list.kind} list"
                )
            result = services.list_version_import_checked(
                person_list=person_list, checked=checked, by=by, progress=progress
            )
    finally:
        for bar in bars:
            bar.close()
    for problem in result.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{party.code} / {person_list.title}: {result.message}")
    return 0
