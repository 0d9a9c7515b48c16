"""The manifest schema's ``person`` definition, checked in plain Python.

``jsonschema`` takes about 0.7 ms a person (keyword dispatch and ``$ref`` resolution per
value); a 100,000-person manifest must be signed and verified in a few seconds, so the one
definition that repeats per person is checked here, with the schema's own patterns and
``re.search`` as ``jsonschema`` applies them. A property test holds this check and
``jsonschema`` to the same verdict on generated and mutated persons
(tests/engines/ledger/test_manifest.py); the schema file stays the published contract.
"""

from __future__ import annotations

import re
from typing import Any

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_PERSON_MEMBERS = frozenset(
    {
        "record_ids",
        "names_as_written",
        "names_transliterated",
        "birth_date",
        "category",
        "gates",
    }
)
_PERSON_REQUIRED = ("record_ids", "names_as_written", "names_transliterated", "gates")
_REQUIRED_SET = frozenset(_PERSON_REQUIRED)
_TEXT = frozenset({str})
_NAME_MEMBERS = frozenset({"surname", "given_name", "patronymic", "script", "scheme"})
_GATES = frozenset(
    {"identity_verified", "consent_given", "medically_fit", "art110_category"}
)
_REQUIRED_GATES = ("identity_verified", "consent_given")
_REQUIRED_GATE_SET = frozenset(_REQUIRED_GATES)
_CATEGORIES = frozenset({"military", "civilian"})


def _fits(person: Any) -> bool:
    """The usual case in one pass, as few Python operations as possible: True only when
    the person certainly fits (False sends it to :func:`person_problem`'s full check)."""
    try:
        record_ids = person["record_ids"]
        written = person["names_as_written"]
        transliterated = person["names_transliterated"]
        gates = person["gates"]
    except (KeyError, TypeError):
        return False
    return (
        type(person) is dict
        and person.keys() <= _PERSON_MEMBERS
        and type(record_ids) is dict
        and bool(record_ids)
        and set(map(type, record_ids.values())) == _TEXT
        and all(record_ids.values())
        and all(map(_CODE.search, record_ids))
        and type(written) is dict
        and type(transliterated) is dict
        and written.keys() <= _NAME_MEMBERS
        and transliterated.keys() <= _NAME_MEMBERS
        and set(map(type, written.values())) == _TEXT
        and set(map(type, transliterated.values())) == _TEXT
        and bool(written.get("surname"))
        and bool(transliterated.get("surname"))
        and type(gates) is list
        and set(map(type, gates)) == _TEXT
        and _GATES.issuperset(gates)
        and len(set(gates)) == len(gates)
        and _REQUIRED_GATE_SET.issubset(gates)
        and (
            "birth_date" not in person
            or (
                type(person["birth_date"]) is str
                and _DATE.search(person["birth_date"]) is not None
            )
        )
        and (
            "category" not in person
            or (type(person["category"]) is str and person["category"] in _CATEGORIES)
        )
    )


def person_problem(person: Any) -> tuple[str, str] | None:
    """``(path within the person, what is wrong)`` for the first fault; None if it fits."""
    if _fits(person):
        return None
    if type(person) is not dict:
        return "", "is not an object"
    members = person.keys()
    if not (_REQUIRED_SET <= members <= _PERSON_MEMBERS):
        for member in _PERSON_REQUIRED:
            if member not in person:
                return "", f"{member!r} is a required property"
        return "", f"unexpected property {sorted(members - _PERSON_MEMBERS)[0]!r}"
    problem = _record_ids_problem(person["record_ids"])
    if problem is not None:
        return "record_ids", problem
    for member in ("names_as_written", "names_transliterated"):
        found = _names_problem(person[member])
        if found is not None:
            return f"{member}/{found[0]}".rstrip("/"), found[1]
    if "birth_date" in person:
        date = person["birth_date"]
        if type(date) is not str or _DATE.search(date) is None:
            return (
                "birth_date",
                f"{date!r} is not a date like 1990, 1990-05 or 1990-05-17",
            )
    category = person.get("category", "military")
    if type(category) is not str or category not in _CATEGORIES:
        return "category", f"{person['category']!r} is not military or civilian"
    return _gates_problem(person["gates"])


def _record_ids_problem(record_ids: Any) -> str | None:
    if type(record_ids) is not dict:
        return "is not an object"
    if not record_ids:
        return "needs at least one party's record id"
    if (
        set(map(type, record_ids.values())) == _TEXT
        and all(record_ids.values())
        and all(map(_CODE.search, record_ids))
    ):
        return None
    for code, identifier in record_ids.items():
        if _CODE.search(code) is None:
            return f"{code!r} is not an organisation code"
        if type(identifier) is not str or not identifier:
            return f"the record id of {code} is not a non-empty string"
    return None


def _names_problem(names: Any) -> tuple[str, str] | None:
    if type(names) is not dict:
        return "", "is not an object"
    if "surname" not in names:
        return "", "'surname' is a required property"
    if not names.keys() <= _NAME_MEMBERS:
        return "", f"unexpected property {sorted(names.keys() - _NAME_MEMBERS)[0]!r}"
    if set(map(type, names.values())) != _TEXT:
        for member, value in names.items():
            if type(value) is not str:
                return member, "is not a string"
    if not names["surname"]:
        return "surname", "is empty"
    return None


def _gates_problem(gates: Any) -> tuple[str, str] | None:
    if type(gates) is not list:
        return "gates", "is not an array"
    if (
        set(map(type, gates)) <= _TEXT
        and _GATES.issuperset(gates)
        and len(set(gates)) == len(gates)
        and _REQUIRED_GATE_SET.issubset(gates)
    ):
        return None
    for number, gate in enumerate(gates):
        if type(gate) is not str or gate not in _GATES:
            return f"gates/{number}", f"{gate!r} is not a gate"
    if len(set(gates)) != len(gates):
        return "gates", "has a gate twice"
    for gate in _REQUIRED_GATES:
        if gate not in gates:
            return (
                "gates",
                f"{gate!r} is required: nobody is repatriated against their will",
            )
    return None
