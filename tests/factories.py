"""factory_boy factories for the service: organisations, members, persons, lists.

All names are generated; nothing here is real personal data.
"""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from homecoming.apps.accounts.models import Membership, Organisation, Role
from homecoming.apps.registry.models import (
    ListRow,
    ListVersion,
    Person,
    PersonList,
)

ROLE_KIND = {
    Role.PARTY_OFFICER: "party",
    Role.PARTY_ADMIN: "party",
    Role.MEDIATOR_OFFICER: "mediator",
    Role.MEDIATOR_ADMIN: "mediator",
    Role.OBSERVER: "observer",
}


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org{n}")
    kind = "party"
    name_en = factory.LazyAttribute(lambda o: f"Organisation {o.code}")
    name_uk = factory.LazyAttribute(lambda o: f"Організація {o.code}")
    name_ru = factory.LazyAttribute(lambda o: f"Организация {o.code}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a long test password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    organisation_kind = factory.LazyAttribute(lambda m: m.organisation.kind)
    role = Role.PARTY_OFFICER


def member(organisation: Organisation, role: str, **user_fields: Any) -> Any:
    """A user who is a member of ``organisation`` with ``role``."""
    membership = MembershipFactory(
        organisation=organisation, role=role, user=UserFactory(**user_fields)
    )
    return membership.user


_DERIVED_SOURCES = (
    "surname",
    "given_name",
    "patronymic",
    "full_name_as_written",
    "record_id",
    "service_number",
)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    register = "held"
    record_id = factory.Sequence(lambda n: f"R-{n:05d}")
    category = "military"
    sex = "m"
    surname = factory.Sequence(lambda n: f"Testenko{n}")
    given_name = "Petro"
    patronymic = "Ivanovych"
    name_script = "latin"
    birth_year = 1990
    birth_month = 5
    birth_day = 17

    @factory.post_generation
    def search_text(
        person: Person, create: bool, extracted: Any, **kwargs: Any
    ) -> None:
        """Keys and search text as an import works them out from the names
        (``search_text=False``: a person stored before they existed, all blank)."""
        from homecoming.apps.registry.import_rows import derived_values

        if extracted is False:
            return
        values = {f: getattr(person, f) for f in _DERIVED_SOURCES}
        derived = derived_values(values)
        derived.pop("name_script")
        for name, value in derived.items():
            setattr(person, name, value)
        if create:
            Person.objects.filter(pk=person.pk).update(**derived)


class PersonListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonList

    owner = factory.SubFactory(OrganisationFactory)
    kind = "held"
    title = factory.Sequence(lambda n: f"List {n}")


class ListVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListVersion

    person_list = factory.SubFactory(PersonListFactory)
    number = factory.Sequence(lambda n: n + 1)
    submitted_by = factory.SubFactory(UserFactory)
    source_filename = "list.csv"
    source_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    source_format = "csv"


class ListRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListRow

    version = factory.SubFactory(ListVersionFactory)
    line = factory.Sequence(lambda n: n + 2)
    person = factory.SubFactory(PersonFactory)
    record_id = factory.LazyAttribute(lambda r: r.person.record_id)
    raw = factory.LazyAttribute(
        lambda r: {"record_id": r.person.record_id, "surname": r.person.surname}
    )


def sign_in(client: Any, user: Any) -> None:
    """Log ``user`` in on a test client as the login pages do for staff: the session
    carries a confirmed authenticator device as its second factor (every staff role
    needs one, and a session without it is ended on the next request)."""
    import time

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from homecoming.apps.accounts.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = time.time()
    session[SIGNED_IN_AT_KEY] = session[LAST_SEEN_KEY] = now
    session.save()
