"""The registry's objects for the access matrix: a list, a version, a row, a person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tests.apps.access import PARTY_SCOPED, Side, register, register_value
from tests.factories import (
    ListRowFactory,
    ListVersionFactory,
    PersonFactory,
    PersonListFactory,
)


def _objects(side: Side) -> Mapping[str, Any]:
    surname, given, title = side.canaries
    person_list = PersonListFactory(owner=side.owner, title=title)
    version = ListVersionFactory(person_list=person_list, number=1)
    person = PersonFactory(owner=side.owner, surname=surname, given_name=given)
    ListRowFactory(
        version=version,
        person=person,
        raw={"record_id": person.record_id, "surname": surname, "given_name": given},
    )
    return {"person_id": person.pk, "list_id": person_list.pk, "version_id": version.pk}


register(
    make=_objects,
    parameters={
        "person_id": PARTY_SCOPED,
        "list_id": PARTY_SCOPED,
        "version_id": PARTY_SCOPED,
    },
)
register_value("format", "csv")
