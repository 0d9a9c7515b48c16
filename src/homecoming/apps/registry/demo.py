"""The demo scenario: organisations, a user per role, and generated lists, loaded once.

Everything goes through the ordinary services (organisation_create, user_invite,
person_list_create, list_version_import), so the demo's ledger reads like a real one.
The persons come from ``homecoming.synth`` (seeded, generated; no real data) and enter
the registry as the files the parties would send (``synth.write_scenario_lists``:
official headers in each party's language, XLSX held lists, CSV sought lists), read by
the list reader like any upload.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from homecoming.apps.accounts import services as accounts
from homecoming.apps.accounts.actors import SYSTEM, Actor, actor_for
from homecoming.apps.accounts.models import Organisation, Role
from homecoming.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    Person,
    PersonList,
)
from homecoming.synth import SynthPerson, generate_scenario, write_scenario_lists

#: (code, kind, English, Ukrainian, Russian)
DEMO_ORGANISATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "ua",
        "party",
        "Ukraine: Coordination Headquarters for the Treatment of Prisoners of War",
        "Україна: Координаційний штаб з питань поводження з військовополоненими",
        "Украина: Координационный штаб по вопросам обращения с военнопленными",
    ),
    (
        "ru",
        "party",
        "Russian Federation: Ministry of Defence",
        "Російська Федерація: Міністерство оборони",
        "Российская Федерация: Министерство обороны",
    ),
    (
        "mediator",
        "mediator",
        "Neutral Mediator (demo)",
        "Нейтральний посередник (демо)",
        "Нейтральный посредник (демо)",
    ),
    (
        "observer",
        "observer",
        "Observer Mission (demo)",
        "Місія спостерігачів (демо)",
        "Миссия наблюдателей (демо)",
    ),
)

#: (username, organisation, role); printed by ``homecoming demo``.
DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("ua-officer", "ua", Role.PARTY_OFFICER),
    ("ua-admin", "ua", Role.PARTY_ADMIN),
    ("ru-officer", "ru", Role.PARTY_OFFICER),
    ("ru-admin", "ru", Role.PARTY_ADMIN),
    ("mediator-officer", "mediator", Role.MEDIATOR_OFFICER),
    ("mediator-admin", "mediator", Role.MEDIATOR_ADMIN),
    ("observer", "observer", Role.OBSERVER),
)
DEMO_USERS: list[tuple[str, str]] = [
    (username, f"{Role(role).label} ({code})") for username, code, role in DEMO_ACCOUNTS
]
LIST_TITLES = {"held": "Held list", "sought": "Sought list"}


def demo_is_loaded() -> bool:
    user_model = get_user_model()
    return (
        Organisation.objects.filter(code="mediator").exists()
        and user_model.objects.filter(username="mediator-admin").exists()
        and PersonList.objects.filter(owner__code="ru").exists()
    )


DEMO_DEVICE_NAME = "Demo authenticator"


def demo_authenticators_set(*, key_hex: str) -> None:
    """Give every demo account an authenticator device with the installation's demo
    key (one key for all, so that one entry in an app serves every demo login), or,
    when no role requires a second factor, take the demo's devices away again."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from homecoming.apps.accounts.two_factor import otp_required_roles

    user_model = get_user_model()
    users = user_model.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
    demo_devices = TOTPDevice.objects.filter(user__in=users, name=DEMO_DEVICE_NAME)
    if not otp_required_roles():
        demo_devices.delete()
        return
    for user in users:
        TOTPDevice.objects.update_or_create(
            user=user,
            name=DEMO_DEVICE_NAME,
            defaults={"key": key_hex, "confirmed": True, "tolerance": 1},
        )


def demo_passwords_set(*, password: str) -> None:
    """Give every demo account ``password`` (when the stored one was lost)."""
    user_model = get_user_model()
    for user in user_model.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]):
        user.set_password(password)
        user.save(update_fields=["password"])


def demo_scenario_load(
    *,
    seed: int,
    persons_per_side: int,
    password: str,
    reset_passwords: bool = False,
    progress: Callable[[str], object] | None = None,
) -> str:
    """Load the demo once; returns a one-line summary, or "" if it was already loaded.

    ``progress`` is called with each list's file name once it is loaded.
    """
    if demo_is_loaded():
        if reset_passwords:
            demo_passwords_set(password=password)
        return ""
    with transaction.atomic():
        organisations = {
            code: Organisation.objects.filter(code=code).first()
            or accounts.organisation_create(
                code=code, kind=kind, name_en=en, name_uk=uk, name_ru=ru, by=SYSTEM
            )
            for code, kind, en, uk, ru in DEMO_ORGANISATIONS
        }
        user_model = get_user_model()
        users: dict[str, Any] = {}
        for username, code, role in DEMO_ACCOUNTS:
            users[username] = user_model.objects.filter(
                username=username
            ).first() or accounts.user_invite(
                organisation=organisations[code],
                username=username,
                role=role,
                password=password,
                by=SYSTEM,
            )
    scenario = generate_scenario(seed, persons_per_side)
    loaded = 0
    with tempfile.TemporaryDirectory(prefix="homecoming-demo-") as directory:
        # The lists as the parties would send them: official headers, a title row,
        # held lists in XLSX and sought lists in CSV.
        for path in write_scenario_lists(scenario, directory):
            code, kind = path.stem.split("-", 1)
            persons = (scenario.held if kind == "held" else scenario.sought)[code]
            loaded += _load_list(
                owner=organisations[code],
                kind=kind,
                path=path,
                persons=persons,
                by=actor_for(users[f"{code}-officer"]),
            )
            if progress:
                progress(path.name)
    return f"{loaded} persons on {PersonList.objects.count()} lists"


def _load_list(
    *,
    owner: Organisation,
    kind: str,
    path: Path,
    persons: Sequence[SynthPerson],
    by: Actor,
) -> int:
    from homecoming.apps.registry import services

    person_list, _ = services.person_list_get_or_create(
        kind=kind, title=LIST_TITLES[kind], by=by
    )
    result = services.list_version_import(
        person_list=person_list,
        file_bytes=path.read_bytes(),
        filename=path.name,
        by=by,
        only_good_rows=True,
    )
    events = _custody_events(person_list=person_list, persons=persons)
    if events:
        services.custody_events_bulk_record(
            owner=owner, events=events, by=by, source="demo scenario"
        )
    return result.rows_imported


def _custody_events(
    *, person_list: PersonList, persons: Sequence[SynthPerson]
) -> list[CustodyEvent]:
    """Custody events beyond capture (transfers, hospital, release ...) for the demo."""
    ids = dict(
        Person.objects.filter(
            owner_id=person_list.owner_id, register=person_list.kind
        ).values_list("record_id", "pk")
    )
    events = []
    for person in persons:
        person_id = ids.get(person.record_id)
        if person_id is None:
            continue
        for event in person.custody_events:
            # The capture is already recorded from the list's capture date.
            if event.kind not in CustodyEventKind.values or event.kind == "capture":
                continue
            events.append(
                CustodyEvent(
                    person_id=person_id,
                    kind=event.kind,
                    year=event.date.year,
                    month=event.date.month,
                    day=event.date.day,
                    place=event.place[:200],
                    source=(event.source or "demo scenario")[:200],
                )
            )
    return events
